import { and, asc, desc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { events, type EventCategory, type EventStatus, type EventTranslations } from './schema.js';

export type EventRow = typeof events.$inferSelect;

export interface EventInput {
  title: string;
  description?: string;
  category: EventCategory;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName?: string | null;
  venueAddress?: string | null;
  isOnline?: boolean;
  onlineUrl?: string | null;
  feeAmount?: number;
  feeCurrency?: string;
  capacity?: number | null;
  registrationDeadline?: string | null;
  notes?: string;
  status?: EventStatus;
  translations?: EventTranslations;
}

/** What anyone with the publishable key may see of a published event. */
export function toPublicEvent(row: EventRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    isOnline: row.isOnline,
    feeAmount: row.feeAmount,
    feeCurrency: row.feeCurrency,
    capacity: row.capacity,
    registrationDeadline: row.registrationDeadline,
    notes: row.notes,
    status: row.status,
    translations: row.translations,
  };
}

export function toAdminEvent(row: EventRow) {
  return { ...toPublicEvent(row), onlineUrl: row.onlineUrl, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

const iso = (value: string) => new Date(value).toISOString();

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Rules that span fields; checked on the merged record so a PATCH cannot break them either. */
function checkEvent(e: EventInput): void {
  const errors: FieldError[] = [];
  if (Date.parse(e.endsAt) < Date.parse(e.startsAt)) errors.push({ field: 'endsAt', message: 'must not be before startsAt' });
  if (!isTimeZone(e.timeZone)) errors.push({ field: 'timeZone', message: 'is not an IANA time zone such as Asia/Tokyo' });
  if (e.registrationDeadline && Date.parse(e.registrationDeadline) > Date.parse(e.endsAt)) {
    errors.push({ field: 'registrationDeadline', message: 'must not be after endsAt' });
  }
  if (!e.isOnline && !e.venueName) errors.push({ field: 'venueName', message: 'is required unless the event is online' });
  if (errors.length) throw AppError.invalid(errors);
}

function normalize(e: EventInput) {
  return {
    ...e,
    startsAt: iso(e.startsAt),
    endsAt: iso(e.endsAt),
    registrationDeadline: e.registrationDeadline ? iso(e.registrationDeadline) : null,
  };
}

export async function createEvent(ctx: ServiceContext, input: EventInput): Promise<EventRow> {
  checkEvent(input);
  const ts = ctx.now.toISOString();
  const [row] = await ctx.scoped.insert(events, { ...normalize(input), id: newId('evt'), createdAt: ts, updatedAt: ts }).returning();
  return row!;
}

export async function getEvent(ctx: ServiceContext, id: string): Promise<EventRow> {
  const [row] = await ctx.scoped.select(events, eq(events.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No event ${id}.`);
  return row;
}

/** A published event, as the public read path may show it: drafts are as good as absent. */
export async function getPublishedEvent(ctx: ServiceContext, id: string): Promise<EventRow> {
  const row = await getEvent(ctx, id);
  if (row.status !== 'published') throw new AppError('not_found', `No event ${id}.`);
  return row;
}

export async function updateEvent(ctx: ServiceContext, id: string, patch: Partial<EventInput>): Promise<EventRow> {
  const current = await getEvent(ctx, id);
  const merged: EventInput = { ...current, ...patch } as EventInput;
  checkEvent(merged);
  const [row] = await ctx.scoped
    .update(events, { ...normalize(merged), updatedAt: ctx.now.toISOString() }, eq(events.id, id))
    .returning();
  return row!;
}

export async function deleteEvent(ctx: ServiceContext, id: string): Promise<void> {
  const deleted = await ctx.scoped.delete(events, eq(events.id, id)).returning({ id: events.id });
  if (!deleted.length) throw new AppError('not_found', `No event ${id}.`);
}

export interface EventListQuery {
  limit: number;
  cursor?: string;
  when?: 'upcoming' | 'past';
  category?: EventCategory;
  q?: string;
  status?: EventStatus;
}

/** Keyword match as a plain substring (`instr`), so no character of the input is query syntax. */
function keyword(q: string): SQL {
  const needle = q.toLowerCase();
  return sql`(instr(lower(${events.title}), ${needle}) > 0 or instr(lower(${events.description}), ${needle}) > 0 or instr(lower(${events.translations}), ${needle}) > 0 or instr(lower(coalesce(${events.venueName}, '')), ${needle}) > 0)`;
}

/**
 * Lists a tenant's events. Upcoming (not yet ended) soonest first; past most recent first.
 * `publishedOnly` is how the public read path is kept to published events.
 */
export async function listEvents(ctx: ServiceContext, query: EventListQuery, publishedOnly: boolean) {
  const { limit, when } = query;
  const cursor = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const nowIso = ctx.now.toISOString();
  const ascending = when !== 'past';
  const conditions: (SQL | undefined)[] = [];
  if (publishedOnly) conditions.push(eq(events.status, 'published'));
  else if (query.status) conditions.push(eq(events.status, query.status));
  if (when === 'upcoming') {
    conditions.push(gte(events.endsAt, nowIso));
    // Where the scan of the start-time index begins: the earliest start among events not over yet
    // (found on the ends_at index), not the tenant's first event ever — so the cost does not grow
    // with the years of past events. NULL (none upcoming) matches nothing, as it should.
    conditions.push(sql`${events.startsAt} >= (select min(u.starts_at) from events u where u.tenant_id = ${ctx.tenant.id} and u.ends_at >= ${nowIso})`);
  }
  if (when === 'past') {
    conditions.push(lt(events.endsAt, nowIso));
    // Implied (an event starts before it ends), and it lets the descending scan skip the future.
    conditions.push(lt(events.startsAt, nowIso));
  }
  if (query.category) conditions.push(eq(events.category, query.category));
  if (query.q) conditions.push(keyword(query.q));
  if (cursor) {
    const [startsAt, id] = cursor;
    conditions.push(
      ascending
        ? or(gt(events.startsAt, startsAt), and(eq(events.startsAt, startsAt), gt(events.id, id)))
        : or(lt(events.startsAt, startsAt), and(eq(events.startsAt, startsAt), lt(events.id, id))),
    );
  }
  const rows = await ctx.scoped
    .select(events, ...conditions)
    .orderBy(...(ascending ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]))
    .limit(limit + 1);
  return paginate(rows, limit, (r) => [r.startsAt, r.id]);
}
