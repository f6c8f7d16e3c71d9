/**
 * The events module's outbox topics: the work that follows a registration change, run by whichever API
 * process claims the job (so once, with any number of processes).
 *
 * Jobs that mail many people give each mail an id made of the job's id and the registration's, so a
 * job run again after a crash (its claim ran out mid-way) records nothing the first run recorded.
 * Reminders also mark each registration with the start time they were sent for, in the same batch as
 * the mail, conditional on that mark changing: each registrant is reminded once per start time.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { loadConfig } from '../../config.js';
import { operatorContext } from '../../core/context.js';
import { sha256 } from '../../core/crypto.js';
import { recordJob, recordMail } from '../../core/outbox/record.js';
import type { OutboxEnv, OutboxItem, OutboxTopics } from '../../core/outbox/topics.js';
import { tenantDb } from '../../core/tenant-db.js';
import type { Db } from '../../db/client.js';
import { members } from '../members/schema.js';
import { unsubscribeUrl, wantsSql } from '../notifications/service.js';
import { getTenant, type Tenant } from '../tenants/service.js';
import { invitationIcs, organizerFrom } from './calendar.js';
import { eventMail, organiserMail, type EventMailKind, type Recipient } from './mail.js';
import { promoteStatements, type RegistrationRow } from './registrations.js';
import { eventRegistrations, events, type RegistrationStatus } from './schema.js';
import type { EventRow } from './service.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface Loaded {
  tenant: Tenant;
  event: EventRow;
}

async function load(db: Db, item: OutboxItem): Promise<Loaded | undefined> {
  const tenant = await getTenant(db, item.tenantId);
  const eventId = String(item.payload.eventId);
  const [event] = tenant ? await tenantDb(db, tenant.id).select(events, eq(events.id, eventId)).limit(1) : [];
  return tenant && event ? { tenant, event } : undefined;
}

type Registrant = RegistrationRow & { to: Recipient };

/** The event's registrations in the given statuses (or those `extra` narrows to), with who to mail. */
async function registrants(db: Db, l: Loaded, statuses: RegistrationStatus[], extra?: ReturnType<typeof eq>): Promise<Registrant[]> {
  const scoped = tenantDb(db, l.tenant.id);
  const rows = await scoped.select(eventRegistrations, eq(eventRegistrations.eventId, l.event.id), inArray(eventRegistrations.status, statuses), extra);
  if (!rows.length) return [];
  const people = await scoped.select(members, inArray(members.id, rows.map((r) => r.memberId)));
  const byId = new Map(people.map((m) => [m.id, m]));
  return rows.flatMap((r) => {
    const m = byId.get(r.memberId);
    return m ? [{ ...r, to: { email: m.email, name: m.name, locale: m.locale } }] : [];
  });
}

/** A mail id for (job, registration): recording it twice is recording it once. */
const mailId = (item: OutboxItem, r: RegistrationRow) => `obx_${sha256(`${item.id}:${r.id}`).slice(0, 24)}`;

