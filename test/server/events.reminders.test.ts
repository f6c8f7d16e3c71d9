/**
 * Reminder mails before an event: at the tenant's lead time (24 h by default), once per registered
 * member, following the event when it moves and the tenant when it changes the lead time — and, with
 * two API processes running their outbox workers against one database and a real SMTP server, each
 * reminder leaves exactly once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { attendees, createEvent, registerAs } from '../helpers/events.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { createEventOver, registerOver } from '../helpers/registration-load.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { seedLoadTenant, type LoadTenant } from '../helpers/write-load.js';

const HOUR = 60 * 60 * 1000;

describe('event reminders, one process and a moving clock', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
  });
  after(() => t.close());

  const reminders = (eventTitle: string) => t.outbox.messages.filter((m) => m.subject.includes('まもなく開催') && m.subject.includes(eventTitle));

  /** Moves the test clock to `iso` a few hours at a time, letting the outbox run at each step, as a running server would. */
  async function runUntil(iso: string) {
    while (t.clock.now().getTime() < Date.parse(iso)) {
      t.clock.set(new Date(Math.min(Date.parse(iso), t.clock.now().getTime() + 6 * HOUR)));
      await t.worker.drain();
    }
  }

  it('sends each registered member one reminder 24 h before, none to the waitlist; a moved event gets its reminder at the new time only', async () => {
    t.clock.set('2026-11-21T03:00:00Z');
    const event = await createEvent(t, a, { title: '移動する会', capacity: 2, startsAt: '2026-12-05T19:00:00+09:00', endsAt: '2026-12-05T21:00:00+09:00' });
    const people = await attendees(t, a, 3, { name: '想起 花子' });
    for (const p of people) await registerAs(t, a, p, event.id);
    // Moved two days later before anything was sent: the old time must not remind anyone.
    await t.call('PATCH', `/v1/admin/events/${event.id}`, { token: a.sk, body: { startsAt: '2026-12-07T19:00:00+09:00', endsAt: '2026-12-07T21:00:00+09:00' } });
    await runUntil('2026-12-05T09:59:00Z');
    assert.equal(reminders('移動する会').length, 0, 'nothing before the lead time');
    await runUntil('2026-12-06T09:59:00Z');
    assert.equal(reminders('移動する会').length, 0, 'nothing at the old time');
    await runUntil('2026-12-06T10:01:00Z');
    const sent = reminders('移動する会');
    assert.deepEqual(sent.map((m) => m.to).sort(), [people[0]!.member.email, people[1]!.member.email].sort());
    assert.match(sent[0]!.text, /想起 花子 様/);
    assert.match(sent[0]!.text, /2026年12月7日\(月\) 19:00〜21:00（Asia\/Tokyo）/);
    assert.match(sent[0]!.text, /受付コード: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    await runUntil('2026-12-07T09:00:00Z');
    assert.equal(reminders('移動する会').length, 2, 'once each');
  });

  it('a member who turned reminders off gets none; each reminder carries a one-click link that turns them off', async () => {
    t.clock.set('2026-11-21T03:00:00Z');
    const event = await createEvent(t, a, { title: '配信停止の会', startsAt: '2026-12-03T19:00:00+09:00', endsAt: '2026-12-03T21:00:00+09:00' });
    const next = await createEvent(t, a, { title: '配信停止の次の会', startsAt: '2026-12-13T19:00:00+09:00', endsAt: '2026-12-13T21:00:00+09:00' });
    const [quiet, keen] = await attendees(t, a, 2);
    for (const p of [quiet!, keen!]) {
      await registerAs(t, a, p, event.id);
      await registerAs(t, a, p, next.id);
    }
    const off = await t.call('PATCH', '/v1/me/notifications', { token: quiet!.token, origin: a.origin, body: { 'events.reminders': 'off' } });
    assert.equal(off.status, 200);
    await runUntil('2026-12-03T00:00:00Z');
    const sent = reminders('配信停止の会');
    assert.deepEqual(sent.map((m) => m.to), [keen!.member.email], 'only the member who wants reminders');
    const link = /<(.+)>/.exec(String(sent[0]!.headers?.['List-Unsubscribe']))?.[1];
    assert.ok(link && sent[0]!.text.includes(link), 'the link is in the header and the text');
    const done = await t.app.request(link.slice(link.indexOf('/unsubscribe')), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(done.status, 200);
    await runUntil('2026-12-13T00:00:00Z');
    assert.equal(reminders('配信停止の次の会').length, 0, 'the link turned them off');
  });

  it('follows the tenant’s lead time (changed after the event was published); 0 sends none', async () => {
    t.clock.set('2026-11-21T03:00:00Z');
    const early = await createEvent(t, a, { title: '早めの会', startsAt: '2026-12-10T19:00:00+09:00', endsAt: '2026-12-10T21:00:00+09:00' });
    const quiet = await createEvent(t, a, { title: '静かな会', startsAt: '2026-12-20T19:00:00+09:00', endsAt: '2026-12-20T21:00:00+09:00' });
    const [m] = await attendees(t, a, 1);
    await registerAs(t, a, m!, early.id);
    await registerAs(t, a, m!, quiet.id);
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { eventReminderHours: 72 } });
    await runUntil('2026-12-07T09:00:00Z');
    assert.equal(reminders('早めの会').length, 0);
    await runUntil('2026-12-07T10:30:00Z');
    assert.equal(reminders('早めの会').length, 1, '72 hours before');
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { eventReminderHours: 0 } });
    await runUntil('2026-12-20T11:00:00Z');
    assert.equal(reminders('静かな会').length, 0);
  });
});

