import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';

/** Messages members sent each other through Homecoming (addresses are never shown to the sender). */
export const contactMessages = sqliteTable(
  'contact_messages',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    fromMemberId: text('from_member_id').notNull(),
    toMemberId: text('to_member_id').notNull(),
    body: text('body').notNull(),
    repliesAllowed: integer('replies_allowed', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('contact_messages_from_idx').on(t.tenantId, t.fromMemberId)],
);
