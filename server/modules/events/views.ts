/**
 * What each caller sees of an event. Seats and the caller's own registration are read for a whole page
 * of events in two grouped queries. The online link, the private details and a private address are in
 * a view only when the caller is registered (not waitlisted): `onlineUrl` and `privateDetails` are
 * absent from every other view, not null.
 */
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { eventPageUrl, googleCalendarUrl } from './calendar.js';
import type { EventAnswer } from './schema.js';
import type { EventRow } from './service.js';

export interface EventCounts {
  /** Registered and not (yet) checked in; `registered + attended` hold seats. */
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  /** Guests brought by registered members. */
  guests: number;
  /** Registered members plus their guests. */
  seatsTaken: number;
}

const noCounts: EventCounts = { registered: 0, waitlisted: 0, cancelled: 0, attended: 0, guests: 0, seatsTaken: 0 };

/** Counts per event, for a page of events (one grouped query). */
export async function countsFor(ctx: ServiceContext, eventIds: string[]): Promise<Map<string, EventCounts>> {
  const out = new Map<string, EventCounts>();
  if (!eventIds.length) return out;
  const rows = await ctx.db.all<Record<string, number | string>>(sql`
    select event_id,
      sum(status = 'registered' and checked_in_at is null) as registered, sum(status = 'waitlisted') as waitlisted, sum(status = 'cancelled') as cancelled,
      sum(status = 'registered' and checked_in_at is not null) as attended,
      coalesce(sum(case when status = 'registered' then guests end), 0) as guests,
      coalesce(sum(case when status = 'registered' then 1 + guests end), 0) as seats
    from event_registrations
    where tenant_id = ${ctx.tenant.id} and event_id in (${sql.join(eventIds.map((id) => sql`${id}`), sql`, `)})
    group by event_id`);
  for (const r of rows) {
    out.set(String(r.event_id), {
      registered: Number(r.registered),
      waitlisted: Number(r.waitlisted),
      cancelled: Number(r.cancelled),
      attended: Number(r.attended),
      guests: Number(r.guests),
      seatsTaken: Number(r.seats),
    });
  }
  return out;
}

/** The caller's own live registration (registered or waitlisted) and, when waiting, their place in line. */
export interface ViewerRegistration {
  id: string;
  status: 'registered' | 'waitlisted';
  guests: number;
  answers: EventAnswer[];
  checkInCode: string;
  checkedInAt: string | null;
  icalSequence: number;
  registeredAt: string;
  /** 1 for the first in line; null when registered. */
  waitlistPosition: number | null;
}

export async function viewerRegistrationsFor(ctx: ServiceContext, memberId: string, eventIds: string[]): Promise<Map<string, ViewerRegistration>> {
  const out = new Map<string, ViewerRegistration>();
  if (!eventIds.length) return out;
  const rows = await ctx.db.all<Record<string, string | number | null>>(sql`
    select r.id, r.event_id, r.status, r.guests, r.answers, r.check_in_code, r.checked_in_at, r.ical_sequence, r.registered_at,
      case when r.status = 'waitlisted' then
        (select count(*) from event_registrations w where w.event_id = r.event_id and w.status = 'waitlisted' and w.position <= r.position)
      end as place
    from event_registrations r
    where r.tenant_id = ${ctx.tenant.id} and r.member_id = ${memberId} and r.status <> 'cancelled'
      and r.event_id in (${sql.join(eventIds.map((id) => sql`${id}`), sql`, `)})`);
  for (const r of rows) {
    out.set(String(r.event_id), {
      id: String(r.id),
      status: r.status as ViewerRegistration['status'],
      guests: Number(r.guests),
      answers: JSON.parse(String(r.answers)) as EventAnswer[],
      checkInCode: String(r.check_in_code),
      checkedInAt: r.checked_in_at === null ? null : String(r.checked_in_at),
      icalSequence: Number(r.ical_sequence),
      registeredAt: String(r.registered_at),
      waitlistPosition: r.place === null ? null : Number(r.place),
    });
  }
  return out;
}

