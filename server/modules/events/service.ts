import { and, asc, desc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { events, type EventCategory, type EventStatus, type EventTranslations } from '../../db/schema.js';
import { AppError, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';

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
  if (Date.parse(e.endsAt) < Date.parse(e.startsAt)) errors.push({ field: 'body.endsAt', message: 'must not be before startsAt' });
  if (!isTimeZone(e.timeZone)) errors.push({ field: 'body.timeZone', message: 'is not an IANA time zone such as Asia/Tokyo' });
  if (e.registrationDeadline && Date.parse(e.registrationDeadline) > Date.parse(e.endsAt)) {
    errors.push({ field: 'body.registrationDeadline', message: 'must not be after endsAt' });
  }
  if (!e.isOnline && !e.venueName) errors.push({ field: 'body.venueName', message: 'is required unless the event is online' });
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

export async function createEvent(db: Db, tenantId: string, now: Date, input: EventInput): Promise<EventRow> {
  checkEvent(input);
  const ts = now.toISOString();
  const [row] = await db
    .insert(events)
    .values({ ...normalize(input), id: newId('evt'), tenantId, createdAt: ts, updatedAt: ts })
    .returning();
  return row!;
}

export async function getEvent(db: Db, tenantId: string, id: string): Promise<EventRow> {
  const row = await db.query.events.findFirst({ where: and(eq(events.tenantId, tenantId), eq(events.id, id)) });
  if (!row) throw new AppError('not_found', `No event ${id}.`);
  return row;
}

export async function updateEvent(db: Db, tenantId: string, id: string, now: Date, patch: Partial<EventInput>): Promise<EventRow> {
  const current = await getEvent(db, tenantId, id);
  const merged: EventInput = { ...current, ...patch } as EventInput;
  checkEvent(merged);
  const [row] = await db
    .update(events)
    .set({ ...normalize(merged), updatedAt: now.toISOString() })
    .where(and(eq(events.tenantId, tenantId), eq(events.id, id)))
    .returning();
  return row!;
}

export async function deleteEvent(db: Db, tenantId: string, id: string): Promise<void> {
  const deleted = await db.delete(events).where(and(eq(events.tenantId, tenantId), eq(events.id, id))).returning({ id: events.id });
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
export async function listEvents(db: Db, tenantId: string, now: Date, query: EventListQuery, publishedOnly: boolean) {
  const { limit, when } = query;
  const cursor = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const nowIso = now.toISOString();
  const ascending = when !== 'past';
  const conditions: (SQL | undefined)[] = [eq(events.tenantId, tenantId)];
  if (publishedOnly) conditions.push(eq(events.status, 'published'));
  else if (query.status) conditions.push(eq(events.status, query.status));
  if (when === 'upcoming') conditions.push(gte(events.endsAt, nowIso));
  if (when === 'past') conditions.push(lt(events.endsAt, nowIso));
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
  const rows = await db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(...(ascending ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]))
    .limit(limit + 1);
  return paginate(rows, limit, (r) => [r.startsAt, r.id]);
}
