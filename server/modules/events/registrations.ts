/**
 * Registering for an event and cancelling, with capacity and a waitlist — without an interactive
 * transaction. Each request is one write batch (the db layer runs every batch under BEGIN IMMEDIATE, so
 * batches of all processes run one at a time), and the batch itself decides, in SQL, from the seats
 * taken at the moment it runs:
 *  - a new (or re-)registration is `registered` if nobody is waiting and 1 + guests still fit, else
 *    `waitlisted`, at the end of the line (`position` = last + 1);
 *  - then the waitlist is promoted in position order, as many as fit (a window sum over the line; it
 *    stops at the first who does not fit, so a group is not passed over for ever);
 *  - mail is recorded in the same batch, only for the rows this request changed: each row carries the
 *    token of the request that last changed it (`change_token`), and the mail's `when` asks for it.
 * Reading the seats first and writing after would oversell under concurrency; here the read is the write.
 */
import { randomInt } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import QRCode from 'qrcode';
import type { ServiceContext } from '../../core/context.js';
import { randomToken } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { recordJob, recordMail } from '../../core/outbox/record.js';
import type { Db } from '../../db/client.js';
import type { MemberRow } from '../members/profile.js';
import { invitationIcs, organizerFrom } from './calendar.js';
import { eventMail } from './mail.js';
import { checkAnswers, type AnswerInput } from './questions.js';
import { eventRegistrations } from './schema.js';
import { getEvent, type EventRow } from './service.js';
import { publicEventViews, registrationOpen, viewerRegistrationsFor } from './views.js';

export type RegistrationRow = typeof eventRegistrations.$inferSelect;

/** Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I). */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 8 characters of 32: 40 bits, so a guessed code hits one of a tenant's 10,000 registrations about once in 10⁸ tries. */
export const newCheckInCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** Seats taken at the moment the statement runs: registered members and their guests. */
const seatsTaken = (eventId: string) =>
  sql`(select coalesce(sum(1 + r.guests), 0) from event_registrations r where r.event_id = ${eventId} and r.status = 'registered')`;

/**
 * Promotes waitlisted members of the event in order, as many as fit, marking them with `token`.
 * Only while the event is published and has not ended. Followed by a job (recorded only if the update
 * changed rows) that mails each promoted member their confirmation and invitation.
 */
export function promoteStatements(db: Db, input: { tenantId: string; eventId: string; token: string; now: Date; organizer: string }): BatchItem<'sqlite'>[] {
  const { tenantId, eventId, token, now } = input;
  const ts = now.toISOString();
  const capacity = sql`(select e.capacity from events e where e.id = ${eventId})`;
  return [
    db.run(sql`
      update event_registrations
      set status = 'registered', change_token = ${token}, promoted_at = ${ts}, ical_sequence = ical_sequence + 1, updated_at = ${ts}
      where tenant_id = ${tenantId} and id in (
        select id from (
          select w.id, sum(1 + w.guests) over (order by w.position) as running
          from event_registrations w where w.event_id = ${eventId} and w.status = 'waitlisted')
        where ${capacity} is null or running <= ${capacity} - ${seatsTaken(eventId)})
      and exists (select 1 from events e where e.id = ${eventId} and e.tenant_id = ${tenantId} and e.status = 'published' and e.ends_at > ${ts})`),
    recordJob(db, {
      tenantId,
      topic: 'events.promoted',
      now,
      when: sql`changes() > 0`,
      payload: { eventId, token, organizer: input.organizer },
    }),
  ];
}

/** Holds when the row of (event, member) was last changed by `token` and now stands as `condition` says. */
const changedBy = (eventId: string, memberId: string, token: string, condition: SQL) =>
  sql`exists (select 1 from event_registrations x where x.event_id = ${eventId} and x.member_id = ${memberId} and x.change_token = ${token} and ${condition})`;

const recipient = (m: MemberRow) => ({ email: m.email, name: m.name, locale: m.locale });

async function ownRow(ctx: ServiceContext, eventId: string, memberId: string): Promise<RegistrationRow | undefined> {
  const [row] = await ctx.scoped.select(eventRegistrations, eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.memberId, memberId)).limit(1);
  return row;
}

/** An event a member may act on: published or cancelled ones; a draft is as good as absent. */
async function visibleEvent(ctx: ServiceContext, eventId: string): Promise<EventRow> {
  const event = await getEvent(ctx, eventId);
  if (event.status === 'draft') throw new AppError('not_found', `No event ${eventId}.`);
  return event;
}

function closedReason(event: EventRow, now: Date): string {
  if (event.status === 'cancelled') return 'This event was cancelled.';
  if (now.toISOString() >= event.endsAt) return 'This event is over.';
  return 'The registration deadline for this event has passed.';
}

