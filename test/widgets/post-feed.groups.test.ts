import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/post-feed/define.js';
import { PostFeedHarness } from '../../widgets/post-feed/harness.js';
import type { AlumniPostFeed } from '../../widgets/post-feed/post-feed.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { feed } from '../helpers/widget-feed-test.js';
import { addMember, members, signInAs, signOutLocally, store, watchFetch } from '../helpers/widget-member-test.js';
import { createApi } from '../helpers/widget-test.js';

type Group = { id: string; name: string };

describe('<alumni-post-feed>: groups', () => {
  let api: WidgetApi;
  let club: Group;
  let asked: Group;
  let invited: Group;
  before(async () => {
    api = await createApi();
    await feed(api, 'company', { title: '全体へのお知らせ', body: 'みなさんへ。', audience: 'public' });
    club = (await feed<{ group: Group }>(api, 'group', { title: '釣りの会', description: '週末に海へ行きます', joinRule: 'open' })).group;
    asked = (await feed<{ group: Group }>(api, 'group', { title: '経営企画 OB 会', kind: 'department', joinRule: 'request' })).group;
    invited = (await feed<{ group: Group }>(api, 'group', { title: '2010 年入社', kind: 'era', joinRule: 'invitation' })).group;
    const writer = await addMember(api, { person: '釣り 好子' });
    await feed(api, 'groupMember', { groupId: club.id, memberId: writer.member.id, role: 'admin' });
    await feed(api, 'post', { memberId: writer.member.id, title: '今週末は三浦半島へ', body: '朝 6 時集合です', groupId: club.id });
  });
  afterEach(async () => {
    signOutLocally(api);
    await setViewport({ width: 800, height: 600 });
  });

  async function render(lang = 'ja') {
    const el = await fixture<AlumniPostFeed>(html`<alumni-post-feed api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang}></alumni-post-feed>`);
    const f = new PostFeedHarness(el);
    await f.waitForList();
    return f;
  }

  it('browses groups with the button each join rule calls for; joining opens the group: its page, members, its posts only, and posting into it', async () => {
    await signInAs(api, { person: '新入 会員' });
    const f = await render();
    await f.waitForGroups();
    await f.waitForCard('全体へのお知らせ');
    expect(f.hasCard('今週末は三浦半島へ'), 'a group post is not in the tenant-wide feed').to.equal(false);
    expect(f.groupChoices()).to.deep.equal(['全体のフィード']);
    f.toggleBrowse();
    await f.until(() => Object.keys(f.browsed()).length === 3, 'three groups to browse');
    expect(f.browsed()).to.deep.equal({ '2010 年入社': '招待制', '経営企画 OB 会': '参加を申請する', 釣りの会: '参加する' });
    f.groupAction('経営企画 OB 会');
    await f.until(() => f.browsed()['経営企画 OB 会'] === '申請中', 'the request sent');
    f.groupAction('釣りの会');
    await f.until(() => !!f.groupPage(), 'the group’s page');
    expect(f.text(f.groupPage()!)).to.contain('週末に海へ行きます');
    expect(f.text(f.groupPage()!)).to.contain('メンバー 2 人');
    await f.waitForCard('今週末は三浦半島へ');
    expect(f.hasCard('全体へのお知らせ'), 'only the group’s posts').to.equal(false);
    expect(f.groupChoices()).to.deep.equal(['全体のフィード', '釣りの会']);
    f.showGroupMembers();
    await f.until(() => f.groupMembers().length === 2, 'the members');
    expect(f.groupMembers().join()).to.contain('釣り 好子 管理者');

    await f.openComposer();
    await f.writeBody('はじめまして、参加しました');
    f.submitPost();
    await f.waitForCard('はじめまして、参加しました');
    await expect(f.element).to.be.accessible();

    f.pickGroup('全体のフィード');
    await f.waitForCard('全体へのお知らせ');
    expect(f.hasCard('はじめまして、参加しました'), 'the group post stays in the group').to.equal(false);
    expect(f.groupPage()).to.equal(null);

    f.pickGroup('釣りの会');
    await f.until(() => !!f.groupPage(), 'the group again');
    f.leaveGroup();
    await f.until(() => f.groupChoices().length === 1, 'left');
    await f.waitForCard('全体へのお知らせ');
  });

  it('an invitation shows as one to accept; at 390 px in English the picker and the group page fit', async () => {
    const me = await signInAs(api, { person: 'Invited Person' });
    await feed(api, 'groupMember', { groupId: invited.id, memberId: me.member.id });
    await setViewport({ width: 390, height: 800 });
    const f = await render('en');
    await f.waitForGroups();
    await f.until(() => f.groupChoices().includes('2010 年入社'), 'the group the company added them to');
    f.pickGroup('2010 年入社');
    await f.until(() => !!f.groupPage(), 'the group page');
    expect(f.text(f.groupPage()!)).to.contain('By invitation');
    expect(f.element.scrollWidth, 'no sideways scrolling').to.be.at.most(390);
    f.toggleBrowse();
    await f.until(() => Object.keys(f.browsed()).length === 3, 'groups to browse');
    expect(f.browsed()['釣りの会']).to.equal('Join');
    expect(f.browsed()['2010 年入社']).to.equal('Open group');
    expect(f.browsed()['経営企画 OB 会']).to.equal('Ask to join');
    await expect(f.element).to.be.accessible();
  });

  it('a group admin sees the requests to join on the group’s page and approves or declines them', async () => {
    const one = await addMember(api, { person: '申請 一子' });
    const two = await addMember(api, { person: '申請 二郎' });
    for (const m of [one, two]) await feed(api, 'join', { groupId: asked.id, memberId: m.member.id });
    const me = await signInAs(api, { person: '管理 する人' });
    await feed(api, 'groupMember', { groupId: asked.id, memberId: me.member.id, role: 'admin' });
    const f = await render();
    await f.waitForGroups();
    await f.until(() => f.groupChoices().includes('経営企画 OB 会'), 'the group in the picker');
    f.pickGroup('経営企画 OB 会');
    // The first test's member asked too: three requests, oldest first.
    await f.until(() => f.groupRequests().join() === '新入 会員,申請 一子,申請 二郎', 'the requests');
    f.decideRequest('申請 一子', true);
    await f.until(() => f.groupRequests().join() === '新入 会員,申請 二郎', 'one approved');
    await f.until(() => f.text(f.groupPage()!).includes('メンバー 2 人'), 'the approved member counted');
    f.decideRequest('申請 二郎', false);
    await f.until(() => f.groupRequests().join() === '新入 会員', 'one declined');
    await expect(f.element).to.be.accessible();
  });

  it('a group admin hides a group post (after a confirmation, with a reason), removes a member (not an admin) and invites one from the directory; the author sees the post hidden', async () => {
    const photo = (await feed<{ group: Group }>(api, 'group', { title: '写真部', joinRule: 'open' })).group;
    const author = await addMember(api, { person: '投稿 する人' });
    const plain = await addMember(api, { person: 'ふつう 会員' });
    await addMember(api, { person: '招待 される人' });
    for (const m of [author, plain]) await feed(api, 'groupMember', { groupId: photo.id, memberId: m.member.id });
    await feed(api, 'post', { memberId: author.member.id, title: '新しいレンズの宣伝', body: '今なら半額です', groupId: photo.id });
    const me = await signInAs(api, { person: '写真 管理者' });
    await feed(api, 'groupMember', { groupId: photo.id, memberId: me.member.id, role: 'admin' });

    const f = await render();
    await f.waitForGroups();
    await f.until(() => f.groupChoices().includes('写真部'), 'the group in the picker');
    f.pickGroup('写真部');
    const card = await f.waitForCard('新しいレンズの宣伝');
    expect(f.menuItems(card)).to.include('hide');
    f.menuAction(card, 'hide');
    await f.until(() => f.hasHideForm(card), 'the confirmation');
    expect(f.hasCard('新しいレンズの宣伝'), 'nothing hidden before confirming').to.equal(true);
    await f.confirmHide(card, '宣伝のため');
    await f.until(() => !f.hasCard('新しいレンズの宣伝'), 'the post hidden from the group');

    f.showGroupMembers();
    await f.until(() => f.groupMembers().length === 3, 'the members');
    expect(f.removableMembers().sort()).to.deep.equal(['ふつう 会員', '投稿 する人'].sort());
    f.removeGroupMember('ふつう 会員');
    await f.until(() => f.has('[part~="confirm-remove"]'), 'the confirmation');
    expect(f.groupMembers().length, 'nobody removed before confirming').to.equal(3);
    f.confirmRemove();
    await f.until(() => f.groupMembers().length === 2, 'one removed');
    await f.until(() => f.text(f.groupPage()!).includes('メンバー 2 人'), 'the count');

    await f.findToInvite('される人');
    await f.until(() => f.inviteCandidates().includes('招待 される人'), 'the directory’s answer');
    f.invite('招待 される人');
    await f.until(() => f.invitedText('招待 される人').includes('招待しました'), 'invited');
    await expect(f.element).to.be.accessible();

    // The author still sees their post in the group, marked hidden.
    store(api).set(author);
    const a = await render();
    await a.waitForGroups();
    await a.until(() => a.groupChoices().includes('写真部'), 'the group');
    a.pickGroup('写真部');
    const mine = await a.waitForCard('新しいレンズの宣伝');
    expect(a.stateNote(mine)).to.contain('非表示');
  });

  it('a member who is not the group’s admin gets no hide, no remove and no invite', async () => {
    const team = (await feed<{ group: Group }>(api, 'group', { title: '山歩きの会', joinRule: 'open' })).group;
    const writer = await addMember(api, { person: '山 登子' });
    await feed(api, 'groupMember', { groupId: team.id, memberId: writer.member.id, role: 'admin' });
    await feed(api, 'post', { memberId: writer.member.id, title: '秋の高尾山', body: '紅葉です', groupId: team.id });
    const me = await signInAs(api, { person: '一般 参加者' });
    await feed(api, 'groupMember', { groupId: team.id, memberId: me.member.id });
    const f = await render();
    await f.waitForGroups();
    await f.until(() => f.groupChoices().includes('山歩きの会'), 'the group');
    f.pickGroup('山歩きの会');
    const card = await f.waitForCard('秋の高尾山');
    expect(f.menuItems(card)).to.deep.equal(['copyLink', 'report']);
    f.showGroupMembers();
    await f.until(() => f.groupMembers().length === 2, 'the members');
    expect(f.removableMembers()).to.deep.equal([]);
    expect(f.hasInviteButton()).to.equal(false);
  });

  it('a member whose kind has no feed sees the calm unavailable note, not an error', async () => {
    await members(api, 'kind', { key: 'nofeed', features: ['directory', 'events', 'jobs', 'messages', 'groups'] });
    const { member } = await signInAs(api, { kind: 'nofeed', person: 'フィード なし' });
    expect(member.features).to.not.include('feed');
    const el = await fixture<AlumniPostFeed>(html`<alumni-post-feed api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-post-feed>`);
    const f = new PostFeedHarness(el);
    await f.until(() => f.unavailableText() !== '', 'the unavailable note');
    expect(f.unavailableText()).to.contain('メンバー区分');
    expect(f.has('[part~="error"]')).to.equal(false);
    expect(f.hasWriteButton(), 'no composer either').to.equal(false);
    expect(f.has('[part~="retry-button"]')).to.equal(false);
    await expect(f.element).to.be.accessible();
  });

  it('says the same when the session predates the kind change: the API’s 403, in English', async () => {
    await members(api, 'kind', { key: 'nofeed', features: ['directory', 'events', 'jobs', 'messages', 'groups'] });
    const { token, member } = await signInAs(api, { kind: 'nofeed', person: 'Stale Session' });
    const { features: _features, ...stale } = member;
    store(api).set({ token, member: stale });
    const el = await fixture<AlumniPostFeed>(html`<alumni-post-feed api-url=${api.url} publishable-key=${api.publishableKey} lang="en"></alumni-post-feed>`);
    const f = new PostFeedHarness(el);
    await f.until(() => f.unavailableText() !== '', 'the unavailable note');
    expect(f.unavailableText()).to.contain('not part of your membership');
    expect(f.has('[part~="error"]')).to.equal(false);
  });

  it('a member whose kind has no groups gets no picker or browse, and the element asks the groups API nothing', async () => {
    await members(api, 'kind', { key: 'nogroups', features: ['directory', 'events', 'jobs', 'feed', 'messages'] });
    const { member } = await signInAs(api, { kind: 'nogroups', person: 'グループ なし' });
    expect(member.features).to.include('feed').and.not.include('groups');
    const watch = watchFetch();
    try {
      const f = await render();
      await f.waitForCard('全体へのお知らせ');
      await f.until(() => f.hasWriteButton(), 'the member tools');
      expect(f.has('[part~="groups"]')).to.equal(false);
      expect(f.has('[part~="browse-button"]')).to.equal(false);
      expect(watch.calls.filter((c) => c.includes('/v1/groups'))).to.deep.equal([]);
    } finally {
      watch.stop();
    }
  });

  it('signed out: no groups, no group posts', async () => {
    const f = await render();
    await f.waitForCard('全体へのお知らせ');
    expect(f.element.shadowRoot!.querySelector('[part~="groups"]')).to.equal(null);
    expect(f.hasCard('今週末は三浦半島へ')).to.equal(false);
    void asked;
  });
});
