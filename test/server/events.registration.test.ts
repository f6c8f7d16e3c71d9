/**
 * Registering for events: capacity and the waitlist (in order, promotion as many as fit), idempotent
 * registering, the back of the line after cancelling, refusals (draft, cancelled, deadline, over),
 * guests, questions and answers, and what each outcome mails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { attendees, cancelAs, createEvent, registerAs } from '../helpers/events.js';

describe('event registration', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
  });
  after(() => t.close());

  const mailsTo = (email: string) => t.outbox.messages.filter((m) => m.to === email);
  const statusOf = async (eventId: string) => {
    const res = await t.call('GET', `/v1/admin/events/${eventId}/registrations?limit=100`, { token: a.sk });
    return new Map<string, string>(res.body.data.map((r: { memberId: string; status: string }) => [r.memberId, r.status]));
  };

  it('gives seats until the capacity, then the waitlist in order; seats left and places are shown', async () => {
    const event = await createEvent(t, a, { capacity: 2 });
    const people = await attendees(t, a, 4);
    const answers = [];
    for (const p of people) answers.push(await registerAs(t, a, p, event.id));
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200]);
    assert.deepEqual(answers.map((r) => r.body.registration.status), ['registered', 'registered', 'waitlisted', 'waitlisted']);
    assert.deepEqual(answers.map((r) => r.body.registration.waitlistPosition), [null, null, 1, 2]);
    assert.deepEqual(answers.map((r) => r.body.seatsLeft), [1, 0, 0, 0]);
    const pub = await t.call('GET', `/v1/events/${event.id}`, { token: a.pk, origin: a.origin });
    assert.equal(pub.body.seatsLeft, 0);
    assert.equal(pub.body.waitlistCount, 2);
    assert.equal(pub.body.registration, null);
    assert.match(mailsTo(people[0]!.member.email)[0]!.subject, /参加申し込みを受け付けました/);
    assert.match(mailsTo(people[2]!.member.email)[0]!.subject, /キャンセル待ち/);
  });

  it('is idempotent: registering twice keeps the place and mails once', async () => {
    const event = await createEvent(t, a, { capacity: 1 });
    const [first, second] = await attendees(t, a, 2);
    await registerAs(t, a, first!, event.id);
    await registerAs(t, a, second!, event.id);
    const again = await registerAs(t, a, second!, event.id);
    assert.equal(again.status, 200);
    assert.equal(again.body.registration.status, 'waitlisted');
    assert.equal(again.body.registration.waitlistPosition, 1);
    const twice = await registerAs(t, a, first!, event.id);
    assert.equal(twice.body.registration.status, 'registered');
    assert.equal(mailsTo(first!.member.email).length, 1);
    assert.equal(mailsTo(second!.member.email).length, 1);
    const list = await t.call('GET', `/v1/admin/events/${event.id}/registrations`, { token: a.sk });
    assert.equal(list.body.data.length, 2);
  });

  it('a cancellation promotes the first waiting, who is mailed the invitation; cancelling and registering again goes to the back', async () => {
    const event = await createEvent(t, a, { capacity: 1 });
    const [x, y, z] = await attendees(t, a, 3);
    for (const p of [x!, y!, z!]) await registerAs(t, a, p, event.id);
    const cancelled = await cancelAs(t, a, x!, event.id);
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.registration, null);
    let status = await statusOf(event.id);
    assert.equal(status.get(y!.member.id), 'registered');
    assert.equal(status.get(z!.member.id), 'waitlisted');
    const promoted = mailsTo(y!.member.email).at(-1)!;
    assert.match(promoted.subject, /参加が確定しました/);
    assert.equal(promoted.icalEvent?.method, 'REQUEST');
    assert.equal(mailsTo(z!.member.email).length, 1, 'the one still waiting is not mailed again');
    const cancelMail = mailsTo(x!.member.email).at(-1)!;
    assert.equal(cancelMail.icalEvent?.method, 'CANCEL');

    const back = await registerAs(t, a, x!, event.id);
    assert.equal(back.body.registration.status, 'waitlisted');
    assert.equal(back.body.registration.waitlistPosition, 2, 'behind z, who waited first');
    await cancelAs(t, a, y!, event.id);
    status = await statusOf(event.id);
    assert.equal(status.get(z!.member.id), 'registered');
    assert.equal(status.get(x!.member.id), 'waitlisted');
    // Cancelling what is not there changes nothing.
    const none = await cancelAs(t, a, y!, event.id);
    assert.equal(none.status, 200);
    assert.equal(none.body.registration, null);
  });

  it('raising the capacity promotes as many as fit, in order, and mails exactly them', async () => {
    const event = await createEvent(t, a, { capacity: 1, maxGuests: 2 });
    const people = await attendees(t, a, 5);
    await registerAs(t, a, people[0]!, event.id);
    await registerAs(t, a, people[1]!, event.id); // 1 seat
    await registerAs(t, a, people[2]!, event.id, { guests: 1 }); // 2 seats
    await registerAs(t, a, people[3]!, event.id); // 1 seat
    await registerAs(t, a, people[4]!, event.id); // 1 seat
    const before = t.outbox.messages.length;
    const res = await t.call('PATCH', `/v1/admin/events/${event.id}`, { token: a.sk, body: { capacity: 4 } });
    assert.equal(res.status, 200);
    // 3 free seats: people[1] (1) and people[2] with a guest (2) fit; people[3] would be the 5th seat.
    const status = await statusOf(event.id);
    assert.deepEqual(people.map((p) => status.get(p.member.id)), ['registered', 'registered', 'registered', 'waitlisted', 'waitlisted']);
    assert.equal(res.body.counts.seatsTaken, 4);
    assert.equal(res.body.counts.seatsLeft, 0);
    const mailed = t.outbox.messages.slice(before).map((m) => m.to).sort();
    assert.deepEqual(mailed, [people[1]!.member.email, people[2]!.member.email].sort());
    // In order: a later, smaller request does not pass the one ahead of it.
    await t.call('PATCH', `/v1/admin/events/${event.id}`, { token: a.sk, body: { capacity: 5 } });
    const after = await statusOf(event.id);
    assert.equal(after.get(people[3]!.member.id), 'registered');
    assert.equal(after.get(people[4]!.member.id), 'waitlisted');
  });

  it('keeps a group in line: a freed seat is not given to someone behind a group that does not fit yet', async () => {
    const event = await createEvent(t, a, { capacity: 2, maxGuests: 1 });
    const [p, q, group, single] = await attendees(t, a, 4);
    await registerAs(t, a, p!, event.id);
    await registerAs(t, a, q!, event.id);
    await registerAs(t, a, group!, event.id, { guests: 1 });
    await registerAs(t, a, single!, event.id);
    await cancelAs(t, a, p!, event.id);
    let status = await statusOf(event.id);
    assert.equal(status.get(group!.member.id), 'waitlisted');
    assert.equal(status.get(single!.member.id), 'waitlisted', 'waits behind the group');
    await cancelAs(t, a, q!, event.id);
    status = await statusOf(event.id);
    assert.equal(status.get(group!.member.id), 'registered');
    assert.equal(status.get(single!.member.id), 'waitlisted');
  });

  it('guests take seats and are limited by the organiser (0 by default); more guests only if they fit', async () => {
    const none = await createEvent(t, a, { capacity: 10 });
    const [m, n, o] = await attendees(t, a, 3);
    const refused = await registerAs(t, a, m!, none.id, { guests: 1 });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.errors[0].field, 'body.guests');
    assert.equal(none.maxGuests, 0);

    const event = await createEvent(t, a, { capacity: 3, maxGuests: 2 });
    assert.equal((await registerAs(t, a, m!, event.id, { guests: 3 })).status, 422);
    const two = await registerAs(t, a, m!, event.id, { guests: 2 });
    assert.equal(two.body.registration.status, 'registered');
    assert.equal(two.body.seatsLeft, 0);
    assert.equal((await registerAs(t, a, n!, event.id)).body.registration.status, 'waitlisted');
    // Fewer guests free seats for the line at once.
    const fewer = await registerAs(t, a, m!, event.id, { guests: 1 });
    assert.equal(fewer.body.registration.guests, 1);
    assert.equal((await statusOf(event.id)).get(n!.member.id), 'registered');
    // More guests than the seats left: refused, unchanged.
    const more = await registerAs(t, a, m!, event.id, { guests: 2 });
    assert.equal(more.status, 409);
    assert.equal((await t.call('GET', `/v1/events/${event.id}`, { token: m!.token, origin: a.origin })).body.registration.guests, 1);
    assert.equal((await registerAs(t, a, o!, event.id, { guests: 1 })).body.registration.status, 'waitlisted');
  });

  it('refuses drafts (404), cancelled events, a passed deadline and an event that is over (409), and members not yet approved (403)', async () => {
    const [m] = await attendees(t, a, 1);
    const draft = await createEvent(t, a, { status: 'draft' });
    assert.equal((await registerAs(t, a, m!, draft.id)).status, 404);
    const cancelled = await createEvent(t, a, { status: 'cancelled' });
    const c = await registerAs(t, a, m!, cancelled.id);
    assert.equal(c.status, 409);
    assert.equal(c.body.code, 'registration_closed');
    assert.match(c.body.detail, /cancelled/);
    const late = await createEvent(t, a, { registrationDeadline: '2026-11-20T00:00:00Z' });
    const d = await registerAs(t, a, m!, late.id);
    assert.equal(d.status, 409);
    assert.match(d.body.detail, /deadline/);
    const over = await createEvent(t, a, { startsAt: '2026-11-01T10:00:00+09:00', endsAt: '2026-11-01T12:00:00+09:00' });
    assert.match((await registerAs(t, a, m!, over.id)).body.detail, /over/);
    for (const id of [draft.id, cancelled.id, late.id, over.id]) {
      assert.equal((await t.call('GET', `/v1/admin/events/${id}/registrations`, { token: a.sk })).body.data.length, 0);
    }
    const [pending] = await attendees(t, a, 1, { status: 'pending' });
    const open = await createEvent(t, a);
    assert.equal((await registerAs(t, a, pending!, open.id)).status, 403);
    assert.equal((await t.call('PUT', `/v1/events/${open.id}/registration`, { token: a.pk, origin: a.origin, body: {} })).status, 403);
  });

  it('asks the organiser’s questions: required, one choice, several choices, free text; refusals name the question', async () => {
    const questions = [
      { id: 'diet', label: '食事の制限', kind: 'single', options: ['なし', 'ベジタリアン', 'ハラール'], required: true },
      { id: 'topics', label: '聞きたい話', kind: 'multiple', options: ['採用', '新規事業', '近況'] },
      { id: 'note', label: 'ひとこと', kind: 'text' },
    ];
    const event = await createEvent(t, a, { questions });
    assert.deepEqual(event.questions.map((q: { id: string }) => q.id), ['diet', 'topics', 'note']);
    const [m] = await attendees(t, a, 1);
    const cases: [unknown, string][] = [
      [[], 'body.answers.diet'],
      [[{ questionId: 'diet', value: '魚' }], 'body.answers.diet'],
      [[{ questionId: 'diet', value: 'なし' }, { questionId: 'topics', value: ['採用', '釣り'] }], 'body.answers.topics'],
      [[{ questionId: 'diet', value: 'なし' }, { questionId: 'other', value: 'x' }], 'body.answers.other'],
      [[{ questionId: 'diet', value: 'なし' }, { questionId: 'note', value: ['a'] }], 'body.answers.note'],
    ];
    for (const [answers, field] of cases) {
      const res = await registerAs(t, a, m!, event.id, { answers });
      assert.equal(res.status, 422, JSON.stringify(answers));
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(res.body.errors)} names ${field}`);
    }
    assert.equal((await t.call('GET', `/v1/admin/events/${event.id}/registrations`, { token: a.sk })).body.data.length, 0, 'nothing written');
    const ok = await registerAs(t, a, m!, event.id, {
      answers: [{ questionId: 'note', value: '楽しみです' }, { questionId: 'topics', value: ['近況', '採用'] }, { questionId: 'diet', value: 'ベジタリアン' }],
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.registration.answers, [
      { questionId: 'diet', value: 'ベジタリアン' },
      { questionId: 'topics', value: ['採用', '近況'] },
      { questionId: 'note', value: '楽しみです' },
    ]);
    const list = await t.call('GET', `/v1/admin/events/${event.id}/registrations`, { token: a.sk });
    assert.deepEqual(list.body.data[0].answers[0], { questionId: 'diet', question: '食事の制限', value: 'ベジタリアン' });
    assert.match(t.outbox.messages.at(-1)!.text, /食事の制限: ベジタリアン/);
    // The organiser's questions are checked too.
    const bad = await t.call('POST', '/v1/admin/events', { token: a.sk, body: { ...event, id: undefined, questions: [{ label: 'x', kind: 'single', options: [] }] } });
    assert.equal(bad.status, 422);
  });

  it('answers are the member’s data: in their export, gone when they erase themselves, and the seat goes to the line', async () => {
    const event = await createEvent(t, a, { capacity: 1, questions: [{ id: 'diet', label: '食事', kind: 'text' }] });
    const [m, waiting] = await attendees(t, a, 2);
    await registerAs(t, a, m!, event.id, { answers: [{ questionId: 'diet', value: '卵アレルギー' }] });
    await registerAs(t, a, waiting!, event.id);
    await t.call('POST', '/v1/me/calendar-feed', { token: m!.token, origin: a.origin });
    const exported = await t.call('GET', '/v1/me/export', { token: m!.token, origin: a.origin });
    assert.equal(exported.body.eventRegistrations[0].answers[0].value, '卵アレルギー');
    assert.equal(exported.body.eventRegistrations[0].eventId, event.id);
    assert.ok(exported.body.calendarFeed.createdAt);
    assert.ok(!JSON.stringify(exported.body).includes('hcf_'), 'no feed token in the export');
    assert.equal((await t.call('DELETE', '/v1/me', { token: m!.token, origin: a.origin })).status, 204);
    const list = await t.call('GET', `/v1/admin/events/${event.id}/registrations`, { token: a.sk });
    assert.deepEqual(list.body.data.map((r: { memberId: string }) => r.memberId), [waiting!.member.id]);
    assert.equal((await statusOf(event.id)).get(waiting!.member.id), 'waitlisted');
    // The event's periodic check (first due 14 days before it starts) offers the freed seat to the line.
    t.clock.advance(8 * 60 * 60 * 1000);
    await t.worker.drain();
    assert.equal((await statusOf(event.id)).get(waiting!.member.id), 'registered');
  });
});
