import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { members, sessions, ssoSecrets, ssoTokenUses } from '../../server/db/schema.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';

describe('host-site SSO', () => {
  let t: TestContext;
  let seq = 0;
  before(async () => {
    t = await makeTestApp();
  });
  after(() => t.close());

  const nowS = () => Math.floor(t.clock.now().getTime() / 1000);

  /** Signs a token as a tenant's server would (see README: HS256, the secret's UTF-8 bytes as key). */
  async function sign(secret: string, claims: JWTPayload, header: { alg: string } = { alg: 'HS256' }) {
    return new SignJWT(claims).setProtectedHeader(header).sign(new TextEncoder().encode(secret));
  }

  function claimsFor(tn: TestTenant, overrides: Record<string, unknown> = {}) {
    seq += 1;
    const claims: Record<string, unknown> = {
      sub: `user-${seq}`,
      email: `sso-${process.pid}-${seq}@example.jp`,
      name: `SSO 太郎 ${seq}`,
      iat: nowS(),
      exp: nowS() + 300,
      aud: tn.id,
      ...overrides,
    };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    return claims as JWTPayload;
  }

  async function setUp(policy = 'open') {
    const tn = await t.tenant('ミライ製作所');
    await t.call('PATCH', '/v1/admin/tenant', { token: tn.sk, body: { membershipPolicy: policy } });
    const res = await t.call('POST', '/v1/admin/sso/secret', { token: tn.sk });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { tn, secret: res.body.secret as string };
  }

  const exchange = (tn: TestTenant, token: string, extra: Record<string, unknown> = {}) =>
    t.call('POST', '/v1/auth/sso', { token: tn.pk, origin: tn.origin, body: { token, ...extra } });

  it('admin creates the secret once, shows it once, and reports status without it', async () => {
    const tn = await t.tenant();
    const before = await t.call('GET', '/v1/admin/sso', { token: tn.sk });
    assert.deepEqual(before.body, { configured: false, createdAt: null, algorithm: 'HS256', audience: tn.id });
    const created = await t.call('POST', '/v1/admin/sso/secret', { token: tn.sk });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^hss_[0-9A-Za-z]{48}$/);
    assert.equal(created.body.audience, tn.id);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const status = await t.call('GET', '/v1/admin/sso', { token: tn.sk });
    assert.equal(status.body.configured, true);
    assert.ok(!JSON.stringify(status.body).includes(created.body.secret));
    // Publishable keys cannot create secrets.
    assert.equal((await t.call('POST', '/v1/admin/sso/secret', { token: tn.pk, origin: tn.origin })).status, 403);
  });

  it('exchanges a valid token for a session; the same sub is the same member, even with a new email', async () => {
    const { tn, secret } = await setUp();
    const claims = claimsFor(tn, { kind: 'employee', locale: 'en' });
    const res = await exchange(tn, await sign(secret, claims));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.token, /^hcs_/);
    assert.equal(res.body.member.email, claims.email);
    assert.equal(res.body.member.profile.name, claims.name);
    assert.equal(res.body.member.kind, 'employee');
    assert.equal(res.body.member.locale, 'en');
    assert.equal(res.body.member.status, 'approved');
    assert.equal((await t.call('GET', '/v1/me', { token: res.body.token, origin: tn.origin })).status, 200);

    const moved = `moved-${claims.email}`;
    const again = await exchange(tn, await sign(secret, { ...claims, email: moved, aud: undefined }));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.member.id, res.body.member.id);
    assert.equal(again.body.member.email, moved);
  });

  it('links an existing email member to the SSO id on first SSO sign-in', async () => {
    const { tn, secret } = await setUp();
    const claims = claimsFor(tn);
    const existing = await t.call('POST', '/v1/auth/sso', {
      token: tn.pk,
      origin: tn.origin,
      body: { token: await sign(secret, { ...claims, sub: 'first-id' }) },
    });
    await t.deps.db.update(members).set({ externalId: null }).where(eq(members.id, existing.body.member.id));
    const res = await exchange(tn, await sign(secret, claims));
    assert.equal(res.body.member.id, existing.body.member.id);
    const [row] = await t.deps.db.select().from(members).where(eq(members.id, existing.body.member.id));
    assert.equal(row!.externalId, claims.sub);
    // A different host-site account with that email now conflicts instead of taking the member over.
    const thief = await exchange(tn, await sign(secret, { ...claims, sub: 'someone-else' }));
    assert.equal(thief.status, 409);
  });

  it('applies the membership policy: roster-only refuses a person not on the roster', async () => {
    const { tn, secret } = await setUp('roster');
    const res = await exchange(tn, await sign(secret, claimsFor(tn)));
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /contact ミライ製作所/);
  });

  it('refuses tokens that are not good enough', async () => {
    const { tn, secret } = await setUp();
    const other = await t.tenant();
    const { privateKey } = await generateKeyPair('RS256');
    const cases: [string, () => Promise<string>, number, string?][] = [
      ['wrong secret', async () => sign(`${secret}x`, claimsFor(tn)), 401],
      ['expired', async () => sign(secret, claimsFor(tn, { iat: nowS() - 900, exp: nowS() - 60 })), 401],
      ['too old (iat over 10 minutes ago)', async () => sign(secret, claimsFor(tn, { iat: nowS() - 700, exp: nowS() + 60 })), 401],
      ['exp too far in the future', async () => sign(secret, claimsFor(tn, { exp: nowS() + 3600 })), 422, 'body.token.exp'],
      ['iat in the future', async () => sign(secret, claimsFor(tn, { iat: nowS() + 600 })), 422, 'body.token.iat'],
      ['alg none', async () => new UnsecuredJWT(claimsFor(tn)).encode(), 401],
      ['RS256', async () => new SignJWT(claimsFor(tn)).setProtectedHeader({ alg: 'RS256' }).sign(privateKey), 401],
      ['HS512 with the right secret', async () => sign(secret, claimsFor(tn), { alg: 'HS512' }), 401],
      ['no sub', async () => sign(secret, claimsFor(tn, { sub: undefined })), 422, 'body.token.sub'],
      ['no email', async () => sign(secret, claimsFor(tn, { email: undefined })), 422, 'body.token.email'],
      ['no name', async () => sign(secret, claimsFor(tn, { name: undefined })), 422, 'body.token.name'],
      ['no exp', async () => sign(secret, claimsFor(tn, { exp: undefined })), 422, 'body.token.exp'],
      ['no iat', async () => sign(secret, claimsFor(tn, { iat: undefined })), 422, 'body.token.iat'],
      ['bad email', async () => sign(secret, claimsFor(tn, { email: 'not an email' })), 422, 'body.token.email'],
      ['bad kind', async () => sign(secret, claimsFor(tn, { kind: 'ceo' })), 422, 'body.token.kind'],
      ['huge name', async () => sign(secret, claimsFor(tn, { name: 'あ'.repeat(500) })), 422, 'body.token.name'],
      ["another tenant's audience", async () => sign(secret, claimsFor(tn, { aud: other.id })), 422, 'body.token.aud'],
      ['not a JWT', async () => 'hello.world', 422, 'body.token'],
    ];
    for (const [label, make, status, field] of cases) {
      const res = await exchange(tn, await make());
      assert.equal(res.status, status, `${label}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', label);
      if (field) assert.ok(res.body.errors?.some((e: { field: string }) => e.field === field), `${label}: ${JSON.stringify(res.body)}`);
    }
    const count = await t.deps.db.select().from(members).where(eq(members.tenantId, tn.id));
    assert.equal(count.length, 0);
  });

  it('accepts a token once: replaying it is a 401 problem and opens no second session', async () => {
    const { tn, secret } = await setUp();
    const token = await sign(secret, claimsFor(tn));
    const first = await exchange(tn, token);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    for (let i = 0; i < 2; i++) {
      const replay = await exchange(tn, token);
      assert.equal(replay.status, 401, JSON.stringify(replay.body));
      assert.equal(replay.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.match(replay.body.detail, /already used/);
    }
    const opened = await t.deps.db.select().from(sessions).where(eq(sessions.memberId, first.body.member.id));
    assert.equal(opened.length, 1);
  });

  it('of concurrent replays of one token exactly one gets a session', async () => {
    const { tn, secret } = await setUp();
    const claims = claimsFor(tn);
    const token = await sign(secret, claims);
    const results = await Promise.all(Array.from({ length: 6 }, () => exchange(tn, token)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 401, 401, 401, 401, 401], JSON.stringify(results.map((r) => r.body)));
    const [member] = await t.deps.db.select().from(members).where(and(eq(members.tenantId, tn.id), eq(members.email, claims.email as string)));
    assert.equal((await t.deps.db.select().from(sessions).where(eq(sessions.memberId, member!.id))).length, 1);
  });

  it('with a jti, a second token carrying the same jti is refused; other jtis are fine', async () => {
    const { tn, secret } = await setUp();
    const claims = claimsFor(tn, { jti: 'handover-1' });
    assert.equal((await exchange(tn, await sign(secret, claims))).status, 200);
    // Signed again (another iat), so a different string: the jti still identifies it.
    const resigned = await exchange(tn, await sign(secret, { ...claims, iat: nowS() - 1 }));
    assert.equal(resigned.status, 401);
    assert.equal((await exchange(tn, await sign(secret, { ...claims, jti: 'handover-2' }))).status, 200);
    // The same jti from another tenant is another tenant's business.
    const other = await setUp();
    assert.equal((await exchange(other.tn, await sign(other.secret, claimsFor(other.tn, { jti: 'handover-1' })))).status, 200);
    const bad = await exchange(tn, await sign(secret, { ...claims, jti: 'a\u0000b' }));
    assert.equal(bad.status, 422);
    assert.ok(bad.body.errors.some((e: { field: string }) => e.field === 'body.token.jti'), JSON.stringify(bad.body));
  });

  it('keeps used-token records only while the token could still pass, then sweeps them', async () => {
    const { tn, secret } = await setUp();
    assert.equal((await exchange(tn, await sign(secret, claimsFor(tn, { exp: nowS() + 60 })))).status, 200);
    const uses = () => t.deps.db.select().from(ssoTokenUses).where(eq(ssoTokenUses.tenantId, tn.id));
    assert.equal((await uses()).length, 1);
    const start = t.clock.now();
    t.clock.advance(2 * 60 * 1000);
    try {
      assert.equal((await exchange(tn, await sign(secret, claimsFor(tn)))).status, 200);
      assert.equal((await uses()).length, 1, 'the expired record was swept, the new one kept');
    } finally {
      t.clock.set(start);
    }
  });

  it('after rotation the old secret is refused and the new one works; without a secret SSO is off', async () => {
    const { tn, secret } = await setUp();
    const rotated = await t.call('POST', '/v1/admin/sso/secret', { token: tn.sk });
    assert.notEqual(rotated.body.secret, secret);
    assert.equal((await exchange(tn, await sign(secret, claimsFor(tn)))).status, 401);
    assert.equal((await exchange(tn, await sign(rotated.body.secret, claimsFor(tn)))).status, 200);
    assert.equal((await t.call('DELETE', '/v1/admin/sso/secret', { token: tn.sk })).status, 204);
    assert.equal((await t.deps.db.select().from(ssoSecrets).where(eq(ssoSecrets.tenantId, tn.id))).length, 0);
    const off = await exchange(tn, await sign(rotated.body.secret, claimsFor(tn)));
    assert.equal(off.status, 403);
    assert.match(off.body.detail, /not set up/);
  });

  it("a tenant's secret does not sign for another tenant", async () => {
    const a = await setUp();
    const b = await setUp();
    const res = await exchange(b.tn, await sign(a.secret, claimsFor(b.tn)));
    assert.equal(res.status, 401);
  });

  it('records consent given with the SSO exchange', async () => {
    const { tn, secret } = await setUp();
    await t.call('PATCH', '/v1/admin/tenant', { token: tn.sk, body: { privacyPolicyVersion: 'v3', privacyPolicyUrl: 'https://careers.example.jp/privacy' } });
    const token = await sign(secret, claimsFor(tn));
    const wrong = await exchange(tn, token, { acceptPrivacyPolicyVersion: 'v2' });
    assert.equal(wrong.status, 422);
    const res = await exchange(tn, token, { acceptPrivacyPolicyVersion: 'v3' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.member.consent, { requiredVersion: 'v3', acceptedVersion: 'v3', needed: false, policyUrl: 'https://careers.example.jp/privacy' });
  });

  it('with SECRETS_KEY set, keeps the secret encrypted at rest and still verifies tokens signed with it', async () => {
    const sealed = await makeTestApp({ config: { SECRETS_KEY: 'ab'.repeat(32) } });
    try {
      const tn = await sealed.tenant();
      await sealed.call('PATCH', '/v1/admin/tenant', { token: tn.sk, body: { membershipPolicy: 'open' } });
      const created = await sealed.call('POST', '/v1/admin/sso/secret', { token: tn.sk });
      const [row] = await sealed.deps.db.select().from(ssoSecrets).where(eq(ssoSecrets.tenantId, tn.id));
      assert.match(row!.secret, /^enc:v1:/);
      assert.ok(!row!.secret.includes(created.body.secret.slice(4)));
      const token = await sign(created.body.secret, claimsFor(tn));
      const res = await sealed.call('POST', '/v1/auth/sso', { token: tn.pk, origin: tn.origin, body: { token } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    } finally {
      await sealed.close();
    }
  });
});
