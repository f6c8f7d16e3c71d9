/**
 * The digest is periodic mail: it must go out once per member even when several API processes run
 * (each with its outbox worker) and even when two digest runs overlap. Two real API processes over one
 * database (file or sqld), a real SMTP server, and three digest jobs due at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { operatorContext } from '../../server/core/context.js';
import { recordJob } from '../../server/core/outbox/record.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { createCompanyPost } from '../../server/modules/feed/company.js';
import { feedOutbox } from '../../server/modules/feed/notify.js';
import { createTenant } from '../../server/modules/tenants/service.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { createMember } from '../helpers/members.js';
import { startApiProcess } from '../helpers/processes.js';
import { startSmtp } from '../helpers/smtp.js';

describe(`feed digest across processes (${testEngine})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-digest-'));
  let sqld: SqldServer | undefined;
  let url: string;
  let db: Db;

  before(async () => {
    if (testEngine === 'sqld') {
      sqld = await startSqld();
      url = sqld.url;
    } else {
      url = `file:${join(dir, 'digest.db')}`;
    }
    db = openDb(url);
    await migrateDb(db);
  });

  after(async () => {
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two processes, three overlapping digest runs: every member away gets exactly one digest', async () => {
    const now = new Date();
    const tenant = await createTenant(db, now, { name: 'ダイジェスト配信株式会社' });
    const ctx = operatorContext(db, tenant, { now: new Date(now.getTime() - 3600_000) });
    const emails: string[] = [];
    for (let i = 0; i < 30; i++) {
      const m = await createMember(db, tenant.id, { status: 'approved', name: `会員 ${i}`, approvedAt: '2026-01-01T00:00:00.000Z' });
      emails.push(m.email);
    }
    await createCompanyPost(ctx, { kind: 'news', title: '今週のお知らせ', body: '新しい拠点ができました' });
    // The run the post armed for tomorrow morning is due now, and two more runs besides, so the processes' workers overlap.
    for (let i = 0; i < 2; i++) {
      await recordJob(db, { tenantId: tenant.id, topic: 'feed.digest', now, payload: { apiUrl: 'http://localhost:8787' } });
    }
    await db.run(sql`update outbox set available_at = 0 where tenant_id = ${tenant.id} and topic = 'feed.digest'`);

    const smtp = await startSmtp();
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' };
    const apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    try {
      await Promise.all(emails.map((e) => smtp.waitFor((m) => m.to.includes(e), 30_000)));
      // Time for a second copy to arrive, if the runs raced.
      await new Promise((r) => setTimeout(r, 1500));
      for (const e of emails) assert.equal(smtp.messages.filter((m) => m.to.includes(e)).length, 1, `${e} got ${smtp.messages.filter((m) => m.to.includes(e)).length} digests`);
      const runs = await db.all<{ n: number }>(sql`select count(*) as n from outbox where tenant_id = ${tenant.id} and topic = 'feed.digest' and kind = 'job' and status = 'sent'`);
      assert.ok(Number(runs[0]!.n) >= 3, 'all three runs ran');
    } finally {
      await Promise.all(apis.map((a) => a.stop()));
      await smtp.close();
    }
  });

  it('two runs at the very same moment (both read the members due before either writes) still record one digest each', async () => {
    const now = new Date();
    const tenant = await createTenant(db, now, { name: '同時実行株式会社' });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await createMember(db, tenant.id, { status: 'approved', name: `同時 ${i}`, approvedAt: '2026-01-01T00:00:00.000Z' })).id);
    await createCompanyPost(operatorContext(db, tenant, { now: new Date(now.getTime() - 3600_000) }), { kind: 'news', body: '同時に読まれる投稿' });
    const item = (n: number) => ({ id: `obx_test${n}`, tenantId: tenant.id, topic: 'feed.digest', payload: { apiUrl: 'http://localhost:8787' }, memberId: null, attempts: 1 });
    const run = feedOutbox['feed.digest']!.run!;
    await Promise.all([run(db, item(1), { now }), run(db, item(2), { now })]);
    const mails = await db.all<{ member_id: string; n: number }>(sql`
      select member_id, count(*) as n from outbox where tenant_id = ${tenant.id} and topic = 'feed.digest' and kind = 'mail' group by member_id`);
    assert.deepEqual(mails.map((m) => [m.member_id, Number(m.n)]).sort(), ids.map((id) => [id, 1]).sort());
  });
});