describe(`event reminders on ${testEngine}: two API processes, a real SMTP server`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-reminders-'));
  let sqld: SqldServer | undefined;
  let db: Db;
  let smtp: TestSmtp;
  let apis: ApiProcess[] = [];
  let t: LoadTenant;
  const PEOPLE = 8;

  before(async () => {
    sqld = testEngine === 'sqld' ? await startSqld() : undefined;
    const url = sqld?.url ?? `file:${join(dir, 'reminders.db')}`;
    db = openDb(url);
    await migrateDb(db);
    t = await seedLoadTenant(db, PEOPLE);
    smtp = await startSmtp();
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  });

  after(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    db?.$client.close();
    await smtp?.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each registered member gets exactly one reminder, whichever process sends it', async () => {
    const eventId = await createEventOver(apis[0]!.url, t.secretKey, { title: 'リマインド確認会' });
    for (const [i, m] of t.members.entries()) assert.equal((await registerOver(apis[i % 2]!.url, m.token, eventId)).status, 200);
    // Moved to two hours from now: the reminder (24 h ahead) is due at once, for both workers to race for.
    const soon = new Date(Date.now() + 2 * HOUR);
    const moved = await fetch(`${apis[1]!.url}/v1/admin/events/${eventId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${t.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + HOUR).toISOString() }),
    });
    assert.equal(moved.status, 200);
    const isReminder = (m: { subject: string }) => m.subject.includes('まもなく開催');
    await Promise.all(t.members.map((_, i) => smtp.waitFor((m) => isReminder(m) && smtp.messages.filter(isReminder).length > i, 20_000)));
    // Time for a second copy to arrive, were one ever sent (both workers poll every 100 ms).
    await new Promise((r) => setTimeout(r, 1500));
    const sent = smtp.messages.filter(isReminder);
    const per = new Map<string, number>();
    for (const m of sent) for (const to of m.to) per.set(to, (per.get(to) ?? 0) + 1);
    assert.equal(sent.length, PEOPLE);
    assert.equal(per.size, PEOPLE);
    assert.ok([...per.values()].every((n) => n === 1));
  });
});
