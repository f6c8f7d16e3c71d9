/**
 * Scale-out with real processes (scripts/scale-out.ts): a sqld primary and a replica, two API
 * processes — one reading public GETs through the replica, one reading the primary — and a
 * round-robin balancer. A mixed load through the balancer: no errors, no lost writes, a member's own
 * write read back at once, an admin's edit in the public list on both processes within 1 s; then each
 * freshness case (test/helpers/freshness.ts) with either process writing. Always on sqld (a replica
 * is a sqld feature), so it runs in the sqld pass only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeMixedLoad, runMixedLoad, seedScaleOutTenant, startScaleOut, type ScaleOutStack } from '../../scripts/scale-out.js';
import { createApp } from '../../server/app.js';
import { systemClock } from '../../server/core/clock.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { loadConfig } from '../../server/config.js';
import { openDb } from '../../server/db/client.js';
import { testEngine } from '../helpers/db.js';
import { checkFreshness, FRESH_WITHIN_MS, freshnessCases } from '../helpers/freshness.js';

describe('scale-out: sqld primary + replica, two API processes, a load balancer', { skip: testEngine !== 'sqld' && 'runs with HOMECOMING_TEST_DB=sqld' }, () => {
  let stack: ScaleOutStack;

  before(async () => {
    stack = await startScaleOut();
  });
  after(async () => {
    await stack?.stop();
  });

  it('a write through the replica-reading process is read at once through the primary-reading one, and the other way round', async () => {
    const t = await seedScaleOutTenant(stack, 1);
    const member = t.members[0]!;
    const me = (base: string) =>
      fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${member.token}` } }).then(async (r) => ((await r.json()) as { profile: { currentTitle: string } }).profile.currentTitle);
    const patch = (base: string, currentTitle: string) =>
      fetch(`${base}/v1/me`, { method: 'PATCH', headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ currentTitle }) });
    for (let i = 0; i < 5; i++) {
      const [writer, reader] = i % 2 ? [stack.primaryApi.url, stack.replicaApi.url] : [stack.replicaApi.url, stack.primaryApi.url];
      assert.equal((await patch(writer, `肩書き ${i}`)).status, 200);
      assert.equal(await me(reader), `肩書き ${i}`);
      assert.equal(await me(writer), `肩書き ${i}`);
    }
  });

  it('mixed load through the balancer: 0 errors, no lost writes, own writes read back at once, others within 1 s', async () => {
    const t = await seedScaleOutTenant(stack, 6);
    const r = await runMixedLoad(stack, t, 6);
    console.log(describeMixedLoad(r));
    assert.deepEqual(r.errors, []);
    assert.equal(r.lostWrites, 0);
    assert.equal(r.readYourWritesMisses, 0);
    assert.ok(r.freshnessLagMs.length > 0, 'no admin edit was looked for');
    assert.ok(Math.max(...r.freshnessLagMs) <= FRESH_WITHIN_MS, `an admin edit took ${Math.round(Math.max(...r.freshnessLagMs))} ms to show`);
    for (const kind of ['public list', 'sign-in (SSO)', 'profile write', 'own write read back', 'registration', 'registration cancelled', 'own registration read back', 'admin event edit']) assert.ok(r.kinds[kind]?.count, `no ${kind} ran`);
  });

  it('each freshness case, the replica-reading process writing and then the primary-reading one', async () => {
    for (const [writer, other] of [
      [stack.replicaApi.url, stack.primaryApi.url],
      [stack.primaryApi.url, stack.replicaApi.url],
    ]) {
      for (const c of await freshnessCases(stack.db, stack.balancer)) await checkFreshness(c, writer!, [other!]);
    }
  });

  it('sends public GETs to the replica, and member, staff and just-written tenants’ reads to the primary', async () => {
    const t = await seedScaleOutTenant(stack, 1);
    const db = openDb(stack.primary, { replicaUrl: stack.replica });
    const app = createApp({ db, config: loadConfig({}), mailer: outboxMailer(null, 'test@homecoming.test'), clock: systemClock, log: jsonLogger('silent') });
    const reads = async (path: string, token: string, init: RequestInit = {}) => {
      const { replicaReads, primaryReads } = { ...db.$client.stats };
      const res = await app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(token.startsWith('sk_') ? {} : { origin: 'https://careers.example.jp' }), ...init.headers } });
      assert.ok(res.status < 300, `${path}: ${res.status} ${await res.text()}`);
      return { replica: db.$client.stats.replicaReads - replicaReads, primary: db.$client.stats.primaryReads - primaryReads };
    };
    try {
      const pub = await reads('/v1/events', t.publishable.key);
      assert.ok(pub.replica > 0 && pub.primary === 0, `public GET: ${JSON.stringify(pub)}`);
      const member = await reads('/v1/me', t.members[0]!.token);
      assert.ok(member.replica === 0 && member.primary > 0, `member GET: ${JSON.stringify(member)}`);
      const staff = await reads('/v1/admin/events', t.secretKey);
      assert.ok(staff.replica === 0 && staff.primary > 0, `secret-key GET: ${JSON.stringify(staff)}`);
      await reads(`/v1/admin/events/${t.eventId}`, t.secretKey, { method: 'PATCH', body: JSON.stringify({ title: '直後' }), headers: { 'content-type': 'application/json' } });
      const afterWrite = await reads('/v1/events?limit=5', t.publishable.key);
      assert.ok(afterWrite.replica === 0 && afterWrite.primary > 0, `public GET right after this process wrote the tenant: ${JSON.stringify(afterWrite)}`);
    } finally {
      db.$client.close();
    }
  });
});
