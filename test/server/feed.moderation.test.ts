/**
 * Moderation and who sees what: hidden content vanishes from every other member's responses,
 * searches, counts, digests and reactions (its author still sees it, marked); members-only posts never
 * reach a publishable key without a session; the report queue and what resolves it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { companyPost, feedIds, feedMember, memberPost, ok, type FeedMember } from '../helpers/feed.js';
import { createMember, sessionFor } from '../helpers/members.js';

const DAY = 24 * 3600_000;

describe('feed: moderation and visibility', () => {
  let t: TestContext;
  let a: TestTenant;
  let author: FeedMember;
  let reader: FeedMember;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('モデレーション株式会社');
    await ok(t, 'PATCH', '/v1/admin/tenant', { token: a.sk, body: { alumniPageUrl: 'https://careers.example.jp/alumni' } });
    author = await feedMember(t, a, { name: '投稿 する子' });
    reader = await feedMember(t, a, { name: '読む 太郎' });
  });
  after(() => t.close());

  it("a hidden post vanishes from every other member's list, detail, search, comments, reactions — and from digests; its author sees it marked", async () => {
    // Away: has not opened the feed, so the digest is for them.
    const away = await feedMember(t, a, { name: '留守 次郎' });
    const post = await memberPost(t, author, { title: '問題の投稿', body: '連絡先はこちら 090-0000-0000 モデレーション対象' });
    t.clock.advance(1000);
    const keep = await memberPost(t, author, { body: '普通の投稿' });
    const comment = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: reader.token, body: { body: 'コメント' } });
    const hidden = await ok(t, 'POST', `/v1/admin/posts/${post.id}/hide`, { token: a.sk, body: { reason: '個人情報' } });
    assert.ok(hidden.hiddenAt);

    assert.deepEqual(await feedIds(t, reader.token), [keep.id]);
    assert.deepEqual(await feedIds(t, reader.token, `q=${encodeURIComponent('モデレーション')}`), []);
    for (const [method, path, body] of [
      ['GET', `/v1/posts/${post.id}`],
      ['GET', `/v1/posts/${post.id}/comments`],
      ['POST', `/v1/posts/${post.id}/comments`, { body: 'まだ書ける？' }],
      ['PUT', `/v1/posts/${post.id}/reactions`, { kind: 'like', reacted: true }],
      ['POST', `/v1/posts/${post.id}/reports`, { reason: 'x' }],
      ['PATCH', `/v1/comments/${comment.id}`, { body: 'x' }],
    ] as const) {
      const res = await t.call(method, path, { token: reader.token, body });
      assert.equal(res.status, 404, `${method} ${path} → ${res.status}`);
    }
    const own = await ok(t, 'GET', `/v1/posts/${post.id}`, { token: author.token });
    assert.equal(own.state, 'hidden');
    assert.deepEqual(await feedIds(t, author.token), [keep.id, post.id]);
    const noReaction = await t.call('PUT', `/v1/posts/${post.id}/reactions`, { token: author.token, body: { kind: 'like', reacted: true } });
    assert.equal(noReaction.status, 404, 'a hidden post takes no reactions, even from its author');

    // The digest run (the next morning, armed by the posts) lists the other post only.
    t.clock.advance(8 * DAY);
    await t.worker.drain();
    const digest = t.outbox.messages.filter((m) => m.to === away.row.email && /アルムナイ通信/.test(m.subject)).at(-1);
    assert.ok(digest, 'a member who has not opened the feed gets a digest');
    assert.match(digest.text, /普通の投稿/);
    assert.doesNotMatch(digest.text, /問題の投稿|090-0000/);

    await ok(t, 'POST', `/v1/admin/posts/${post.id}/restore`, { token: a.sk });
    assert.deepEqual(await feedIds(t, reader.token), [keep.id, post.id]);
    assert.deepEqual(await feedIds(t, reader.token, `q=${encodeURIComponent('モデレーション')}`), [post.id]);
  });

  it('a hidden comment (and the replies under it) leaves the thread and the count for everyone but its author', async () => {
    const post = await memberPost(t, author, { body: 'スレッド' });
    const bad = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: reader.token, body: { body: '不適切なコメント' } });
    t.clock.advance(1000);
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: author.token, body: { body: '返信', parentId: bad.id } });
    t.clock.advance(1000);
    const good = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: author.token, body: { body: '普通のコメント' } });
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: author.token })).commentCount, 3);
    await ok(t, 'POST', `/v1/admin/comments/${bad.id}/hide`, { token: a.sk, body: {} });
    const other = await feedMember(t, a);
    const seen = await ok(t, 'GET', `/v1/posts/${post.id}/comments`, { token: other.token });
    assert.deepEqual(seen.data.map((c: any) => c.id), [good.id]);
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: other.token })).commentCount, 1);
    const byAuthor = await ok(t, 'GET', `/v1/posts/${post.id}/comments`, { token: reader.token });
    assert.deepEqual(byAuthor.data.map((c: any) => [c.id, c.state]), [[bad.id, 'hidden'], [good.id, 'published']]);
    await ok(t, 'POST', `/v1/admin/comments/${bad.id}/restore`, { token: a.sk });
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: other.token })).commentCount, 3);
  });

  it('members-only posts never reach a publishable key, nor a session of a member not yet approved', async () => {
    const b = await t.tenant();
    const m = await feedMember(t, b);
    const open = await companyPost(t, b, { title: '公開', body: '採用サイトにも出ます', audience: 'public', tags: ['お知らせ'] });
    const closed = [
      await companyPost(t, b, { title: '限定', body: '採用サイトには出ません', tags: ['お知らせ'] }),
      await companyPost(t, b, { title: '予約', body: '採用サイトには出ません', audience: 'public', publishAt: '2027-01-01T00:00:00Z' }),
      await memberPost(t, m, { kind: 'self_intro', body: '採用サイトには出ません', tags: ['お知らせ'] }),
    ];
    const hiddenPublic = await companyPost(t, b, { title: '非表示', body: '採用サイトには出ません', audience: 'public' });
    await ok(t, 'POST', `/v1/admin/posts/${hiddenPublic.id}/hide`, { token: b.sk, body: {} });
    const pending = await sessionFor(t.deps.db, await createMember(t.deps.db, b.id, { status: 'pending' }));
    for (const token of [b.pk, pending]) {
      for (const query of ['', 'kind=news', 'kind=self_intro', `tag=${encodeURIComponent('お知らせ')}`, `q=${encodeURIComponent('採用サイト')}`]) {
        const res = await t.call('GET', `/v1/posts?${query}`, { token });
        assert.equal(res.status, 200);
        assert.doesNotMatch(JSON.stringify(res.body), /には出ません/, `${query} with ${token.slice(0, 3)}`);
      }
      assert.deepEqual(await feedIds(t, token), [open.id]);
      for (const p of [...closed, hiddenPublic]) assert.equal((await t.call('GET', `/v1/posts/${p.id}`, { token })).status, 404);
    }
    assert.equal((await t.call('GET', `/v1/posts/${open.id}/comments`, { token: b.pk })).status, 403, 'comments are for members');
    assert.equal((await t.call('GET', `/v1/posts/${open.id}/comments`, { token: pending })).status, 403);
  });

  it('the report queue: reports of posts and comments, once per member; hiding resolves them, dismissing closes one', async () => {
    const b = await t.tenant();
    const [w, r1, r2] = [await feedMember(t, b), await feedMember(t, b), await feedMember(t, b)];
    const post = await memberPost(t, w, { body: '宣伝ばかり' });
    const comment = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: w.token, body: { body: 'コメントでも宣伝' } });
    const own = await t.call('POST', `/v1/posts/${post.id}/reports`, { token: w.token, body: { reason: '自分' } });
    assert.equal(own.status, 400, 'one does not report oneself');
    const first = await ok(t, 'POST', `/v1/posts/${post.id}/reports`, { token: r1.token, body: { reason: 'スパムです' } });
    const again = await ok(t, 'POST', `/v1/posts/${post.id}/reports`, { token: r1.token, body: { reason: 'スパムです!' } });
    assert.equal(again.id, first.id, 'reporting again changes nothing');
    t.clock.advance(1000);
    await ok(t, 'POST', `/v1/posts/${post.id}/reports`, { token: r2.token, body: { reason: '宣伝' } });
    t.clock.advance(1000);
    const onComment = await ok(t, 'POST', `/v1/comments/${comment.id}/reports`, { token: r2.token, body: { reason: '宣伝コメント' } });
    const queue = await ok(t, 'GET', '/v1/admin/reports', { token: b.sk });
    assert.deepEqual(queue.data.map((q: any) => [q.target.type, q.reason]), [['post', 'スパムです'], ['post', '宣伝'], ['comment', '宣伝コメント']]);
    assert.equal(queue.data[0].target.authorMemberId, w.row.id, 'the author, for a suspension');
    assert.match(queue.data[0].target.excerpt, /宣伝ばかり/);
    await ok(t, 'POST', `/v1/admin/posts/${post.id}/hide`, { token: b.sk, body: { reason: 'スパム' } });
    await ok(t, 'POST', `/v1/admin/reports/${onComment.id}/dismiss`, { token: b.sk });
    assert.deepEqual((await ok(t, 'GET', '/v1/admin/reports', { token: b.sk })).data, []);
    const resolved = await ok(t, 'GET', '/v1/admin/reports?status=resolved', { token: b.sk });
    assert.deepEqual(resolved.data.map((q: any) => q.resolution), ['hidden', 'hidden']);
    // The company can also suspend the member (the members module's route).
    await ok(t, 'POST', `/v1/admin/members/${w.row.id}/suspend`, { token: b.sk, body: { reason: 'スパム' } });
    assert.equal((await t.call('POST', '/v1/posts', { token: w.token, body: { kind: 'general', body: 'x' } })).status, 401);
  });

  it('the company deletes any post or comment; it may pin but not rewrite a member post', async () => {
    const post = await memberPost(t, author, { body: '消される投稿' });
    const c = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: reader.token, body: { body: '消されるコメント' } });
    const rewrite = await t.call('PATCH', `/v1/admin/posts/${post.id}`, { token: a.sk, body: { body: '書き換え' } });
    assert.equal(rewrite.status, 422);
    assert.equal(rewrite.body.errors[0].field, 'body.body');
    assert.equal((await ok(t, 'PATCH', `/v1/admin/posts/${post.id}`, { token: a.sk, body: { pinned: true } })).pinned, true);
    assert.equal((await t.call('DELETE', `/v1/admin/comments/${c.id}`, { token: a.sk })).status, 204);
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: reader.token })).commentCount, 0);
    assert.equal((await t.call('DELETE', `/v1/admin/posts/${post.id}`, { token: a.sk })).status, 204);
    assert.equal((await t.call('GET', `/v1/posts/${post.id}`, { token: author.token })).status, 404);
  });
});
