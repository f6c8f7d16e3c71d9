import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jobBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('jobs: the admin API and who sees what', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
  });
  after(() => t.close());

  const member = async (overrides: Parameters<typeof createMember>[2] = {}) => {
    const m = await createMember(t.deps.db, a.id, { status: 'approved', name: '求人 太郎', ...overrides });
    return { m, token: await sessionFor(t.deps.db, m) };
  };
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody(overrides) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((j) => j.id);

  it('creates a job: markdown becomes a tree of known nodes (HTML stays text), the markdown is kept for editing, translations too', async () => {
    const job = await create({
      description: '## 仕事内容\n\n前文 <script>alert(1)</script> **大事**',
      translations: { en: { title: 'Corporate sales (rehire)', description: '## The work\n\n[More](https://example.jp/jobs)' } },
    });
    assert.match(job.id, /^job_/);
    assert.equal(job.descriptionMarkdown, '## 仕事内容\n\n前文 <script>alert(1)</script> **大事**');
    assert.deepEqual(job.description.nodes[0], { type: 'heading', level: 3, children: [{ type: 'text', value: '仕事内容' }] });
    const para = job.description.nodes[1];
    assert.deepEqual(para.children[0], { type: 'text', value: '前文 <script>alert(1)</script> ' });
    assert.equal(para.children[1].type, 'strong');
    assert.equal(job.translations.en.title, 'Corporate sales (rehire)');
    assert.equal(job.translations.en.description.nodes[1].children[0].href, 'https://example.jp/jobs');
    assert.equal(job.translationsMarkdown.en.description, '## The work\n\n[More](https://example.jp/jobs)');
    assert.equal(job.translations.en.descriptionMd, undefined, 'markdown only under translationsMarkdown');
    const pub = await t.call('GET', `/v1/jobs/${job.id}`, { token: a.pk, origin: a.origin });
    assert.equal(pub.status, 200);
    assert.equal(pub.body.descriptionMarkdown, undefined, 'readers get the tree, never the markdown');
    assert.deepEqual(pub.body.salary, { min: 6_000_000, max: 9_000_000, currency: 'JPY', unit: 'year' });
  });

  it('refuses bad input by field: a salary range upside down, a salary without its unit, an unknown type', async () => {
    let res = await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody({ salaryMin: 9, salaryMax: 5 }) });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['body.salaryMax']);
    res = await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody({ salaryUnit: null }) });
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['body.salaryUnit']);
    res = await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody({ employmentType: 'intern' }) });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'body.employmentType');
    const job = await create();
    res = await t.call('PATCH', `/v1/admin/jobs/${job.id}`, { token: a.sk, body: { salaryMax: 1 } });
    assert.equal(res.status, 422, 'a PATCH cannot break a rule across fields either');
    assert.equal(res.body.errors[0].field, 'body.salaryMax');
  });

  it('members-only jobs never reach a publishable key, nor a member not yet approved; drafts reach nobody', async () => {
    const open = await create({ title: '公開の求人' });
    const secret = await create({ title: '会員限定の求人 ひみつ', department: '秘密の部署', visibility: 'members' });
    const draft = await create({ title: '下書きの求人', status: 'draft' });
    const approved = await member();
    const pending = await member({ status: 'pending' });

    for (const token of [a.pk, pending.token]) {
      const list = await t.call('GET', '/v1/jobs?limit=100', { token, origin: a.origin });
      assert.equal(list.status, 200);
      assert.ok(ids(list).includes(open.id));
      assert.ok(!JSON.stringify(list.body).includes(secret.id) && !ids(list).includes(draft.id));
      const search = await t.call('GET', `/v1/jobs?q=${encodeURIComponent('ひみつ')}`, { token, origin: a.origin });
      assert.deepEqual(ids(search), [], 'not findable by search either');
      const one = await t.call('GET', `/v1/jobs/${secret.id}`, { token, origin: a.origin });
      assert.equal(one.status, 404, 'the same answer as for no job at all');
      assert.ok(!JSON.stringify(one.body).includes('ひみつ'));
      const filters = await t.call('GET', '/v1/jobs/filters', { token, origin: a.origin });
      assert.ok(!filters.body.departments.includes('秘密の部署'));
      assert.equal((await t.call('GET', `/v1/jobs/${draft.id}`, { token, origin: a.origin })).status, 404);
    }
    const list = await t.call('GET', '/v1/jobs?limit=100', { token: approved.token, origin: a.origin });
    assert.ok(ids(list).includes(secret.id) && ids(list).includes(open.id) && !ids(list).includes(draft.id));
    assert.equal((await t.call('GET', `/v1/jobs/${secret.id}`, { token: approved.token, origin: a.origin })).status, 200);
    assert.ok((await t.call('GET', '/v1/jobs/filters', { token: approved.token, origin: a.origin })).body.departments.includes('秘密の部署'));
    assert.equal((await t.call('GET', `/v1/jobs/${draft.id}`, { token: approved.token, origin: a.origin })).status, 404);
  });

  it('closing a job takes it off the board; its detail says closed; a passed closing date closes it too', async () => {
    const job = await create({ title: '締切のある求人' });
    const dated = await create({ title: '日付で締め切る求人', closesAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    assert.equal((await t.call('PATCH', `/v1/admin/jobs/${job.id}`, { token: a.sk, body: { status: 'closed' } })).body.status, 'closed');
    t.clock.advance(2 * 60_000);
    const list = await t.call('GET', '/v1/jobs?limit=100', { token: a.pk, origin: a.origin });
    assert.ok(!ids(list).includes(job.id) && !ids(list).includes(dated.id));
    for (const id of [job.id, dated.id]) {
      const one = await t.call('GET', `/v1/jobs/${id}`, { token: a.pk, origin: a.origin });
      assert.equal(one.body.status, 'closed');
    }
    const admin = await t.call('GET', `/v1/admin/jobs?status=closed`, { token: a.sk });
    assert.ok(ids(admin).includes(job.id));
  });

  it('closed jobs refuse interest, applications and referrals (409), and nothing is recorded or mailed', async () => {
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { contactEmails: ['jobs@example.jp'] } });
    const job = await create({ title: '終了した求人' });
    const dated = await create({ title: '期限切れの求人', closesAt: new Date(t.clock.now().getTime() + 1000).toISOString() });
    await t.call('PATCH', `/v1/admin/jobs/${job.id}`, { token: a.sk, body: { status: 'closed' } });
    t.clock.advance(5000);
    const { token } = await member();
    const mails = t.outbox.messages.length;
    for (const id of [job.id, dated.id]) {
      const interest = await t.call('POST', `/v1/jobs/${id}/interest`, { token, origin: a.origin, body: {} });
      assert.equal(interest.status, 409, JSON.stringify(interest.body));
      assert.match(interest.body.detail, /closed/);
      assert.equal((await t.call('POST', `/v1/jobs/${id}/application`, { token, origin: a.origin, body: { message: 'x' } })).status, 409);
      const referral = { jobId: id, name: '紹介 花子', email: 'hanako@example.jp', relation: '友人', agreed: true };
      assert.equal((await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: referral })).status, 409);
    }
    assert.equal(t.outbox.messages.length, mails, 'no mail');
    const responses = await t.call('GET', '/v1/me/job-responses', { token, origin: a.origin });
    assert.deepEqual(responses.body.data, []);
    // Reopened, it takes interest again.
    await t.call('PATCH', `/v1/admin/jobs/${job.id}`, { token: a.sk, body: { status: 'open' } });
    assert.equal((await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: {} })).status, 201);
  });

  it('interest is one click and idempotent; a pending member is told to wait; a job with an external URL takes no application here', async () => {
    const job = await create({ title: '興味ありの求人' });
    const ats = await create({ title: 'ATS の求人', applyUrl: 'https://ats.example.jp/jobs/1' });
    const { token } = await member();
    const first = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: { note: 'お話を聞きたいです' } });
    assert.equal(first.status, 201);
    assert.equal(first.body.stage, 'under_review');
    const again = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: {} });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const detail = await t.call('GET', `/v1/jobs/${job.id}`, { token, origin: a.origin });
    assert.deepEqual(detail.body.viewer, { interest: { id: first.body.id, stage: 'under_review' }, application: null });
    assert.equal((await t.call('GET', `/v1/jobs/${job.id}`, { token: a.pk, origin: a.origin })).body.viewer, undefined);

    const pending = await member({ status: 'pending' });
    const refused = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token: pending.token, origin: a.origin, body: {} });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'membership_pending');

    const atsApply = await t.call('POST', `/v1/jobs/${ats.id}/application`, { token, origin: a.origin, body: { message: '応募します' } });
    assert.equal(atsApply.status, 409);
    assert.match(atsApply.body.detail, /ats\.example\.jp/);
    const applied = await t.call('POST', `/v1/jobs/${job.id}/application`, { token, origin: a.origin, body: { message: '応募します', resumeUrl: 'https://example.jp/cv.pdf' } });
    assert.equal(applied.status, 201);
    assert.equal((await t.call('POST', `/v1/jobs/${job.id}/application`, { token, origin: a.origin, body: { message: 'もう一度' } })).status, 409);
  });

  it('a referral needs the person’s agreement, is not for oneself, once per person and job; its address is never shown back', async () => {
    const job = await create({ title: '紹介の求人' });
    const { m, token } = await member();
    const body = { jobId: job.id, name: '紹介 花子', email: 'Hanako.Ref@Example.jp', relation: '前職の同僚', note: '営業が得意です' };
    let res = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: { ...body, agreed: false } });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'body.agreed');
    res = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: { ...body, email: m.email, agreed: true } });
    assert.equal(res.body.errors[0].field, 'body.email');
    res = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: { ...body, jobId: 'job_nothing', agreed: true } });
    assert.equal(res.body.errors[0].field, 'body.jobId');
    res = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: { ...body, agreed: true } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.referral, { name: '紹介 花子', relation: '前職の同僚' });
    assert.equal(res.body.stage, 'under_review');
    const other = await member();
    const twice = await t.call('POST', '/v1/referrals', { token: other.token, origin: a.origin, body: { ...body, email: 'hanako.ref@example.jp', agreed: true } });
    assert.equal(twice.status, 409);
    // The member's own views and export: the address never.
    const mine = await t.call('GET', '/v1/me/job-responses', { token, origin: a.origin });
    const exported = await t.call('GET', '/v1/me/export', { token, origin: a.origin });
    for (const seen of [JSON.stringify(mine.body), JSON.stringify(exported.body), JSON.stringify(res.body)]) assert.ok(!/hanako\.ref/i.test(seen), seen);
    assert.equal(exported.body.jobResponses[0].referral.name, '紹介 花子');
    // The company sees it.
    const admin = await t.call('GET', `/v1/admin/job-responses/${res.body.id}`, { token: a.sk });
    assert.deepEqual(admin.body.referral, { name: '紹介 花子', email: 'hanako.ref@example.jp', relation: '前職の同僚', agreed: true });
    assert.equal(admin.body.member.id, m.id);
  });

  it('a member cannot see, withdraw or learn of another member’s interest or referral', async () => {
    const job = await create({ title: '二人の求人' });
    const x = await member({ name: '見る 一郎' });
    const y = await member({ name: '隠す 二郎' });
    const yInterest = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token: y.token, origin: a.origin, body: { note: '二郎のメモ' } });
    const yReferral = await t.call('POST', '/v1/referrals', {
      token: y.token,
      origin: a.origin,
      body: { jobId: job.id, name: '二郎の友人', email: 'jiro-friend@example.jp', relation: '友人', agreed: true },
    });
    const seen = JSON.stringify([
      (await t.call('GET', '/v1/me/job-responses', { token: x.token, origin: a.origin })).body,
      (await t.call('GET', `/v1/jobs/${job.id}`, { token: x.token, origin: a.origin })).body,
      (await t.call('GET', '/v1/jobs', { token: x.token, origin: a.origin })).body,
    ]);
    for (const secret of [yInterest.body.id, yReferral.body.id, '二郎のメモ', '二郎の友人', 'jiro-friend']) assert.ok(!seen.includes(secret), secret);
    for (const id of [yInterest.body.id, yReferral.body.id]) {
      const res = await t.call('DELETE', `/v1/me/job-responses/${id}`, { token: x.token, origin: a.origin });
      assert.equal(res.status, 404);
    }
    const still = await t.call('GET', '/v1/me/job-responses', { token: y.token, origin: a.origin });
    assert.deepEqual(still.body.data.map((r: { stage: string }) => r.stage), ['under_review', 'under_review']);
  });

  it('withdrawing: the stage says so, a referral’s person is forgotten at once, and interest can be sent anew', async () => {
    const job = await create({ title: '取り下げの求人' });
    const { token } = await member();
    const interest = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: {} });
    const referral = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: { jobId: job.id, name: '忘れる 人', email: 'forget@example.jp', relation: '友人', agreed: true } });
    for (const id of [interest.body.id, referral.body.id]) {
      assert.equal((await t.call('DELETE', `/v1/me/job-responses/${id}`, { token, origin: a.origin })).status, 204);
      assert.equal((await t.call('DELETE', `/v1/me/job-responses/${id}`, { token, origin: a.origin })).status, 204, 'again: nothing more');
    }
    const mine = await t.call('GET', '/v1/me/job-responses', { token, origin: a.origin });
    assert.deepEqual(mine.body.data.map((r: { stage: string }) => r.stage), ['withdrawn', 'withdrawn']);
    const admin = await t.call('GET', `/v1/admin/job-responses/${referral.body.id}`, { token: a.sk });
    assert.equal(admin.body.status, 'withdrawn');
    assert.deepEqual([admin.body.referral.name, admin.body.referral.email], ['', null]);
    const moved = await t.call('PATCH', `/v1/admin/job-responses/${interest.body.id}`, { token: a.sk, body: { status: 'contacted' } });
    assert.equal(moved.status, 409, 'the company cannot move what the member withdrew');
    const anew = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: {} });
    assert.equal(anew.status, 201);
    assert.notEqual(anew.body.id, interest.body.id);
  });
});
