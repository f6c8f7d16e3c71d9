/**
 * Group posts and the feed's mail, through a real SMTP server: a digest never lists a group post (a
 * non-member's digest has the tenant-wide posts only), and a reply mail about a group post goes only
 * to someone still in the group.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { feedIds, feedMember, memberPost, ok } from '../helpers/feed.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

const DAY = 24 * 3600_000;

describe('groups: mail (real SMTP server)', () => {
  let t: TestContext;
  let smtp: TestSmtp;
  let a: TestTenant;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant('グループ通信株式会社');
  });
  after(() => t.close());

  const group = async (tenant: TestTenant, name: string) =>
    (await ok(t, 'POST', '/v1/admin/groups', { token: tenant.sk, body: { name, kind: 'interest', joinRule: 'open', visibility: 'members' } })).id as string;

  it('the digest of a member away lists the tenant-wide posts and never a group post, member of the group or not', async () => {
    const away = await feedMember(t, a, { name: '留守 花子' });
    const inGroupAway = await feedMember(t, a, { name: '会員 留守男' });
    const writer = await feedMember(t, a, { name: '書く 人' });
    const visitor = await feedMember(t, a, { name: '毎日 見る子' });
    const g = await group(a, '秘密の読書会');
    for (const m of [writer, inGroupAway]) await ok(t, 'POST', `/v1/groups/${g}/join`, { token: m.token });
    await memberPost(t, writer, { title: '読書会の内緒話', body: 'グループの中だけの話', groupId: g });
    await memberPost(t, writer, { title: 'みんなへの近況', body: '転職しました' });
    for (let day = 0; day < 8; day++) {
      t.clock.advance(DAY);
      await feedIds(t, visitor.token);
      await t.worker.drain();
    }
    const digests = smtp.messages.filter((m) => /グループ通信株式会社\] アルムナイ通信/.test(m.subject));
    const toAway = digests.find((m) => m.to.includes(away.row.email));
    assert.ok(toAway, 'the member away got a digest');
    assert.match(toAway.subject, /新しい投稿が 1 件/);
    assert.match(toAway.text, /・みんなへの近況（書く 人 さん）/);
    assert.doesNotMatch(toAway.text, /読書会の内緒話|グループの中だけの話/);
    const toMember = digests.find((m) => m.to.includes(inGroupAway.row.email));
    assert.ok(toMember);
    assert.doesNotMatch(toMember.text, /読書会の内緒話/, 'digests are the tenant-wide feed: group posts live in the group');
    for (const m of digests) assert.doesNotMatch(m.text, /内緒話/);
  });

  it('replies on a group post: the author is told while in the group; once they left, no mail', async () => {
    const b = await t.tenant('グループ返信株式会社');
    const stays = await feedMember(t, b, { name: '残る 人' });
    const leaves = await feedMember(t, b, { name: '抜ける 人' });
    const commenter = await feedMember(t, b, { name: '返信 する人' });
    const g = await group(b, '返信の会');
    for (const m of [stays, leaves, commenter]) await ok(t, 'POST', `/v1/groups/${g}/join`, { token: m.token });
    const kept = await memberPost(t, stays, { title: '残る人の相談', body: '教えてください', groupId: g });
    const left = await memberPost(t, leaves, { title: '抜ける人の相談', body: '教えてください', groupId: g });
    await ok(t, 'POST', `/v1/posts/${kept.id}/comments`, { token: commenter.token, body: { body: 'お答えします' } });
    await ok(t, 'POST', `/v1/posts/${left.id}/comments`, { token: commenter.token, body: { body: 'お答えします' } });
    await ok(t, 'POST', `/v1/groups/${g}/leave`, { token: leaves.token });
    t.clock.advance(10 * 60_000);
    await t.worker.drain();
    const mail = await smtp.waitFor((m) => m.to.includes(stays.row.email));
    assert.match(mail.subject, /残る人の相談/);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.messages.filter((m) => m.to.includes(leaves.row.email)).length, 0, 'a former member is not told of the group’s post');
  });
});