export interface RegistrationInput {
  guests?: number;
  answers?: AnswerInput[];
}

/**
 * Registers `member` for the event, or joins its waitlist. Idempotent: registering again while
 * registered or waitlisted keeps the place and updates the answers (and guests, if the seats allow);
 * after a cancellation it is a new registration at the end of the line.
 */
export async function register(ctx: ServiceContext, member: MemberRow, eventId: string, input: RegistrationInput) {
  const { db, tenant, now } = ctx;
  const event = await visibleEvent(ctx, eventId);
  if (!registrationOpen(event, now)) throw new AppError('registration_closed', closedReason(event, now));
  const guests = input.guests ?? 0;
  if (guests > event.maxGuests) {
    throw AppError.field('guests', event.maxGuests === 0 ? 'must be 0: this event takes no guests' : `must be at most ${event.maxGuests}`);
  }
  const answers = checkAnswers(event.questions, input.answers ?? []);
  const existing = await ownRow(ctx, eventId, member.id);
  const ts = now.toISOString();
  const token = randomToken(16);
  const organizer = organizerFrom(ctx.config.MAIL_FROM, tenant.name);
  const to = recipient(member);
  const mailFor = (kind: 'registered' | 'waitlisted', code: string) => {
    const message = eventMail(kind, { tenant, event, to, registration: { guests, checkInCode: code, answers } });
    if (kind === 'waitlisted') return message;
    const extraSequence = existing ? existing.icalSequence + 1 : 0;
    return { ...message, icalEvent: invitationIcs({ event, includePrivate: true, extraSequence, attendee: to }, 'REQUEST', tenant.name, organizer) };
  };

  for (let attempt = 0; ; attempt++) {
    const code = existing?.checkInCode ?? newCheckInCode();
    const upsert = db.run(sql`
      insert into event_registrations (id, tenant_id, event_id, member_id, status, guests, answers, position, check_in_code, change_token,
        ical_sequence, registered_at, created_at, updated_at)
      select ${newId('reg')}, e.tenant_id, e.id, ${member.id},
        case when e.capacity is null or (
            not exists (select 1 from event_registrations w where w.event_id = e.id and w.status = 'waitlisted')
            and ${seatsTaken(eventId)} + 1 + ${guests} <= e.capacity)
          then 'registered' else 'waitlisted' end,
        ${guests}, ${JSON.stringify(answers)},
        (select coalesce(max(p.position), 0) + 1 from event_registrations p where p.event_id = e.id),
        ${code}, ${token}, 0, ${ts}, ${ts}, ${ts}
      from events e
      where e.id = ${eventId} and e.tenant_id = ${tenant.id} and e.status = 'published' and coalesce(e.registration_deadline, e.ends_at) > ${ts}
      on conflict (event_id, member_id) do update set
        status = excluded.status, guests = excluded.guests, answers = excluded.answers, position = excluded.position,
        change_token = excluded.change_token, ical_sequence = event_registrations.ical_sequence + 1, registered_at = excluded.registered_at,
        cancelled_at = null, cancelled_from = null, checked_in_at = null, promoted_at = null, reminded_for = null, updated_at = excluded.updated_at
      where event_registrations.status = 'cancelled'`);
    // Already in: new answers always; more guests only if they fit (fewer free seats for the line).
    const update = db.run(sql`
      update event_registrations set guests = ${guests}, answers = ${JSON.stringify(answers)}, updated_at = ${ts}
      where tenant_id = ${tenant.id} and event_id = ${eventId} and member_id = ${member.id} and status in ('registered', 'waitlisted')
        and coalesce(change_token, '') <> ${token}
        and (status = 'waitlisted' or ${guests} <= guests or (select capacity from events where id = ${eventId}) is null
          or ${seatsTaken(eventId)} - guests + ${guests} <= (select capacity from events where id = ${eventId}))`);
    try {
      await db.batch([
        upsert,
        update,
        ...promoteStatements(db, { tenantId: tenant.id, eventId, token: `${token}p`, now, organizer: ctx.config.MAIL_FROM }),
        recordMail(db, {
          tenantId: tenant.id,
          topic: 'event-registered',
          now,
          memberId: member.id,
          when: changedBy(eventId, member.id, token, sql`x.status = 'registered'`),
          message: mailFor('registered', code),
        }),
        recordMail(db, {
          tenantId: tenant.id,
          topic: 'event-waitlisted',
          now,
          memberId: member.id,
          when: changedBy(eventId, member.id, token, sql`x.status = 'waitlisted'`),
          message: mailFor('waitlisted', code),
        }),
      ]);
      break;
    } catch (err) {
      // A new code that another registration of the tenant already has (1 in 10¹² per pair): draw again.
      if (!existing && attempt < 3 && /UNIQUE constraint failed: event_registrations\.tenant_id, event_registrations\.check_in_code/.test(String((err as Error)?.message) + String((err as { cause?: Error })?.cause?.message))) continue;
      throw err;
    }
  }

  const after = await ownRow(ctx, eventId, member.id);
  if (!after || after.status === 'cancelled') {
    // The event closed between the check and the write.
    const current = await visibleEvent(ctx, eventId);
    throw new AppError('registration_closed', closedReason(current, ctx.now));
  }
  if (after.status === 'registered' && after.guests !== guests) {
    throw new AppError('conflict', `There are not enough seats left for ${guests} ${guests === 1 ? 'guest' : 'guests'}; your registration is unchanged.`);
  }
  return eventFor(ctx, eventId, member.id);
}

