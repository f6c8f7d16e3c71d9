/**
 * The organiser's side of registrations: who is coming (status, guests, answers), as a list and as
 * CSV, check-in at the door (by registration or by the code from the confirmation mail), and a
 * message to everyone registered, sent through the outbox.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { csvFile } from '../../core/csv.js';
import { AppError } from '../../core/errors.js';
import { recordJob } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { members } from '../members/schema.js';
import { formatCheckInCode } from './mail.js';
import { answerText } from './questions.js';
import { eventRegistrations, type EventQuestion } from './schema.js';
import { getEvent } from './service.js';
import type { RegistrationRow } from './registrations.js';

export const attendeeStatuses = ['registered', 'waitlisted', 'cancelled', 'attended'] as const;
export type AttendeeStatus = (typeof attendeeStatuses)[number];

const statusOf = (r: RegistrationRow): AttendeeStatus => (r.status === 'registered' && r.checkedInAt ? 'attended' : r.status);

function statusCondition(status: AttendeeStatus): SQL {
  if (status === 'attended') return and(eq(eventRegistrations.status, 'registered'), isNotNull(eventRegistrations.checkedInAt))!;
  if (status === 'registered') return and(eq(eventRegistrations.status, 'registered'), isNull(eventRegistrations.checkedInAt))!;
  return eq(eventRegistrations.status, status);
}

interface Person {
  name: string;
  email: string;
}

/** Waitlist places of the event's waiting rows (1 = next in line). */
async function waitlistPlaces(ctx: ServiceContext, eventId: string): Promise<Map<string, number>> {
  const waiting = await ctx.scoped
    .select(eventRegistrations, eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted'))
    .orderBy(asc(eventRegistrations.position));
  return new Map(waiting.map((r, i) => [r.id, i + 1]));
}

function toAttendee(r: RegistrationRow, person: Person | undefined, questions: EventQuestion[], places: Map<string, number>) {
  return {
    registrationId: r.id,
    memberId: r.memberId,
    name: person?.name ?? '',
    email: person?.email ?? '',
    status: statusOf(r),
    guests: r.guests,
    answers: questions.flatMap((q) => {
      const a = r.answers.find((x) => x.questionId === q.id);
      return a ? [{ questionId: q.id, question: q.label, value: a.value }] : [];
    }),
    waitlistPosition: places.get(r.id) ?? null,
    checkInCode: r.checkInCode,
    registeredAt: r.registeredAt,
    promotedAt: r.promotedAt,
    cancelledAt: r.cancelledAt,
    checkedInAt: r.checkedInAt,
  };
}

export type Attendee = ReturnType<typeof toAttendee>;

async function people(ctx: ServiceContext, rows: RegistrationRow[]): Promise<Map<string, Person>> {
  if (!rows.length) return new Map();
  const found = await ctx.scoped.select(members, inArray(members.id, rows.map((r) => r.memberId)));
  return new Map(found.map((m) => [m.id, { name: m.name, email: m.email }]));
}

/** The event's registrations in the order people registered, optionally of one status. */
export async function listAttendees(ctx: ServiceContext, eventId: string, query: { limit: number; cursor?: string; status?: AttendeeStatus }) {
  const event = await getEvent(ctx, eventId);
  const where: (SQL | undefined)[] = [eq(eventRegistrations.eventId, eventId)];
  if (query.status) where.push(statusCondition(query.status));
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  if (after) {
    const [at, id] = after;
    where.push(or(gt(eventRegistrations.registeredAt, at), and(eq(eventRegistrations.registeredAt, at), gt(eventRegistrations.id, id))));
  }
  const rows = await ctx.scoped
    .select(eventRegistrations, ...where)
    .orderBy(asc(eventRegistrations.registeredAt), asc(eventRegistrations.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.registeredAt, r.id]);
  const [who, places] = await Promise.all([people(ctx, page.data), waitlistPlaces(ctx, eventId)]);
  return { data: page.data.map((r) => toAttendee(r, who.get(r.memberId), event.questions, places)), nextCursor: page.nextCursor };
}

const csvColumns = ['registrationId', 'memberId', 'name', 'email', 'status', 'guests', 'waitlistPosition', 'checkInCode', 'registeredAt', 'cancelledAt', 'checkedInAt'] as const;

/** Every registration of the event as CSV (UTF-8 with BOM, formula-safe cells), one column per question. */
export async function attendeesCsv(ctx: ServiceContext, eventId: string): Promise<string> {
  const event = await getEvent(ctx, eventId);
  const rows = await ctx.scoped.select(eventRegistrations, eq(eventRegistrations.eventId, eventId)).orderBy(asc(eventRegistrations.registeredAt), asc(eventRegistrations.id));
  const [who, places] = await Promise.all([people(ctx, rows), waitlistPlaces(ctx, eventId)]);
  const lines = rows.map((r) => {
    const a = toAttendee(r, who.get(r.memberId), event.questions, places);
    const facts: Record<(typeof csvColumns)[number], string> = {
      ...a,
      guests: String(a.guests),
      waitlistPosition: a.waitlistPosition === null ? '' : String(a.waitlistPosition),
      checkInCode: formatCheckInCode(a.checkInCode),
      cancelledAt: a.cancelledAt ?? '',
      checkedInAt: a.checkedInAt ?? '',
    };
    return [...csvColumns.map((c) => facts[c]), ...event.questions.map((q) => answerText(r.answers.find((x) => x.questionId === q.id)))];
  });
  return csvFile([...csvColumns, ...event.questions.map((q) => q.label)], lines);
}

/** `7kq4-m2xp`, `7KQ4 M2XP` → `7KQ4M2XP`: what people type or a scanner reads, as stored. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/**
 * Marks a registered member as attended, found by registration id or check-in code. Checking in
 * twice is a success that changes nothing (`alreadyCheckedIn`); a waitlisted or cancelled registration
 * is a 409, so the door staff see at once that this person has no seat.
 */
export async function checkIn(ctx: ServiceContext, eventId: string, input: { registrationId?: string; code?: string }) {
  const event = await getEvent(ctx, eventId);
  if (!input.registrationId === !input.code) throw AppError.field('code', 'give either a registrationId or a code');
  const which = input.registrationId ? eq(eventRegistrations.id, input.registrationId) : eq(eventRegistrations.checkInCode, normalizeCode(input.code!));
  const ts = ctx.now.toISOString();
  const [changed] = await ctx.scoped
    .update(eventRegistrations, { checkedInAt: ts, updatedAt: ts }, eq(eventRegistrations.eventId, eventId), which, eq(eventRegistrations.status, 'registered'), isNull(eventRegistrations.checkedInAt))
    .returning();
  const [row] = changed ? [changed] : await ctx.scoped.select(eventRegistrations, eq(eventRegistrations.eventId, eventId), which).limit(1);
  if (!row) throw new AppError('not_found', input.code ? 'No registration for this event has this check-in code.' : `No registration ${input.registrationId} for this event.`);
  if (row.status !== 'registered') throw new AppError('conflict', `This registration is ${row.status}: the person has no seat.`);
  const [who, places] = await Promise.all([people(ctx, [row]), waitlistPlaces(ctx, eventId)]);
  return { ...toAttendee(row, who.get(row.memberId), event.questions, places), alreadyCheckedIn: !changed };
}

/** Queues the organiser's message to the event's registrants (and the waitlist, if asked); mailed by the outbox. */
export async function messageAttendees(ctx: ServiceContext, eventId: string, input: { subject: string; message: string; includeWaitlisted?: boolean }) {
  await getEvent(ctx, eventId);
  const to = input.includeWaitlisted ? ['registered', 'waitlisted'] : ['registered'];
  const [count] = await ctx.db.all<{ n: number }>(sql`
    select count(*) as n from event_registrations where tenant_id = ${ctx.tenant.id} and event_id = ${eventId} and status in (${sql.join(to.map((s) => sql`${s}`), sql`, `)})`);
  await recordJob(ctx.db, {
    tenantId: ctx.tenant.id,
    topic: 'events.message',
    now: ctx.now,
    payload: { eventId, subject: input.subject, message: input.message, to },
  });
  return { recipients: Number(count?.n ?? 0) };
}
