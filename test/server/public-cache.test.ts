/**
 * Kept public answers (server/http/public-cache.ts, server/core/cache.ts) in one process: what is kept,
 * for whom, and what this process's own writes refresh at once. Across processes: freshness.test.ts.
 */
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { eventBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('kept public answers', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let eventId: string;

  /** Database reads a request makes (the outbox worker's look after each call counts one). */
  async function readsOf(fn: () => Promise<unknown>): Promise<number> {
    const stats = t.deps.db.$client.stats;
    const before = stats.primaryReads + stats.replicaReads;
    await fn();
    return stats.primaryReads + stats.replicaReads - before;
  }
  const list = (tenant: TestTenant, query = '', headers: Record<string, string> = {}) =>
    t.call('GET', `/v1/events${query}`, { token: tenant.pk, origin: tenant.origin, headers });

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('アルファ株式会社');
    b = await t.tenant('ベータ株式会社');
    const created = await t.call('POST', '/v1/admin/events', { token: a.sk, body: eventBody({ title: '交流会 A' }) });
    eventId = created.body.id;
    await t.call('POST', '/v1/admin/events', { token: b.sk, body: eventBody({ title: '交流会 B' }) });
  });
  after(() => t.close());

  it('answers a repeated public list from memory, per tenant and URL, with the same headers', async () => {
    const first = await list(a);
    const cold = await readsOf(() => list(a, '?limit=5'));
    const warm = await readsOf(() => list(a, '?limit=5'));
    assert.ok(warm < cold, `a kept answer still read the database (${warm} reads, ${cold} when made)`);
    const again = await list(a);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('access-control-allow-origin'), a.origin);
    assert.equal(again.headers.get('cache-control'), 'no-store');
    assert.match(again.headers.get('content-type') ?? '', /^application\/json/);
    // Another tenant's visitors never get it.
    assert.deepEqual((await list(b)).body.data.map((e: { title: string }) => e.title), ['交流会 B']);
  });

  it('shows this process’s own admin change on the next request', async () => {
    assert.deepEqual((await list(a)).body.data.map((e: { title: string }) => e.title), ['交流会 A']);
    const patched = await t.call('PATCH', `/v1/admin/events/${eventId}`, { token: a.sk, body: { title: '交流会 A（改）' } });
    assert.equal(patched.status, 200);
    assert.deepEqual((await list(a)).body.data.map((e: { title: string }) => e.title), ['交流会 A（改）']);
  });

  it('never keeps an answer to a member session, nor a refusal', async () => {
    const member = await createMember(t.deps.db, a.id, { status: 'approved' });
    const token = await sessionFor(t.deps.db, member);
    await t.call('GET', '/v1/events', { token, origin: a.origin });
    const warm = await readsOf(() => t.call('GET', '/v1/events', { token, origin: a.origin }));
    assert.ok(warm >= 3, `a session's list was answered from memory (${warm} reads)`);
    assert.equal((await list(a, '?limit=0')).status, 422);
    assert.equal((await list(a, '?limit=0')).status, 422);
    assert.equal((await list(a, '', {})).status, 200);
    // A refused origin is refused every time, whatever was kept for the tenant.
    const refused = await t.call('GET', '/v1/events', { token: a.pk, origin: 'https://elsewhere.example.com' });
    assert.equal(refused.status, 403);
  });

  it('sends large kept answers gzipped to clients that accept it, and plain to the rest', async () => {
    for (let i = 0; i < 12; i++) await t.call('POST', '/v1/admin/events', { token: b.sk, body: eventBody({ title: `勉強会 ${i}`, description: '説明'.repeat(50) }) });
    const url = `/v1/events?limit=20`;
    const headers = { authorization: `Bearer ${b.pk}`, origin: b.origin };
    const plain = await t.app.request(url, { headers });
    const plainBody = await plain.text();
    assert.equal(plain.headers.get('content-encoding'), null);
    for (let i = 0; i < 2; i++) {
      const zipped = await t.app.request(url, { headers: { ...headers, 'accept-encoding': 'gzip, br' } });
      assert.equal(zipped.headers.get('content-encoding'), 'gzip');
      assert.match(zipped.headers.get('vary') ?? '', /accept-encoding/i);
      assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString(), plainBody);
    }
    assert.equal(JSON.parse(plainBody).data.length, 13);
  });
});