async function run(db: Db, statements: BatchItem<'sqlite'>[]): Promise<void> {
  if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

/** One mail per registrant, with the invitation (REQUEST) or its cancellation (CANCEL) for the registered. */
function mailEach(db: Db, item: OutboxItem, l: Loaded, people: Registrant[], kind: (r: Registrant) => EventMailKind, now: Date) {
  const organizer = organizerFrom(String(item.payload.organizer ?? ''), l.tenant.name);
  return people.map((r) => {
    const k = kind(r);
    const registered = r.status === 'registered';
    const message = eventMail(k, { tenant: l.tenant, event: l.event, to: r.to, registration: { guests: r.guests, checkInCode: r.checkInCode, answers: r.answers } });
    const method = k === 'event-cancelled' ? 'CANCEL' : 'REQUEST';
    const withInvite = registered && k !== 'waitlisted' && k !== 'left-waitlist';
    return recordMail(db, {
      id: mailId(item, r),
      tenantId: l.tenant.id,
      topic: `event-${k}`,
      now,
      memberId: r.memberId,
      message: withInvite
        ? { ...message, icalEvent: invitationIcs({ event: l.event, includePrivate: method === 'REQUEST', extraSequence: r.icalSequence, attendee: r.to }, method, l.tenant.name, organizer) }
        : message,
    });
  });
}

/** Mails each member the batch promoted (the rows still carrying its token: one who cancelled meanwhile is not). */
async function promoted(db: Db, item: OutboxItem, env: OutboxEnv) {
  const l = await load(db, item);
  if (!l) return;
  const people = await registrants(db, l, ['registered'], eq(eventRegistrations.changeToken, String(item.payload.token)));
  await run(db, mailEach(db, item, l, people, () => 'promoted', env.now));
}

/** The event changed where calendars must follow: the registered get the update (same UID, higher SEQUENCE). */
async function changed(db: Db, item: OutboxItem, env: OutboxEnv) {
  const l = await load(db, item);
  if (!l || l.event.status !== 'published') return;
  await run(db, mailEach(db, item, l, await registrants(db, l, ['registered']), () => 'event-changed', env.now));
}

/** The event was cancelled: everyone registered or waiting is told; the registered get the calendar cancellation. */
async function cancelled(db: Db, item: OutboxItem, env: OutboxEnv) {
  const l = await load(db, item);
  if (!l || l.event.status !== 'cancelled') return;
  const people = await registrants(db, l, ['registered', 'waitlisted']);
  await run(db, mailEach(db, item, l, people, () => 'event-cancelled', env.now));
}

/** The organiser's message, to the registered (and the waitlisted when asked). */
async function message(db: Db, item: OutboxItem, env: OutboxEnv) {
  const l = await load(db, item);
  if (!l) return;
  const statuses = (item.payload.to as RegistrationStatus[] | undefined) ?? ['registered'];
  const people = await registrants(db, l, statuses);
  await run(
    db,
    people.map((r) =>
      recordMail(db, {
        id: mailId(item, r),
        tenantId: l.tenant.id,
        topic: 'event-message',
        now: env.now,
        memberId: r.memberId,
        message: organiserMail({ tenant: l.tenant, event: l.event, to: r.to, subject: String(item.payload.subject), message: String(item.payload.message) }),
      }),
    ),
  );
}

/**
 * The event's periodic check, from 14 days before it until its reminder is due. Each run re-reads the
 * tenant's lead time (so a changed setting applies within a day), offers seats freed outside the
 * registration paths (an erased member) to the waitlist, and either sends the reminders (when due) or
 * queues the next run: at the due time, or in a day, whichever is sooner. A run for a start time the
 * event no longer has stops: moving the event queued a check of its own.
 */
async function check(db: Db, item: OutboxItem, env: OutboxEnv) {
  const l = await load(db, item);
  const { now } = env;
  const startsAt = String(item.payload.startsAt);
  if (!l || l.event.status !== 'published' || l.event.startsAt !== startsAt) return;
  const start = Date.parse(startsAt);
  if (now.getTime() >= start) return;
  const organizer = String(item.payload.organizer ?? '');
  await run(db, promoteStatements(db, { tenantId: l.tenant.id, eventId: l.event.id, token: `${item.id}:${now.getTime()}`, now, organizer }));
  const lead = l.tenant.eventReminderHours * HOUR;
  const due = lead > 0 ? start - lead : Infinity;
  if (now.getTime() >= due) {
    await remind(db, l, now, item.payload.publicApiUrl);
    return;
  }
  const next = Math.min(due, now.getTime() + DAY, start);
  await run(db, [
    recordJob(db, { tenantId: l.tenant.id, topic: 'events.check', now, notBefore: new Date(next), coalesceKey: `check:${l.event.id}:${startsAt}`, payload: item.payload }),
  ]);
}

/**
 * One reminder per registered member and start time: the mark and the mail in one batch, the mail only
 * if the mark changed. Members who turned reminders off (`events.reminders`, or the mail's one-click
 * unsubscribe) are marked and not mailed; every reminder carries that link.
 */
async function remind(db: Db, l: Loaded, now: Date, publicApiUrl: unknown) {
  const startsAt = l.event.startsAt;
  const people = await registrants(db, l, ['registered'], wantsSql('events.reminders', eventRegistrations.memberId));
  const config = loadConfig({});
  const ctx = operatorContext(db, l.tenant, { now, config: { ...config, PUBLIC_API_URL: typeof publicApiUrl === 'string' ? publicApiUrl : config.PUBLIC_API_URL } });
  const links = await Promise.all(people.map((r) => unsubscribeUrl(ctx, r.memberId, 'events.reminders')));
  await run(
    db,
    people.flatMap((r, i) => [
      db.run(sql`update event_registrations set reminded_for = ${startsAt}
        where id = ${r.id} and tenant_id = ${l.tenant.id} and status = 'registered' and coalesce(reminded_for, '') <> ${startsAt}`),
      recordMail(db, {
        tenantId: l.tenant.id,
        topic: 'event-reminder',
        now,
        memberId: r.memberId,
        when: sql`changes() = 1`,
        message: eventMail('reminder', { tenant: l.tenant, event: l.event, to: r.to, registration: { guests: r.guests, checkInCode: r.checkInCode, answers: r.answers } }, links[i]),
      }),
    ]),
  );
}

export const eventTopics: OutboxTopics = {
  'events.promoted': { run: promoted },
  'events.changed': { run: changed },
  'events.cancelled': { run: cancelled },
  'events.message': { run: message },
  'events.check': { run: check },
};

