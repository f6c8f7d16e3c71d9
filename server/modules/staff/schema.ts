import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { events } from '../events/schema.js';
import { tenants } from '../tenants/schema.js';

export const staffRoles = ['owner', 'admin', 'moderator', 'event_staff'] as const;
export type StaffRole = (typeof staffRoles)[number];
/** invited: mailed, not yet signed in; active: has signed in; removed: can no longer sign in (the row stays for the audit log). */
export const staffStatuses = ['invited', 'active', 'removed'] as const;
export type StaffStatus = (typeof staffStatuses)[number];

/** The company's people who run the network in the console. One row per address per tenant. */
export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    status: text('status', { enum: staffStatuses }).notNull(),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    invitedBy: text('invited_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    lastSignInAt: text('last_sign_in_at'),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('staff_tenant_email_idx').on(t.tenantId, t.email), index('staff_tenant_created_idx').on(t.tenantId, t.createdAt, t.id)],
);

/** The events an event-staff account may check people in at and see the attendees of. */
export const staffEventAssignments = sqliteTable(
  'staff_event_assignments',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    staffId: text('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.eventId] }), index('staff_event_assignments_event_idx').on(t.tenantId, t.eventId)],
);

/** One-time console sign-in codes; only the hash is kept. Separate from members' codes, so neither opens the other. */
export const staffCodes = sqliteTable(
  'staff_codes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    staffId: text('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: text('consumed_at'),
  },
  (t) => [index('staff_codes_email_idx').on(t.email, t.createdAt)],
);

/** Console sessions (token prefix `hcst_`); only the token's hash is kept. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    staffId: text('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);
