/**
 * Events in calendars, read with a real iCalendar parser (ical.js): the .ics file and the member's
 * feed give the right UTC instants (a Tokyo evening lands at the right hour in Berlin), the private
 * feed works only with its current URL, and the mails — received by a real SMTP server — carry an
 * invitation that a cancellation really removes (METHOD:CANCEL, same UID, higher SEQUENCE).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { attendees, cancelAs, createEvent, registerAs, type Attendee } from '../helpers/events.js';
import { mailCalendar, parseCalendar } from '../helpers/ical.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

const berlin = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(new Date(iso));

describe('events in calendars', () => {
  let t: TestContext;
  let smtp: TestSmtp;
  let a: TestTenant;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant();
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { alumniPageUrl: 'https://careers.example.jp/alumni' } });
  });
  after(() => t.close());

  const mailTo = (who: Attendee, subject: RegExp) => smtp.waitFor((m) => m.to.includes(who.member.email) && subject.test(m.subject));

  it('.ics: a 19:00 Tokyo event is 10:00 UTC, 11:00 in Berlin; stable UID; the link only in a registered member’s copy', async () => {
    const event = await createEvent(t, a, { startsAt: '2026-12-05T19:00:00+09:00', endsAt: '2026-12-05T21:00:00+09:00', timeZone: 'Asia/Tokyo', isOnline: true, onlineUrl: 'https://meet.example.jp/ics' });
    const res = await t.call('GET', `/v1/events/${event.id}.ics`, { token: a.pk, origin: a.origin });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/calendar/);
    assert.match(res.headers.get('content-disposition')!, new RegExp(`${event.id}\\.ics`));
    const cal = parseCalendar(res.body);
    assert.equal(cal.method, 'PUBLISH');
    assert.equal(cal.events.length, 1);
    const [e] = cal.events;
    assert.equal(e!.uid, `${event.id}@homecoming`);
    assert.equal(e!.start, '2026-12-05T10:00:00.000Z');
    assert.equal(e!.end, '2026-12-05T12:00:00.000Z');
    assert.equal(berlin(e!.start), '5 Dec, 11:00');
    assert.equal(e!.summary, 'アルムナイ交流会');
    assert.ok(!res.body.includes('meet.example.jp'));

    const [m] = await attendees(t, a, 1);
    await registerAs(t, a, m!, event.id);
    const mine = parseCalendar((await t.call('GET', `/v1/events/${event.id}.ics`, { token: m!.token, origin: a.origin })).body);
    assert.equal(mine.events[0]!.uid, e!.uid);
    assert.match(mine.events[0]!.description, /https:\/\/meet\.example\.jp\/ics/);
    assert.match(mine.events[0]!.description, /careers\.example\.jp\/alumni#alumni-event=/);
    assert.equal((await t.call('GET', '/v1/events/evt_nope.ics', { token: a.pk, origin: a.origin })).status, 404);
    const draft = await createEvent(t, a, { status: 'draft' });
    assert.equal((await t.call('GET', `/v1/events/${draft.id}.ics`, { token: a.pk, origin: a.origin })).status, 404);
    assert.equal((await t.call('GET', `/v1/events/${event.id}.ics`)).status, 401);
  });

  it('Google Calendar: the link carries the start of a long description and the event page, the .ics the whole description', async () => {
    const description = `${'アルムナイの皆さまと一年を振り返ります。'.repeat(40)}最後の一文。`;
    const event = await createEvent(t, a, { description });
    const view = (await t.call('GET', `/v1/events/${event.id}`, { token: a.pk, origin: a.origin })).body;
    const google = new URL(view.googleCalendarUrl);
    const details = google.searchParams.get('details')!;
    assert.ok(details.startsWith('アルムナイの皆さまと一年を振り返ります。'));
    assert.ok(!details.includes('最後の一文'), 'not the whole description');
    assert.match(details, /…\n\nhttps:\/\/careers\.example\.jp\/alumni#alumni-event=/, 'the page link survives a long description');
    assert.ok(view.googleCalendarUrl.length < 3000, `${view.googleCalendarUrl.length} characters`);
    const ics = parseCalendar((await t.call('GET', `/v1/events/${event.id}.ics`, { token: a.pk, origin: a.origin })).body);
    assert.match(ics.events[0]!.description, /最後の一文。/);
  });

  it('the confirmation carries an invitation (REQUEST); cancelling sends CANCEL for the same UID with a higher SEQUENCE; the first waiting member gets theirs', async () => {
    const event = await createEvent(t, a, { capacity: 1, startsAt: '2026-12-10T18:30:00+09:00', endsAt: '2026-12-10T20:00:00+09:00' });
    const [first, second] = (await attendees(t, a, 2, { name: '暦 太郎' })) as Attendee[];
    await registerAs(t, a, first!, event.id);
    await registerAs(t, a, second!, event.id);
    const confirmation = await mailTo(first!, /参加申し込みを受け付けました/);
    const invite = (await mailCalendar(confirmation.raw))!;
    assert.equal(invite.method, 'REQUEST');
    assert.equal(invite.contentMethod?.toUpperCase(), 'REQUEST');
    assert.equal(invite.events[0]!.uid, `${event.id}@homecoming`);
    assert.equal(invite.events[0]!.start, '2026-12-10T09:30:00.000Z');
    assert.equal(invite.events[0]!.status, 'CONFIRMED');
    assert.match(confirmation.text, /暦 太郎 様/);
    assert.match(confirmation.text, /2026年12月10日\(木\) 18:30〜20:00（Asia\/Tokyo）/);
    assert.match(confirmation.text, /careers\.example\.jp\/alumni#alumni-event=evt_/);
    const waitMail = await mailTo(second!, /キャンセル待ち/);
    assert.equal(await mailCalendar(waitMail.raw), null, 'no invitation for the waitlist');

    await cancelAs(t, a, first!, event.id);
    const cancelMail = await mailTo(first!, /キャンセルしました/);
    const cancel = (await mailCalendar(cancelMail.raw))!;
    assert.equal(cancel.method, 'CANCEL');
    assert.equal(cancel.events[0]!.uid, invite.events[0]!.uid);
    assert.equal(cancel.events[0]!.status, 'CANCELLED');
    assert.ok(cancel.events[0]!.sequence > invite.events[0]!.sequence, 'a higher SEQUENCE, so the calendar applies it');

    const promoted = await mailTo(second!, /参加が確定しました/);
    const theirs = (await mailCalendar(promoted.raw))!;
    assert.equal(theirs.method, 'REQUEST');
    assert.equal(theirs.events[0]!.uid, invite.events[0]!.uid);

    // Registering again after cancelling: a new invitation that outranks the cancellation.
    await t.call('PATCH', `/v1/admin/events/${event.id}`, { token: a.sk, body: { capacity: 2 } });
    await registerAs(t, a, first!, event.id);
    const again = (await mailCalendar((await smtp.waitFor((m) => m.to.includes(first!.member.email) && /受け付けました/.test(m.subject) && m !== confirmation)).raw))!;
    assert.ok(again.events[0]!.sequence > cancel.events[0]!.sequence);
  });

  it('the organiser cancelling the event sends the registered a cancellation for the same UID', async () => {
    const event = await createEvent(t, a);
    const [m] = (await attendees(t, a, 1)) as Attendee[];
    await registerAs(t, a, m!, event.id);
    const invite = (await mailCalendar((await mailTo(m!, /受け付けました/)).raw))!;
    await t.call('PATCH', `/v1/admin/events/${event.id}`, { token: a.sk, body: { status: 'cancelled' } });
    const cancel = (await mailCalendar((await mailTo(m!, /中止/)).raw))!;
    assert.equal(cancel.method, 'CANCEL');
    assert.equal(cancel.events[0]!.uid, invite.events[0]!.uid);
    assert.ok(cancel.events[0]!.sequence > invite.events[0]!.sequence);
  });

  it('the private feed: the member’s registered events at the right instants; reset and off end the old address; stored hashed', async () => {
    const [m, other] = (await attendees(t, a, 2)) as Attendee[];
    const tokyo = await createEvent(t, a, { title: '東京の夕べ', startsAt: '2026-12-12T19:00:00+09:00', endsAt: '2026-12-12T21:00:00+09:00', isOnline: true, onlineUrl: 'https://meet.example.jp/feed' });
    const london = await createEvent(t, a, { title: 'London drinks', startsAt: '2026-12-13T18:00:00Z', endsAt: '2026-12-13T20:00:00Z', timeZone: 'Europe/London' });
    const full = await createEvent(t, a, { title: '満席の会', capacity: 1 });
    const dropped = await createEvent(t, a, { title: 'やめた会' });
    const called = await createEvent(t, a, { title: '中止の会' });
    await registerAs(t, a, other!, full.id);
    for (const e of [tokyo, london, full, dropped, called]) await registerAs(t, a, m!, e.id);
    await cancelAs(t, a, m!, dropped.id);
    await t.call('PATCH', `/v1/admin/events/${called.id}`, { token: a.sk, body: { status: 'cancelled' } });

    assert.deepEqual((await t.call('GET', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin })).body, { active: false, createdAt: null });
    const created = await t.call('POST', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin });
    assert.equal(created.status, 201);
    assert.match(created.body.url, /\/v1\/calendar\/hcf_[A-Za-z0-9]{32}\.ics$/);
    assert.match(created.body.webcalUrl, /^webcal:/);
    const path = new URL(created.body.url).pathname;
    const feed = await t.call('GET', path);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type')!, /^text\/calendar/);
    const cal = parseCalendar(feed.body);
    const byTitle = new Map(cal.events.map((e) => [e.summary, e]));
    assert.deepEqual([...byTitle.keys()].sort(), ['London drinks', '中止の会', '東京の夕べ'].sort(), 'registered only: not the waitlisted, not the dropped');
    assert.equal(byTitle.get('東京の夕べ')!.start, '2026-12-12T10:00:00.000Z');
    assert.equal(berlin(byTitle.get('東京の夕べ')!.start), '12 Dec, 11:00');
    assert.equal(byTitle.get('London drinks')!.start, '2026-12-13T18:00:00.000Z');
    assert.equal(byTitle.get('中止の会')!.status, 'CANCELLED');
    assert.match(byTitle.get('東京の夕べ')!.description, /meet\.example\.jp\/feed/);
    assert.equal((await t.call('GET', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin })).body.active, true);

    const dump = JSON.stringify((await t.deps.db.$client.execute('select * from calendar_feeds')).rows);
    assert.ok(!dump.includes(path.slice('/v1/calendar/'.length, -4)), 'only the hash is stored');

    const reset = await t.call('POST', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin });
    assert.notEqual(reset.body.url, created.body.url);
    assert.equal((await t.call('GET', path)).status, 404);
    assert.equal((await t.call('GET', new URL(reset.body.url).pathname)).status, 200);
    assert.equal((await t.call('DELETE', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin })).status, 204);
    const off = await t.call('GET', new URL(reset.body.url).pathname);
    assert.equal(off.status, 404);
    assert.equal(off.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal((await t.call('GET', '/v1/calendar/hcf_guess.ics')).status, 404);
  });

  it('a suspended member’s feed stops answering', async () => {
    const [m] = (await attendees(t, a, 1)) as Attendee[];
    const { url } = (await t.call('POST', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin })).body;
    assert.equal((await t.call('GET', new URL(url).pathname)).status, 200);
    await t.call('POST', `/v1/admin/members/${m!.member.id}/suspend`, { token: a.sk, body: { reason: 'test' } });
    assert.equal((await t.call('GET', new URL(url).pathname)).status, 404);
  });
});
