/**
 * Capacity under contention, with real processes: 200 members register for a 50-seat event at the
 * same moment, spread over two API processes on one database (the embedded file, or sqld with
 * HOMECOMING_TEST_DB=sqld). Exactly 50 get seats and 150 wait, each once, in distinct places. Then
 * half the seated cancel while newcomers register, all at once: still exactly 50 seated, and the seats
 * went to the first in line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { burst, createEventOver, registrationState } from '../helpers/registration-load.js';
import { seedLoadTenant, type LoadTenant } from '../helpers/write-load.js';

const PEOPLE = 200;
const SEATS = 50;
const NEWCOMERS = 25;

describe(`registration under contention on ${testEngine}: ${PEOPLE} at once for ${SEATS} seats, two API processes`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-registrations-'));
  let sqld: SqldServer | undefined;
  let db: Db;
  let apis: ApiProcess[] = [];
  let t: LoadTenant;
  let eventId: string;

  before(async () => {
    sqld = testEngine === 'sqld' ? await startSqld() : undefined;
    const url = sqld?.url ?? `file:${join(dir, 'registrations.db')}`;
    db = openDb(url);
    await migrateDb(db);
    t = await seedLoadTenant(db, PEOPLE + NEWCOMERS);
    // A generous deadline: this test is about who gets a seat, not about how fast (that is the bench's).
    const env = { DATABASE_URL: url, SMTP_URL: '', DATABASE_TIMEOUT_MS: '30000', OUTBOX_POLL_MS: '200' };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    eventId = await createEventOver(apis[0]!.url, t.secretKey, { capacity: SEATS });
  });

  after(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${PEOPLE} simultaneous registrations: exactly ${SEATS} registered, ${PEOPLE - SEATS} waitlisted, no duplicates`, async () => {
    const members = t.members.slice(0, PEOPLE);
    const { outcomes } = await burst(apis.map((a) => a.url), members.map((m) => m.token), eventId);
    const failed = outcomes.filter((o) => o.status !== 200);
    assert.deepEqual(failed, [], apis.map((a) => a.output()).join('\n').slice(0, 2000));
    const state = await registrationState(db, eventId);
    assert.deepEqual(
      { registered: state.registered, waitlisted: state.waitlisted, seatsTaken: state.seatsTaken, duplicates: state.duplicates, samePosition: state.samePosition },
      { registered: SEATS, waitlisted: PEOPLE - SEATS, seatsTaken: SEATS, duplicates: 0, samePosition: 0 },
    );
    // Registering again, at once, changes nothing.
    await burst(apis.map((a) => a.url), members.slice(0, 40).map((m) => m.token), eventId);
    assert.deepEqual(await registrationState(db, eventId), state);
    // The seats went to the first in line: every registered row was placed before every waiting one.
    const [order] = await db.all<{ lastSeat: number; firstWait: number }>(sql`
      select (select max(position) from event_registrations where event_id = ${eventId} and status = 'registered') as lastSeat,
             (select min(position) from event_registrations where event_id = ${eventId} and status = 'waitlisted') as firstWait`);
    assert.ok(Number(order!.lastSeat) < Number(order!.firstWait));
  });

  it(`${SEATS / 2} cancel while ${NEWCOMERS} newcomers register, all at once: still ${SEATS} seated, the first ${SEATS / 2} in line promoted`, async () => {
    const seated = await db.all<{ member_id: string }>(sql`
      select member_id from event_registrations where event_id = ${eventId} and status = 'registered' order by position limit ${SEATS / 2}`);
    const firstInLine = await db.all<{ member_id: string }>(sql`
      select member_id from event_registrations where event_id = ${eventId} and status = 'waitlisted' order by position limit ${SEATS / 2}`);
    const tokenOf = new Map(t.members.map((m) => [m.id, m.token]));
    const urls = apis.map((a) => a.url);
    const [cancels, newcomers] = await Promise.all([
      burst(urls, seated.map((r) => tokenOf.get(r.member_id)!), eventId, 'DELETE'),
      burst(urls.slice().reverse(), t.members.slice(PEOPLE).map((m) => m.token), eventId),
    ]);
    assert.deepEqual([...cancels.outcomes, ...newcomers.outcomes].filter((o) => o.status !== 200), []);
    const state = await registrationState(db, eventId);
    assert.equal(state.registered, SEATS);
    assert.equal(state.seatsTaken, SEATS);
    assert.equal(state.cancelled, SEATS / 2);
    assert.equal(state.waitlisted, PEOPLE - SEATS - SEATS / 2 + NEWCOMERS);
    assert.equal(state.outOfOrder, 0);
    const promoted = await db.all<{ member_id: string }>(sql`
      select member_id from event_registrations where event_id = ${eventId} and status = 'registered' and promoted_at is not null`);
    assert.deepEqual(promoted.map((r) => r.member_id).sort(), firstInLine.map((r) => r.member_id).sort());
  });
});
