/**
 * Changing an event, and what follows for the people registered — all in the change's own write batch:
 *  - cancelling: exactly one request flips the status (a conditional update), and only it queues the
 *    job that tells registrants and removes the event from their calendars;
 *  - a change of time, place, link, title or private details: SEQUENCE rises and registrants get the
 *    updated invitation (one job per event waits at a time; it mails the event as it then is);
 *  - more capacity (or the event published again): the waitlist is promoted in order, as many as fit;
 *  - a new start time: the reminder check is queued for it (the old one finds the start moved and stops).
 */
import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { recordJob } from '../../core/outbox/record.js';
import { normalizeQuestions } from './questions.js';
import { promoteStatements } from './registrations.js';
import { events } from './schema.js';
import { checkEvent, getEvent, normalize, scheduleCheck, type EventInput, type EventRow } from './service.js';
import { randomToken } from '../../core/crypto.js';

/** What a registrant's calendar and mail must follow. */
const followed = ['title', 'startsAt', 'endsAt', 'timeZone', 'venueName', 'venueAddress', 'onlineUrl', 'isOnline', 'privateDetails'] as const;

export async function updateEvent(ctx: ServiceContext, id: string, patch: Partial<EventInput>): Promise<EventRow> {
  const { db, scoped, tenant, now } = ctx;
  const current = await getEvent(ctx, id);
  const { questions: questionInput, ...rest } = patch;
  const merged = { ...current, ...rest } as EventInput & { questions?: unknown };
  checkEvent(merged as EventInput);
  const questions = questionInput ? normalizeQuestions(questionInput) : current.questions;
  // The row's own bookkeeping (sequence, ids, timestamps) is not the caller's to set.
  const { questions: _old, sequence: _s, id: _i, tenantId: _t, createdAt: _c, updatedAt: _u, ...fields } = merged as typeof merged & Partial<EventRow>;
  const next = normalize(fields as EventInput);
  const changed = followed.filter((k) => (next[k] ?? null) !== (current[k] ?? null));
  const cancelling = next.status === 'cancelled' && current.status !== 'cancelled';
  const statusChanged = next.status !== current.status;
  const organizer = ctx.config.MAIL_FROM;

  const statements: BatchItem<'sqlite'>[] = [];
  if (cancelling) {
    statements.push(
      db.run(sql`update events set status = 'cancelled', sequence = sequence + 1, updated_at = ${now.toISOString()}
        where id = ${id} and tenant_id = ${tenant.id} and status <> 'cancelled'`),
      recordJob(db, { tenantId: tenant.id, topic: 'events.cancelled', now, when: sql`changes() = 1`, payload: { eventId: id, organizer } }),
    );
  }
  const bump = !cancelling && (changed.length > 0 || statusChanged);
  const update = scoped
    .update(events, { ...next, questions, ...(bump ? { sequence: sql`${events.sequence} + 1` } : {}), updatedAt: now.toISOString() }, eq(events.id, id))
    .returning();
  statements.push(update);
  const updateIndex = statements.length - 1;
  if (next.status === 'published') {
    if (changed.length > 0 || current.status === 'cancelled') {
      statements.push(recordJob(db, { tenantId: tenant.id, topic: 'events.changed', now, coalesceKey: `changed:${id}`, payload: { eventId: id, organizer } }));
    }
    if (next.capacity !== current.capacity || statusChanged) {
      statements.push(...promoteStatements(db, { tenantId: tenant.id, eventId: id, token: randomToken(16), now, organizer }));
    }
    if (statusChanged || next.startsAt !== current.startsAt) statements.push(scheduleCheck(ctx, { id, startsAt: next.startsAt }));
  }
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return (results[updateIndex] as EventRow[])[0]!;
}
