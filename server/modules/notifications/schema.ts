import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';

/** A member's choice for one kind of mail (absent: the topic's default). */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    value: text('value').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberId, t.topic] })],
);

/** The tenant's key for signing unsubscribe links (made on first use; links need no sign-in). */
export const notificationKeys = sqliteTable('notification_keys', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
});
