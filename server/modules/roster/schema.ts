import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';

/** A leaver the tenant uploaded; a sign-up whose email matches is approved at once. */
export const rosterEntries = sqliteTable(
  'roster_entries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    emails: text('emails', { mode: 'json' }).$type<string[]>().notNull(),
    name: text('name').notNull().default(''),
    employeeNumber: text('employee_number'),
    department: text('department').notNull().default(''),
    joinedOn: text('joined_on'),
    leftOn: text('left_on'),
    /** The kind a matching member gets: a key of the tenant's member kinds. */
    kind: text('kind').notNull().default('alumni'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('roster_tenant_employee_uq').on(t.tenantId, t.employeeNumber)],
);

/** One row per roster email, so matching a sign-up is an index lookup. */
export const rosterEmails = sqliteTable(
  'roster_emails',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    rosterEntryId: text('roster_entry_id').notNull().references(() => rosterEntries.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('roster_emails_uq').on(t.tenantId, t.email)],
);
