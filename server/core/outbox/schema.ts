import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from '../../modules/tenants/schema.js';

/** `mail`: a message for the mailer; `job`: work a module's topic handler does (e.g. re-indexing a member). */
export const outboxKinds = ['mail', 'job'] as const;
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
    /** What it is about, for the operator, the logs and the topic's handlers: `sign-in-code`, `directory.reindex`. */
    topic: text('topic').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The member the message is for, when there is one: erasing the member drops what is still pending. */
    memberId: text('member_id'),
    /**
     * Work that would only repeat itself waits once: while a row with this key is pending and unclaimed,
     * another with the same key is not added (e.g. re-indexing a member edited twice in a row).
     */
    coalesceKey: text('coalesce_key'),
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
    uniqueIndex('outbox_coalesce_idx').on(t.tenantId, t.coalesceKey).where(sql`status = 'pending' and locked_by is null`),
    index('outbox_member_idx').on(t.tenantId, t.memberId),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
