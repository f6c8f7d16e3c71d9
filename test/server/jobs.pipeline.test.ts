import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JOB_ALERT_DELAY_MS } from '../../server/modules/jobs/service.js';
import { jobBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('jobs: the company’s pipeline, comeback hires, offers and alerts', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('パイプライン株式会社');
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { contactEmails: ['saiyo@example.jp'], alumniPageUrl: 'https://careers.example.jp/alumni' } });
  });
  after(() => t.close());

  const member = async (overrides: Parameters<typeof createMember>[2] = {}) => {
    const m = await createMember(t.deps.db, a.id, { status: 'approved', name: '出戻り 太郎', ...overrides });
    return { m, token: await sessionFor(t.deps.db, m) };
  };
  const create = async (overrides: Record<string, unknown> = {}) => (await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody(overrides) })).body;
  const hires = async (query = '') => (await t.call('GET', `/v1/admin/comeback-hires${query}`, { token: a.sk })).body;
  const status = (id: string, next: string) => t.call('PATCH', `/v1/admin/job-responses/${id}`, { token: a.sk, body: { status: next } });

  it('moves a response new → contacted → interviewing → hired; the member sees under review, then hired; the hire is counted per type and month', async () => {
    const job = await create({ title: '副業のデザイン', employmentType: 'side_job' });
    const { token } = await member();
    const interest = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: {} });
    const before = await hires();
    for (const next of ['contacted', 'interviewing']) {
      const res = await status(interest.body.id, next);
      assert.equal(res.status, 200);
      assert.equal(res.body.status, next);
      const mine = await t.call('GET', '/v1/me/job-responses', { token, origin: a.origin });
      assert.equal(mine.body.data[0].stage, 'under_review', 'the pipeline’s steps stay the company’s');
    }
    const hired = await status(interest.body.id, 'hired');
    assert.equal(hired.body.hiredAt, t.clock.now().toISOString());
    assert.equal((await status(interest.body.id, 'hired')).status, 200, 'asking again changes nothing');
    const after = await hires();
    assert.equal(after.total, before.total + 1);
    assert.equal(after.byType.side_job, before.byType.side_job + 1);
    assert.equal(after.byRoute.interest, before.byRoute.interest + 1);
    const month = after.periods.find((p: { period: string }) => p.period === '2026-11');
    assert.equal(month.byType.side_job, 1);
    assert.equal((await t.call('GET', '/v1/me/job-responses', { token, origin: a.origin })).body.data[0].stage, 'hired');
    assert.equal((await t.call('DELETE', `/v1/me/job-responses/${interest.body.id}`, { token, origin: a.origin })).status, 409, 'a hire is not withdrawn');
    // Corrected to closed: the hire no longer counts; the member reads "not hired".
    await status(interest.body.id, 'closed');
    assert.equal((await hires()).total, before.total);
    assert.equal((await t.call('GET', '/v1/me/job-responses', { token, origin: a.origin })).body.data[0].stage, 'not_hired');
    await status(interest.body.id, 'hired');
  });

  it('counts per period in the company’s time zone, every period of the range (zeros included), by quarter and year too', async () => {
    const res = await hires('?from=2026-01-01&to=2026-12-31&period=quarter');
    assert.equal(res.status, undefined);
    assert.deepEqual(res.periods.map((p: { period: string }) => p.period), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    assert.equal(res.periods[3].total, res.total);
    assert.equal(res.from, '2025-12-31T15:00:00.000Z', 'midnight in Tokyo');
    const year = await hires('?from=2025-01-01&to=2026-12-31&period=year');
    assert.deepEqual(year.periods.map((p: { period: string; total: number }) => [p.period, p.total]), [['2025', 0], ['2026', year.total]]);
    const bad = await t.call('GET', '/v1/admin/comeback-hires?timeZone=Mars/Base', { token: a.sk });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'query.timeZone');
    const upside = await t.call('GET', '/v1/admin/comeback-hires?from=2026-12-01&to=2026-01-01', { token: a.sk });
    assert.equal(upside.body.errors[0].field, 'query.from');
  });

  it('hires stay counted when the job is deleted and when the member erases themselves; the pipeline keeps the job’s title', async () => {
    const job = await create({ title: '消える求人', employmentType: 'freelance' });
    const { token } = await member({ name: '消去 花子' });
    const referral = await t.call('POST', '/v1/referrals', { token, origin: a.origin, body: { jobId: job.id, name: '友 人', email: 'tomo@example.jp', relation: '友人', agreed: true } });
    await status(referral.body.id, 'hired');
    const before = await hires();
    assert.equal((await t.call('DELETE', `/v1/admin/jobs/${job.id}`, { token: a.sk })).status, 204);
    const kept = await t.call('GET', `/v1/admin/job-responses/${referral.body.id}`, { token: a.sk });
    assert.deepEqual(kept.body.job, { id: null, title: '消える求人', employmentType: 'freelance' });
    assert.equal((await t.call('DELETE', '/v1/me', { token, origin: a.origin })).status, 204);
    assert.equal((await t.call('GET', `/v1/admin/job-responses/${referral.body.id}`, { token: a.sk })).status, 404, 'erased with the member');
    const after = await hires();
    assert.equal(after.total, before.total);
    assert.equal(after.byRoute.referral, before.byRoute.referral);
  });

  it('the admin lists responses per job and overall, with the member as they show themselves to the company', async () => {
    const job = await create({ title: 'プロフィール付きの求人' });
    const { m, token } = await member({ name: '見せる 三郎', currentCompany: '株式会社いま', bio: '非公開の自己紹介', visibility: { bio: 'nobody', currentCompany: 'company' } });
    const interest = await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: { note: 'ぜひ' } });
    const perJob = await t.call('GET', `/v1/admin/jobs/${job.id}/responses`, { token: a.sk });
    assert.deepEqual(perJob.body.data.map((r: { id: string }) => r.id), [interest.body.id]);
    const r = perJob.body.data[0];
    assert.equal(r.member.email, m.email);
    assert.equal(r.member.profile.currentCompany, '株式会社いま');
    assert.equal(r.member.profile.bio, undefined, 'a field hidden from the company is not there');
    const all = await t.call('GET', '/v1/admin/job-responses?kind=interest&status=new', { token: a.sk });
    assert.ok(all.body.data.some((x: { id: string }) => x.id === interest.body.id));
    const jobView = await t.call('GET', `/v1/admin/jobs/${job.id}`, { token: a.sk });
    assert.deepEqual(jobView.body.responses, { total: 1, new: 1 });
    // The contact mail carries the same profile, and the member's address as Reply-To.
    const mail = t.outbox.messages.findLast((x) => x.subject.includes('プロフィール付きの求人'))!;
    assert.equal(mail.to, 'saiyo@example.jp');
    assert.equal(mail.replyTo, m.email);
    assert.match(mail.text, /株式会社いま/);
    assert.doesNotMatch(mail.text, /非公開の自己紹介/);
    assert.match(mail.text, /パイプライン株式会社 採用ご担当者 様/);
    assert.ok(mail.text.includes('https://careers.example.jp/alumni'));
    // Erased on request (a referred person asked): gone from the pipeline.
    assert.equal((await t.call('DELETE', `/v1/admin/job-responses/${interest.body.id}`, { token: a.sk })).status, 204);
    assert.equal((await t.call('GET', `/v1/admin/job-responses/${interest.body.id}`, { token: a.sk })).status, 404);
  });

  it('an offer reaches only a member open to its kind who shows that to the company; the member declines with one click', async () => {
    const job = await create({ title: 'オファーの求人', employmentType: 'freelance' });
    const open = await member({ name: '歓迎 四郎', openTo: ['freelance'] });
    const closed = await member({ name: '不要 五郎', openTo: ['rehire'] });
    const hidden = await member({ name: '秘密 六子', openTo: ['freelance'], visibility: { openTo: 'nobody' } });
    const send = (memberId: string) => t.call('POST', '/v1/admin/job-offers', { token: a.sk, body: { memberId, kind: 'freelance', jobId: job.id, message: '業務委託でお手伝いいただけませんか。' } });
    const mails = t.outbox.messages.length;
    for (const who of [closed, hidden]) {
      const res = await send(who.m.id);
      assert.equal(res.status, 409, JSON.stringify(res.body));
      assert.deepEqual((await t.call('GET', '/v1/me/job-offers', { token: who.token, origin: a.origin })).body.data, []);
    }
    assert.equal(t.outbox.messages.length, mails, 'no mail to anyone not open to it');
    const candidates = await t.call('GET', '/v1/admin/job-candidates?kind=freelance', { token: a.sk });
    const listed = candidates.body.data.map((c: { id: string }) => c.id);
    assert.ok(listed.includes(open.m.id) && !listed.includes(hidden.m.id) && !listed.includes(closed.m.id));

    const sent = await send(open.m.id);
    assert.equal(sent.status, 201);
    assert.equal((await send(open.m.id)).status, 409, 'one waiting offer per kind and job');
    const mail = t.outbox.messages.at(-1)!;
    assert.equal(mail.to, open.m.email);
    assert.match(mail.text, /歓迎 四郎 様/);
    assert.match(mail.text, /業務委託でお手伝いいただけませんか。/);
    assert.ok(mail.text.includes(`https://careers.example.jp/alumni#alumni-job=${job.id}`));
    assert.match(mail.headers?.['List-Unsubscribe'] ?? '', /\/unsubscribe\?t=/);

    const offers = await t.call('GET', '/v1/me/job-offers', { token: open.token, origin: a.origin });
    assert.deepEqual(offers.body.data.map((o: { id: string; status: string; job: { title: string } }) => [o.id, o.status, o.job.title]), [[sent.body.id, 'sent', 'オファーの求人']]);
    const declined = await t.call('POST', `/v1/me/job-offers/${sent.body.id}/decline`, { token: open.token, origin: a.origin });
    assert.equal(declined.body.status, 'declined');
    assert.equal((await t.call('POST', `/v1/me/job-offers/${sent.body.id}/decline`, { token: open.token, origin: a.origin })).status, 200);
    assert.equal((await t.call('POST', `/v1/me/job-offers/${sent.body.id}/accept`, { token: open.token, origin: a.origin })).status, 409);
    assert.equal((await t.call('POST', `/v1/me/job-offers/${sent.body.id}/decline`, { token: closed.token, origin: a.origin })).status, 404, 'not another member’s');
    const admin = await t.call('GET', `/v1/admin/job-offers?memberId=${open.m.id}`, { token: a.sk });
    assert.equal(admin.body.data[0].status, 'declined');
  });

  it('a member who turned offer mail off still sees the offer, without a mail; accepting tells the company', async () => {
    const quiet = await member({ name: '静か 七海', openTo: ['rehire'] });
    await t.call('PATCH', '/v1/me/notifications', { token: quiet.token, origin: a.origin, body: { 'jobs.offers': 'off' } });
    const mails = t.outbox.messages.length;
    const sent = await t.call('POST', '/v1/admin/job-offers', { token: a.sk, body: { memberId: quiet.m.id, kind: 'rehire', message: '戻ってきませんか' } });
    assert.equal(sent.status, 201);
    assert.equal(t.outbox.messages.length, mails);
    const accepted = await t.call('POST', `/v1/me/job-offers/${sent.body.id}/accept`, { token: quiet.token, origin: a.origin });
    assert.equal(accepted.body.status, 'accepted');
    const told = t.outbox.messages.at(-1)!;
    assert.equal(told.to, 'saiyo@example.jp');
    assert.match(told.text, /静か 七海 さんが、再入社についてのお誘い/);
    assert.equal(told.replyTo, quiet.m.email);
  });

  it('job alerts: opt-in by type, one batched mail a quarter hour after jobs open, only matching types, once; one click stops them', async () => {
    // Jobs the tests above opened are announced (to nobody yet) first.
    t.clock.advance(JOB_ALERT_DELAY_MS + 1000);
    await t.worker.drain();
    const fan = await member({ name: '通知 八子', locale: 'en' });
    const other = await member({ name: '別 九郎' });
    const silent = await member({ name: '未登録 十郎' });
    assert.deepEqual((await t.call('GET', '/v1/me/job-alerts', { token: fan.token, origin: a.origin })).body, { on: false, types: [] });
    const set = await t.call('PUT', '/v1/me/job-alerts', { token: fan.token, origin: a.origin, body: { types: ['side_job', 'freelance', 'side_job'] } });
    assert.deepEqual(set.body, { on: true, types: ['side_job', 'freelance'] });
    await t.call('PUT', '/v1/me/job-alerts', { token: other.token, origin: a.origin, body: { types: ['contract'] } });
    await t.worker.drain();
    const mails = () => t.outbox.messages.filter((m) => m.tag === 'job-alert');
    const already = mails().length;

    const side = await create({ title: '副業のお仕事', employmentType: 'side_job', translations: { en: { title: 'A side job' } } });
    const members = await create({ title: '会員限定の業務委託', employmentType: 'freelance', visibility: 'members' });
    await create({ title: '正社員の求人', employmentType: 'rehire' });
    await create({ title: '下書き', employmentType: 'side_job', status: 'draft' });
    assert.equal(mails().length, already, 'nothing at once');
    t.clock.advance(JOB_ALERT_DELAY_MS + 1000);
    await t.worker.drain();
    const sent = mails().slice(already);
    assert.deepEqual(sent.map((m) => m.to), [fan.m.email], 'one mail, to the member whose types opened');
    assert.match(sent[0]!.subject, /2 new jobs/);
    assert.match(sent[0]!.text, /Hello 通知 八子,/);
    assert.ok(sent[0]!.text.includes('A side job') && sent[0]!.text.includes('会員限定の業務委託'));
    assert.ok(!sent[0]!.text.includes('正社員の求人') && !sent[0]!.text.includes('下書き'));
    assert.ok(sent[0]!.text.includes(`https://careers.example.jp/alumni#alumni-job=${side.id}`));
    assert.ok(!mails().some((m) => m.to === silent.m.email || m.to === other.m.email));

    // Closing and reopening a job does not announce it again; nor does a second run.
    await t.call('PATCH', `/v1/admin/jobs/${members.id}`, { token: a.sk, body: { status: 'closed' } });
    await t.call('PATCH', `/v1/admin/jobs/${members.id}`, { token: a.sk, body: { status: 'open' } });
    t.clock.advance(JOB_ALERT_DELAY_MS + 1000);
    await t.worker.drain();
    assert.equal(mails().length, already + 1);

    // The mail's unsubscribe link turns alerts off, as DELETE does.
    const link = sent[0]!.headers!['List-Unsubscribe']!.slice(1, -1);
    const stop = await t.app.request(link.slice(link.indexOf('/unsubscribe')), { method: 'POST' });
    assert.equal(stop.status, 200);
    assert.equal((await t.call('GET', '/v1/me/job-alerts', { token: fan.token, origin: a.origin })).body.on, false);
    await create({ title: 'また副業', employmentType: 'side_job' });
    t.clock.advance(JOB_ALERT_DELAY_MS + 1000);
    await t.worker.drain();
    assert.equal(mails().length, already + 1, 'no more alerts');
    assert.deepEqual((await t.call('DELETE', '/v1/me/job-alerts', { token: other.token, origin: a.origin })).body, { on: false, types: ['contract'] });
  });

  it('the export holds the member’s responses, offers and alert choice; erasure removes them', async () => {
    const job = await create({ title: '書き出しの求人' });
    const { m, token } = await member({ openTo: ['side_job'] });
    await t.call('POST', `/v1/jobs/${job.id}/interest`, { token, origin: a.origin, body: { note: 'メモ' } });
    await t.call('POST', '/v1/admin/job-offers', { token: a.sk, body: { memberId: m.id, kind: 'side_job', message: 'いかがですか' } });
    await t.call('PUT', '/v1/me/job-alerts', { token, origin: a.origin, body: { types: ['project'] } });
    const exported = (await t.call('GET', '/v1/me/export', { token, origin: a.origin })).body;
    assert.equal(exported.jobResponses[0].note, 'メモ');
    assert.equal(exported.jobOffers[0].message, 'いかがですか');
    assert.deepEqual(exported.jobAlerts.types, ['project']);
    assert.equal((await t.call('DELETE', '/v1/me', { token, origin: a.origin })).status, 204);
    const left = await t.deps.db.$client.execute({
      sql: `select (select count(*) from job_responses where member_id = ?) + (select count(*) from job_offers where member_id = ?) + (select count(*) from job_alerts where member_id = ?) as n`,
      args: [m.id, m.id, m.id],
    });
    assert.equal(Number(left.rows[0]!.n), 0);
  });
});
