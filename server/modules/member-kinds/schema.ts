import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';
import type { Feature } from './features.js';

/**
 * A tenant's member kinds and what each may use. The built-in 'alumni' and 'employee' have a row only
 * once the company changed them (features.ts has their defaults); kinds the company adds always have one.
 */
export const memberKinds = sqliteTable(
  'member_kinds',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    labelJa: text('label_ja').notNull(),
    labelEn: text('label_en').notNull(),
    features: text('features', { mode: 'json' }).$type<Feature[]>().notNull(),
    builtIn: integer('built_in', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('member_kinds_tenant_key_uq').on(t.tenantId, t.key), index('member_kinds_tenant_position_idx').on(t.tenantId, t.position)],
);