/** Registration is open while the event is published and its deadline (else its end) has not passed. */
export function registrationOpen(row: EventRow, now: Date): boolean {
  return row.status === 'published' && now.toISOString() < (row.registrationDeadline ?? row.endsAt);
}

export function seatsLeft(row: EventRow, counts: EventCounts | undefined): number | null {
  return row.capacity === null ? null : Math.max(0, row.capacity - (counts ?? noCounts).seatsTaken);
}

export interface ViewInput {
  now: Date;
  alumniPageUrl: string | null;
  counts?: EventCounts;
  /** The signed-in caller's registration; undefined for a publishable-key caller. */
  mine?: ViewerRegistration | null;
}

/** An event as the widgets and any pk/session caller see it. */
export function toPublicEvent(row: EventRow, v: ViewInput) {
  const registered = v.mine?.status === 'registered';
  const url = eventPageUrl(v.alumniPageUrl, row.id);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    venueName: row.venueName,
    venueAddress: row.venueAddressPrivate && !registered ? null : row.venueAddress,
    venueAddressPrivate: row.venueAddressPrivate,
    isOnline: row.isOnline,
    feeAmount: row.feeAmount,
    feeCurrency: row.feeCurrency,
    capacity: row.capacity,
    maxGuests: row.maxGuests,
    questions: row.questions,
    registrationDeadline: row.registrationDeadline,
    notes: row.notes,
    status: row.status,
    translations: row.translations,
    seatsLeft: seatsLeft(row, v.counts),
    waitlistCount: (v.counts ?? noCounts).waitlisted,
    registrationOpen: registrationOpen(row, v.now),
    googleCalendarUrl: googleCalendarUrl({ event: row, includePrivate: registered, url }),
    registration: v.mine
      ? {
          status: v.mine.status,
          guests: v.mine.guests,
          answers: v.mine.answers,
          waitlistPosition: v.mine.waitlistPosition,
          checkedIn: v.mine.checkedInAt !== null,
          registeredAt: v.mine.registeredAt,
        }
      : null,
    ...(registered ? { onlineUrl: row.onlineUrl, privateDetails: row.privateDetails } : {}),
  };
}

export type PublicEventView = ReturnType<typeof toPublicEvent>;

/** Views of a page of events for one caller: seats for all, and the caller's registration when signed in. */
export async function publicEventViews(ctx: ServiceContext, rows: EventRow[], memberId?: string): Promise<PublicEventView[]> {
  const ids = rows.map((r) => r.id);
  const [counts, mine] = await Promise.all([countsFor(ctx, ids), memberId ? viewerRegistrationsFor(ctx, memberId, ids) : undefined]);
  return rows.map((row) =>
    toPublicEvent(row, { now: ctx.now, alumniPageUrl: ctx.tenant.alumniPageUrl, counts: counts.get(row.id), mine: mine ? (mine.get(row.id) ?? null) : undefined }),
  );
}

/** An event as its organiser sees it: everything, with the counts. */
export function toAdminEvent(row: EventRow, counts: EventCounts | undefined, now: Date) {
  const { registration: _r, ...view } = toPublicEvent(row, { now, alumniPageUrl: null, counts });
  const c = counts ?? noCounts;
  return {
    ...view,
    venueAddress: row.venueAddress,
    onlineUrl: row.onlineUrl,
    privateDetails: row.privateDetails,
    googleCalendarUrl: googleCalendarUrl({ event: row, includePrivate: true }),
    counts: { ...c, seatsLeft: seatsLeft(row, c) },
    sequence: row.sequence,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function adminEventViews(ctx: ServiceContext, rows: EventRow[]) {
  const counts = await countsFor(ctx, rows.map((r) => r.id));
  return rows.map((row) => toAdminEvent(row, counts.get(row.id), ctx.now));
}
