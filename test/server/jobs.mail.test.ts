/**
 * The job board's mail through a real SMTP server: interest and referrals reach the company's contact
 * addresses, an offer reaches only a member open to it, and job alerts go out once to each member
 * with two real API processes racing for the work.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { operatorContext } from '../../server/core/context.js';
import { newId } from '../../server/core/ids.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { jobAlerts, members, notificationPreferences } from '../../server/db/schema.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { jobBody, type TestContext, type TestTenant } from '../helpers/app.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { startApiProcess } from '../helpers/processes.js';
import { makeSmtpTestApp, startSmtp, type TestSmtp } from '../helpers/smtp.js';

describe('jobs: mail to the company and to members (real SMTP server)', () => {
  let t: TestContext;
  let smtp: TestSmtp;
  let a: TestTenant;
  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant('メール株式会社');
    const res = await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { contactEmails: ['saiyo@example.jp', 'hr-lead@example.jp'] } });
    assert.equal(res.status, 200);
  });
  after(() => t.close());

  it('an interest reaches the contact addresses with the profile as shared with the company, and shows in the admin API', async () => {
    const job = (await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody({ title: '品質保証（再入社）' }) })).body;
    const m = await createMember(t.deps.db, a.id, {
      status: 'approved',
      name: '品質 良子',
      lastDepartment: '品質保証部',
      skills: ['ISO 9001'],
      location: '非公開の町',
      visibility: { location: 'nobody' },
    });
    const token = await sessionFor(t.deps.db, m);
    const res = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: { note: '工場の改善をまたやりたいです' } });
    assert.equal(res.status, 201);
    const mail = await smtp.waitFor((x) => x.subject.includes('品質保証（再入社）'));
    assert.deepEqual(mail.to.sort(), ['hr-lead@example.jp', 'saiyo@example.jp']);
    assert.equal(mail.headers['reply-to'], m.email);
    assert.match(mail.text, /メール株式会社 採用ご担当者 様/);
    assert.match(mail.text, /品質 良子 さんが求人「品質保証（再入社）」/);
    assert.match(mail.text, /工場の改善をまたやりたいです/);
    assert.match(mail.text, /最終所属部署: 品質保証部/);
    assert.match(mail.text, /ISO 9001/);
    assert.doesNotMatch(mail.text, /非公開の町/, 'a field hidden from the company is not in the mail');
    assert.ok(mail.text.includes(res.body.id));
    const admin = await t.call('GET', '/v1/admin/job-responses?kind=interest', { token: a.sk });
    assert.equal(admin.body.data[0].id, res.body.id);
    assert.equal(admin.body.data[0].status, 'new');
    assert.equal(admin.body.data[0].note, '工場の改善をまたやりたいです');
  });

  it('a referral reaches the contact addresses with the referred person, attributed to the member; the member’s own copy has no address', async () => {
    const job = (await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody({ title: 'フィールドエンジニア', employmentType: 'contract' }) })).body;
    const m = await createMember(t.deps.db, a.id, { status: 'approved', name: '紹介 健' });
    const token = await sessionFor(t.deps.db, m);
    const body = { jobId: job.id, name: '候補 さくら', email: 'sakura.kouho@example.jp', relation: '大学の後輩', note: '現場経験10年', agreed: true };
    const res = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body });
    assert.equal(res.status, 201);
    const mail = await smtp.waitFor((x) => x.subject.includes('フィールドエンジニア'));
    assert.match(mail.text, /紹介 健 さんが求人「フィールドエンジニア」（契約社員）に知人を紹介しました/);
    assert.match(mail.text, /候補 さくら（sakura\.kouho@example\.jp）/);
    assert.match(mail.text, /大学の後輩/);
    assert.match(mail.text, /同意/);
    assert.equal(mail.headers['reply-to'], m.email);
    assert.ok(!smtp.messages.some((x) => x.to.includes('sakura.kouho@example.jp')), 'the referred person is not mailed by us');
    const admin = await t.call('GET', `/v1/admin/jobs/${job.id}/responses`, { token: a.sk });
    assert.equal(admin.body.data[0].referral.email, 'sakura.kouho@example.jp');
    assert.equal(admin.body.data[0].member.id, m.id);
    assert.ok(!JSON.stringify(res.body).includes('sakura.kouho'));
  });

  it('an offer reaches only the member open to it, in their language, with a one-click unsubscribe', async () => {
    const open = await createMember(t.deps.db, a.id, { status: 'approved', name: 'Ken Open', locale: 'en', openTo: ['side_job'] });
    const not = await createMember(t.deps.db, a.id, { status: 'approved', name: '対象外 守', openTo: ['mentoring'] });
    const send = (memberId: string) =>
      t.call('POST', '/v1/admin/job-offers', { token: a.sk, body: { memberId, kind: 'side_job', message: 'Would you help us with a side project?' } });
    assert.equal((await send(not.id)).status, 409);
    assert.equal((await send(open.id)).status, 201);
    const mail = await smtp.waitFor((x) => x.to.includes(open.email));
    assert.match(mail.subject, /Would you like to talk about a side job\?/);
    assert.match(mail.text, /Hello Ken Open,/);
    assert.match(mail.headers['list-unsubscribe'] ?? '', /\/unsubscribe\?t=/);
    // Anything for the other member would have been sent before this one (same worker, in order).
    assert.ok(!smtp.messages.some((x) => x.to.includes(not.email)));
  });
});

describe(`jobs: alerts go out once with two API processes (${testEngine})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-job-alerts-'));
  let sqld: SqldServer | undefined;
  let url: string;
  let db: Db;

  before(async () => {
    if (testEngine === 'sqld') {
      sqld = await startSqld();
      url = sqld.url;
    } else {
      url = `file:${join(dir, 'alerts.db')}`;
    }
    db = openDb(url);
    await migrateDb(db);
  });
  after(async () => {
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('205 subscribers (two pages), two processes polling: each gets exactly one mail with the new jobs', async () => {
    const smtp = await startSmtp();
    const tenant = await createTenant(db, new Date(), { name: '二重送信しない株式会社' });
    const sk = (await createApiKey(operatorContext(db, tenant), { kind: 'secret' })).key;
    const ts = new Date().toISOString();
    const people = Array.from({ length: 205 }, (_, i) => ({
      id: newId('mem'),
      tenantId: tenant.id,
      email: `alert-${i}-${Date.now()}@example.jp`,
      name: `購読 ${i}`,
      status: 'approved' as const,
      createdAt: ts,
      updatedAt: ts,
    }));
    await db.insert(members).values(people);
    await db.insert(jobAlerts).values(people.map((p) => ({ tenantId: tenant.id, memberId: p.id, types: ['side_job' as const], createdAt: ts, updatedAt: ts })));
    await db.insert(notificationPreferences).values(people.map((p) => ({ tenantId: tenant.id, memberId: p.id, topic: 'jobs.alerts', value: 'on', updatedAt: ts })));

    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' };
    const apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    try {
      for (const title of ['副業 A', '副業 B']) {
        const res = await fetch(`${apis[0]!.url}/v1/admin/jobs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sk}`, 'content-type': 'application/json' },
          body: JSON.stringify(jobBody({ title, employmentType: 'side_job' })),
        });
        assert.equal(res.status, 201);
      }
      // The run waits a quarter of an hour to batch; here it is made due now, and both processes see it.
      await db.$client.execute({ sql: `update outbox set available_at = 0 where topic = 'jobs.alerts' and tenant_id = ?`, args: [tenant.id] });
      await Promise.all(people.map((p) => smtp.waitFor((m) => m.to.includes(p.email), 60_000)));
      await new Promise((r) => setTimeout(r, 1000));
      for (const p of people) {
        const got = smtp.messages.filter((m) => m.to.includes(p.email));
        assert.equal(got.length, 1, `${p.email} got ${got.length} mails`);
        assert.ok(got[0]!.text.includes('副業 A') && got[0]!.text.includes('副業 B'), 'both jobs in the one mail');
      }
    } finally {
      await Promise.all(apis.map((x) => x.stop()));
      await smtp.close();
    }
  });
});
