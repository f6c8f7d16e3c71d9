import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { sessions } from '../../server/db/schema.js';
import type { MemberRow } from '../../server/modules/members/profile.js';
import { type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

describe('admin: members', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let viewerToken: string;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant('アルファ株式会社');
    b = await t.tenant('ベータ株式会社');
    const viewer = await createMember(t.deps.db, a.id, { name: '閲覧 太郎', status: 'approved' });
    viewerToken = await sessionFor(t.deps.db, viewer);
  });
  after(() => t.close());

  const admin = (method: string, path: string, body?: unknown, tenant = a) => t.call(method, path, { token: tenant.sk, body });
  const inDirectory = async (m: MemberRow) => {
    const res = await t.call('GET', `/v1/members?q=${encodeURIComponent(m.name)}`, { token: viewerToken, origin: a.origin });
    assert.equal(res.status, 200);
    return res.body.data.some((c: { id: string }) => c.id === m.id);
  };

  describe('credentials', () => {
    it('needs the secret key: none 401, publishable 403, session 403, secret key from a browser 403, other tenant 404', async () => {
      const m = await createMember(t.deps.db, a.id, { name: '対象 者' });
      const paths = ['/v1/admin/members', `/v1/admin/members/${m.id}`, '/v1/admin/members/export.csv'];
      for (const path of paths) {
        assert.equal((await t.call('GET', path)).status, 401, path);
        assert.equal((await t.call('GET', path, { token: a.pk, origin: a.origin })).status, 403, path);
        assert.equal((await t.call('GET', path, { token: viewerToken, origin: a.origin })).status, 403, path);
        assert.equal((await t.call('GET', path, { token: a.sk, origin: a.origin })).status, 403, path);
      }
      assert.equal((await admin('GET', `/v1/admin/members/${m.id}`, undefined, b)).status, 404);
      assert.equal((await admin('POST', `/v1/admin/members/${m.id}/approve`, undefined, b)).status, 404);
      assert.equal((await admin('POST', `/v1/admin/members/${m.id}/suspend`, { reason: 'x' }, b)).status, 404);
      const list = await admin('GET', '/v1/admin/members?limit=100', undefined, b);
      assert.ok(!list.body.data.some((x: { id: string }) => x.id === m.id));
    });
  });

  describe('list and detail', () => {
    it('shows the company view: email, status, reason, kind, timestamps and the profile', async () => {
      const m = await createMember(t.deps.db, a.id, {
        name: '一覧 花子',
        email: 'ichiran.hanako@example.jp',
        kind: 'employee',
        currentCompany: '株式会社ミライ',
        bio: '社内だけに公開',
        visibility: { bio: 'company' },
      });
      const res = await admin('GET', `/v1/admin/members/${m.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.email, 'ichiran.hanako@example.jp');
      assert.equal(res.body.status, 'pending');
      assert.equal(res.body.statusReason, null);
      assert.equal(res.body.kind, 'employee');
      assert.equal(res.body.profile.currentCompany, '株式会社ミライ');
      assert.equal(res.body.profile.bio, '社内だけに公開');
      assert.ok(res.body.createdAt && res.body.updatedAt);
      assert.equal(res.body.approvedAt, null);
    });

    it('filters by status and searches name, email and kana', async () => {
      const p = await createMember(t.deps.db, a.id, { name: '検索 保留', nameKana: 'けんさく ほりゅう', email: 'search.pending@example.jp' });
      const s = await createMember(t.deps.db, a.id, { name: '検索 停止', status: 'suspended' });
      const pendingIds = (await admin('GET', '/v1/admin/members?status=pending&limit=100')).body.data.map((x: { id: string }) => x.id);
      assert.ok(pendingIds.includes(p.id));
      assert.ok(!pendingIds.includes(s.id));
      for (const q of ['検索', 'search.pending', 'SEARCH.PENDING@', 'けんさく']) {
        const ids = (await admin('GET', `/v1/admin/members?q=${encodeURIComponent(q)}`)).body.data.map((x: { id: string }) => x.id);
        assert.ok(ids.includes(p.id), q);
      }
      // LIKE wildcards in the query are taken literally.
      assert.deepEqual((await admin('GET', '/v1/admin/members?q=%25')).body.data, []);
      assert.deepEqual((await admin('GET', '/v1/admin/members?q=_')).body.data, []);
      assert.equal((await admin('GET', '/v1/admin/members?status=gone')).status, 422);
    });

    it('pages oldest first without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { data: { id: string; createdAt: string }[]; nextCursor: string | null } } = await admin(
          'GET',
          `/v1/admin/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...res.body.data.map((x) => x.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      const all = (await admin('GET', '/v1/admin/members?limit=100')).body.data.map((x: { id: string }) => x.id);
      assert.deepEqual(seen, all);
      assert.equal(new Set(seen).size, seen.length);
      assert.equal((await admin('GET', '/v1/admin/members?cursor=bogus')).status, 422);
    });
  });

  describe('status changes', () => {
    it('approve: into the directory, approvedAt set, and the member is told in their language', async () => {
      const m = await createMember(t.deps.db, a.id, { name: '承認 待子', email: 'approve.me@example.jp', locale: 'ja' });
      assert.equal(await inDirectory(m), false);
      const res = await admin('POST', `/v1/admin/members/${m.id}/approve`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'approved');
      assert.equal(res.body.approvedAt, t.clock.now().toISOString());
      assert.equal(await inDirectory(m), true);
      const mail = await smtp.waitFor((x) => x.to.includes('approve.me@example.jp'));
      assert.equal(mail.subject, '[アルファ株式会社] 参加が承認されました');
      assert.match(mail.text, /承認 待子 様/);

      // Approving again changes nothing and sends nothing more.
      assert.equal((await admin('POST', `/v1/admin/members/${m.id}/approve`)).status, 200);
      assert.equal(smtp.messages.filter((x) => x.to.includes('approve.me@example.jp')).length, 1);
    });

    it('reject needs a reason, which the member is told (in English for an English speaker)', async () => {
      const m = await createMember(t.deps.db, a.id, { name: 'Rejected Person', email: 'reject.me@example.com', locale: 'en' });
      for (const body of [undefined, {}, { reason: '' }, { reason: 'x'.repeat(501) }]) {
        const res = await admin('POST', `/v1/admin/members/${m.id}/reject`, body);
        assert.equal(res.status, 422, JSON.stringify(body));
      }
      const res = await admin('POST', `/v1/admin/members/${m.id}/reject`, { reason: 'No employment record found' });
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'rejected');
      assert.equal(res.body.statusReason, 'No employment record found');
      const mail = await smtp.waitFor((x) => x.to.includes('reject.me@example.com'));
      assert.equal(mail.subject, '[アルファ株式会社] About your membership request');
      assert.match(mail.text, /Reason: No employment record found/);
      assert.equal(await inDirectory(m), false);
    });

    it('suspend: out of the directory and signed out everywhere; approve brings them back', async () => {
      const m = await createMember(t.deps.db, a.id, { name: '停止 予定', status: 'approved', email: 'suspend.me@example.jp' });
      const token = await sessionFor(t.deps.db, m);
      assert.equal((await t.call('GET', '/v1/members', { token, origin: a.origin })).status, 200);
      assert.equal(await inDirectory(m), true);
      const before = smtp.messages.length;

      const res = await admin('POST', `/v1/admin/members/${m.id}/suspend`, { reason: '規約違反' });
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'suspended');
      assert.equal(res.body.statusReason, '規約違反');
      assert.equal(await inDirectory(m), false);
      const rows = await t.deps.db.select().from(sessions).where(eq(sessions.memberId, m.id));
      assert.ok(rows.every((s) => s.revokedAt !== null));
      assert.equal((await t.call('GET', '/v1/members', { token, origin: a.origin })).status, 401);
      assert.equal(smtp.messages.length, before, 'suspension sends no mail');

      const back = await admin('POST', `/v1/admin/members/${m.id}/approve`);
      assert.equal(back.body.status, 'approved');
      assert.equal(back.body.statusReason, null);
      assert.equal(await inDirectory(m), true);
      const ids = (await t.call('GET', `/v1/members?q=${encodeURIComponent('停止 予定')}`, { token: viewerToken, origin: a.origin })).body.data;
      assert.equal(ids.length, 1);
    });

    it('404 for an unknown member', async () => {
      assert.equal((await admin('POST', '/v1/admin/members/mem_nope/approve')).status, 404);
      assert.equal((await admin('GET', '/v1/admin/members/mem_nope')).status, 404);
    });
  });

  describe('status changes at once', () => {
    const mailsTo = (address: string) => smtp.messages.filter((x) => x.to.includes(address)).length;
    const decide = (id: string, action: 'approve' | 'reject' | 'suspend') =>
      admin('POST', `/v1/admin/members/${id}/${action}`, action === 'approve' ? undefined : { reason: `${action} の理由` });

    it('approve and reject at once: exactly one wins, the member hears once, the other gets a 409 problem', async () => {
      for (let round = 0; round < 3; round++) {
        const m = await createMember(t.deps.db, a.id, { name: `競合 ${round}` });
        const [approved, rejected] = await Promise.all([decide(m.id, 'approve'), decide(m.id, 'reject')]);
        assert.deepEqual([approved.status, rejected.status].sort(), [200, 409], JSON.stringify([approved.body, rejected.body]));
        const loser = approved.status === 409 ? approved : rejected;
        assert.equal(loser.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        assert.equal(loser.body.code, 'conflict');
        const winner = approved.status === 200 ? 'approved' : 'rejected';
        assert.equal((await admin('GET', `/v1/admin/members/${m.id}`)).body.status, winner);
        assert.equal(mailsTo(m.email), 1);
      }
    });

    it('ten approvals at once: all answer 200, one mail', async () => {
      const m = await createMember(t.deps.db, a.id, { name: '十回 承認' });
      const results = await Promise.all(Array.from({ length: 10 }, () => decide(m.id, 'approve')));
      assert.deepEqual(results.map((r) => r.status), Array(10).fill(200));
      assert.ok(results.every((r) => r.body.status === 'approved'));
      assert.equal(mailsTo(m.email), 1);
    });

    it('allows only the transitions of the member lifecycle; repeating one changes and sends nothing', async () => {
      // [from, action, status code, resulting status, mails]
      const table: [string, 'approve' | 'reject' | 'suspend', number, string, number][] = [
        ['pending', 'approve', 200, 'approved', 1],
        ['pending', 'reject', 200, 'rejected', 1],
        ['pending', 'suspend', 200, 'suspended', 0],
        ['approved', 'approve', 200, 'approved', 0],
        ['approved', 'reject', 409, 'approved', 0],
        ['approved', 'suspend', 200, 'suspended', 0],
        ['rejected', 'approve', 409, 'rejected', 0],
        ['rejected', 'reject', 200, 'rejected', 0],
        ['rejected', 'suspend', 409, 'rejected', 0],
        ['suspended', 'approve', 200, 'approved', 1],
        ['suspended', 'reject', 409, 'suspended', 0],
        ['suspended', 'suspend', 200, 'suspended', 0],
      ];
      for (const [from, action, code, status, mails] of table) {
        const m = await createMember(t.deps.db, a.id, { status: from as MemberRow['status'], statusReason: from === 'pending' || from === 'approved' ? null : '前の理由' });
        const res = await decide(m.id, action);
        assert.equal(res.status, code, `${from} → ${action}: ${JSON.stringify(res.body)}`);
        assert.equal((await admin('GET', `/v1/admin/members/${m.id}`)).body.status, status, `${from} → ${action}`);
        assert.equal(mailsTo(m.email), mails, `${from} → ${action}: mails`);
        if (from === status && code === 200) assert.equal(res.body.statusReason, from === 'pending' || from === 'approved' ? null : '前の理由');
      }
    });

    /**
     * sqld 0.24 answers SQLITE_BUSY (a 500 here) to a write that meets another request's batch in
     * progress; the roster upload and a sign-in write in batches. The retrying database layer of issue 6
     * (items 1–3, built alongside) removes that; until it lands these two races run on the file only.
     */
    it('a roster upload and a rejection at once: one decision, one mail', async () => {
      for (let round = 0; round < 3; round++) {
        const m = await createMember(t.deps.db, a.id, { name: `名簿 競合 ${round}` });
        const [upload, rejected] = await Promise.all([
          admin('POST', '/v1/admin/roster', { entries: [{ emails: [m.email], name: m.name }] }),
          decide(m.id, 'reject'),
        ]);
        assert.equal(upload.status, 200, JSON.stringify(upload.body));
        const status = (await admin('GET', `/v1/admin/members/${m.id}`)).body.status;
        if (rejected.status === 200) {
          assert.equal(status, 'rejected');
          assert.equal(upload.body.approved, 0);
        } else {
          assert.equal(rejected.status, 409);
          assert.equal(status, 'approved');
          assert.deepEqual(upload.body.approvedMemberIds, [m.id]);
        }
        assert.equal(mailsTo(m.email), 1);
      }
    });

    it('a sign-in that would approve and a rejection at once: the member ends as one of them said', async () => {
      const c = await t.tenant('オープン株式会社');
      await t.call('PATCH', '/v1/admin/tenant', { token: c.sk, body: { membershipPolicy: 'open' } });
      for (let round = 0; round < 4; round++) {
        const m = await createMember(t.deps.db, c.id, { name: `入会 競合 ${round}` });
        await t.call('POST', '/v1/auth/email/start', { token: c.pk, origin: c.origin, body: { email: m.email } });
        const mail = await smtp.waitFor((x) => x.to.includes(m.email));
        const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
        const [signIn, rejected] = await Promise.all([
          t.call('POST', '/v1/auth/email/verify', { token: c.pk, origin: c.origin, body: { email: m.email, code } }),
          t.call('POST', `/v1/admin/members/${m.id}/reject`, { token: c.sk, body: { reason: '確認できません' } }),
        ]);
        assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
        const status = (await t.call('GET', `/v1/admin/members/${m.id}`, { token: c.sk })).body.status;
        assert.equal(status, rejected.status === 200 ? 'rejected' : 'approved', `round ${round}: reject ${rejected.status}`);
        assert.equal(signIn.body.member.status, status);
      }
    });
  });

  describe('CSV export', () => {
    it('is UTF-8 with a BOM, an attachment, one row per member, and defuses formulas', async () => {
      const c = await t.tenant('シーエスブイ株式会社');
      await createMember(t.deps.db, c.id, {
        name: '出力 太郎',
        nameKana: 'しゅつりょく たろう',
        email: 'csv.taro@example.jp',
        status: 'approved',
        skills: ['Excel', 'VBA'],
        career: [{ department: '経理部', title: '主任', from: '2012', to: '2018' }],
        links: [{ label: 'Blog', url: 'https://blog.example.jp' }],
        bio: '改行を含む\n"引用符"も, カンマも',
      });
      await createMember(t.deps.db, c.id, { name: '=HYPERLINK("http://evil.example","click")', email: 'csv.formula@example.jp' });
      await createMember(t.deps.db, b.id, { name: '他社 社員', email: 'csv.other@example.jp' });

      const res = await t.app.request('/v1/admin/members/export.csv', { headers: { authorization: `Bearer ${c.sk}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows: Record<string, string>[] = parse(bytes, { columns: true, bom: true });
      assert.equal(rows.length, 2);
      const taro = rows.find((r) => r.email === 'csv.taro@example.jp')!;
      assert.equal(taro.name, '出力 太郎');
      assert.equal(taro.nameKana, 'しゅつりょく たろう');
      assert.equal(taro.status, 'approved');
      assert.equal(taro.skills, 'Excel; VBA');
      assert.equal(taro.career, '経理部 / 主任 (2012–2018)');
      assert.equal(taro.links, 'Blog <https://blog.example.jp>');
      assert.equal(taro.bio, '改行を含む\n"引用符"も, カンマも');
      const formula = rows.find((r) => r.email === 'csv.formula@example.jp')!;
      assert.equal(formula.name, `'=HYPERLINK("http://evil.example","click")`);
      assert.ok(!bytes.toString('utf8').includes('csv.other@example.jp'));
    });

    it('filters by status and pages through large tenants', async () => {
      const c = await t.tenant('大量 株式会社');
      for (let i = 0; i < 25; i++) await createMember(t.deps.db, c.id, { name: `会員${i}`, status: i % 5 === 0 ? 'pending' : 'approved' });
      const { exportMembersCsv } = await import('../../server/modules/members/admin.js');
      const text = await new Response(exportMembersCsv(await t.ctx(c.id), { batchSize: 4 })).text();
      assert.equal(parse(text, { columns: true, bom: true }).length, 25);
      const res = await t.app.request('/v1/admin/members/export.csv?status=pending', { headers: { authorization: `Bearer ${c.sk}` } });
      const rows: Record<string, string>[] = parse(Buffer.from(await res.arrayBuffer()), { columns: true, bom: true });
      assert.equal(rows.length, 5);
      assert.ok(rows.every((r) => r.status === 'pending'));
    });
  });
});
