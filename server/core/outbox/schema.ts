import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from '../../modules/tenants/schema.js';

export const outboxKinds = ['mail'] as const;
export type OutboxKind = (typeof outboxKinds)[number];

export const outboxStatuses = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Side effects waiting to happen (mail now, webhooks later), written in the same transaction as the
 * change that causes them and delivered by the outbox worker of whichever API process claims them.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: outboxKinds }).notNull(),
    /** What it is about, for the operator and for logs, e.g. `sign-in-code`, `member-approved`. */
    topic: text('topic').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The member the message is for, when there is one: erasing the member drops what is still pending. */
    memberId: text('member_id'),
    /** When set, a second record with the same key in the tenant is ignored (e.g. one reminder per registration). */
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this instant (ms since the epoch): the first try, or the next after a failure. */
    availableAt: integer('available_at').notNull(),
    /** The worker that claimed it and until when; a crashed worker's claim simply runs out. */
    lockedBy: text('locked_by'),
    lockedUntil: integer('locked_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.availableAt),
    uniqueIndex('outbox_dedupe_idx').on(t.tenantId, t.dedupeKey),
    index('outbox_member_idx').on(t.tenantId, t.memberId),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
