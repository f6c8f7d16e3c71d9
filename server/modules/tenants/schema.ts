import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const membershipPolicies = ['roster', 'roster_then_approval', 'open'] as const;
export type MembershipPolicy = (typeof membershipPolicies)[number];

/** A company using Homecoming. Every other row belongs to exactly one tenant. */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Origins (scheme://host[:port]) whose pages may use the publishable key. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  defaultLocale: text('default_locale', { enum: ['ja', 'en'] }).notNull().default('ja'),
  membershipPolicy: text('membership_policy', { enum: membershipPolicies }).notNull().default('roster_then_approval'),
  privacyPolicyUrl: text('privacy_policy_url'),
  privacyPolicyVersion: text('privacy_policy_version'),
  /** The company's alumni page (where its widgets are): every mail links there. */
  alumniPageUrl: text('alumni_page_url'),
  /** Where the company is told of job interest, applications and referrals. */
  contactEmails: text('contact_emails', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  /** How long before an event its registrants get a reminder mail; 0 sends none. */
  eventReminderHours: integer('event_reminder_hours').notNull().default(24),
  /** A new member's first post waits for the company's approval before others see it. */
  feedFirstPostApproval: integer('feed_first_post_approval', { mode: 'boolean' }).notNull().default(false),
  /** Approved members may create groups (they become the group's first admin). */
  membersCreateGroups: integer('members_create_groups', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const apiKeyKinds = ['publishable', 'secret'] as const;
export type ApiKeyKind = (typeof apiKeyKinds)[number];

/** Publishable (pk_) and secret (sk_) keys. Only a SHA-256 hash of the key is kept. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: apiKeyKinds }).notNull(),
    label: text('label').notNull(),
    /** The first characters of the key, safe to show so people can tell keys apart. */
    preview: text('preview').notNull(),
    hash: text('hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId)],
);
