/**
 * The dashboard's figures, computed from data this test makes: members by status and kind, sign-ups
 * per week (Monday weeks in Japan time: a sign-up late on a Sunday evening in UTC is Monday in Tokyo),
 * members active in the last 30 days (a session used), registrations and check-ins per event and per
 * month, job responses per month and by status, comeback hires per month — and none of another tenant's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { jobBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createEvent, registerAs, cancelAs } from '../helpers/events.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('analytics: the dashboard', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let ids: { e1: string; e2: string };
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('ダッシュボード株式会社');
    b = await t.tenant('別会社');
    // This company lets its current employees see and apply for jobs too (by default their kind has no jobs).
    const kinds = await t.call('PATCH', '/v1/admin/member-kinds/employee', { token: a.sk, body: { features: ['directory', 'events', 'jobs', 'feed', 'messages', 'groups'] } });
    assert.equal(kinds.status, 200, JSON.stringify(kinds.body));
    const db = t.deps.db;
    const member = async (tenant: TestTenant, status: 'approved' | 'pending' | 'suspended' | 'rejected', createdAt: string, kind: 'alumni' | 'employee' = 'alumni') => {
      const m = await createMember(db, tenant.id, { status, createdAt, kind });
      return { m, member: m, token: await sessionFor(db, m) };
    };
    const m1 = await member(a, 'approved', '2026-10-05T01:00:00.000Z');
    const m2 = await member(a, 'approved', '2026-10-04T16:00:00.000Z'); // Sunday in UTC, Monday 01:00 in Tokyo
    const m3 = await member(a, 'approved', '2026-10-11T14:59:00.000Z', 'employee'); // Sunday 23:59 in Tokyo
    await member(a, 'pending', '2026-11-20T00:00:00.000Z');
    const m5 = await member(a, 'suspended', '2026-09-01T00:00:00.000Z'); // before the range
    await member(a, 'rejected', '2026-09-30T15:30:00.000Z'); // 1 October 00:30 in Tokyo
    await member(b, 'approved', '2026-10-06T00:00:00.000Z');
    // Events (made and registered for while registration is open).
    t.clock.set('2026-10-01T00:00:00.000Z');
    const e1 = await createEvent(t, a, { startsAt: '2026-10-10T19:00:00+09:00', endsAt: '2026-10-10T21:00:00+09:00', capacity: null });
    const e2 = await createEvent(t, a, { startsAt: '2026-11-05T19:00:00+09:00', endsAt: '2026-11-05T21:00:00+09:00', capacity: null });
    await createEvent(t, a, { startsAt: '2026-11-06T19:00:00+09:00', endsAt: '2026-11-06T21:00:00+09:00', status: 'draft' });
    ids = { e1: e1.id, e2: e2.id };
    for (const m of [m1, m2, m3]) assert.ok([200, 201].includes((await registerAs(t, a, m, e1.id)).status));
    for (const m of [m1, m2]) assert.ok([200, 201].includes((await registerAs(t, a, m, e2.id)).status));
    await cancelAs(t, a, m2, e2.id);
    const regs = async (eventId: string) => (await t.call('GET', `/v1/admin/events/${eventId}/registrations`, { token: a.sk })).body.data as { registrationId: string; memberId: string }[];
    const checkIn = async (eventId: string, memberId: string) => {
      const r = (await regs(eventId)).find((x) => x.memberId === memberId)!;
      assert.equal((await t.call('POST', `/v1/admin/events/${eventId}/check-ins`, { token: a.sk, body: { registrationId: r.registrationId } })).status, 200);
    };
    await checkIn(e1.id, m1.m.id);
    await checkIn(e1.id, m2.m.id);
    await checkIn(e2.id, m1.m.id);

    // Job responses and a comeback hire.
    const job = (await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody() })).body as { id: string };
    t.clock.set('2026-10-02T03:00:00.000Z');
    const interest = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token: m1.token, origin: a.origin, body: {} });
    assert.equal(interest.status, 201, JSON.stringify(interest.body));
    t.clock.set('2026-11-03T03:00:00.000Z');
    assert.equal((await t.call('POST', `/v1/jobs/${job.id}/interest`, { token: m2.token, origin: a.origin, body: {} })).status, 201);
    assert.equal((await t.call('POST', `/v1/jobs/${job.id}/application`, { token: m3.token, origin: a.origin, body: { message: '応募します' } })).status, 201);
    t.clock.set('2026-11-10T03:00:00.000Z');
    assert.equal((await t.call('PATCH', `/v1/admin/job-responses/${interest.body.id}`, { token: a.sk, body: { status: 'hired' } })).status, 200);
    // Sessions' last use (set after everything above used them): m1 and m3 within 30 days of 21 November, m2 not; m5 is suspended.
    const seen = (id: string, at: string) => db.run(sql`update sessions set last_seen_at = ${at} where member_id = ${id}`);
    await seen(m1.m.id, '2026-11-21T02:00:00.000Z');
    await seen(m2.m.id, '2026-10-01T00:00:00.000Z');
    await seen(m3.m.id, '2026-10-23T00:00:00.000Z');
    await seen(m5.m.id, '2026-11-21T02:00:00.000Z');

    t.clock.set('2026-11-21T03:00:00.000Z');
  });
  after(() => t.close());

  const range = '?from=2026-10-01&to=2026-11-21';

  it('counts members, sign-ups per Monday week in Tokyo, and the active in the last 30 days', async () => {
    const res = await t.call('GET', `/v1/admin/dashboard${range}`, { token: a.sk });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const d = res.body;
    assert.deepEqual(d.members.byStatus, { pending: 1, approved: 3, rejected: 1, suspended: 1 });
    assert.deepEqual(d.members.byKind, { alumni: 2, employee: 1 });
    assert.deepEqual(d.members.signupsByWeek, [
      { week: '2026-09-28', count: 1 },
      { week: '2026-10-05', count: 3 },
      { week: '2026-11-16', count: 1 },
    ]);
    assert.equal(d.members.activeLast30Days, 2);
    assert.equal(d.from, '2026-10-01');
    assert.equal(d.to, '2026-11-21');
  });

  it('counts registrations and check-ins per event and per month (drafts left out, cancellations not counted)', async () => {
    const d = (await t.call('GET', `/v1/admin/dashboard${range}`, { token: a.sk })).body;
    assert.deepEqual(
      d.events.byEvent.map((e: { id: string; registered: number; attended: number; waitlisted: number }) => [e.id, e.registered, e.attended, e.waitlisted]),
      [[ids.e1, 3, 2, 0], [ids.e2, 1, 1, 0]],
    );
    assert.deepEqual(d.events.byMonth, [
      { month: '2026-10', events: 1, registered: 3, attended: 2 },
      { month: '2026-11', events: 1, registered: 1, attended: 1 },
    ]);
    const october = (await t.call('GET', '/v1/admin/dashboard?from=2026-10-01&to=2026-10-31', { token: a.sk })).body;
    assert.deepEqual(october.events.byEvent.map((e: { id: string }) => e.id), [ids.e1], 'the range holds events by their start');
  });

  it('counts job responses per month and by status, and comeback hires per month', async () => {
    const d = (await t.call('GET', `/v1/admin/dashboard${range}`, { token: a.sk })).body;
    assert.deepEqual(d.jobs.responsesByMonth, [
      { month: '2026-10', interest: 1, application: 0, referral: 0 },
      { month: '2026-11', interest: 1, application: 1, referral: 0 },
    ]);
    assert.deepEqual(d.jobs.byStatus, { hired: 1, new: 2 });
    assert.deepEqual(d.jobs.hiresByMonth, [{ month: '2026-11', hires: 1, fromReferral: 0 }]);
  });

  it('sees only its own tenant, defaults to the last half year, and refuses a backwards or too long range naming the field', async () => {
    const other = (await t.call('GET', `/v1/admin/dashboard${range}`, { token: b.sk })).body;
    assert.deepEqual(other.members.byStatus, { pending: 0, approved: 1, rejected: 0, suspended: 0 });
    assert.deepEqual(other.events.byEvent, []);
    const byDefault = (await t.call('GET', '/v1/admin/dashboard', { token: a.sk })).body;
    assert.equal(byDefault.to, '2026-11-21');
    assert.equal(byDefault.from, '2026-05-24');
    const backwards = await t.call('GET', '/v1/admin/dashboard?from=2026-11-22&to=2026-11-21', { token: a.sk });
    assert.equal(backwards.status, 422);
    assert.match(JSON.stringify(backwards.body), /from/);
    assert.equal((await t.call('GET', '/v1/admin/dashboard?from=2020-01-01&to=2026-11-21', { token: a.sk })).status, 422);
    assert.equal((await t.call('GET', '/v1/admin/dashboard?from=2026-02-30', { token: a.sk })).status, 422);
  });

  it('exports the same figures as CSV', async () => {
    const res = await t.call('GET', `/v1/admin/dashboard.csv${range}`, { token: a.sk });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const rows = parse(String(res.body).replace(/^\uFEFF/, ''), { columns: true }) as { section: string; key: string; measure: string; value: string }[];
    const value = (section: string, key: string, measure: string) => rows.find((r) => r.section === section && r.key === key && r.measure === measure)?.value;
    assert.equal(value('members', 'approved', 'members'), '3');
    assert.equal(value('members', 'active_last_30_days', 'members'), '2');
    assert.equal(value('signups', '2026-10-05', 'signups'), '3');
    assert.equal(value('events_by_month', '2026-10', 'attended'), '2');
    assert.equal(value('comeback_hires', '2026-11', 'hires'), '1');
  });
});