/**
 * Cancels the member's registration or leaves the waitlist; the freed seats go to the line in the same
 * batch. Cancelling what is not there is a success that changes nothing. A registered member gets the
 * cancellation that removes the entry from their calendar.
 */
export async function cancel(ctx: ServiceContext, member: MemberRow, eventId: string) {
  const { db, tenant, now } = ctx;
  const event = await visibleEvent(ctx, eventId);
  const existing = await ownRow(ctx, eventId, member.id);
  if (existing?.checkedInAt && existing.status === 'registered') throw new AppError('conflict', 'You have already checked in at this event.');
  if (existing && existing.status !== 'cancelled' && now.toISOString() >= event.endsAt) throw new AppError('registration_closed', 'This event is over.');
  if (existing && existing.status !== 'cancelled') {
    const ts = now.toISOString();
    const token = randomToken(16);
    const to = recipient(member);
    const organizer = organizerFrom(ctx.config.MAIL_FROM, tenant.name);
    const cancelled = {
      ...eventMail('cancelled', { tenant, event, to }),
      icalEvent: invitationIcs({ event, includePrivate: false, extraSequence: existing.icalSequence + 1, attendee: to, cancelled: true }, 'CANCEL', tenant.name, organizer),
    };
    await db.batch([
      db.run(sql`
        update event_registrations set status = 'cancelled', cancelled_from = status, cancelled_at = ${ts}, change_token = ${token},
          ical_sequence = ical_sequence + 1, updated_at = ${ts}
        where tenant_id = ${tenant.id} and event_id = ${eventId} and member_id = ${member.id} and status in ('registered', 'waitlisted')
          and checked_in_at is null`),
      ...promoteStatements(db, { tenantId: tenant.id, eventId, token: `${token}p`, now, organizer: ctx.config.MAIL_FROM }),
      recordMail(db, {
        tenantId: tenant.id,
        topic: 'event-cancelled-by-member',
        now,
        memberId: member.id,
        when: changedBy(eventId, member.id, token, sql`x.cancelled_from = 'registered'`),
        message: cancelled,
      }),
      recordMail(db, {
        tenantId: tenant.id,
        topic: 'event-left-waitlist',
        now,
        memberId: member.id,
        when: changedBy(eventId, member.id, token, sql`x.cancelled_from = 'waitlisted'`),
        message: eventMail('left-waitlist', { tenant, event, to }),
      }),
    ]);
  }
  return eventFor(ctx, eventId, member.id);
}

/** The event as the member now sees it (their registration, the private details if registered). */
export async function eventFor(ctx: ServiceContext, eventId: string, memberId: string) {
  const [view] = await publicEventViews(ctx, [await visibleEvent(ctx, eventId)], memberId);
  return view!;
}

/** The member's own registration with its check-in code and, when registered, the code's QR matrix. */
export async function ownRegistration(ctx: ServiceContext, memberId: string, eventId: string) {
  await visibleEvent(ctx, eventId);
  const mine = (await viewerRegistrationsFor(ctx, memberId, [eventId])).get(eventId);
  if (!mine) throw new AppError('not_found', 'You are not registered for this event.');
  return {
    eventId,
    status: mine.status,
    guests: mine.guests,
    answers: mine.answers,
    waitlistPosition: mine.waitlistPosition,
    checkedIn: mine.checkedInAt !== null,
    registeredAt: mine.registeredAt,
    ...(mine.status === 'registered' ? { checkInCode: mine.checkInCode, qr: qrMatrix(mine.checkInCode) } : {}),
  };
}

/**
 * The QR code's modules as rows of 0/1, computed here so the element only draws squares: the QR
 * library stays on the server. The code alone is encoded; staff scan it into the admin check-in.
 */
export function qrMatrix(text: string): { size: number; rows: string[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    let row = '';
    for (let x = 0; x < modules.size; x++) row += modules.get(x, y) ? '1' : '0';
    rows.push(row);
  }
  return { size: modules.size, rows };
}

