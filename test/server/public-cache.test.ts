/**
 * Kept public answers (server/http/public-cache.ts, server/core/cache.ts) in one process: what is kept,
 * for whom, and what this process's own writes refresh at once. Across processes: freshness.test.ts.
 */
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { eventBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { fastPathStats } from '../../server/http/public-cache.js';

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

  it('answers a kept list before the chain, with exactly the chain’s headers, body and request id of its own', async () => {
    const forms: Record<string, string>[] = [{}, { 'accept-encoding': 'gzip' }];
    for (const [i, extra] of forms.entries()) {
      // A URL not asked before: the first answer goes through the whole chain (and teaches the fast path); the next does not.
      const url = `/v1/events?limit=${19 - i}`;
      const headers = { authorization: `Bearer ${b.pk}`, origin: b.origin, ...extra };
      const before = fastPathStats.answered;
      const chain = await t.app.request(url, { headers });
      assert.equal(fastPathStats.answered, before, 'the first answer went through the chain');
      const chainBody = Buffer.from(await chain.arrayBuffer());
      const fast = await t.app.request(url, { headers });
      assert.equal(fastPathStats.answered, before + 1, 'the second was answered before the chain');
      const fastBody = Buffer.from(await fast.arrayBuffer());
      assert.deepEqual(fastBody, chainBody);
      const without = (res: Response) => [...res.headers].filter(([name]) => name !== 'x-request-id');
      assert.deepEqual(without(fast), without(chain));
      assert.ok(fast.headers.get('x-request-id') && fast.headers.get('x-request-id') !== chain.headers.get('x-request-id'));
      assert.equal(fast.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(fast.headers.get('access-control-allow-origin'), b.origin);
    }
    // Asked with the caller's own request id, the fast path answers with it as the chain does.
    const own = await t.app.request('/v1/events?limit=19', { headers: { authorization: `Bearer ${b.pk}`, origin: b.origin, 'x-request-id': 'trace-123' } });
    assert.equal(own.headers.get('x-request-id'), 'trace-123');
  });

  it('the fast path refuses what the chain refuses: an origin just removed, a key just revoked', async () => {
    const url = '/v1/events?limit=3';
    const ask = (token: string, origin: string) => t.app.request(url, { headers: { authorization: `Bearer ${token}`, origin } });
    for (let i = 0; i < 3; i++) assert.equal((await ask(b.pk, b.origin)).status, 200);
    // Another allowed origin learns its own headers; removing it refuses it on the very next request.
    const other = 'https://other.example.jp';
    assert.equal((await t.call('PATCH', '/v1/admin/tenant', { token: b.sk, body: { allowedOrigins: [b.origin, other] } })).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await ask(b.pk, other)).headers.get('access-control-allow-origin'), other);
    assert.equal((await t.call('PATCH', '/v1/admin/tenant', { token: b.sk, body: { allowedOrigins: [b.origin] } })).status, 200);
    assert.equal((await ask(b.pk, other)).status, 403);
    assert.equal((await ask(b.pk, b.origin)).status, 200);
    // A revoked key: refused at once by this process, kept answer or not.
    const keys = await t.call('GET', '/v1/admin/keys', { token: b.sk });
    const pk = keys.body.data.find((k: { kind: string; revokedAt: string | null }) => k.kind === 'publishable' && !k.revokedAt);
    assert.equal((await t.call('DELETE', `/v1/admin/keys/${pk.id}`, { token: b.sk })).status, 200);
    assert.equal((await ask(b.pk, b.origin)).status, 401);
  });
});
