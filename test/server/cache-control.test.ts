/**
 * Responses holding personal data or secrets must not be kept by a browser or proxy cache: every /v1
 * operation in /openapi.json answers with `Cache-Control: no-store`, successes and problems alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { fixtureId, tenantFixtures, type TenantFixtures } from '../helpers/fixtures.js';

describe('Cache-Control: no-store', () => {
  let t: TestContext;
  let a: TestTenant & TenantFixtures;
  let ops: { method: string; path: string; schemes: string[] }[];

  before(async () => {
    t = await makeTestApp();
    const tenant = await t.tenant();
    a = { ...tenant, ...(await tenantFixtures(t, tenant)) };
    const doc = (await t.call('GET', '/openapi.json')).body;
    ops = Object.entries<any>(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) =>
        Object.entries<any>(item).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          schemes: (op.security ?? []).flatMap((r: object) => Object.keys(r)) as string[],
        })),
      );
  });
  after(() => t.close());

  const credential = (schemes: string[]) =>
    schemes.includes('secretKey') ? { token: a.sk } : schemes.includes('memberSession') ? { token: a.session, origin: a.origin } : { token: a.pk, origin: a.origin };

  async function expectNoStore(method: string, path: string, opts: Parameters<TestContext['call']>[2], wantStatus?: number) {
    const res = await t.call(method, path, opts);
    if (wantStatus !== undefined) assert.equal(res.status, wantStatus, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.headers.get('cache-control'), 'no-store', `${method} ${path} → ${res.status}`);
    return res;
  }

  it('on every /v1 operation, with the right credential (reads first, deletions last)', async () => {
    // Reads before writes: a write (suspending the fixture member, say) would turn a later read into a 404.
    const rank = (o: { method: string }) => (o.method === 'GET' ? 0 : o.method === 'DELETE' ? 2 : 1);
    const ordered = [...ops].sort((x, y) => rank(x) - rank(y));
    const statuses: Record<string, number> = {};
    for (const o of ordered) {
      const url = o.path.replace(/\{\w+\}/g, () => fixtureId(a, o.path) ?? 'x');
      const body = o.method === 'GET' || o.method === 'DELETE' ? undefined : (a.bodies[`${o.method} ${o.path}`] ?? {});
      const res = await expectNoStore(o.method, url, { ...credential(o.schemes), body });
      statuses[`${o.method} ${o.path}`] = res.status;
    }
    // The ones the review named answered with their data, not just a refusal.
    for (const op of ['GET /v1/me', 'GET /v1/me/export', 'GET /v1/members', 'GET /v1/members/{id}', 'GET /v1/admin/members', 'GET /v1/admin/members/{id}',
      'GET /v1/admin/members/export.csv', 'GET /v1/admin/roster', 'GET /v1/admin/roster/{id}', 'POST /v1/admin/keys', 'POST /v1/admin/sso/secret', 'POST /v1/auth/email/start']) {
      assert.ok(statuses[op]! >= 200 && statuses[op]! < 300, `${op} → ${statuses[op]}`);
    }
  });

  it('on the sign-in answers that hand out a session', async () => {
    const tn = await t.tenant();
    await t.call('PATCH', '/v1/admin/tenant', { token: tn.sk, body: { membershipPolicy: 'open' } });
    const address = `cache-${process.pid}@example.jp`;
    await expectNoStore('POST', '/v1/auth/email/start', { token: tn.pk, origin: tn.origin, body: { email: address } }, 202);
    const code = /\b(\d{6})\b/.exec(t.outbox.messages.findLast((m) => m.to === address)!.text)![1]!;
    await expectNoStore('POST', '/v1/auth/email/verify', { token: tn.pk, origin: tn.origin, body: { email: address, code } }, 200);

    const secret = (await expectNoStore('POST', '/v1/admin/sso/secret', { token: tn.sk }, 201)).body.secret as string;
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const token = await new SignJWT({ sub: 'u-1', email: `sso-${address}`, name: 'キャッシュ 太郎' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(secret));
    await expectNoStore('POST', '/v1/auth/sso', { token: tn.pk, origin: tn.origin, body: { token } }, 200);
  });

  it('on problems too, and not on the public widget bundle or the docs', async () => {
    await expectNoStore('GET', '/v1/me', {}, 401);
    await expectNoStore('GET', '/v1/nothing-here', { token: a.pk }, 404);
    const docs = await t.app.request('/docs');
    assert.notEqual(docs.headers.get('cache-control'), 'no-store');
  });
});
