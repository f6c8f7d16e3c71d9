import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { and, eq, like } from 'drizzle-orm';
import { emailCodes, members, rateLimits, sessions } from '../../server/db/schema.js';
import { sha256 } from '../../server/core/crypto.js';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { makeSmtpTestApp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.js';

const MINUTE = 60_000;
const codeIn = (m: ReceivedMail) => /\b(\d{6})\b/.exec(m.text)?.[1] ?? assert.fail(`no code in: ${m.text}`);

describe('email sign-in', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let seq = 0;
  const email = (label = 'alum') => `${label}-${process.pid}-${++seq}@example.jp`;

  before(async () => {
    // As behind one load balancer, which appends the address it saw to X-Forwarded-For.
    ({ t, smtp } = await makeSmtpTestApp({ config: { TRUST_PROXY_HOPS: 1 } }));
  });
  after(() => t.close());

  /** Asks for a code as the widget does and returns it as it arrived by SMTP. */
  async function requestCode(tn: TestTenant, address: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const before = smtp.messages.length;
    const res = await t.call('POST', '/v1/auth/email/start', { token: tn.pk, origin: tn.origin, body: { email: address, ...body }, headers });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const mail = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= before && m.to.includes(address.toLowerCase()));
    return { code: codeIn(mail), mail };
  }

  const verify = (tn: TestTenant, address: string, code: string, extra: Record<string, unknown> = {}) =>
    t.call('POST', '/v1/auth/email/verify', { token: tn.pk, origin: tn.origin, body: { email: address, code, ...extra } });

  async function signIn(tn: TestTenant, address: string, extra: Record<string, unknown> = {}) {
    const { code } = await requestCode(tn, address);
    const res = await verify(tn, address, code, extra);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { token: string; member: any };
  }

  it('signs in with a code read from the SMTP server (Japanese mail), and the session works', async () => {
    const a = await t.tenant('ミライ製作所');
    const address = email();
    const { code, mail } = await requestCode(a, address);
    assert.equal(mail.subject, '[ミライ製作所] サインインコード');
    assert.match(mail.text, /サインインコード/);
    assert.match(mail.html, new RegExp(code));
    assert.deepEqual(mail.to, [address]);

    // Only hashes are stored.
    const [stored] = await t.deps.db.select().from(emailCodes).where(and(eq(emailCodes.tenantId, a.id), eq(emailCodes.email, address)));
    assert.ok(stored);
    assert.ok(!stored.codeHash.includes(code));

    const res = await verify(a, address.toUpperCase(), code);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.token, /^hcs_[0-9A-Za-z]{40}$/);
    assert.equal(res.body.member.email, address);
    assert.equal(res.body.member.status, 'pending');
    assert.equal(res.body.member.locale, 'ja');
    assert.equal(res.body.member.consent.needed, false);
    assert.equal(res.body.member.visibility.bio, 'members');

    const [session] = await t.deps.db.select().from(sessions).where(eq(sessions.memberId, res.body.member.id));
    assert.equal(session!.tokenHash, sha256(res.body.token));

    const me = await t.call('GET', '/v1/me', { token: res.body.token, origin: a.origin });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, res.body.member.id);
  });

  it('mails in English when asked, and in the member’s own language afterwards', async () => {
    const a = await t.tenant('Mirai Works');
    const address = email();
    const first = await requestCode(a, address, { locale: 'en' });
    assert.equal(first.mail.subject, '[Mirai Works] Your sign-in code');
    assert.match(first.mail.text, /expires in 10 minutes/);
    const signedIn = await verify(a, address, first.code, { locale: 'en' });
    assert.equal(signedIn.body.member.locale, 'en');
    // The member chose English; a later request without a locale still gets English.
    const again = await requestCode(a, address);
    assert.equal(again.mail.subject, '[Mirai Works] Your sign-in code');
  });

  it('answers 202 with the same body whether or not the address is known', async () => {
    const a = await t.tenant();
    const known = email();
    await signIn(a, known);
    const k = await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: known } });
    const u = await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: email('nobody') } });
    assert.equal(k.status, 202);
    assert.equal(u.status, 202);
    assert.deepEqual(k.body, u.body);
  });

  it('refuses bad input with 422 naming the field', async () => {
    const a = await t.tenant();
    const cases: [string, unknown, string][] = [
      ['/v1/auth/email/start', { email: 'not-an-email' }, 'body.email'],
      ['/v1/auth/email/start', { email: `${'a'.repeat(300)}@example.jp` }, 'body.email'],
      ['/v1/auth/email/start', { email: 'a@example.jp', locale: 'fr' }, 'body.locale'],
      ['/v1/auth/email/verify', { email: 'a@example.jp', code: '12345' }, 'body.code'],
      ['/v1/auth/email/verify', { email: 'a@example.jp', code: 'abcdef' }, 'body.code'],
      ['/v1/auth/email/verify', { email: 'a@example.jp' }, 'body.code'],
    ];
    for (const [path, body, field] of cases) {
      const res = await t.call('POST', path, { token: a.pk, origin: a.origin, body });
      assert.equal(res.status, 422, `${path} ${JSON.stringify(body)}`);
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), JSON.stringify(res.body));
    }
  });

  it('needs the publishable key: a secret key or no key is refused', async () => {
    const a = await t.tenant();
    assert.equal((await t.call('POST', '/v1/auth/email/start', { body: { email: email() } })).status, 401);
    assert.equal((await t.call('POST', '/v1/auth/email/start', { token: a.sk, body: { email: email() } })).status, 403);
  });

  it('accepts the code as people type it (full-width digits, spaces)', async () => {
    const a = await t.tenant();
    const address = email();
    const { code } = await requestCode(a, address);
    const typed = `${code.slice(0, 3)} ${code.slice(3)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    assert.equal((await verify(a, address, typed)).status, 200);
  });

  it('refuses a brute force: after 3 wrong tries from one client, 5 in all, even the right code is refused', async () => {
    const a = await t.tenant();
    const address = email();
    const { code } = await requestCode(a, address);
    const wrong = code === '000000' ? '111111' : '000000';
    const from = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
    for (let i = 1; i <= 3; i++) {
      const res = await t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: address, code: wrong }, headers: from(1) });
      assert.equal(res.status, 422);
      assert.equal(res.body.errors[0].field, 'body.code');
      assert.match(res.body.detail, i < 3 ? new RegExp(`${3 - i} tr`) : /last try/);
    }
    for (const n of [2, 3]) {
      const res = await t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: address, code: wrong }, headers: from(n) });
      assert.match(res.body.detail, n === 2 ? /1 try left/ : /last try/);
    }
    const right = await verify(a, address, code);
    assert.equal(right.status, 422);
    assert.match(right.body.detail, /Too many wrong tries/);
    const kept = await t.deps.db.select().from(members).where(and(eq(members.tenantId, a.id), eq(members.email, address)));
    assert.equal(kept.length, 0);
  });

  it('counts parallel guesses: no more than 5 are checked', async () => {
    const a = await t.tenant();
    const address = email();
    const { code } = await requestCode(a, address);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    await Promise.all(
      guesses.map((g, i) =>
        t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: address, code: g }, headers: { 'x-forwarded-for': `198.51.100.${i}` } }),
      ),
    );
    const [row] = await t.deps.db.select().from(emailCodes).where(and(eq(emailCodes.tenantId, a.id), eq(emailCodes.email, address)));
    assert.equal(row!.attempts, 5);
    assert.equal((await verify(a, address, code)).status, 422);
  });

  it('refuses a used code', async () => {
    const a = await t.tenant();
    const address = email();
    const { code } = await requestCode(a, address);
    assert.equal((await verify(a, address, code)).status, 200);
    const again = await verify(a, address, code);
    assert.equal(again.status, 422);
    assert.match(again.body.detail, /already used/);
  });

  it('refuses an expired code (10 minutes)', async () => {
    const a = await t.tenant();
    const address = email();
    const { code } = await requestCode(a, address);
    t.clock.advance(10 * MINUTE + 1_000);
    const res = await verify(a, address, code);
    assert.equal(res.status, 422);
    assert.match(res.body.detail, /expired/);
  });

  it('a new code replaces the older one', async () => {
    const a = await t.tenant();
    const address = email();
    const first = await requestCode(a, address);
    const second = await requestCode(a, address);
    if (first.code !== second.code) assert.equal((await verify(a, address, first.code)).status, 422);
    assert.equal((await verify(a, address, second.code)).status, 200);
  });

  it('rate-limits codes per address (10 an hour) with Retry-After and a clear message', async () => {
    const a = await t.tenant();
    const address = email();
    for (let i = 0; i < 10; i++) await requestCode(a, address, {}, { 'x-forwarded-for': `198.51.100.${i + 1}` });
    const res = await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: address }, headers: { 'x-forwarded-for': '198.51.100.99' } });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.match(res.body.detail, /for this email address/);
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 3600, String(retryAfter));
    // Another address is not affected; after the window the address may ask again.
    await requestCode(a, email(), {}, { 'x-forwarded-for': '198.51.100.99' });
    t.clock.advance(retryAfter * 1000);
    await requestCode(a, address, {}, { 'x-forwarded-for': '198.51.100.100' });
  });

  it('rate-limits codes per client (30 an hour, by the address the trusted proxy saw)', async () => {
    const a = await t.tenant();
    const client = { 'x-forwarded-for': '198.18.0.1, 203.0.113.7' };
    for (let i = 0; i < 30; i++) {
      const res = await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: email('many') }, headers: client });
      assert.equal(res.status, 202, `request ${i + 1}`);
    }
    const res = await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: email('many') }, headers: client });
    assert.equal(res.status, 429);
    assert.match(res.body.detail, /from your network/);
    assert.ok(res.headers.get('retry-after'));
    // What the client writes itself (the left part) changes nothing; another client is not affected.
    const forged = await t.call('POST', '/v1/auth/email/start', {
      token: a.pk,
      origin: a.origin,
      body: { email: email('forged') },
      headers: { 'x-forwarded-for': '192.0.2.55, 203.0.113.7' },
    });
    assert.equal(forged.status, 429);
    const other = await t.call('POST', '/v1/auth/email/start', {
      token: a.pk,
      origin: a.origin,
      body: { email: email('other') },
      headers: { 'x-forwarded-for': '203.0.113.8' },
    });
    assert.equal(other.status, 202);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY_HOPS says a proxy sets it', async () => {
    const direct = await makeSmtpTestApp();
    try {
      const a = await direct.t.tenant();
      const server = serve({ fetch: direct.t.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((ok) => server.once('listening', ok));
      try {
        const { port } = server.address() as AddressInfo;
        for (const forged of ['192.0.2.1', '192.0.2.2']) {
          const res = await fetch(`http://127.0.0.1:${port}/v1/auth/email/start`, {
            method: 'POST',
            headers: { authorization: `Bearer ${a.pk}`, 'content-type': 'application/json', 'x-forwarded-for': forged },
            body: JSON.stringify({ email: email() }),
          });
          assert.equal(res.status, 202);
        }
      } finally {
        await new Promise((ok) => server.close(ok));
      }
      const keys = await direct.t.deps.db.select().from(rateLimits).where(like(rateLimits.key, `auth-start:client:${a.id}:%`));
      assert.equal(keys.length, 1, 'both requests counted against the socket address');
      assert.equal(keys[0]!.count, 2);
    } finally {
      await direct.t.close();
    }
  });

  it('without x-forwarded-for, counts per socket address when served over HTTP', async () => {
    const a = await t.tenant();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((ok) => server.once('listening', ok));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/v1/auth/email/start`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.pk}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: email() }),
      });
      assert.equal(res.status, 202);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
    const keys = await t.deps.db.select().from(rateLimits).where(like(rateLimits.key, `auth-start:client:${a.id}:%`));
    const loopback = ['127.0.0.1', '::ffff:127.0.0.1'].map((ip) => `auth-start:client:${a.id}:${sha256(ip)}`);
    assert.deepEqual(keys.map((k) => loopback.includes(k.key)), [true]);
  });

  it('keeps tenants apart: codes and sessions of tenant A do not work for tenant B', async () => {
    const a = await t.tenant('A社');
    const b = await t.tenant('B社');
    const address = email();
    const { code } = await requestCode(a, address);
    // A's code is not B's code.
    const crossed = await verify(b, address, code);
    assert.equal(crossed.status, 422);
    const signedIn = await verify(a, address, code);
    assert.equal(signedIn.status, 200);
    const session = signedIn.body.token as string;
    // A's session on B's page is refused, and can never read B's data.
    const onB = await t.call('GET', '/v1/me', { token: session, origin: b.origin });
    assert.equal(onB.status, 403);
    assert.equal(onB.body.code, 'origin_not_allowed');
    // B's publishable key where a session is needed: 403; a made-up session: 401.
    assert.equal((await t.call('GET', '/v1/me', { token: b.pk, origin: b.origin })).status, 403);
    assert.equal((await t.call('GET', '/v1/me', { token: `hcs_${'x'.repeat(40)}`, origin: b.origin })).status, 401);
    // The same person in B is a different member.
    const inB = await signIn(b, address);
    assert.notEqual(inB.member.id, signedIn.body.member.id);
  });

  it('signs out: the token stops working, other sessions of the member do not', async () => {
    const a = await t.tenant();
    const address = email();
    const one = await signIn(a, address);
    const two = await signIn(a, address);
    assert.equal(one.member.id, two.member.id);
    const out = await t.call('DELETE', '/v1/auth/session', { token: one.token, origin: a.origin });
    assert.equal(out.status, 204);
    const me = await t.call('GET', '/v1/me', { token: one.token, origin: a.origin });
    assert.equal(me.status, 401);
    assert.match(me.body.detail, /sign in again/i);
    assert.equal((await t.call('DELETE', '/v1/auth/session', { token: one.token, origin: a.origin })).status, 401);
    assert.equal((await t.call('GET', '/v1/me', { token: two.token, origin: a.origin })).status, 200);
  });

  it('slides the session expiry while used, and expires it after 30 idle days', async () => {
    const a = await t.tenant();
    const { token } = await signIn(a, email());
    const day = 24 * 60 * MINUTE;
    for (let i = 0; i < 3; i++) {
      t.clock.advance(29 * day);
      assert.equal((await t.call('GET', '/v1/me', { token, origin: a.origin })).status, 200, `after ${(i + 1) * 29} days`);
    }
    t.clock.advance(30 * day + 1_000);
    assert.equal((await t.call('GET', '/v1/me', { token, origin: a.origin })).status, 401);
  });

  it('reads do not write: the session is touched at most once an hour', async () => {
    const a = await t.tenant();
    const { token, member } = await signIn(a, email());
    const seen = async () => (await t.deps.db.select().from(sessions).where(eq(sessions.memberId, member.id)))[0]!.lastSeenAt;
    const first = await seen();
    t.clock.advance(30 * MINUTE);
    await t.call('GET', '/v1/me', { token, origin: a.origin });
    assert.equal(await seen(), first);
    t.clock.advance(31 * MINUTE);
    await t.call('GET', '/v1/me', { token, origin: a.origin });
    assert.equal(await seen(), t.clock.now().toISOString());
  });

  it('a suspended member’s sessions stop working and they cannot sign in again', async () => {
    const a = await t.tenant('ミライ製作所');
    const address = email();
    const { token, member } = await signIn(a, address);
    await t.deps.db.update(members).set({ status: 'suspended' }).where(eq(members.id, member.id));
    assert.equal((await t.call('GET', '/v1/me', { token, origin: a.origin })).status, 401);
    const { code } = await requestCode(a, address);
    const res = await verify(a, address, code);
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /suspended.*ミライ製作所/);
  });

  describe('membership policy', () => {
    async function withPolicy(policy: string) {
      const tn = await t.tenant('ミライ製作所');
      const res = await t.call('PATCH', '/v1/admin/tenant', { token: tn.sk, body: { membershipPolicy: policy } });
      assert.equal(res.status, 200);
      return tn;
    }
    async function addToRoster(tn: TestTenant, entry: Record<string, unknown>) {
      const res = await t.call('POST', '/v1/admin/roster', { token: tn.sk, body: { entries: [entry] } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }

    it("'roster': a roster match joins approved with the roster's details; others are refused and nothing is kept", async () => {
      const tn = await withPolicy('roster');
      const listed = email('listed');
      await addToRoster(tn, { emails: [`other-${listed}`, listed], name: '山田 太郎', department: '営業部', joinedOn: '2015-04-01', leftOn: '2023-03-31', kind: 'employee' });
      const ok = await signIn(tn, listed);
      assert.equal(ok.member.status, 'approved');
      assert.equal(ok.member.kind, 'employee');
      assert.equal(ok.member.profile.name, '山田 太郎');
      assert.equal(ok.member.profile.lastDepartment, '営業部');
      assert.equal(ok.member.profile.joinedYear, 2015);
      assert.equal(ok.member.profile.leftYear, 2023);

      const stranger = email('stranger');
      const { code } = await requestCode(tn, stranger);
      const refused = await verify(tn, stranger, code);
      assert.equal(refused.status, 403);
      assert.match(refused.body.detail, /contact ミライ製作所/);
      const kept = await t.deps.db.select().from(members).where(and(eq(members.tenantId, tn.id), eq(members.email, stranger)));
      assert.equal(kept.length, 0);
    });

    it("'roster_then_approval': a roster match is approved at once, others wait as pending", async () => {
      const tn = await withPolicy('roster_then_approval');
      const listed = email('listed');
      await addToRoster(tn, { emails: [listed], name: '佐藤 花子' });
      assert.equal((await signIn(tn, listed)).member.status, 'approved');
      const other = await signIn(tn, email('other'));
      assert.equal(other.member.status, 'pending');
      assert.equal(other.member.profile.name, '');
      // Pending members have a working session (to edit their profile while they wait).
      assert.equal((await t.call('GET', '/v1/me', { token: other.token, origin: tn.origin })).body.status, 'pending');
    });

    it("'open': everyone is approved", async () => {
      const tn = await withPolicy('open');
      assert.equal((await signIn(tn, email())).member.status, 'approved');
    });

    it('a pending member becomes approved at the next sign-in once the roster lists them', async () => {
      const tn = await withPolicy('roster_then_approval');
      const address = email();
      assert.equal((await signIn(tn, address)).member.status, 'pending');
      // Written straight to the table, as an older import might have, so only the sign-in can approve.
      const { rosterEntries, rosterEmails } = await import('../../server/db/schema.js');
      const ts = t.clock.now().toISOString();
      await t.deps.db.insert(rosterEntries).values({ id: `ros_direct_${seq}`, tenantId: tn.id, emails: [address], name: '名簿 太郎', department: '開発部', createdAt: ts, updatedAt: ts });
      await t.deps.db.insert(rosterEmails).values({ tenantId: tn.id, email: address, rosterEntryId: `ros_direct_${seq}` });
      const again = await signIn(tn, address);
      assert.equal(again.member.status, 'approved');
      assert.equal(again.member.profile.name, '名簿 太郎');
      assert.equal(again.member.profile.lastDepartment, '開発部');
    });
  });

  describe('privacy-policy consent', () => {
    async function withPolicyVersion(version: string) {
      const tn = await t.tenant();
      const res = await t.call('PATCH', '/v1/admin/tenant', {
        token: tn.sk,
        body: { privacyPolicyUrl: 'https://careers.example.jp/privacy', privacyPolicyVersion: version },
      });
      assert.equal(res.status, 200);
      return tn;
    }

    it('asks for consent until the current version is accepted, and again when the version changes', async () => {
      const tn = await withPolicyVersion('2026-04');
      const plain = await signIn(tn, email());
      assert.deepEqual(plain.member.consent, {
        requiredVersion: '2026-04',
        acceptedVersion: null,
        needed: true,
        policyUrl: 'https://careers.example.jp/privacy',
      });

      const address = email();
      const { code } = await requestCode(tn, address);
      // A wrong version is refused before the code is used, so the person can retry with it.
      const wrong = await verify(tn, address, code, { acceptPrivacyPolicyVersion: '2025-01' });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.errors[0].field, 'body.acceptPrivacyPolicyVersion');
      const ok = await verify(tn, address, code, { acceptPrivacyPolicyVersion: '2026-04' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.member.consent.needed, false);
      assert.equal(ok.body.member.consent.acceptedVersion, '2026-04');

      await t.call('PATCH', '/v1/admin/tenant', { token: tn.sk, body: { privacyPolicyVersion: '2026-10' } });
      const me = await t.call('GET', '/v1/me', { token: ok.body.token, origin: tn.origin });
      assert.equal(me.body.consent.needed, true);
      const accepted = await t.call('PATCH', '/v1/me', { token: ok.body.token, origin: tn.origin, body: { acceptPrivacyPolicyVersion: '2026-10' } });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.consent.needed, false);
      const exported = await t.call('GET', '/v1/me/export', { token: ok.body.token, origin: tn.origin });
      assert.deepEqual(
        exported.body.consents.map((c: { version: string }) => c.version).sort(),
        ['2026-04', '2026-10'],
      );
    });
  });
});
