/**
 * Groups: the company's groups and members' own, the three join rules, group admins, hidden groups,
 * and group posts, which never reach a non-member through any route. That last one is a battery
 * generated from /openapi.json (as routes.security does), so a feed route added later is covered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { posts } from '../../server/db/schema.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { feedMember, ok, type FeedMember } from '../helpers/feed.js';
import { createMember, sessionFor } from '../helpers/members.js';

const groupBody = (over: Record<string, unknown> = {}) => ({ name: '営業部 OB・OG 会', description: '営業部にいた人の集まり', kind: 'department', joinRule: 'open', visibility: 'members', ...over });

describe('groups', () => {
  let t: TestContext;
  let a: TestTenant;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('グループ株式会社');
  });
  after(() => t.close());

  const group = (tenant: TestTenant, over: Record<string, unknown> = {}) => ok(t, 'POST', '/v1/admin/groups', { token: tenant.sk, body: groupBody(over) });
  const call = (m: FeedMember, method: string, path: string, body?: unknown) => t.call(method, path, { token: m.token, ...(body === undefined ? {} : { body }) });

  it('the company creates groups; members browse them by name and `q`, page by page; hidden groups only for their members', async () => {
    const b = await t.tenant();
    const m = await feedMember(t, b);
    const sales = await group(b, { name: 'い 営業部' });
    const era = await group(b, { name: 'ろ 2010 年入社', kind: 'era', description: '同期の会' });
    const secret = await group(b, { name: 'は 経営企画', visibility: 'hidden', joinRule: 'invitation' });
    assert.equal(sales.memberCount, 0);
    const names = async (m2: FeedMember, query = '') => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await ok(t, 'GET', `/v1/groups?limit=1${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: m2.token });
        out.push(...page.data.map((g: { name: string }) => g.name));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    assert.deepEqual(await names(m), ['い 営業部', 'ろ 2010 年入社'], 'a hidden group is not listed to others');
    assert.deepEqual(await names(m, '&q=同期'), ['ろ 2010 年入社'], 'q matches the description');
    assert.deepEqual(await names(m, '&q=%25'), [], '% is a character, not a wildcard');
    assert.equal((await call(m, 'GET', `/v1/groups/${secret.id}`)).status, 404);
    assert.equal((await call(m, 'POST', `/v1/groups/${secret.id}/join`)).status, 404, 'a hidden group does not exist for others');
    // Invited: the hidden group appears, and accepting lets the member in.
    const admin = await feedMember(t, b);
    await ok(t, 'PUT', `/v1/admin/groups/${secret.id}/members`, { token: b.sk, body: { memberId: admin.row.id, role: 'admin' } });
    await ok(t, 'POST', `/v1/groups/${secret.id}/invitations`, { token: admin.token, body: { memberId: m.row.id } });
    assert.deepEqual(await names(m, '&scope=mine'), ['は 経営企画']);
    assert.equal((await ok(t, 'GET', `/v1/groups/${secret.id}`, { token: m.token })).membership.status, 'invited');
    const accepted = await ok(t, 'POST', `/v1/groups/${secret.id}/accept`, { token: m.token });
    assert.deepEqual([accepted.membership.status, accepted.memberCount], ['active', 2]);
    // Archived: gone from members' lists, still in the company's.
    await ok(t, 'PATCH', `/v1/admin/groups/${era.id}`, { token: b.sk, body: { archived: true } });
    assert.deepEqual(await names(m), ['い 営業部', 'は 経営企画']);
    assert.equal((await ok(t, 'GET', '/v1/admin/groups?archived=true', { token: b.sk })).data[0].id, era.id);
    // Tenant A sees none of B's.
    assert.equal((await t.call('GET', `/v1/admin/groups/${sales.id}`, { token: a.sk })).status, 404);
    const other = await feedMember(t, a);
    assert.equal((await call(other, 'GET', `/v1/groups/${sales.id}`)).status, 404);
    assert.deepEqual((await ok(t, 'GET', '/v1/groups', { token: other.token })).data, []);
  });

  it('join rules: open → in at once; request → a group admin approves or declines; invitation → 403 unless invited', async () => {
    const admin = await feedMember(t, a);
    const [x, y, z] = [await feedMember(t, a), await feedMember(t, a), await feedMember(t, a)];
    const open = await group(a, { name: 'オープン' });
    const asked = await group(a, { name: '承認制', joinRule: 'request' });
    const invited = await group(a, { name: '招待制', joinRule: 'invitation' });
    await ok(t, 'PUT', `/v1/admin/groups/${asked.id}/members`, { token: a.sk, body: { memberId: admin.row.id, role: 'admin' } });

    assert.equal((await ok(t, 'POST', `/v1/groups/${open.id}/join`, { token: x.token })).membership.status, 'active');
    assert.equal((await ok(t, 'POST', `/v1/groups/${asked.id}/join`, { token: x.token })).membership.status, 'requested');
    t.clock.advance(1000);
    assert.equal((await ok(t, 'POST', `/v1/groups/${asked.id}/join`, { token: y.token })).membership.status, 'requested');
    const refused = await call(z, 'POST', `/v1/groups/${invited.id}/join`);
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');

    // Only group admins see and decide requests.
    assert.equal((await call(x, 'GET', `/v1/groups/${asked.id}/requests`)).status, 403);
    const requests = await ok(t, 'GET', `/v1/groups/${asked.id}/requests`, { token: admin.token });
    assert.deepEqual(requests.data.map((r: any) => r.memberId), [x.row.id, y.row.id]);
    assert.equal(requests.data[0].member.name, x.row.name);
    assert.equal((await call(admin, 'POST', `/v1/groups/${asked.id}/requests/decision`, { memberId: x.row.id, approve: true })).status, 204);
    assert.equal((await call(admin, 'POST', `/v1/groups/${asked.id}/requests/decision`, { memberId: y.row.id, approve: false })).status, 204);
    assert.equal((await call(admin, 'POST', `/v1/groups/${asked.id}/requests/decision`, { memberId: y.row.id, approve: true })).status, 404, 'decided once');
    assert.equal((await ok(t, 'GET', `/v1/groups/${asked.id}`, { token: x.token })).membership.status, 'active');
    assert.equal((await ok(t, 'GET', `/v1/groups/${asked.id}`, { token: y.token })).membership, null);

    // Members list: for members only; a group admin removes a member, not another admin.
    assert.equal((await call(y, 'GET', `/v1/groups/${asked.id}/members`)).status, 403);
    const people = await ok(t, 'GET', `/v1/groups/${asked.id}/members`, { token: x.token });
    assert.deepEqual(people.data.map((p: any) => [p.memberId, p.role]).sort(), [[admin.row.id, 'admin'], [x.row.id, 'member']].sort());
    assert.equal((await call(x, 'POST', `/v1/groups/${asked.id}/removals`, { memberId: admin.row.id })).status, 403);
    assert.equal((await call(admin, 'POST', `/v1/groups/${asked.id}/removals`, { memberId: x.row.id })).status, 204);
    assert.equal((await ok(t, 'GET', `/v1/groups/${asked.id}`, { token: x.token })).membership, null);

    // Leave; leaving twice is a 404.
    assert.equal((await call(x, 'POST', `/v1/groups/${open.id}/leave`)).status, 204);
    assert.equal((await call(x, 'POST', `/v1/groups/${open.id}/leave`)).status, 404);
    // A pending member takes no part.
    const pending = await createMember(t.deps.db, a.id, { status: 'pending' });
    assert.equal((await t.call('POST', `/v1/groups/${open.id}/join`, { token: await sessionFor(t.deps.db, pending) })).status, 403);
  });

  it('members create groups only when the tenant lets them, and become the group’s admin', async () => {
    const b = await t.tenant();
    const m = await feedMember(t, b);
    assert.equal((await call(m, 'POST', '/v1/groups', groupBody())).status, 403);
    const settings = await ok(t, 'PATCH', '/v1/admin/tenant', { token: b.sk, body: { membersCreateGroups: true } });
    assert.equal(settings.membersCreateGroups, true);
    const made = await call(m, 'POST', '/v1/groups', groupBody({ name: '釣りの会', kind: 'interest' }));
    assert.equal(made.status, 201);
    assert.deepEqual(made.body.membership, { status: 'active', role: 'admin', showInDirectory: true });
    const bad = await call(m, 'POST', '/v1/groups', groupBody({ name: 'a\u0000b' }));
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'body.name');
    const admin = await ok(t, 'GET', `/v1/admin/groups/${made.body.id}`, { token: b.sk });
    assert.equal(admin.createdByMemberId, m.row.id);
  });

  it('a group admin hides a post in their group: gone for the group, its author still sees it marked hidden', async () => {
    const admin = await feedMember(t, a);
    const writer = await feedMember(t, a);
    const reader = await feedMember(t, a);
    const g = await group(a, { name: 'モデレーション' });
    await ok(t, 'PUT', `/v1/admin/groups/${g.id}/members`, { token: a.sk, body: { memberId: admin.row.id, role: 'admin' } });
    for (const m of [writer, reader]) await ok(t, 'POST', `/v1/groups/${g.id}/join`, { token: m.token });
    const post = await ok(t, 'POST', '/v1/posts', { token: writer.token, body: { kind: 'general', body: '宣伝です', groupId: g.id } });
    const outside = await ok(t, 'POST', '/v1/posts', { token: writer.token, body: { kind: 'general', body: '全体向け' } });
    assert.equal((await call(reader, 'POST', `/v1/groups/${g.id}/hidden-posts`, { postId: post.id })).status, 403);
    assert.equal((await call(admin, 'POST', `/v1/groups/${g.id}/hidden-posts`, { postId: outside.id })).status, 404, 'only posts of their group');
    assert.equal((await call(admin, 'POST', `/v1/groups/${g.id}/hidden-posts`, { postId: post.id, reason: '宣伝' })).status, 204);
    assert.equal((await call(reader, 'GET', `/v1/posts/${post.id}`)).status, 404);
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: writer.token })).state, 'hidden');
  });

  it('a member’s card in the directory lists the groups they show: not hidden from the directory, not a hidden group of others, not archived', async () => {
    const b = await t.tenant();
    const shown = await feedMember(t, b, { name: '見せる 人' });
    const viewer = await feedMember(t, b);
    const [g1, g2, g3, g4] = [await group(b, { name: 'あ 公開の会' }), await group(b, { name: 'い 隠す会' }), await group(b, { name: 'う 秘密の会', visibility: 'hidden' }), await group(b, { name: 'え 終わった会' })];
    for (const g of [g1, g2, g3, g4]) await ok(t, 'PUT', `/v1/admin/groups/${g.id}/members`, { token: b.sk, body: { memberId: shown.row.id } });
    await ok(t, 'PATCH', `/v1/groups/${g2.id}/membership`, { token: shown.token, body: { showInDirectory: false } });
    await ok(t, 'PATCH', `/v1/admin/groups/${g4.id}`, { token: b.sk, body: { archived: true } });
    const names = async (m: FeedMember) => (await ok(t, 'GET', `/v1/members/${shown.row.id}/groups`, { token: m.token })).data.map((g: any) => g.name);
    assert.deepEqual(await names(viewer), ['あ 公開の会']);
    await ok(t, 'PUT', `/v1/admin/groups/${g3.id}/members`, { token: b.sk, body: { memberId: viewer.row.id } });
    assert.deepEqual(await names(viewer), ['あ 公開の会', 'う 秘密の会'], 'a hidden group, to its own members');
    const unlisted = await feedMember(t, b, { unlisted: true });
    assert.equal((await call(viewer, 'GET', `/v1/members/${unlisted.row.id}/groups`)).status, 404);
  });

  describe('group posts never reach a non-member (every feed route in /openapi.json)', () => {
    let b: TestTenant;
    let insider: FeedMember;
    let outsider: FeedMember;
    let leaver: FeedMember;
    let groupId: string;
    let post: any;
    let comment: any;
    const SECRET = 'ひみつ会議の議事録';
    const TAG = '内緒タグ';

    before(async () => {
      b = await t.tenant('グループ投稿株式会社');
      insider = await feedMember(t, b, { name: '中の 人' });
      outsider = await feedMember(t, b, { name: '外の 人' });
      leaver = await feedMember(t, b, { name: '抜けた 人' });
      groupId = (await group(b, { name: '秘密の会', joinRule: 'open' })).id;
      for (const m of [insider, leaver]) await ok(t, 'POST', `/v1/groups/${groupId}/join`, { token: m.token });
      post = await ok(t, 'POST', '/v1/posts', { token: insider.token, body: { kind: 'general', title: SECRET, body: `${SECRET} です`, tags: [TAG], groupId } });
      comment = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: leaver.token, body: { body: 'コメント' } });
      await ok(t, 'PUT', `/v1/posts/${post.id}/reactions`, { token: leaver.token, body: { kind: 'like', reacted: true } });
      await ok(t, 'POST', `/v1/groups/${groupId}/leave`, { token: leaver.token });
    });

    it('members of the group see the post in the group’s feed, never in the tenant-wide one', async () => {
      const inGroup = await ok(t, 'GET', `/v1/posts?group=${groupId}`, { token: insider.token });
      assert.deepEqual(inGroup.data.map((p: any) => [p.id, p.groupId]), [[post.id, groupId]]);
      assert.deepEqual((await ok(t, 'GET', `/v1/posts?group=${groupId}&q=${encodeURIComponent('ひみつ')}`, { token: insider.token })).data.map((p: any) => p.id), [post.id]);
      assert.deepEqual((await ok(t, 'GET', `/v1/posts?group=${groupId}&tag=${encodeURIComponent(TAG)}`, { token: insider.token })).data.map((p: any) => p.id), [post.id]);
      assert.deepEqual((await ok(t, 'GET', '/v1/posts', { token: insider.token })).data, [], 'the tenant-wide feed is the posts of no group');
      assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: insider.token })).commentCount, 1);
      // The company's moderation list has it (staff).
      assert.ok((await ok(t, 'GET', '/v1/admin/posts', { token: b.sk })).data.some((p: any) => p.id === post.id));
    });

    it('posting into a group takes an active membership; relays stay out of groups', async () => {
      const refused = await call(outsider, 'POST', '/v1/posts', { kind: 'general', body: 'x', groupId });
      assert.equal(refused.status, 404);
      assert.equal((await call(outsider, 'GET', `/v1/posts?group=${groupId}`)).status, 404);
      const relay = await call(insider, 'POST', '/v1/posts', { kind: 'self_intro', body: 'x', groupId, nomineeMemberId: outsider.row.id });
      assert.equal(relay.body.errors[0].field, 'body.groupId');
      const count = (await t.deps.db.select().from(posts).where(eq(posts.tenantId, b.id))).length;
      assert.equal(count, 1, 'nothing half-written');
    });

    it('every GET without a path id (feed, search, tags, kinds, batons, …) leaves it out, for a non-member, a former member and the public', async () => {
      const doc = (await t.call('GET', '/openapi.json')).body;
      const queries = ['', `q=${encodeURIComponent('ひみつ')}`, `q=${encodeURIComponent(SECRET)}`, `tag=${encodeURIComponent(TAG)}`, 'kind=general', `group=${groupId}`];
      let checked = 0;
      for (const [path, item] of Object.entries<any>(doc.paths)) {
        if (!item.get || path.includes('{') || !path.startsWith('/v1/') || path.startsWith('/v1/admin') || path.endsWith('/stream')) continue;
        for (const token of [outsider.token, leaver.token, b.pk]) {
          for (const q of queries) {
            const res = await t.call('GET', `${path}${q ? `?${q}` : ''}`, { token, origin: b.origin });
            const text = JSON.stringify(res.body ?? '');
            // The former member's own export holds the comment they wrote (its id and the post's id): theirs, not the post.
            const ownData = path === '/v1/me/export' && token === leaver.token;
            assert.ok(!text.includes(SECRET) && (ownData || (!text.includes(post.id) && !text.includes(comment.id))), `GET ${path}?${q} shows the group post (${res.status})`);
            checked += 1;
          }
        }
      }
      assert.ok(checked > 50, `only ${checked} calls`);
    });

    it('every route on a post or comment id (read, comments, reactions, reports, edit, delete) is a 404 for a non-member and a former member', async () => {
      const doc = (await t.call('GET', '/openapi.json')).body;
      const bodies: Record<string, unknown> = {
        'PATCH /v1/posts/{id}': { body: '編集' },
        'POST /v1/posts/{id}/comments': { body: 'コメント' },
        'PUT /v1/posts/{id}/reactions': { kind: 'thanks', reacted: true },
        'POST /v1/posts/{id}/reports': { reason: '不適切' },
        'PATCH /v1/comments/{id}': { body: '直し' },
        'POST /v1/comments/{id}/reports': { reason: '不適切' },
      };
      const routes: string[] = [];
      for (const [path, item] of Object.entries<any>(doc.paths)) {
        const target = path.startsWith('/v1/posts/{id}') ? post.id : path.startsWith('/v1/comments/{id}') ? comment.id : undefined;
        if (!target) continue;
        for (const method of Object.keys(item)) {
          const key = `${method.toUpperCase()} ${path}`;
          routes.push(key);
          for (const m of [outsider, leaver]) {
            // The leaver wrote the comment: editing and deleting their own comment is theirs; reading the post is not.
            if (m === leaver && path.startsWith('/v1/comments/{id}') && method !== 'post') continue;
            const res = await t.call(method.toUpperCase(), path.replace('{id}', target), { token: m.token, ...(item[method].requestBody ? { body: bodies[key] ?? {} } : {}) });
            assert.equal(res.status, 404, `${key} as ${m.row.name}: ${res.status} ${JSON.stringify(res.body)}`);
            assert.ok(!JSON.stringify(res.body).includes(SECRET));
          }
          const pub = await t.call(method.toUpperCase(), path.replace('{id}', target), { token: b.pk, origin: b.origin });
          assert.ok([401, 403, 404].includes(pub.status), `${key} with the publishable key: ${pub.status}`);
        }
      }
      assert.ok(routes.length >= 8, routes.join(', '));
      // Nothing changed by those calls: the post, its comment and its reaction are as they were.
      const still = await ok(t, 'GET', `/v1/posts/${post.id}`, { token: insider.token });
      assert.deepEqual([still.title, still.commentCount, still.reactions], [SECRET, 1, { like: 1 }]);
    });
  });

  it('erasing a member anonymises their group posts and takes them out of their groups; the export has both', async () => {
    const b = await t.tenant();
    const leaving = await feedMember(t, b, { name: '退会 する人' });
    const staying = await feedMember(t, b);
    const g = await group(b, { name: '残る会' });
    for (const m of [leaving, staying]) await ok(t, 'POST', `/v1/groups/${g.id}/join`, { token: m.token });
    await ok(t, 'PUT', `/v1/admin/groups/${g.id}/members`, { token: b.sk, body: { memberId: leaving.row.id, role: 'admin' } });
    const post = await ok(t, 'POST', '/v1/posts', { token: leaving.token, body: { kind: 'general', body: 'グループでの最後の投稿', groupId: g.id } });
    const exported = await ok(t, 'GET', '/v1/me/export', { token: leaving.token });
    assert.deepEqual(exported.groups.map((x: any) => [x.groupId, x.role, x.status]), [[g.id, 'admin', 'active']]);
    assert.ok(exported.posts.some((p: any) => p.id === post.id && p.body === 'グループでの最後の投稿'));

    assert.equal((await call(leaving, 'DELETE', '/v1/me')).status, 204);
    const seen = await ok(t, 'GET', `/v1/posts/${post.id}`, { token: staying.token });
    assert.deepEqual([seen.author, seen.groupId], [{ type: 'former' }, g.id], 'the post stays in the group, without its author');
    assert.equal((await ok(t, 'GET', `/v1/groups/${g.id}`, { token: staying.token })).memberCount, 1);
  });
});
