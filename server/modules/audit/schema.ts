import { index, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';

export const auditActorKinds = ['staff', 'secret_key'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/**
 * Every change made by staff or a secret key. The actor is a snapshot (name, address, role, or the
 * key's label), with no foreign key: the entry outlives the staff account or key it names.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actorKind: text('actor_kind', { enum: auditActorKinds }).notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role'),
    /** The route, as `METHOD /path/{id}`. */
    action: text('action').notNull(),
    targetId: text('target_id'),
    status: integer('status').notNull(),
    /** JSON `{ before?, after? }` where the service gives one: ids and states, never a member's profile. */
    summary: text('summary', { mode: 'json' }).$type<AuditSummary>(),
  },
  (t) => [index('audit_log_tenant_at_idx').on(t.tenantId, t.at, t.id), index('audit_log_tenant_actor_idx').on(t.tenantId, t.actorId, t.at)],
);

export interface AuditSummary {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}
