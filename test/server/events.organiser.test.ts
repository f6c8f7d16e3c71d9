/**
 * The organiser's side: counts per event, the attendee list with statuses, guests and answers, the CSV
 * export, check-in by registration or code, a message to everyone registered, and what changing,
 * cancelling or deleting an event does for the people registered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { attendees, cancelAs, createEvent, registerAs, type Attendee } from '../helpers/events.js';

describe('events: the organiser', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
    b = await t.tenant('別会社');
  });
  after(() => t.close());

  const admin = (method: string, path: string, body?: unknown, tenant = a) => t.call(method, path, { token: tenant.sk, body });

  async function scene() {
    const event = await createEvent(t, a, {
      capacity: 3,
      maxGuests: 1,
      questions: [{ id: 'diet', label: '食事', kind: 'text' }, { id: 'part', label: '参加部', kind: 'multiple', options: ['第1部', '第2部'] }],
    });
    const [x, y, z, w] = (await attendees(t, a, 4, { name: '参加 者' })) as Attendee[];
    await registerAs(t, a, x!, event.id, { guests: 1, answers: [{ questionId: 'diet', value: '=HYPERLINK("http://evil.example","x")' }, { questionId: 'part', value: ['第1部', '第2部'] }] });
    await registerAs(t, a, y!, event.id, { answers: [{ questionId: 'diet', value: 'なし' }] });
    await registerAs(t, a, z!, event.id);
    await registerAs(t, a, w!, event.id);
    await cancelAs(t, a, w!, event.id);
    return { event, x: x!, y: y!, z: z!, w: w! };
  }

  it('counts per event in the list and the detail; the attendee list with statuses, guests, answers and places', async () => {
    const { event, x, y, z, w } = await scene();
    const code = (await t.call('GET', `/v1/events/${event.id}/registration`, { token: y.token, origin: a.origin })).body.checkInCode;
    assert.equal((await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { code })).status, 200);
    const detail = await admin('GET', `/v1/admin/events/${event.id}`);
    assert.deepEqual(detail.body.counts, { registered: 1, attended: 1, waitlisted: 1, cancelled: 1, guests: 1, seatsTaken: 3, seatsLeft: 0 });
    const listed = (await admin('GET', '/v1/admin/events?limit=100')).body.data.find((e: { id: string }) => e.id === event.id);
    assert.deepEqual(listed.counts, detail.body.counts);

    const all = await admin('GET', `/v1/admin/events/${event.id}/registrations`);
    const by = new Map(all.body.data.map((r: any) => [r.memberId, r]));
    assert.equal((by.get(x.member.id) as any).status, 'registered');
    assert.equal((by.get(x.member.id) as any).guests, 1);
    assert.deepEqual((by.get(x.member.id) as any).answers[1], { questionId: 'part', question: '参加部', value: ['第1部', '第2部'] });
    assert.equal((by.get(y.member.id) as any).status, 'attended');
    assert.ok((by.get(y.member.id) as any).checkedInAt);
    assert.equal((by.get(z.member.id) as any).status, 'waitlisted');
    assert.equal((by.get(z.member.id) as any).waitlistPosition, 1);
    assert.equal((by.get(w.member.id) as any).status, 'cancelled');
    assert.equal((by.get(x.member.id) as any).email, x.member.email);
    for (const status of ['registered', 'attended', 'waitlisted', 'cancelled']) {
      const only = await admin('GET', `/v1/admin/events/${event.id}/registrations?status=${status}`);
      assert.deepEqual(only.body.data.map((r: { status: string }) => r.status), [status]);
    }
    const paged = await admin('GET', `/v1/admin/events/${event.id}/registrations?limit=3`);
    const rest = await admin('GET', `/v1/admin/events/${event.id}/registrations?limit=3&cursor=${paged.body.nextCursor}`);
    assert.equal(paged.body.data.length + rest.body.data.length, 4);
    assert.equal((await admin('GET', `/v1/admin/events/${event.id}/registrations`, undefined, b)).status, 404);
  });

  it('exports CSV with a BOM, a column per question, and cells a spreadsheet would run defused', async () => {
    const { event, x } = await scene();
    const res = await t.app.request(`/v1/admin/events/${event.id}/registrations.csv`, { headers: { authorization: `Bearer ${a.sk}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(new TextDecoder().decode(bytes).slice(1));
    assert.deepEqual(rows[0]!.slice(-2), ['食事', '参加部']);
    const row = rows.find((r) => r.includes(x.member.id))!;
    assert.equal(row[rows[0]!.indexOf('食事')], `'=HYPERLINK("http://evil.example","x")`);
    assert.equal(row[rows[0]!.indexOf('参加部')], '第1部、第2部');
    assert.equal(row[rows[0]!.indexOf('status')], 'registered');
    assert.match(row[rows[0]!.indexOf('checkInCode')]!, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    assert.equal(rows.length, 5);
  });

  it('checks in by code (as printed, any case) or by registration; twice is fine; no seat is a 409; unknown a 404', async () => {
    const { event, x, y, z } = await scene();
    const mine = await t.call('GET', `/v1/events/${event.id}/registration`, { token: x.token, origin: a.origin });
    assert.match(mine.body.checkInCode, /^[2-9A-HJ-NP-Z]{8}$/);
    assert.ok(mine.body.qr.size >= 21 && mine.body.qr.rows.length === mine.body.qr.size);
    const mailed = t.outbox.messages.find((m) => m.to === x.member.email && /受付コード/.test(m.text))!;
    const printed = /受付コード: (\S+)/.exec(mailed.text)![1]!;
    assert.equal(printed.replace('-', ''), mine.body.checkInCode);
    const first = await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { code: printed.toLowerCase() });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.status, 'attended');
    assert.equal(first.body.alreadyCheckedIn, false);
    const again = await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { code: printed });
    assert.equal(again.body.alreadyCheckedIn, true);
    const regs = (await admin('GET', `/v1/admin/events/${event.id}/registrations`)).body.data;
    const yReg = regs.find((r: { memberId: string }) => r.memberId === y.member.id);
    assert.equal((await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { registrationId: yReg.registrationId })).body.status, 'attended');
    const zReg = regs.find((r: { memberId: string }) => r.memberId === z.member.id);
    assert.equal((await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { registrationId: zReg.registrationId })).status, 409);
    assert.equal((await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { code: 'ZZZZ-ZZZZ' })).status, 404);
    assert.equal((await admin('POST', `/v1/admin/events/${event.id}/check-ins`, {})).status, 422);
    assert.equal((await admin('POST', `/v1/admin/events/${event.id}/check-ins`, { code: printed }, b)).status, 404);
    // A checked-in member cannot cancel any more.
    assert.equal((await cancelAs(t, a, x, event.id)).status, 409);
    // The member sees it.
    assert.equal((await t.call('GET', `/v1/events/${event.id}`, { token: x.token, origin: a.origin })).body.registration.checkedIn, true);
  });

  it('mails a message to everyone registered through the outbox (and the waitlist when asked), once each', async () => {
    const { event, x, y, z, w } = await scene();
    const before = t.outbox.messages.length;
    const res = await admin('POST', `/v1/admin/events/${event.id}/messages`, { subject: '会場変更', message: '会場は 21F に変わりました。' });
    assert.equal(res.status, 202);
    assert.equal(res.body.recipients, 2);
    const sent = t.outbox.messages.slice(before);
    assert.deepEqual(sent.map((m) => m.to).sort(), [x.member.email, y.member.email].sort());
    assert.match(sent[0]!.subject, /会場変更/);
    assert.match(sent[0]!.text, /21F/);
    assert.match(sent[0]!.text, /参加 者 様/);
    const both = await admin('POST', `/v1/admin/events/${event.id}/messages`, { subject: 'x', message: 'y', includeWaitlisted: true });
    assert.equal(both.body.recipients, 3);
    assert.ok(t.outbox.messages.some((m) => m.to === z.member.email && m.subject.includes('x')));
    assert.ok(!t.outbox.messages.slice(before).some((m) => m.to === w.member.email));
  });

  it('a change of time or place sends the registered an updated invitation with a higher SEQUENCE; a note change does not', async () => {
    const { event, x, y, z } = await scene();
    const before = t.outbox.messages.length;
    const moved = await admin('PATCH', `/v1/admin/events/${event.id}`, { startsAt: '2026-12-05T18:00:00+09:00', venueName: '本社 21F' });
    assert.equal(moved.body.sequence, event.sequence + 1);
    const sent = t.outbox.messages.slice(before);
    assert.deepEqual(sent.map((m) => m.to).sort(), [x.member.email, y.member.email].sort());
    assert.ok(sent.every((m) => m.icalEvent?.method === 'REQUEST' && /SEQUENCE:1/.test(m.icalEvent.content)));
    assert.ok(!sent.some((m) => m.to === z.member.email), 'the waitlist is not sent an invitation');
    assert.match(sent[0]!.text, /18:00/);
    const quiet = t.outbox.messages.length;
    const noted = await admin('PATCH', `/v1/admin/events/${event.id}`, { notes: '名刺をお持ちください' });
    assert.equal(noted.body.sequence, moved.body.sequence);
    assert.equal(t.outbox.messages.length, quiet);
  });

  it('a cancelled event stays listed, marked cancelled; everyone registered or waiting is told once; the registered get the calendar cancellation', async () => {
    const { event, x, y, z, w } = await scene();
    const before = t.outbox.messages.length;
    const res = await admin('PATCH', `/v1/admin/events/${event.id}`, { status: 'cancelled' });
    assert.equal(res.status, 200);
    assert.equal(res.body.sequence, event.sequence + 1);
    await admin('PATCH', `/v1/admin/events/${event.id}`, { status: 'cancelled' });
    const sent = t.outbox.messages.slice(before);
    assert.deepEqual(sent.map((m) => m.to).sort(), [x.member.email, y.member.email, z.member.email].sort(), 'each once, and not the one who had cancelled');
    assert.ok(!sent.some((m) => m.to === w.member.email));
    for (const m of sent) assert.match(m.subject, /中止/);
    assert.equal(sent.find((m) => m.to === x.member.email)!.icalEvent?.method, 'CANCEL');
    assert.equal(sent.find((m) => m.to === z.member.email)!.icalEvent, undefined);
    const list = await t.call('GET', '/v1/events?limit=100', { token: a.pk, origin: a.origin });
    assert.equal(list.body.data.find((e: { id: string }) => e.id === event.id).status, 'cancelled');
    assert.equal((await t.call('GET', `/v1/events/${event.id}`, { token: a.pk, origin: a.origin })).body.status, 'cancelled');
    assert.equal((await registerAs(t, a, w, event.id)).status, 409);
  });

  it('an event people are registered for cannot be deleted (cancel it so they are told); an empty one can', async () => {
    const { event } = await scene();
    const refused = await admin('DELETE', `/v1/admin/events/${event.id}`);
    assert.equal(refused.status, 409);
    const empty = await createEvent(t, a);
    assert.equal((await admin('DELETE', `/v1/admin/events/${empty.id}`)).status, 204);
  });
});
