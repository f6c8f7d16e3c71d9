/**
 * Side effects through the outbox, with real parts: a real SMTP server stopped and started again,
 * two API processes on one database, and kill -9 in the middle of a delivery. Mail is recorded with
 * the change that causes it; a worker in each process delivers it, once, and nothing is lost.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { operatorContext } from '../../server/core/context.js';
import { smtpMailer } from '../../server/core/mail/transport.js';
import { outbox } from '../../server/core/outbox/schema.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { makeTestApp } from '../helpers/app.js';
import { freePort, startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { createMember } from '../helpers/members.js';
import { runCli, startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

describe('outbox: SMTP down, then up (in process, real SMTP server)', () => {
  it('a sign-in code asked for while SMTP is down is accepted, waits, and arrives once SMTP is back; the code works', async () => {
    const port = await freePort();
    const t = await makeTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'Homecoming <no-reply@homecoming.test>') });
    let smtp: TestSmtp | undefined;
    try {
      const a = await t.tenant();
      const address = `down-${Date.now()}@example.jp`;
      const start = await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: address } });
      assert.equal(start.status, 202, 'the person is not told to come back later because our mail server is down');
      const [waiting] = await t.deps.db.select().from(outbox).where(and(eq(outbox.tenantId, a.id), eq(outbox.topic, 'sign-in-code')));
      assert.equal(waiting?.status, 'pending');
      assert.equal(waiting?.attempts, 1);
      assert.match(waiting?.lastError ?? '', /ECONNREFUSED|connect/i);

      smtp = await startSmtp({ port });
      assert.equal(await t.worker.drain(), 0, 'not retried before its backoff');
      t.clock.advance(60_000);
      assert.equal(await t.worker.drain(), 1);
      const mail = await smtp.waitFor((m) => m.to.includes(address));
      assert.equal(mail.headers['message-id'], `<${waiting!.id}@homecoming>`);
      const verify = await t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: address, code: codeIn(mail.text) } });
      assert.equal(verify.status, 200, JSON.stringify(verify.body));
    } finally {
      await t.deps.mailer.close?.();
      await t.close();
      await smtp?.close();
    }
  });

  it('a roster upload that approves 30 members does not mail inside the request: 200 with SMTP down, 30 mails once it is up', async () => {
    const port = await freePort();
    const t = await makeTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'Homecoming <no-reply@homecoming.test>') });
    let smtp: TestSmtp | undefined;
    try {
      const a = await t.tenant();
      const emails = Array.from({ length: 30 }, (_, i) => `pending-${i}-${Date.now()}@example.jp`);
      for (const email of emails) await createMember(t.deps.db, a.id, { email, name: '承認 待ち' });
      const res = await t.call('POST', '/v1/admin/roster', { token: a.sk, body: { entries: emails.map((email, i) => ({ emails: [email], name: `名簿 ${i}` })) } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.approved, 30);
      const pending = await t.deps.db.select().from(outbox).where(and(eq(outbox.tenantId, a.id), eq(outbox.topic, 'member-approved')));
      assert.equal(pending.length, 30);
      assert.ok(pending.every((p) => p.status === 'pending'));

      smtp = await startSmtp({ port });
      t.clock.advance(60_000);
      await t.worker.drain();
      assert.equal(smtp.messages.length, 30);
      assert.deepEqual(new Set(smtp.messages.flatMap((m) => m.to)), new Set(emails));
    } finally {
      await t.deps.mailer.close?.();
      await t.close();
      await smtp?.close();
    }
  });

  it('an SMTP 5xx refusal is final: the delivery is marked failed for the operator, not retried', async () => {
    const smtp = await startSmtp();
    const t = await makeTestApp({
      mailer: {
        kind: 'smtp',
        async send() {
          throw Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 });
        },
      },
    });
    try {
      const a = await t.tenant();
      await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: `nobody-${Date.now()}@example.jp` } });
      const [row] = await t.deps.db.select().from(outbox).where(eq(outbox.tenantId, a.id));
      assert.equal(row?.status, 'failed');
      assert.match(row?.lastError ?? '', /550/);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

describe(`outbox across processes (${testEngine})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-outbox-'));
  let sqld: SqldServer | undefined;
  let url: string;
  let db: Db;
  let tenant: { id: string; origin: string; pk: string };

  before(async () => {
    if (testEngine === 'sqld') {
      sqld = await startSqld();
      url = sqld.url;
    } else {
      url = `file:${join(dir, 'outbox.db')}`;
    }
    db = openDb(url);
    await migrateDb(db);
    const origin = 'https://careers.outbox.example.jp';
    const row = await createTenant(db, new Date(), { name: '配信株式会社', allowedOrigins: [origin] });
    tenant = { id: row.id, origin, pk: (await createApiKey(operatorContext(db, row), { kind: 'publishable' })).key };
  });

  after(async () => {
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const askForCode = (api: ApiProcess, email: string) =>
    fetch(`${api.url}/v1/auth/email/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.pk}`, origin: tenant.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    }).then((r) => r.status);

  it('two processes, 20 code mails asked of both: each mail goes out exactly once, and at once (poll interval a minute)', async () => {
    const smtp = await startSmtp();
    // A minute between polls: mail that arrives within the test's wait was woken by the commit.
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '60000' };
    const apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    try {
      const emails = Array.from({ length: 20 }, (_, i) => `twice-${i}-${Date.now()}@example.jp`);
      const statuses = await Promise.all(emails.map((email, i) => askForCode(apis[i % 2]!, email)));
      assert.deepEqual(new Set(statuses), new Set([202]));
      await Promise.all(emails.map((email) => smtp.waitFor((m) => m.to.includes(email), 15_000)));
      // Give a duplicate, if the workers raced, time to arrive too.
      await new Promise((r) => setTimeout(r, 500));
      for (const email of emails) assert.equal(smtp.messages.filter((m) => m.to.includes(email)).length, 1, `${email} got more than one mail`);
      assert.equal(new Set(smtp.messages.map((m) => m.headers['message-id'])).size, smtp.messages.length);
    } finally {
      await Promise.all(apis.map((a) => a.stop()));
      await smtp.close();
    }
  });

  it('kill -9 in the middle of deliveries loses nothing: another process delivers what the dead one had claimed', async () => {
    // The first process's first SMTP conversation hangs at MAIL FROM (it delivers one at a time), so it
    // dies in mid-delivery holding its claims on all five.
    let inDelivery = false;
    const smtp = await startSmtp({
      holdBack: (n) => {
        if (n > 0) return 0;
        inDelivery = true;
        return 60_000;
      },
    });
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, OUTBOX_CLAIM_MS: '2000' };
    const first = await startApiProcess(env);
    const emails = Array.from({ length: 5 }, (_, i) => `killed-${i}-${Date.now()}@example.jp`);
    let second: ApiProcess | undefined;
    try {
      for (const email of emails) assert.equal(await askForCode(first, email), 202);
      for (let i = 0; i < 200 && !inDelivery; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(inDelivery, 'the first process is in the middle of a delivery');
      await first.kill();
      second = await startApiProcess(env);
      await Promise.all(emails.map((email) => smtp.waitFor((m) => m.to.includes(email), 20_000)));
      // The row is marked sent just after the SMTP server accepts the mail.
      const mine = async () =>
        (await db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.topic, 'sign-in-code')))).filter((r) =>
          emails.some((e) => JSON.stringify(r.payload).includes(e)),
        );
      for (let i = 0; i < 100 && (await mine()).some((r) => r.status !== 'sent'); i++) await new Promise((r) => setTimeout(r, 50));
      const rows = await mine();
      assert.equal(rows.length, 5);
      assert.ok(rows.every((r) => r.status === 'sent'), JSON.stringify(rows.map((r) => r.status)));
    } finally {
      await first.kill();
      await second?.stop();
      await smtp.close();
    }
  });

  it('the operator sees failed deliveries with the CLI and can send them again', async () => {
    const [row] = await db
      .insert(outbox)
      .values({
        id: `obx_failed_${Date.now()}`,
        tenantId: tenant.id,
        kind: 'mail',
        topic: 'member-approved',
        payload: { message: { to: 'someone@example.jp', subject: 'x', text: 'x' } },
        status: 'failed',
        attempts: 8,
        availableAt: Date.now(),
        lastError: '535 authentication failed',
        createdAt: new Date().toISOString(),
      })
      .returning();
    const listed = await runCli(['deliveries', '--tenant', tenant.id, '--json'], { DATABASE_URL: url });
    assert.equal(listed.code, 0, listed.stderr);
    const out = JSON.parse(listed.stdout);
    assert.ok(out.counts.failed >= 1);
    const shown = out.rows.find((r: { id: string }) => r.id === row!.id);
    assert.equal(shown.lastError, '535 authentication failed');
    const text = await runCli(['deliveries', '--tenant', tenant.id], { DATABASE_URL: url });
    assert.match(text.stdout, /535 authentication failed/);
    assert.match(text.stdout, /deliveries retry --failed/);
    const retried = await runCli(['deliveries', 'retry', '--failed', '--tenant', tenant.id], { DATABASE_URL: url });
    assert.equal(retried.code, 0, retried.stderr);
    const [after] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
    assert.equal(after?.status, 'pending');
    assert.equal(after?.attempts, 0);
  });
});
