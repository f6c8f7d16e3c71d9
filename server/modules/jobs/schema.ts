import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { RichText } from '../../core/rich-text/index.js';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';

/** Full-time rehire (再入社), contract (契約), side job (副業), freelance (業務委託), a fixed project. */
export const employmentTypes = ['rehire', 'contract', 'side_job', 'freelance', 'project'] as const;
export const remotePolicies = ['onsite', 'hybrid', 'remote'] as const;
/** `public`: on the careers page for anyone; `members`: approved, signed-in members only. */
export const jobVisibilities = ['public', 'members'] as const;
export const jobStatuses = ['draft', 'open', 'closed'] as const;
export const salaryUnits = ['year', 'month', 'day', 'hour', 'project'] as const;

export const responseKinds = ['interest', 'application', 'referral'] as const;
/** The company's pipeline (new → contacted → interviewing → hired / closed), and the member's withdrawal. */
export const responseStatuses = ['new', 'contacted', 'interviewing', 'hired', 'closed', 'withdrawn'] as const;
/** What an offer invites to: the kinds a member can say they are open to that the company can act on. */
export const offerKinds = ['rehire', 'side_job', 'freelance', 'referrals'] as const;
export const offerStatuses = ['sent', 'accepted', 'declined'] as const;

export type EmploymentType = (typeof employmentTypes)[number];
export type RemotePolicy = (typeof remotePolicies)[number];
export type JobVisibility = (typeof jobVisibilities)[number];
export type JobStatus = (typeof jobStatuses)[number];
export type SalaryUnit = (typeof salaryUnits)[number];
export type ResponseKind = (typeof responseKinds)[number];
export type ResponseStatus = (typeof responseStatuses)[number];
export type OfferKind = (typeof offerKinds)[number];
export type OfferStatus = (typeof offerStatuses)[number];

/** One language's version of a job: text fields, and each markdown field with its parsed tree. */
export interface JobTranslation {
  title?: string;
  department?: string;
  location?: string;
  descriptionMd?: string;
  description?: RichText;
  requirementsMd?: string;
  requirements?: RichText;
}
export type JobTranslations = Partial<Record<'ja' | 'en', JobTranslation>>;

/** A comeback job. Markdown is kept for editing; the parsed tree is what readers get. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    department: text('department').notNull().default(''),
    location: text('location').notNull().default(''),
    remotePolicy: text('remote_policy', { enum: remotePolicies }).notNull().default('onsite'),
    employmentType: text('employment_type', { enum: employmentTypes }).notNull(),
    descriptionMd: text('description_md').notNull().default(''),
    description: text('description', { mode: 'json' }).$type<RichText>().notNull(),
    requirementsMd: text('requirements_md').notNull().default(''),
    requirements: text('requirements', { mode: 'json' }).$type<RichText>().notNull(),
    salaryMin: integer('salary_min'),
    salaryMax: integer('salary_max'),
    salaryCurrency: text('salary_currency').notNull().default('JPY'),
    salaryUnit: text('salary_unit', { enum: salaryUnits }),
    visibility: text('visibility', { enum: jobVisibilities }).notNull().default('public'),
    status: text('status', { enum: jobStatuses }).notNull().default('draft'),
    /** After this instant the job takes no more responses, as if closed. */
    closesAt: text('closes_at'),
    /** The company's applicant tracking system; when set, "apply" goes there instead of a form here. */
    applyUrl: text('apply_url'),
    translations: text('translations', { mode: 'json' }).$type<JobTranslations>().notNull().default({}),
    /** When the job first opened (lists sort by it); reopening keeps it. */
    openedAt: text('opened_at'),
    /** Set by the job-alert run that announced this job, so no job is announced twice. */
    alertedAt: text('alerted_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // The board's order (newest opened first, id to break ties) and the admin list's, read straight off the index.
    index('jobs_tenant_status_opened_idx').on(t.tenantId, t.status, t.openedAt, t.id),
    index('jobs_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/**
 * A member's casual interest, application or referral for a job, and where the company's pipeline
 * has it. Job title and type are copied in, so the pipeline and the hire counts outlive a deleted job.
 * A referral holds the referred person's name and address: they are not a member, and only the
 * company (admin API, contact mail) ever sees the address.
 */
export const jobResponses = sqliteTable(
  'job_responses',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    jobId: text('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: responseKinds }).notNull(),
    jobTitle: text('job_title').notNull(),
    employmentType: text('employment_type', { enum: employmentTypes }).notNull(),
    note: text('note').notNull().default(''),
    message: text('message').notNull().default(''),
    resumeUrl: text('resume_url'),
    candidateName: text('candidate_name'),
    candidateEmail: text('candidate_email'),
    candidateRelation: text('candidate_relation'),
    candidateAgreed: integer('candidate_agreed', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: responseStatuses }).notNull().default('new'),
    statusChangedAt: text('status_changed_at').notNull(),
    hiredAt: text('hired_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // One live interest and one live application per member and job; a withdrawn one may be sent again.
    uniqueIndex('job_responses_member_uq')
      .on(t.tenantId, t.jobId, t.memberId, t.kind)
      .where(sql`kind in ('interest', 'application') and status <> 'withdrawn'`),
    // The same person referred to the same job once (by anyone).
    uniqueIndex('job_responses_candidate_uq')
      .on(t.tenantId, t.jobId, t.candidateEmail)
      .where(sql`kind = 'referral' and status <> 'withdrawn'`),
    index('job_responses_member_idx').on(t.tenantId, t.memberId, t.createdAt),
    index('job_responses_job_idx').on(t.tenantId, t.jobId, t.createdAt),
    index('job_responses_status_idx').on(t.tenantId, t.status, t.createdAt),
  ],
);

/**
 * Comeback hires, one per response the company marked hired: no personal data (type, route, date),
 * so the counts stay when the member is erased.
 */
export const jobHires = sqliteTable(
  'job_hires',
  {
    responseId: text('response_id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    jobId: text('job_id'),
    employmentType: text('employment_type', { enum: employmentTypes }).notNull(),
    kind: text('kind', { enum: responseKinds }).notNull(),
    hiredAt: text('hired_at').notNull(),
  },
  (t) => [index('job_hires_tenant_hired_idx').on(t.tenantId, t.hiredAt)],
);

/** A casual-meeting invitation from the company to a member open to that kind of work. */
export const jobOffers = sqliteTable(
  'job_offers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    jobId: text('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: offerKinds }).notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: offerStatuses }).notNull().default('sent'),
    createdAt: text('created_at').notNull(),
    respondedAt: text('responded_at'),
  },
  (t) => [index('job_offers_member_idx').on(t.tenantId, t.memberId, t.createdAt), index('job_offers_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** A member's job-alert choice: which employment types to hear about (the on/off is the `jobs.alerts` preference). */
export const jobAlerts = sqliteTable(
  'job_alerts',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    types: text('types', { mode: 'json' }).$type<EmploymentType[]>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberId] })],
);
