/**
 * What only registered members may see — the online link, a private address, the private details —
 * is absent from every response to anyone else: the list, the detail, "my events", the .ics file, the
 * registration itself, the Google link; for the publishable key, a member who is not registered, one
 * on the waitlist, one who cancelled, and another tenant. And from the mails of those not registered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { attendees, cancelAs, createEvent, registerAs, type Attendee } from '../helpers/events.js';

const LINK = 'https://meet.example.jp/j/9876543210?pwd=secret';
const ADDRESS = '東京都港区六本木 9-9-9 秘密ビル';
const DETAILS = '入館コード 4321#';
const secrets = [LINK, 'meet.example.jp', ADDRESS, DETAILS, encodeURIComponent(LINK), encodeURIComponent(DETAILS)];

describe('private event details reach registered members only', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let eventId: string;
  let registered: Attendee;
  let waiting: Attendee;
  let outsider: Attendee;
  let quitter: Attendee;
  let stranger: Attendee;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
    b = await t.tenant('別会社');
    const event = await createEvent(t, a, {
      capacity: 1,
      isOnline: true,
      onlineUrl: LINK,
      venueAddress: ADDRESS,
      venueAddressPrivate: true,
      privateDetails: DETAILS,
      questions: [{ id: 'diet', label: '食事', kind: 'text' }],
    });
    eventId = event.id;
    [registered, waiting, outsider, quitter] = (await attendees(t, a, 4)) as [Attendee, Attendee, Attendee, Attendee];
    [stranger] = (await attendees(t, b, 1)) as [Attendee];
    await registerAs(t, a, registered, eventId);
    await registerAs(t, a, quitter, eventId);
    await registerAs(t, a, waiting, eventId);
    await cancelAs(t, a, quitter, eventId);
    // registered holds the one seat; quitter waited first and left; waiting still waits.
  });
  after(() => t.close());

  const reads = (id: string) => [
    '/v1/events',
    '/v1/events?when=upcoming&limit=100',
    `/v1/events/${id}`,
    `/v1/events/${id}.ics`,
    '/v1/me/events',
    `/v1/events/${id}/registration`,
  ];

  async function everything(token: string, origin: string) {
    const bodies: string[] = [];
    for (const path of reads(eventId)) {
      const res = await t.call('GET', path, { token, origin });
      // iCalendar folds lines at 75 octets: unfold, so a link split across lines is still found.
      const text = typeof res.body === 'string' ? res.body.replace(/\r?\n[ \t]/g, '') : JSON.stringify(res.body);
      bodies.push(`${path} ${res.status} ${text}`);
    }
    return bodies;
  }

  const leaks = (bodies: string[]) => bodies.filter((b) => secrets.some((s) => b.includes(s)));

  it('the setup is as intended: one registered, one waiting, one cancelled', async () => {
    const list = await t.call('GET', `/v1/admin/events/${eventId}/registrations`, { token: a.sk });
    const by = new Map(list.body.data.map((r: { memberId: string; status: string }) => [r.memberId, r.status]));
    assert.equal(by.get(registered.member.id), 'registered');
    assert.equal(by.get(waiting.member.id), 'waitlisted');
    assert.equal(by.get(quitter.member.id), 'cancelled');
  });

  it('is absent for the publishable key, a member not registered, one waiting, one who cancelled, another tenant', async () => {
    const callers: [string, string, string][] = [
      ['publishable key', a.pk, a.origin],
      ['not registered', outsider.token, a.origin],
      ['waitlisted', waiting.token, a.origin],
      ['cancelled', quitter.token, a.origin],
      ['another tenant', stranger.token, b.origin],
    ];
    for (const [who, token, origin] of callers) {
      const bodies = await everything(token, origin);
      assert.deepEqual(leaks(bodies), [], `${who} sees a private detail`);
    }
    const detail = await t.call('GET', `/v1/events/${eventId}`, { token: waiting.token, origin: a.origin });
    assert.equal('onlineUrl' in detail.body, false, 'the key is absent, not null');
    assert.equal('privateDetails' in detail.body, false);
    assert.equal(detail.body.venueAddress, null);
    assert.equal(detail.body.venueAddressPrivate, true);
  });

  it('is there for the registered member, everywhere they look, and for the organiser', async () => {
    const bodies = await everything(registered.token, a.origin);
    for (const path of reads(eventId).filter((p) => !p.endsWith('/registration'))) {
      const body = bodies.find((b) => b.startsWith(`${path} `))!;
      assert.ok(body.includes(LINK), `${path} shows the link`);
    }
    const detail = await t.call('GET', `/v1/events/${eventId}`, { token: registered.token, origin: a.origin });
    assert.equal(detail.body.onlineUrl, LINK);
    assert.equal(detail.body.privateDetails, DETAILS);
    assert.equal(detail.body.venueAddress, ADDRESS);
    assert.ok(new URL(detail.body.googleCalendarUrl).searchParams.get('details')!.includes(DETAILS));
    const admin = await t.call('GET', `/v1/admin/events/${eventId}`, { token: a.sk });
    assert.equal(admin.body.onlineUrl, LINK);
  });

  it('mails: the registered get the link; the waiting and the cancelled do not', async () => {
    const to = (who: Attendee) => t.outbox.messages.filter((m) => m.to === who.member.email);
    assert.ok(to(registered).some((m) => m.text.includes(LINK) && m.text.includes(DETAILS) && m.text.includes(ADDRESS)));
    for (const who of [waiting, quitter]) {
      for (const m of to(who)) assert.ok(!secrets.some((s) => JSON.stringify(m).includes(s)), `${m.subject} leaks to ${who.member.email}`);
    }
  });

  it('once promoted, the member sees it; once cancelled, no more', async () => {
    await cancelAs(t, a, registered, eventId);
    const promoted = await t.call('GET', `/v1/events/${eventId}`, { token: waiting.token, origin: a.origin });
    assert.equal(promoted.body.registration.status, 'registered');
    assert.equal(promoted.body.onlineUrl, LINK);
    assert.ok(t.outbox.messages.filter((m) => m.to === waiting.member.email).some((m) => m.text.includes(LINK)));
    assert.deepEqual(leaks(await everything(registered.token, a.origin)), []);
  });
});
