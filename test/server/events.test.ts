import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';

describe('events', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
  });
  after(() => t.close());

  it('admin creates an event and the public list shows it once published', async () => {
    const created = await t.call('POST', '/v1/admin/events', { token: a.sk, body: eventBody({ status: 'draft' }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.startsAt, '2026-12-05T10:00:00.000Z');
    let list = await t.call('GET', '/v1/events', { token: a.pk, origin: a.origin });
    assert.equal(list.status, 200);
    assert.equal(list.body.data.length, 0);
    const patched = await t.call('PATCH', `/v1/admin/events/${created.body.id}`, { token: a.sk, body: { status: 'published' } });
    assert.equal(patched.status, 200);
    list = await t.call('GET', '/v1/events', { token: a.pk, origin: a.origin });
    assert.deepEqual(list.body.data.map((e: { id: string }) => e.id), [created.body.id]);
    assert.equal(list.body.data[0].onlineUrl, undefined);
    assert.equal(list.headers.get('access-control-allow-origin'), a.origin);
  });

  it('rejects a request from an origin not on the list', async () => {
    const res = await t.call('GET', '/v1/events', { token: a.pk, origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    // The page may read the refusal (to say why), and nothing else.
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://evil.example');
    assert.equal(res.body.code, 'origin_not_allowed');
    assert.equal(res.body.data, undefined);
  });
});
