/**
 * Member kinds: the built-in alumni and employee, kinds the company adds, what each may use, and the
 * kind of a member (admin, roster, SSO). The cross-route walk is routes.features.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defineRoute } from '../../server/http/route.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

const problem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(res.body.code, code);
};

describe('member kinds', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let jobId: string;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('会社A');
    b = await t.tenant('会社B');
    const job = await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: (await import('../helpers/app.js')).jobBody() });
    assert.equal(job.status, 201);
    jobId = job.body.id;
  });
  after(() => t.close());

  const member = async (tenant: TestTenant, kind: string) => {
    const m = await createMember(t.deps.db, tenant.id, { status: 'approved', kind, name: `${kind} 太郎` });
    return { id: m.id, token: await sessionFor(t.deps.db, m) };
  };
  const as = (tenant: TestTenant, token: string) => ({ token, origin: tenant.origin });

  it('every tenant has alumni (everything) and employee (everything but jobs), without any row written', async () => {
    const res = await t.call('GET', '/v1/admin/member-kinds', { token: a.sk });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((k: any) => [k.key, k.builtIn, k.features]),
      [
        ['alumni', true, ['directory', 'events', 'jobs', 'feed', 'messages', 'groups']],
        ['employee', true, ['directory', 'events', 'feed', 'messages', 'groups']],
      ],
    );
  });

  it('an employee gets 403 problem+json on every jobs route; the public list stays open to visitors', async () => {
    const employee = await member(a, 'employee');
    const doc = (await t.call('GET', '/openapi.json')).body;
    const jobRoutes: [string, string][] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) for (const [method, op] of Object.entries<any>(item)) if (op['x-feature'] === 'jobs') jobRoutes.push([method.toUpperCase(), path]);
    assert.ok(jobRoutes.length >= 14, `${jobRoutes.length} jobs routes`);
    for (const [method, path] of jobRoutes) {
      const res = await t.call(method, path.replace('{id}', jobId), { ...as(a, employee.token), body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      problem(res, 403, 'feature_not_available');
      assert.equal(res.body.type, 'https://homecoming.dev/problems/feature-not-available');
      assert.match(res.body.detail, /jobs/);
    }
    assert.equal((await t.call('GET', '/v1/jobs', { token: a.pk, origin: a.origin })).status, 200);
    // Everything else an employee has.
    assert.equal((await t.call('GET', '/v1/members', as(a, employee.token))).status, 200);
    assert.equal((await t.call('GET', '/v1/posts', as(a, employee.token))).status, 200);
    // And the widgets are told, so they can say so calmly.
    const me = await t.call('GET', '/v1/me', as(a, employee.token));
    assert.equal(me.body.kind, 'employee');
    assert.deepEqual(me.body.features, ['directory', 'events', 'feed', 'messages', 'groups']);
  });

  it("a company-added 'retiree' without messages cannot message, and gets it on the next request once the company allows it", async () => {
    const created = await t.call('POST', '/v1/admin/member-kinds', {
      token: a.sk,
      body: { key: 'retiree', labelJa: '定年退職者', labelEn: 'Retiree', features: ['events', 'directory', 'feed', 'directory'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.features, ['directory', 'events', 'feed']);
    assert.equal(created.body.builtIn, false);
    const retiree = await member(a, 'retiree');
    const alumna = await member(a, 'alumni');
    const talk = await t.call('POST', '/v1/me/conversations', { ...as(a, retiree.token), body: { memberIds: [alumna.id], body: 'こんにちは' } });
    problem(talk, 403, 'feature_not_available');
    assert.match(talk.body.detail, /messages/);
    problem(await t.call('POST', `/v1/members/${alumna.id}/contact`, { ...as(a, retiree.token), body: { message: 'こんにちは' } }), 403, 'feature_not_available');
    problem(await t.call('GET', '/v1/me/conversations', as(a, retiree.token)), 403, 'feature_not_available');
    problem(await t.call('GET', '/v1/jobs', as(a, retiree.token)), 403, 'feature_not_available');
    assert.equal((await t.call('GET', '/v1/members', as(a, retiree.token))).status, 200);
    // The directory offers no message button either way.
    const seenByRetiree = await t.call('GET', `/v1/members/${alumna.id}`, as(a, retiree.token));
    assert.equal(seenByRetiree.body.canContact, false);
    const seenByAlumna = await t.call('GET', `/v1/members/${retiree.id}`, as(a, alumna.token));
    assert.equal(seenByAlumna.body.canContact, false);
    assert.equal((await t.call('GET', `/v1/members/${alumna.id}`, as(a, (await member(a, 'employee')).token))).body.canContact, true);
    // Nor can anyone start a conversation with them.
    const toRetiree = await t.call('POST', '/v1/me/conversations', { ...as(a, alumna.token), body: { memberIds: [retiree.id], body: 'こんにちは' } });
    problem(toRetiree, 403, 'feature_not_available');

    const allowed = await t.call('PATCH', '/v1/admin/member-kinds/retiree', { token: a.sk, body: { features: ['directory', 'events', 'feed', 'messages'] } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.body.memberCount, 1);
    assert.equal((await t.call('GET', `/v1/members/${alumna.id}`, as(a, retiree.token))).body.canContact, true);
    const again = await t.call('POST', '/v1/me/conversations', { ...as(a, retiree.token), body: { memberIds: [alumna.id], body: 'こんにちは' } });
    assert.equal(again.status, 201, JSON.stringify(again.body));
  });

  it('the company changes a built-in kind: employees may see jobs once it says so', async () => {
    const employee = await member(a, 'employee');
    const changed = await t.call('PATCH', '/v1/admin/member-kinds/employee', { token: a.sk, body: { features: ['directory', 'jobs'], labelEn: 'Employee' } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.builtIn, changed.body.labelJa, changed.body.labelEn], [true, '現役社員', 'Employee']);
    assert.equal((await t.call('GET', '/v1/jobs', as(a, employee.token))).status, 200);
    problem(await t.call('GET', '/v1/posts', as(a, employee.token)), 403, 'feature_not_available');
    // Tenant B's employees are untouched.
    const other = await member(b, 'employee');
    problem(await t.call('GET', '/v1/jobs', as(b, other.token)), 403, 'feature_not_available');
    assert.equal((await t.call('GET', '/v1/posts', as(b, other.token))).status, 200);
    assert.equal((await t.call('GET', '/v1/admin/member-kinds/retiree', { token: b.sk })).status, 404);
    await t.call('PATCH', '/v1/admin/member-kinds/employee', { token: a.sk, body: { features: ['directory', 'events', 'feed', 'messages', 'groups'] } });
  });

  it('refuses bad input, duplicates, deleting a built-in kind or one in use (409 problem+json)', async () => {
    problem(await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'Retired People', labelJa: 'x', labelEn: 'x', features: [] } }), 422, 'validation_failed');
    const badFeature = await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'x', labelJa: 'x', labelEn: 'x', features: ['payroll'] } });
    problem(badFeature, 422, 'validation_failed');
    assert.match(badFeature.body.errors[0].field, /^body\.features/);
    problem(await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'retiree', labelJa: 'x', labelEn: 'x', features: [] } }), 409, 'conflict');
    problem(await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'alumni', labelJa: 'x', labelEn: 'x', features: [] } }), 409, 'conflict');
    problem(await t.call('DELETE', '/v1/admin/member-kinds/employee', { token: a.sk }), 409, 'conflict');
    const inUse = await t.call('DELETE', '/v1/admin/member-kinds/retiree', { token: a.sk });
    problem(inUse, 409, 'conflict');
    assert.match(inUse.body.detail, /in use/);
    problem(await t.call('DELETE', '/v1/admin/member-kinds/nothing-here', { token: a.sk }), 404, 'not_found');
    // A kind only a roster entry has is in use too.
    assert.equal((await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'intern', labelJa: 'インターン', labelEn: 'Intern', features: ['events'] } })).status, 201);
    const roster = await t.call('POST', '/v1/admin/roster', { token: a.sk, body: { entries: [{ emails: ['intern@example.jp'], name: '実習 生', kind: 'intern' }] } });
    assert.ok(roster.status < 300, JSON.stringify(roster.body));
    problem(await t.call('DELETE', '/v1/admin/member-kinds/intern', { token: a.sk }), 409, 'conflict');
    // Not in use: gone.
    assert.equal((await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'temp', labelJa: '一時', labelEn: 'Temp', features: [] } })).status, 201);
    assert.equal((await t.call('DELETE', '/v1/admin/member-kinds/temp', { token: a.sk })).status, 204);
    assert.equal((await t.call('GET', '/v1/admin/member-kinds/temp', { token: a.sk })).status, 404);
  });

  it("sets a member's kind (admin), only to one of the tenant's kinds; roster rows are checked alike", async () => {
    const m = await member(a, 'alumni');
    const set = await t.call('PATCH', `/v1/admin/members/${m.id}`, { token: a.sk, body: { kind: 'retiree' } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.kind, 'retiree');
    assert.deepEqual((await t.call('GET', '/v1/me', as(a, m.token))).body.features, ['directory', 'events', 'feed', 'messages']);
    const unknown = await t.call('PATCH', `/v1/admin/members/${m.id}`, { token: a.sk, body: { kind: 'astronaut' } });
    problem(unknown, 422, 'validation_failed');
    assert.equal(unknown.body.errors[0].field, 'body.kind');
    // Tenant B has no 'retiree'.
    const inB = await member(b, 'alumni');
    problem(await t.call('PATCH', `/v1/admin/members/${inB.id}`, { token: b.sk, body: { kind: 'retiree' } }), 422, 'validation_failed');
    problem(await t.call('PATCH', `/v1/admin/members/${m.id}`, { token: b.sk, body: { kind: 'employee' } }), 404, 'not_found');
    const roster = await t.call('POST', '/v1/admin/roster', { token: a.sk, body: { entries: [{ emails: ['x@example.jp'], name: 'x', kind: 'astronaut' }] } });
    problem(roster, 422, 'validation_failed');
    assert.equal(roster.body.errors[0].field, 'body.entries.0.kind');
  });

  it('job alerts go only to members whose kind has jobs', async () => {
    const { jobAlerts, notificationPreferences, outbox } = await import('../../server/db/schema.js');
    const { alertTopics } = await import('../../server/modules/jobs/alerts.js');
    const { and, eq } = await import('drizzle-orm');
    const db = t.deps.db;
    const alumna = await member(a, 'alumni');
    const employee = await member(a, 'employee');
    const ts = new Date().toISOString();
    for (const m of [alumna, employee]) {
      await db.insert(jobAlerts).values({ tenantId: a.id, memberId: m.id, types: ['rehire', 'side_job', 'contract', 'freelance', 'project'], createdAt: ts, updatedAt: ts });
      await db.insert(notificationPreferences).values({ tenantId: a.id, memberId: m.id, topic: 'jobs.alerts', value: 'on', updatedAt: ts });
    }
    await alertTopics['jobs.alerts.send']!.run!(db, { tenantId: a.id, payload: { jobIds: [jobId], after: '' } } as never, {} as never);
    const mailed = async (id: string) => (await db.select().from(outbox).where(and(eq(outbox.tenantId, a.id), eq(outbox.memberId, id), eq(outbox.topic, 'job-alert')))).length;
    assert.equal(await mailed(alumna.id), 1);
    assert.equal(await mailed(employee.id), 0);
  });

  it('the feed digest and reply mails go only to members whose kind has the feed', async () => {
    const { outbox } = await import('../../server/db/schema.js');
    const { feedOutbox } = await import('../../server/modules/feed/notify.js');
    const { companyPost, feedMember, memberPost, ok } = await import('../helpers/feed.js');
    const { and, eq } = await import('drizzle-orm');
    const db = t.deps.db;
    await ok(t, 'POST', '/v1/admin/member-kinds', { token: b.sk, body: { key: 'readers-not', labelJa: '掲示板なし', labelEn: 'No feed', features: ['directory', 'events'] } });
    const reader = await feedMember(t, b, { name: '購読 花子' });
    const outsider = await feedMember(t, b, { name: '対象外 次郎' });
    const replier = await feedMember(t, b, { name: '返信 三郎' });
    // Each wrote a post while both had the feed; then the company took it from the outsider's kind, and replies came.
    const own = new Map<string, string>();
    for (const m of [reader, outsider]) own.set(m.row.id, (await memberPost(t, m, { body: `${m.row.name} です` })).id);
    await ok(t, 'PATCH', `/v1/admin/members/${outsider.row.id}`, { token: b.sk, body: { kind: 'readers-not' } });
    for (const id of own.values()) await ok(t, 'POST', `/v1/posts/${id}/comments`, { token: replier.token, body: { body: '返信です' } });
    await companyPost(t, b, { title: '今週のお知らせ', body: '新しい拠点ができました' });

    const later = { now: new Date(Date.now() + 600_000) } as never;
    await feedOutbox['feed.digest']!.run!(db, { tenantId: b.id, payload: {} } as never, later);
    for (const m of [reader, outsider]) {
      await feedOutbox['feed.replies']!.run!(db, { tenantId: b.id, payload: { postId: own.get(m.row.id), recipientId: m.row.id, since: '2000-01-01T00:00:00.000Z' } } as never, later);
    }
    const mailed = async (id: string, topic: string) => (await db.select().from(outbox).where(and(eq(outbox.tenantId, b.id), eq(outbox.memberId, id), eq(outbox.topic, topic), eq(outbox.kind, 'mail')))).length;
    assert.equal(await mailed(reader.row.id, 'feed.digest'), 1, 'the alumna gets the digest');
    assert.equal(await mailed(outsider.row.id, 'feed.digest'), 0, 'a member whose kind has no feed gets none');
    assert.ok((await mailed(reader.row.id, 'feed.replies')) >= 1, 'the alumna is told of the reply');
    assert.equal(await mailed(outsider.row.id, 'feed.replies'), 0, 'a member whose kind has no feed is not');
  });

  it('a moderator may not change kinds; an owner may', async () => {
    const { staffSessionFor } = await import('../helpers/fixtures.js');
    const moderator = await staffSessionFor(t, a.id, 'moderator');
    assert.equal((await t.call('PATCH', '/v1/admin/member-kinds/alumni', { token: moderator.token, body: { labelEn: 'x' } })).status, 403);
  });

  it('a member session route without a feature is refused at startup', () => {
    assert.throws(
      () => defineRoute({ method: 'get', path: '/v1/jobs/new-thing', auth: ['session'], responses: { 200: { description: 'OK' } } }, (c) => c.body(null, 200) as never),
      /must declare its feature/,
    );
    // Other credentials need none.
    defineRoute({ method: 'get', path: '/v1/jobs/new-thing', auth: ['publishable'], responses: { 200: { description: 'OK' } } }, (c) => c.body(null, 200) as never);
  });
});
