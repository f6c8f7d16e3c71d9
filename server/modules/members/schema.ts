import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';

export const memberStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const;
/**
 * What a member says they are open to. The company may send an offer (a casual-meeting invitation) for
 * rehire, side job, freelance or referrals only to a member open to it. Flags are only ever added
 * (freelance and referrals came with the job board), so stored profiles keep working.
 */
export const openToFlags = ['rehire', 'side_job', 'freelance', 'referrals', 'mentoring', 'business', 'keep_in_touch'] as const;
/** Who may see a profile field: other approved members, only the company (admin API), or nobody. */
export const visibilityLevels = ['members', 'company', 'nobody'] as const;

/** A key of one of the tenant's member kinds (server/modules/member-kinds): 'alumni', 'employee', or one the company added. */
export type MemberKind = string;
export type MemberStatus = (typeof memberStatuses)[number];
export type OpenToFlag = (typeof openToFlags)[number];
export type Visibility = (typeof visibilityLevels)[number];

export interface CareerEntry {
  department: string;
  title?: string;
  from?: string;
  to?: string;
}
export interface ProfileLink {
  label: string;
  url: string;
}

/** A person in a tenant's network, and their profile. Email is stored lower-cased. */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** Stable id from the tenant's own login (SSO `sub`), when the member came through SSO. */
    externalId: text('external_id'),
    /** The member's kind (alumni, employee, or one the company added): what they may use follows from it. */
    kind: text('kind').notNull().default('alumni'),
    status: text('status', { enum: memberStatuses }).notNull().default('pending'),
    statusReason: text('status_reason'),
    rosterEntryId: text('roster_entry_id'),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull().default('ja'),
    consentVersion: text('consent_version'),
    consentAt: text('consent_at'),
    // Profile
    name: text('name').notNull().default(''),
    nameKana: text('name_kana').notNull().default(''),
    photoUrl: text('photo_url'),
    joinedYear: integer('joined_year'),
    leftYear: integer('left_year'),
    lastDepartment: text('last_department').notNull().default(''),
    lastTitle: text('last_title').notNull().default(''),
    career: text('career', { mode: 'json' }).$type<CareerEntry[]>().notNull().default([]),
    currentCompany: text('current_company').notNull().default(''),
    currentTitle: text('current_title').notNull().default(''),
    location: text('location').notNull().default(''),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull().default([]),
    qualifications: text('qualifications', { mode: 'json' }).$type<string[]>().notNull().default([]),
    interests: text('interests', { mode: 'json' }).$type<string[]>().notNull().default([]),
    bio: text('bio').notNull().default(''),
    links: text('links', { mode: 'json' }).$type<ProfileLink[]>().notNull().default([]),
    openTo: text('open_to', { mode: 'json' }).$type<OpenToFlag[]>().notNull().default([]),
    /** Per-field visibility; a field not named here uses the default for that field. */
    visibility: text('visibility', { mode: 'json' }).$type<Record<string, Visibility>>().notNull().default({}),
    /** Kept out of the directory entirely when true. */
    unlisted: integer('unlisted', { mode: 'boolean' }).notNull().default(false),
    /** Whether people who receive a contact message from this member may reply to their address. */
    allowReplies: integer('allow_replies', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    approvedAt: text('approved_at'),
  },
  (t) => [
    uniqueIndex('members_tenant_email_uq').on(t.tenantId, t.email),
    uniqueIndex('members_tenant_external_uq').on(t.tenantId, t.externalId),
    index('members_tenant_status_idx').on(t.tenantId, t.status),
  ],
);

/** Each acceptance of a privacy-policy version, kept as a record of consent. */
export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    acceptedAt: text('accepted_at').notNull(),
  },
  (t) => [index('consents_member_idx').on(t.memberId)],
);
