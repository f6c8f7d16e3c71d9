/**
 * The feed's mail through a real SMTP server: relay nominations (and the baton and chain they make),
 * replies gathered into one mail, the digest for members away, each with a one-click unsubscribe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { feedIds, feedMember, memberPost, ok } from '../helpers/feed.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

const DAY = 24 * 3600_000;

describe('feed: mail (real SMTP server)', () => {
  let t: TestContext;
  let smtp: TestSmtp;
  let a: TestTenant;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant('リレー株式会社');
    await ok(t, 'PATCH', '/v1/admin/tenant', { token: a.sk, body: { alumniPageUrl: 'https://careers.example.jp/alumni.html' } });
  });
  after(() => t.close());

  it('a relay nomination mails the nominee, who finds the baton, passes it on; the chain shows who passed to whom', async () => {
    const hana = await feedMember(t, a, { name: '田中 花子' });
    const ken = await feedMember(t, a, { name: '佐藤 健', locale: 'en' });
    const yui = await feedMember(t, a, { name: '小林 結衣' });
    const intro = await memberPost(t, hana, { kind: 'self_intro', title: '田中です', body: '営業企画にいました。', nomineeMemberId: ken.row.id });
    assert.equal(intro.relay.depth, 0);
    assert.equal(intro.relay.nominee.name, '佐藤 健');

    const mail = await smtp.waitFor((m) => m.to.includes(ken.row.email));
    assert.match(mail.subject, /relay baton/, 'in the nominee’s language');
    assert.match(mail.text, /^Hello 佐藤 健,/);
    assert.match(mail.text, new RegExp(`https://careers\\.example\\.jp/alumni\\.html#alumni-post=${intro.id}`));
    assert.match(mail.headers['list-unsubscribe'] ?? '', /\/unsubscribe\?t=/);

    const batons = await ok(t, 'GET', '/v1/me/batons', { token: ken.token });
    assert.deepEqual(batons.data.map((b: any) => [b.from.name, b.fromPostId]), [['田中 花子', intro.id]]);
    assert.deepEqual((await ok(t, 'GET', '/v1/me/batons', { token: yui.token })).data, []);

    const wrongKind = await t.call('POST', '/v1/posts', { token: ken.token, body: { kind: 'general', body: 'x', batonId: batons.data[0].id } });
    assert.equal(wrongKind.status, 422);
    const notMine = await t.call('POST', '/v1/posts', { token: yui.token, body: { kind: 'self_intro', body: 'x', batonId: batons.data[0].id } });
    assert.equal(notMine.body.errors[0].field, 'body.batonId');
    const self = await t.call('POST', '/v1/posts', { token: ken.token, body: { kind: 'self_intro', body: 'x', nomineeMemberId: ken.row.id } });
    assert.equal(self.body.errors[0].field, 'body.nomineeMemberId');

    t.clock.advance(1000);
    const next = await memberPost(t, ken, { kind: 'self_intro', body: 'Hi, Ken here.', batonId: batons.data[0].id, nomineeMemberId: yui.row.id });
    assert.equal(next.relay.depth, 1);
    assert.equal(next.relay.from.name, '田中 花子');
    await smtp.waitFor((m) => m.to.includes(yui.row.email) && /佐藤 健 さんからリレー自己紹介のバトン/.test(m.subject));
    assert.deepEqual((await ok(t, 'GET', '/v1/me/batons', { token: ken.token })).data, [], 'passed on');
    const twice = await t.call('POST', '/v1/posts', { token: ken.token, body: { kind: 'self_intro', body: 'again', batonId: batons.data[0].id } });
    assert.equal(twice.status, 409);

    const chain = await ok(t, 'GET', `/v1/relays/${intro.relay.id}`, { token: yui.token });
    assert.deepEqual(
      chain.steps.map((s: any) => [s.from.name, s.to.name, s.postId]),
      [['田中 花子', '佐藤 健', next.id], ['佐藤 健', '小林 結衣', null]],
    );
    assert.equal((await ok(t, 'GET', `/v1/posts/${intro.id}`, { token: yui.token })).relay.nomineePosted, true);
    assert.deepEqual((await ok(t, 'GET', '/v1/admin/relays', { token: a.sk })).data.map((r: any) => [r.passes, r.reach, r.openBatons]), [[1, 1, 1]]);
  });

  it('the company starts a relay and sees how far it went; a nominee who turned relay mail off still finds the baton', async () => {
    const first = await feedMember(t, a, { name: '最初 の人' });
    const quiet = await feedMember(t, a, { name: '静か な人' });
    await ok(t, 'PATCH', '/v1/me/notifications', { token: quiet.token, body: { 'feed.relay': 'off' } });
    const relay = await ok(t, 'POST', '/v1/admin/relays', { token: a.sk, body: { title: '冬のリレー', nomineeMemberId: first.row.id } });
    const mail = await smtp.waitFor((m) => m.to.includes(first.row.email));
    assert.match(mail.text, /リレー株式会社 アルムナイネットワークのリレー自己紹介「冬のリレー」/);
    const [baton] = (await ok(t, 'GET', '/v1/me/batons', { token: first.token })).data;
    assert.equal(baton.from.type, 'company');
    t.clock.advance(1000);
    await memberPost(t, first, { kind: 'self_intro', body: 'はじめまして', batonId: baton.id, nomineeMemberId: quiet.row.id });
    assert.equal((await ok(t, 'GET', '/v1/me/batons', { token: quiet.token })).data.length, 1);
    await t.worker.drain();
    assert.equal(smtp.messages.filter((m) => m.to.includes(quiet.row.email)).length, 0);
    const seen = await ok(t, 'GET', `/v1/admin/relays/${relay.id}`, { token: a.sk });
    assert.deepEqual([seen.passes, seen.reach, seen.openBatons], [1, 1, 1]);
    assert.deepEqual(seen.steps.map((s: any) => s.from.type), ['company', 'member']);
  });

  it('a nomination in a first post that waits for approval is mailed when the post is approved', async () => {
    const b = await t.tenant();
    await ok(t, 'PATCH', '/v1/admin/tenant', { token: b.sk, body: { feedFirstPostApproval: true } });
    const newcomer = await feedMember(t, b);
    const nominee = await feedMember(t, b);
    const post = await memberPost(t, newcomer, { kind: 'self_intro', body: 'はじめまして', nomineeMemberId: nominee.row.id });
    assert.deepEqual((await ok(t, 'GET', '/v1/me/batons', { token: nominee.token })).data, [], 'no baton from a post others cannot see');
    assert.equal(smtp.messages.filter((m) => m.to.includes(nominee.row.email)).length, 0);
    await ok(t, 'POST', `/v1/admin/posts/${post.id}/approve`, { token: b.sk });
    await smtp.waitFor((m) => m.to.includes(nominee.row.email));
    assert.equal((await ok(t, 'GET', '/v1/me/batons', { token: nominee.token })).data.length, 1);
  });

  it('replies: comments gathered into one mail to the post’s author a few minutes later; a reply tells the comment’s author; hidden ones are not told', async () => {
    const writer = await feedMember(t, a, { name: '書き手 さくら' });
    const c1 = await feedMember(t, a, { name: '一人目 太郎' });
    const c2 = await feedMember(t, a, { name: '二人目 次郎' });
    const post = await memberPost(t, writer, { kind: 'help', title: '経理の相談', body: '教えてください' });
    const first = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: c1.token, body: { body: '税理士を紹介できます' } });
    t.clock.advance(60_000);
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: c2.token, body: { body: '私も知りたいです' } });
    const spam = await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: c2.token, body: { body: 'スパム広告' } });
    await ok(t, 'POST', `/v1/admin/comments/${spam.id}/hide`, { token: a.sk, body: {} });
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: writer.token, body: { body: 'ありがとうございます', parentId: first.id } });
    assert.equal(smtp.messages.filter((m) => m.to.includes(writer.row.email)).length, 0, 'not yet: replies gather first');
    t.clock.advance(10 * 60_000);
    await t.worker.drain();
    const toWriter = await smtp.waitFor((m) => m.to.includes(writer.row.email));
    assert.match(toWriter.subject, /「経理の相談」に2 件の返信がありました/);
    assert.match(toWriter.text, /書き手 さくら 様/);
    assert.match(toWriter.text, /一人目 太郎: 税理士を紹介できます/);
    assert.doesNotMatch(toWriter.text, /スパム/);
    assert.match(toWriter.text, new RegExp(`#alumni-post=${post.id}`));
    const toC1 = await smtp.waitFor((m) => m.to.includes(c1.row.email));
    assert.match(toC1.text, /あなたのコメントに返信がありました/);
    assert.match(toC1.text, /書き手 さくら: ありがとうございます/);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.messages.filter((m) => m.to.includes(writer.row.email)).length, 1, 'one mail for the thread');
    assert.equal(smtp.messages.filter((m) => m.to.includes(c2.row.email)).length, 0, 'nobody replied to c2');

    // One-click unsubscribe from the mail turns replies off.
    const url = new URL(toWriter.headers['list-unsubscribe']!.slice(1, -1));
    assert.equal((await t.app.request(`${url.pathname}${url.search}`, { method: 'POST' })).status, 200);
    assert.equal((await ok(t, 'GET', '/v1/me/notifications', { token: writer.token }))['feed.replies'], 'off');
    await ok(t, 'POST', `/v1/posts/${post.id}/comments`, { token: c1.token, body: { body: 'もう一つ' } });
    t.clock.advance(10 * 60_000);
    await t.worker.drain();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.messages.filter((m) => m.to.includes(writer.row.email)).length, 1);
  });

  it('the digest: members away a week who chose weekly get one mail of new posts; visitors, "never" and their own posts do not', async () => {
    const b = await t.tenant('ダイジェスト株式会社');
    const away = await feedMember(t, b, { name: '留守 花子' });
    const never = await feedMember(t, b, { name: '不要 太郎' });
    await ok(t, 'PATCH', '/v1/me/notifications', { token: never.token, body: { 'feed.digest': 'never' } });
    const visitor = await feedMember(t, b, { name: '毎日 見る子' });
    const writer = await feedMember(t, b, { name: '書く 人' });
    await memberPost(t, writer, { title: '新しい仕事', body: '独立しました' });
    await ok(t, 'POST', '/v1/admin/posts', { token: b.sk, body: { kind: 'news', title: '交流会のお知らせ', body: '12 月に開催します' } });
    for (let day = 0; day < 8; day++) {
      t.clock.advance(DAY);
      await feedIds(t, visitor.token);
      await t.worker.drain();
    }
    const digests = smtp.messages.filter((m) => /ダイジェスト株式会社\] アルムナイ通信/.test(m.subject));
    assert.deepEqual(digests.map((m) => m.to[0]).sort(), [away.row.email, writer.row.email].sort(), 'only the members away, once each');
    const digest = digests.find((m) => m.to.includes(away.row.email));
    assert.match(digest!.subject, /新しい投稿が 2 件/);
    assert.match(digest!.text, /留守 花子 様/);
    assert.match(digest!.text, /・新しい仕事（書く 人 さん）/);
    assert.match(digest!.text, /・交流会のお知らせ（ダイジェスト株式会社）/);
    assert.match(digest!.headers['list-unsubscribe'] ?? '', /unsubscribe/);
    // The writer, away too, is told of the company's news, not of their own post.
    const toWriter = digests.find((m) => m.to.includes(writer.row.email))!;
    assert.match(toWriter.subject, /新しい投稿が 1 件/);
    assert.doesNotMatch(toWriter.text, /新しい仕事/);
  });
});
