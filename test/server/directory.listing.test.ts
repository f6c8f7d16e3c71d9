/**
 * Who the directory lists, from the alumnus journey (issue 11): never a nameless card; under a privacy
 * policy, only members who accepted its current version, and only viewers who did may look; names
 * found as people type them, with or without the space.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('directory listing rules', () => {
  let t: TestContext;
  let a: TestTenant;
  let token: string;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('一覧株式会社');
    token = await sessionFor(t.deps.db, await createMember(t.deps.db, a.id, { name: '閲覧 太郎', status: 'approved' }));
  });
  after(() => t.close());

  const list = async (query = '', as = token) => {
    const res = await t.call('GET', `/v1/members${query}`, { token: as, origin: a.origin });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data.map((c: { id: string }) => c.id) as string[];
  };

  it('a member without a name is not listed, found or shown, and is once they give a name', async () => {
    const nameless = await createMember(t.deps.db, a.id, { name: '  ', status: 'approved', lastDepartment: '名無し部' });
    const named = await createMember(t.deps.db, a.id, { name: '名前 あり', status: 'approved', lastDepartment: '名無し部' });
    await t.worker.drain();
    assert.ok(!(await list()).includes(nameless.id));
    assert.deepEqual(await list(`?q=${encodeURIComponent('名無し部')}`), [named.id]);
    assert.equal((await t.call('GET', `/v1/members/${nameless.id}`, { token, origin: a.origin })).status, 404);
    const namelessToken = await sessionFor(t.deps.db, nameless);
    assert.equal((await t.call('PATCH', '/v1/me', { token: namelessToken, origin: a.origin, body: { name: '新人 花子' } })).status, 200);
    assert.ok((await list()).includes(nameless.id));
  });

  it('田中花子 (no space) finds 田中 花子, and 田中 花子 finds 田中花子', async () => {
    const spaced = await createMember(t.deps.db, a.id, { name: '田中 花子', nameKana: 'たなか はなこ', status: 'approved' });
    const compact = await createMember(t.deps.db, a.id, { name: '佐藤太郎', status: 'approved' });
    await t.worker.drain();
    assert.deepEqual(await list(`?q=${encodeURIComponent('田中花子')}`), [spaced.id]);
    assert.deepEqual(await list(`?q=${encodeURIComponent('たなかはなこ')}`), [spaced.id]);
    assert.deepEqual(await list(`?q=${encodeURIComponent('佐藤 太郎')}`), [compact.id]);
  });

  it('under a privacy policy: a viewer who has not accepted gets 403 consent_required; unaccepted members are not listed until they accept', async () => {
    const c = await t.tenant('同意株式会社');
    const viewer = await createMember(t.deps.db, c.id, { name: '同意 済子', status: 'approved' });
    const other = await createMember(t.deps.db, c.id, { name: '未同意 太郎', status: 'approved' });
    const viewerToken = await sessionFor(t.deps.db, viewer);
    const otherToken = await sessionFor(t.deps.db, other);
    assert.equal((await t.call('PATCH', '/v1/admin/tenant', { token: c.sk, body: { privacyPolicyUrl: 'https://careers.example.jp/privacy', privacyPolicyVersion: '2026-11' } })).status, 200);
    const refused = await t.call('GET', '/v1/members', { token: viewerToken, origin: c.origin });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'consent_required');
    const contact = await t.call('POST', `/v1/members/${other.id}/contact`, { token: viewerToken, origin: c.origin, body: { message: 'こんにちは' } });
    assert.equal(contact.body.code, 'consent_required');

    assert.equal((await t.call('PATCH', '/v1/me', { token: viewerToken, origin: c.origin, body: { acceptPrivacyPolicyVersion: '2026-11' } })).status, 200);
    const seen = await t.call('GET', '/v1/members', { token: viewerToken, origin: c.origin });
    assert.equal(seen.status, 200);
    const ids = seen.body.data.map((m: { id: string }) => m.id);
    assert.ok(ids.includes(viewer.id), 'who accepted is listed');
    assert.ok(!ids.includes(other.id), 'who has not accepted is not listed');

    assert.equal((await t.call('PATCH', '/v1/me', { token: otherToken, origin: c.origin, body: { acceptPrivacyPolicyVersion: '2026-11' } })).status, 200);
    const later = await t.call('GET', '/v1/members', { token: viewerToken, origin: c.origin });
    assert.ok(later.body.data.some((m: { id: string }) => m.id === other.id));

    // A new version: everyone must accept it again before being listed.
    await t.call('PATCH', '/v1/admin/tenant', { token: c.sk, body: { privacyPolicyVersion: '2027-01' } });
    assert.equal((await t.call('GET', '/v1/members', { token: viewerToken, origin: c.origin })).body.code, 'consent_required');
    await t.call('PATCH', '/v1/me', { token: viewerToken, origin: c.origin, body: { acceptPrivacyPolicyVersion: '2027-01' } });
    const fresh = await t.call('GET', '/v1/members', { token: viewerToken, origin: c.origin });
    assert.deepEqual(fresh.body.data.map((m: { id: string }) => m.id), [viewer.id]);
  });
});
