import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { companyPost, feedIds, feedMember, memberPost, ok, type FeedMember } from '../helpers/feed.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('feed: posts', () => {
  let t: TestContext;
  let a: TestTenant;
  let hana: FeedMember;
  let ken: FeedMember;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('フィード株式会社');
    hana = await feedMember(t, a, { name: '田中 花子' });
    ken = await feedMember(t, a, { name: '佐藤 健' });
  });
  after(() => t.close());

  it('company posts: public ones reach the careers page signed out, members-only and scheduled ones do not; pinned on top', async () => {
    const b = await t.tenant();
    const news = await companyPost(t, b, { title: '新工場が稼働しました', body: '横浜の新工場が **稼働** しました。', audience: 'public' });
    t.clock.advance(1000);
    const internal = await companyPost(t, b, { kind: 'column', title: '社内報', body: 'メンバー限定のコラムです。' });
    t.clock.advance(1000);
    const pinned = await companyPost(t, b, { kind: 'job_news', title: 'カムバック採用', body: '募集中です。', audience: 'public', pinned: true });
    const later = await companyPost(t, b, { kind: 'event_report', title: '交流会レポート', body: '来週公開', audience: 'public', publishAt: '2026-11-28T00:00:00Z' });
    assert.equal(news.body.nodes[0].children[1].type, 'strong', 'markdown arrives as the rich-text tree');
    assert.deepEqual(await feedIds(t, b.pk), [pinned.id, news.id]);
    const m = await feedMember(t, b);
    assert.deepEqual(await feedIds(t, m.token), [pinned.id, internal.id, news.id]);
    assert.equal((await t.call('GET', `/v1/posts/${internal.id}`, { token: b.pk })).status, 404);
    assert.equal((await t.call('GET', `/v1/posts/${later.id}`, { token: b.pk })).status, 404);
    const admin = await ok(t, 'GET', '/v1/admin/posts?status=scheduled', { token: b.sk });
    assert.deepEqual(admin.data.map((p: any) => p.id), [later.id]);
    t.clock.advance(8 * 24 * 3600_000);
    try {
      assert.deepEqual(await feedIds(t, b.pk), [pinned.id, later.id, news.id], 'a scheduled post appears at its time');
    } finally {
      t.clock.advance(-8 * 24 * 3600_000);
    }
  });

  it('pages newest first with pinned posts on top, without repeats or gaps', async () => {
    const b = await t.tenant();
    const m = await feedMember(t, b);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.unshift((await memberPost(t, m, { body: `投稿 ${i}` })).id);
      t.clock.advance(1000);
    }
    const top = await companyPost(t, b, { body: 'ピン留め', pinned: true });
    for (const limit of [1, 2, 3, 100]) assert.deepEqual(await feedIds(t, m.token, '', limit), [top.id, ...ids], `limit ${limit}`);
  });

  it('members write the four kinds; a pending member cannot; the body is safe rich text; images must be https', async () => {
    const pending = await createMember(t.deps.db, a.id, { status: 'pending' });
    const refused = await t.call('POST', '/v1/posts', { token: await sessionFor(t.deps.db, pending), body: { kind: 'general', body: 'x' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'membership_pending');
    for (const kind of ['self_intro', 'help', 'promotion', 'general']) await memberPost(t, hana, { kind, body: `${kind} の投稿` });
    const company = await t.call('POST', '/v1/posts', { token: hana.token, body: { kind: 'news', body: 'x' } });
    assert.equal(company.status, 422);
    assert.equal(company.body.errors[0].field, 'body.kind');
    const http = await t.call('POST', '/v1/posts', { token: hana.token, body: { body: 'x', kind: 'general', images: [{ url: 'http://example.jp/a.png' }] } });
    assert.equal(http.status, 422);
    assert.equal(http.body.errors[0].field, 'body.images.0.url');
    const post = await memberPost(t, hana, {
      body: '<script>alert(1)</script> [x](javascript:alert(1))',
      images: [{ url: 'https://images.example.jp/a.png', alt: 'チーム' }],
      links: [{ url: 'https://example.jp', label: '会社' }],
      tags: ['#副業', '副業', 'TypeScript'],
    });
    assert.equal(post.title, null, 'a title is optional');
    assert.doesNotMatch(JSON.stringify(post.body), /"type":"(html|link)"/);
    assert.deepEqual(post.tags, ['副業', 'TypeScript'], 'tags without # and without duplicates');
    assert.equal(post.author.name, '田中 花子');
    assert.equal(post.mine, true);
    assert.equal(post.bodyMarkdown, '<script>alert(1)</script> [x](javascript:alert(1))');
    const seenByKen = await ok(t, 'GET', `/v1/posts/${post.id}`, { token: ken.token });
    assert.equal(seenByKen.mine, false);
    assert.equal(seenByKen.bodyMarkdown, undefined, "others never get the markdown");
  });

  it('filters by kind and tag (normalised), and searches Japanese and English', async () => {
    const b = await t.tenant();
    const m = await feedMember(t, b);
    const help = await memberPost(t, m, { kind: 'help', title: '経理の相談', body: 'スタートアップの税務に詳しい方を探しています', tags: ['経理'] });
    const promo = await memberPost(t, m, { kind: 'promotion', title: 'Design studio', body: 'I now run a UX design studio in Osaka.', tags: ['Design'] });
    await memberPost(t, m, { body: '週末は登山に行きました' });
    assert.deepEqual(await feedIds(t, m.token, 'kind=help'), [help.id]);
    assert.deepEqual(await feedIds(t, m.token, 'tag=design'), [promo.id], 'tags match case-insensitively');
    assert.deepEqual(await feedIds(t, m.token, `tag=${encodeURIComponent('＃経理')}`), [help.id]);
    assert.deepEqual(await feedIds(t, m.token, `q=${encodeURIComponent('税務')}`), [help.id]);
    assert.deepEqual(await feedIds(t, m.token, `q=${encodeURIComponent('すたーとあっぷ')}`), [help.id], 'hiragana finds katakana');
    assert.deepEqual(await feedIds(t, m.token, `q=${encodeURIComponent('スタート')}`), [help.id]);
    assert.deepEqual(await feedIds(t, m.token, 'q=desig'), [promo.id], 'English prefixes');
    assert.deepEqual(await feedIds(t, m.token, `q=${encodeURIComponent('経理')}&kind=promotion`), []);
    assert.deepEqual(await feedIds(t, m.token, `q=${encodeURIComponent('"*')}`), [], 'punctuation only is no query, never a 500');
    const many: string[] = [];
    for (let i = 0; i < 5; i++) many.unshift((await memberPost(t, m, { body: `営業の話 ${i}` })).id);
    assert.deepEqual(await feedIds(t, m.token, `q=${encodeURIComponent('営業')}`, 2), many, 'search pages newest first');
  });

  it('a tag pages in the feed order (with a kind too) and follows a post that is pinned, rescheduled, retagged or given another kind', async () => {
    const b = await t.tenant();
    const m = await feedMember(t, b);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift((await memberPost(t, m, { body: `勉強会 ${i}`, tags: ['Python'] })).id);
      t.clock.advance(1000);
    }
    await memberPost(t, m, { body: 'タグなし' });
    const news = await companyPost(t, b, { body: '社内勉強会の報告', tags: ['python'] });
    for (const limit of [1, 2, 100]) assert.deepEqual(await feedIds(t, m.token, 'tag=python', limit), [news.id, ...ids], `limit ${limit}`);
    await ok(t, 'PATCH', `/v1/admin/posts/${news.id}`, { token: b.sk, body: { publishAt: '2026-01-01T00:00:00Z', pinned: false } });
    assert.deepEqual(await feedIds(t, m.token, 'tag=python', 2), [...ids, news.id], 'moved back in time, the tag follows');
    await ok(t, 'PATCH', `/v1/admin/posts/${news.id}`, { token: b.sk, body: { pinned: true } });
    assert.deepEqual(await feedIds(t, m.token, 'tag=python', 2), [news.id, ...ids], 'pinned, it is on top of its tag too');
    await ok(t, 'PATCH', `/v1/posts/${ids[2]}`, { token: m.token, body: { tags: ['TypeScript'] } });
    assert.deepEqual(await feedIds(t, m.token, 'tag=python', 2), [news.id, ids[0], ids[1], ids[3], ids[4]]);
    assert.deepEqual(await feedIds(t, m.token, 'tag=typescript'), [ids[2]]);
    assert.deepEqual(await feedIds(t, m.token, 'tag=python&kind=general', 1), [ids[0], ids[1], ids[3], ids[4]], 'a tag and a kind');
    assert.deepEqual(await feedIds(t, m.token, 'tag=python&kind=news'), [news.id]);
    await ok(t, 'PATCH', `/v1/admin/posts/${news.id}`, { token: b.sk, body: { kind: 'column' } });
    assert.deepEqual(await feedIds(t, m.token, 'tag=python&kind=news'), [], 'another kind, the tag follows');
    assert.deepEqual(await feedIds(t, m.token, 'tag=python&kind=column'), [news.id]);
    const admin = await ok(t, 'GET', `/v1/admin/posts?q=${encodeURIComponent('社内勉強会')}`, { token: b.sk });
    assert.deepEqual(admin.data.map((p: any) => p.id), [news.id], 'the company searches its list');
  });

  it('edit marks the post edited; help requests are marked answered by their author only; others cannot edit or delete', async () => {
    const post = await memberPost(t, hana, { kind: 'help', title: '相談', body: '教えてください' });
    assert.equal(post.editedAt, null);
    const answered = await ok(t, 'PATCH', `/v1/posts/${post.id}`, { token: hana.token, body: { answered: true } });
    assert.ok(answered.answeredAt);
    assert.equal(answered.editedAt, null, 'marking answered is not an edit');
    const edited = await ok(t, 'PATCH', `/v1/posts/${post.id}`, { token: hana.token, body: { body: '解決しました。ありがとうございました' } });
    assert.ok(edited.editedAt);
    assert.equal(edited.body.nodes[0].children[0].value, '解決しました。ありがとうございました');
    assert.equal((await t.call('PATCH', `/v1/posts/${post.id}`, { token: ken.token, body: { body: 'x' } })).status, 404);
    assert.equal((await t.call('DELETE', `/v1/posts/${post.id}`, { token: ken.token })).status, 404);
    const general = await memberPost(t, hana, { body: 'x' });
    const wrong = await t.call('PATCH', `/v1/posts/${general.id}`, { token: hana.token, body: { answered: true } });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.errors[0].field, 'body.answered');
  });

  it('comments with one level of replies, edit and delete with an edited mark, and counts on the post', async () => {
    const post = await memberPost(t, hana, { body: '転職しました' });
    const first = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: ken.token, body: { body: 'おめでとう！' } });
    t.clock.advance(1000);
    const reply = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: hana.token, body: { body: 'ありがとう', parentId: first.id } });
    t.clock.advance(1000);
    const deeper = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: ken.token, body: { body: 'また飲みに', parentId: reply.id } });
    assert.equal(deeper.parentId, first.id, 'a reply to a reply joins the thread');
    t.clock.advance(1000);
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: hana.token, body: { body: '別の話題' } });
    const page = await ok(t, 'GET', `/v1/posts/${post.id}/comments`, { token: ken.token });
    assert.deepEqual(page.data.map((c: any) => c.replies.length), [2, 0]);
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: ken.token })).commentCount, 4);
    const edited = await ok(t, 'PATCH', `/v1/comments/${first.id}`, { token: ken.token, body: { body: 'おめでとうございます！' } });
    assert.ok(edited.editedAt);
    assert.equal((await t.call('PATCH', `/v1/comments/${first.id}`, { token: hana.token, body: { body: 'x' } })).status, 404);
    assert.equal((await t.call('DELETE', `/v1/comments/${first.id}`, { token: ken.token })).status, 204);
    assert.equal((await ok(t, 'GET', `/v1/posts/${post.id}`, { token: ken.token })).commentCount, 1, 'the thread went with its comment');
    const bad = await t.call('POST', `/v1/posts/${post.id}/comments`, { token: ken.token, body: { body: 'x', parentId: 'cmt_nope' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'body.parentId');
    const paged = await ok(t, 'GET', `/v1/posts/${post.id}/comments?limit=1`, { token: ken.token });
    assert.equal(paged.nextCursor, null);
  });

  it('reactions: a fixed set, one of each per member, counted on the post; taking one back', async () => {
    const post = await memberPost(t, hana, { body: '新しい名刺' });
    const give = (m: FeedMember, kind: string, reacted = true) => ok(t, 'PUT', `/v1/posts/${post.id}/reactions`, { token: m.token, body: { kind, reacted } });
    await give(ken, 'like');
    await give(ken, 'like');
    await give(ken, 'celebrate');
    const state = await give(hana, 'like');
    assert.deepEqual(state, { reactions: { like: 2, celebrate: 1 }, myReactions: ['like'] });
    assert.equal((await t.call('PUT', `/v1/posts/${post.id}/reactions`, { token: ken.token, body: { kind: 'love', reacted: true } })).status, 422);
    await give(ken, 'like', false);
    const seen = await ok(t, 'GET', `/v1/posts/${post.id}`, { token: ken.token });
    assert.deepEqual(seen.reactions, { like: 1, celebrate: 1 });
    assert.deepEqual(seen.myReactions, ['celebrate']);
  });

  it('posting is rate-limited per member', async () => {
    const m = await feedMember(t, a);
    for (let i = 0; i < 10; i++) await memberPost(t, m, { body: `連投 ${i}` });
    const res = await t.call('POST', '/v1/posts', { token: m.token, body: { kind: 'general', body: 'もう一つ' } });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });

  it("a new member's first post waits for approval when the tenant asks; only its author sees it meanwhile", async () => {
    const b = await t.tenant();
    await ok(t, 'PATCH', '/v1/admin/tenant', { token: b.sk, body: { feedFirstPostApproval: true } });
    const newcomer = await feedMember(t, b);
    const reader = await feedMember(t, b);
    const first = await memberPost(t, newcomer, { body: 'はじめまして' });
    assert.equal(first.state, 'pending');
    assert.deepEqual(await feedIds(t, reader.token), []);
    assert.deepEqual(await feedIds(t, newcomer.token), [first.id]);
    const queue = await ok(t, 'GET', '/v1/admin/posts?status=pending', { token: b.sk });
    assert.deepEqual(queue.data.map((p: any) => p.id), [first.id]);
    t.clock.advance(60_000);
    const approved = await ok(t, 'POST', `/v1/admin/posts/${first.id}/approve`, { token: b.sk });
    assert.equal(approved.status, 'published');
    assert.ok(approved.publishedAt > first.publishedAt, 'appears at the top when approved');
    assert.deepEqual(await feedIds(t, reader.token), [first.id]);
    const second = await memberPost(t, newcomer, { body: '二回目' });
    assert.equal(second.state, 'published', 'only the first post waits');
  });

  it('erasing a member anonymises their posts and comments (threads stay readable); their reactions go', async () => {
    const leaver = await feedMember(t, a, { name: '退会 予定' });
    const post = await memberPost(t, leaver, { body: '退会前の投稿' });
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: ken.token, body: { body: 'お疲れさまでした' } });
    t.clock.advance(1000);
    const mine = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: leaver.token, body: { body: 'ありがとう' } });
    const other = await memberPost(t, ken, { body: 'ken の投稿' });
    await ok(t, 'PUT', `/v1/posts/${other.id}/reactions`, { token: leaver.token, body: { kind: 'thanks', reacted: true } });
    assert.equal((await t.call('DELETE', '/v1/me', { token: leaver.token })).status, 204);
    const kept = await ok(t, 'GET', `/v1/posts/${post.id}`, { token: ken.token });
    assert.deepEqual(kept.author, { type: 'former' });
    assert.equal(kept.body.nodes[0].children[0].value, '退会前の投稿');
    const thread = await ok(t, 'GET', `/v1/posts/${post.id}/comments`, { token: ken.token });
    assert.deepEqual(thread.data.map((c: any) => [c.author.type, c.id === mine.id]), [['member', false], ['former', true]]);
    assert.doesNotMatch(JSON.stringify(thread), /退会 予定/);
    assert.deepEqual((await ok(t, 'GET', `/v1/posts/${other.id}`, { token: ken.token })).reactions, {});
  });

  it('the member can download what they wrote', async () => {
    const m = await feedMember(t, a);
    const post = await memberPost(t, m, { title: '書き出し', body: '本文' });
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: m.token, body: { body: '自分のコメント' } });
    const data = await ok(t, 'GET', '/v1/me/export', { token: m.token });
    assert.deepEqual(data.posts.map((p: any) => p.body), ['本文']);
    assert.deepEqual(data.comments.map((c: any) => c.body), ['自分のコメント']);
  });
});
