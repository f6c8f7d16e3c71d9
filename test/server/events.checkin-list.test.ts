/**
 * The check-in page's picker: `GET /v1/admin/check-in/events` lists published events that are not over
 * for more than a day, soonest first — for event staff only the events assigned to them (they hold no
 * `events.read`, so this is how their phone learns the titles); moderators are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createEvent } from '../helpers/events.js';
import { staffSessionFor } from '../helpers/fixtures.js';

describe('events: the check-in picker', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  before(async () => {
    t = await makeTestApp({ now: '2026-11-21T03:00:00.000Z' });
    a = await t.tenant();
    b = await t.tenant('別会社');
  });
  after(() => t.close());

  it('lists what the caller may check in at: not drafts, not long over; event staff only theirs; others refused', async () => {
    const tonight = await createEvent(t, a, { title: '今夜', startsAt: '2026-11-21T19:00:00+09:00', endsAt: '2026-11-21T21:00:00+09:00' });
    const yesterday = await createEvent(t, a, { title: '昨夜', startsAt: '2026-11-20T19:00:00+09:00', endsAt: '2026-11-20T21:00:00+09:00' });
    await createEvent(t, a, { title: '先週', startsAt: '2026-11-13T19:00:00+09:00', endsAt: '2026-11-13T21:00:00+09:00' });
    const later = await createEvent(t, a, { title: '来月', startsAt: '2026-12-05T19:00:00+09:00', endsAt: '2026-12-05T21:00:00+09:00' });
    await createEvent(t, a, { title: '下書き', startsAt: '2026-12-06T19:00:00+09:00', endsAt: '2026-12-06T21:00:00+09:00', status: 'draft' });
    await createEvent(t, b, { title: '別会社の会' });

    const list = async (token: string) => t.call('GET', '/v1/admin/check-in/events', { token });
    const all = await list(a.sk);
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.data.map((e: { title: string }) => e.title), ['昨夜', '今夜', '来月']);
    assert.deepEqual(Object.keys(all.body.data[0]).sort(), ['endsAt', 'id', 'startsAt', 'status', 'timeZone', 'title', 'venueName']);

    const door = await staffSessionFor(t, a.id, 'event_staff', { eventIds: [tonight.id, later.id] });
    assert.deepEqual((await list(door.token)).body.data.map((e: { id: string }) => e.id), [tonight.id, later.id]);
    const idle = await staffSessionFor(t, a.id, 'event_staff');
    assert.deepEqual((await list(idle.token)).body.data, [], 'no events assigned: none');
    const moderator = await staffSessionFor(t, a.id, 'moderator');
    assert.equal((await list(moderator.token)).status, 403);
    assert.ok(yesterday.id);
  });
});
