/**
 * Email sign-in as an attacker and a crowd would use it: a stranger holding only the public pk must
 * not be able to lock a member out, brute force stays capped, and parallel code requests never leave
 * the newest mail holding a dead code. Clients are told apart by X-Forwarded-For (one trusted proxy).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { emailCodes } from '../../server/db/schema.js';
import {
  CLIENT_EMAIL_START_LIMIT,
  CLIENT_VERIFY_LIMIT,
  EMAIL_START_LIMIT,
  MAX_CLIENT_CODE_ATTEMPTS,
  MAX_CODE_ATTEMPTS,
} from '../../server/modules/auth/codes.js';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { makeSmtpTestApp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.js';

const codeIn = (m: ReceivedMail) => /\b(\d{6})\b/.exec(m.text)?.[1] ?? assert.fail(`no code in: ${m.text}`);
const wrongFor = (code: string, n = 1) => String((Number(code) + n) % 1_000_000).padStart(6, '0');

describe('email sign-in under abuse', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let a: TestTenant;
  let seq = 0;
  /** When set, how long the mail server holds the n-th transaction (see startSmtp). */
  let holdBack: ((n: number) => number) | undefined;
  const email = (label = 'owner') => `${label}-${process.pid}-${++seq}@example.jp`;
  const client = (n: number | string) => ({ 'x-forwarded-for': `198.51.100.${n}` });
  const owner = { 'x-forwarded-for': '203.0.113.10' };
  const stranger = { 'x-forwarded-for': '192.0.2.66' };

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp({ config: { TRUST_PROXY_HOPS: 1 }, smtp: { holdBack: (n) => holdBack?.(n) ?? 0 } }));
    a = await t.tenant('ミライ製作所');
  });
  after(() => t.close());

  const start = (address: string, headers: Record<string, string>) =>
    t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: address }, headers });
  const verify = (address: string, code: string, headers: Record<string, string>) =>
    t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: address, code }, headers });
  const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
  async function nextCode(address: string, headers: Record<string, string>) {
    const before = mailsTo(address).length;
    const res = await start(address, headers);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    await smtp.waitFor((m) => m.to.includes(address) && mailsTo(address).indexOf(m) >= before);
    return codeIn(mailsTo(address)[before]!);
  }

  it("a stranger's wrong guesses do not make the owner's code fail", async () => {
    const address = email();
    const code = await nextCode(address, owner);
    for (let i = 0; i < 5; i++) {
      const res = await verify(address, wrongFor(code, i + 1), stranger);
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.errors[0].field, 'body.code');
    }
    const res = await verify(address, code, owner);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it("a stranger's code requests do not keep the owner from getting a code", async () => {
    const address = email();
    const refused = [];
    for (let i = 0; i < 6; i++) refused.push((await start(address, stranger)).status);
    assert.deepEqual(refused, [202, 202, 202, 202, 202, 429], 'the stranger is limited per client first');
    const code = await nextCode(address, owner);
    const res = await verify(address, code, owner);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it(`brute force stays capped: ${MAX_CODE_ATTEMPTS} tries per code (${MAX_CLIENT_CODE_ATTEMPTS} per client), ${EMAIL_START_LIMIT.limit} codes per address an hour`, async () => {
    // So at most 10 × 5 = 50 guesses an hour at one address, from several clients; 30 an hour from one.
    const address = email('target');
    const code = await nextCode(address, owner);

    // One client: three tries at this code, then even the right code is refused to it.
    for (let i = 1; i <= MAX_CLIENT_CODE_ATTEMPTS; i++) assert.equal((await verify(address, wrongFor(code, i), client(1))).status, 422);
    const blocked = await verify(address, code, client(1));
    assert.equal(blocked.status, 422);
    assert.match(blocked.body.detail, /Too many wrong tries/);

    // Several clients: five tries in all, then the code is dead for everyone.
    for (let i = 2; i <= MAX_CODE_ATTEMPTS - MAX_CLIENT_CODE_ATTEMPTS + 1; i++) assert.equal((await verify(address, wrongFor(code, 10 + i), client(i))).status, 422);
    const dead = await verify(address, code, owner);
    assert.equal(dead.status, 422, JSON.stringify(dead.body));
    assert.match(dead.body.detail, /Too many wrong tries/);
    const [row] = await t.deps.db.select().from(emailCodes).where(and(eq(emailCodes.tenantId, a.id), eq(emailCodes.email, address)));
    assert.equal(row!.attempts, MAX_CODE_ATTEMPTS);

    // A fresh code requested by the owner starts again.
    const fresh = await nextCode(address, owner);
    assert.equal((await verify(address, fresh, owner)).status, 200);

    // Codes for one address: at most ten an hour, however many clients ask.
    const mailbombed = email('mailbombed');
    const statuses = [];
    for (let i = 0; i <= EMAIL_START_LIMIT.limit; i++) statuses.push((await start(mailbombed, client(100 + i))).status);
    assert.deepEqual(statuses, [...Array(EMAIL_START_LIMIT.limit).fill(202), 429]);
    assert.ok(CLIENT_EMAIL_START_LIMIT.limit < EMAIL_START_LIMIT.limit, 'one client cannot use up an address');
  });

  it(`one client gets ${CLIENT_VERIFY_LIMIT.limit} tries an hour across addresses`, async () => {
    const sprayer = client(200);
    for (let i = 0; i < CLIENT_VERIFY_LIMIT.limit; i++) {
      const res = await verify(email('sprayed'), '123456', sprayer);
      assert.equal(res.status, 422, `try ${i + 1}`);
    }
    const res = await verify(email('sprayed'), '123456', sprayer);
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    assert.equal((await verify(email('sprayed'), '123456', client(201))).status, 422, 'another client is not affected');
  });

  it('counts parallel guesses: at most 5 per code, at most 3 from one client', async () => {
    const address = email();
    const code = await nextCode(address, owner);
    const guesses = Array.from({ length: 12 }, (_, i) => wrongFor(code, i + 1));
    await Promise.all(guesses.map((g) => verify(address, g, client(1))));
    const attempts = async () =>
      (await t.deps.db.select().from(emailCodes).where(and(eq(emailCodes.tenantId, a.id), eq(emailCodes.email, address))))[0]!.attempts;
    assert.equal(await attempts(), MAX_CLIENT_CODE_ATTEMPTS);
    await Promise.all(guesses.map((g, i) => verify(address, g, client(30 + i))));
    assert.equal(await attempts(), MAX_CODE_ATTEMPTS);
    assert.equal((await verify(address, code, owner)).status, 422);
  });

  it('parallel code requests: the newest mail always holds a code that works', async () => {
    // The mail server holds the first transaction of each round, so mails arrive in another order
    // than the codes were made: the first code's mail arrives last.
    for (let round = 0; round < 3; round++) {
      const address = email('parallel');
      let first: number | undefined;
      holdBack = (n) => {
        first ??= n;
        return n === first ? 400 : 0;
      };
      try {
        const results = await Promise.all([1, 2, 3].map((i) => start(address, client(50 + i))));
        assert.deepEqual(results.map((r) => r.status), [202, 202, 202]);
        await smtp.waitFor(() => mailsTo(address).length === 3);
      } finally {
        holdBack = undefined;
      }
      const newest = mailsTo(address).at(-1)!;
      const res = await verify(address, codeIn(newest), owner);
      assert.equal(res.status, 200, `round ${round}: the newest mail's code: ${JSON.stringify(res.body)}`);
    }
  });

  it('a code mailed before a newer request is refused consistently; the newer one works', async () => {
    const address = email();
    const older = await nextCode(address, owner);
    const newer = await nextCode(address, owner);
    if (older !== newer) {
      const res = await verify(address, older, owner);
      assert.equal(res.status, 422);
    }
    assert.equal((await verify(address, newer, owner)).status, 200);
  });
});
