import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/post-feed/define.js';
import { PostFeedHarness } from '../../widgets/post-feed/harness.js';
import type { AlumniPostFeed } from '../../widgets/post-feed/post-feed.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { feed, useSession } from '../helpers/widget-feed-test.js';
import { addMember, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { createApi, startApi, stopApi } from '../helpers/widget-test.js';

type Post = { id: string; title: string | null };

describe('<alumni-post-feed>', () => {
  let api: WidgetApi;
  let news: Post;
  before(async () => {
    api = await createApi();
    news = (await feed<{ post: Post }>(api, 'company', { title: '新工場が稼働しました', body: '横浜の **新工場** が稼働しました。\n\n- 協働ロボット\n- 見学ツアー', audience: 'public', tags: ['工場'] })).post;
    await feed(api, 'company', { kind: 'column', title: '社内報コラム（メンバー限定）', body: 'メンバーだけが読めます。' });
    await feed(api, 'company', { kind: 'job_news', title: 'カムバック採用を始めました', body: '募集中です。', audience: 'public', pinned: true });
  });
  afterEach(async () => {
    signOutLocally(api);
    history.replaceState(null, '', location.pathname + location.search);
    await setViewport({ width: 800, height: 600 });
  });

  async function render(attrs: { lang?: string; href?: string; pageSize?: number } = {}) {
    const el = await fixture<AlumniPostFeed>(
      html`<alumni-post-feed api-url=${api.url} publishable-key=${api.publishableKey} lang=${attrs.lang ?? 'ja'} sign-in-href=${attrs.href ?? ''}
        page-size=${attrs.pageSize ?? 10}></alumni-post-feed>`,
    );
    const feedEl = new PostFeedHarness(el);
    await feedEl.waitForList();
    return feedEl;
  }

  it('signed out: the company’s public posts only (pinned first), a note linking to sign-in, counts without buttons', async () => {
    const f = await render({ href: '#sign-in' });
    await f.waitForCard('新工場が稼働しました');
    expect(f.titles()[0]).to.equal('カムバック採用を始めました');
    expect(f.hasCard('社内報コラム')).to.equal(false);
    expect(f.signedOutNote()).to.contain('サインインすると読めます');
    expect(f.$('[part~="signed-out-note"] a').getAttribute('href')).to.equal('#sign-in');
    expect(f.chips()).to.deep.equal(['すべて', 'お知らせ', 'コラム', 'イベントレポート', '求人情報']);
    expect(f.hasWriteButton()).to.equal(false);
    expect(f.hasReactionButtons(f.card('新工場'))).to.equal(false);
    expect(f.bodyOf(f.card('新工場')).querySelector('strong')?.textContent).to.equal('新工場');
    const item = f.bodyOf(f.card('新工場')).querySelector('li')!;
    expect(getComputedStyle(item).listStyleType, 'a Markdown list keeps its bullets').to.equal('disc');
    await expect(f.element).to.be.accessible();
  });

  it('"load more" brings the next page after the first, in order, and focus moves to the first new post', async () => {
    const f = await render({ pageSize: 1 });
    await f.waitForPosts(1);
    expect(f.titles()).to.deep.equal(['カムバック採用を始めました']);
    expect(f.hasLoadMore()).to.equal(true);
    f.loadMore();
    await f.waitForPosts(2);
    expect(f.titles()).to.deep.equal(['カムバック採用を始めました', '新工場が稼働しました']);
    expect(f.card('新工場').contains(f.element.shadowRoot!.activeElement)).to.equal(true);
  });

  it('a deep link (#alumni-post=…) opens one post and fires alumni-post-open; back returns to the feed', async () => {
    history.replaceState(null, '', `#alumni-post=${news.id}`);
    const el = document.createElement('alumni-post-feed');
    Object.assign(el, { apiUrl: api.url, publishableKey: api.publishableKey });
    el.setAttribute('lang', 'ja');
    const opened = oneEvent(el, 'alumni-post-open');
    document.body.append(el);
    try {
      expect((await opened).detail).to.deep.equal({ postId: news.id });
      const f = new PostFeedHarness(el);
      await f.waitForCard('新工場が稼働しました');
      expect(f.isDetail()).to.equal(true);
      expect(f.cards()).to.have.length(1);
      f.back();
      await f.until(() => !f.isDetail() && f.cards().length > 1, 'the feed again');
      expect(location.hash).to.equal('');
    } finally {
      el.remove();
    }
  });

  it('an approved member reads everything and filters by kind, tag and keyword', async () => {
    const me = await signInAs(api, { person: '読者 一郎' });
    await feed(api, 'post', { memberId: me.member.id, kind: 'help', title: '経理に詳しい方を探しています', body: '税務の相談です', tags: ['経理'] });
    const f = await render();
    await f.waitForCard('社内報コラム');
    expect(f.chips()).to.include('自己紹介');
    f.chooseKind('助けて！');
    await f.until(() => f.titles().join() === '経理に詳しい方を探しています', 'help requests only');
    f.chooseKind('すべて');
    await f.waitForCard('新工場');
    f.clickTag(f.card('新工場'), '工場');
    await f.until(() => f.titles().join() === '新工場が稼働しました', 'the tag filter');
    expect(f.text()).to.contain('#工場 の投稿');
    f.$$('.bar .link-button')[0]!.click();
    await f.waitForCard('社内報コラム');
    await f.search('税務');
    await f.until(() => f.titles().join() === '経理に詳しい方を探しています', 'the search result');
    await expect(f.element).to.be.accessible();
  });

  it('writes a self-introduction with a preview, an image and a nominee picked from the directory; it comes first with its relay line', async () => {
    await addMember(api, { person: '佐藤 健', profile: { currentCompany: '株式会社ソラ' } });
    await signInAs(api, { person: '自己紹介 花子' });
    const f = await render();
    await f.openComposer();
    expect(f.kindChoicesSideBySide(), 'each radio beside its kind').to.deep.equal([true, true, true, true]);
    f.chooseComposerKind('self_intro');
    await f.writeTitle('営業企画にいた花子です');
    await f.writeBody('いまは **コンサル** をしています');
    const preview = await f.preview();
    expect(preview.querySelector('strong')?.textContent).to.equal('コンサル');
    await f.addImage('https://127.0.0.1:1/missing.png', '新しいオフィス');
    await f.writeTags('営業, 副業');
    await f.pickNominee('佐藤', '佐藤 健');
    f.submitPost();
    const card = await f.waitForCard('営業企画にいた花子です');
    expect(f.titles()[0]).to.equal('カムバック採用を始めました', 'pinned stays on top');
    expect(f.titles()[1]).to.equal('営業企画にいた花子です');
    expect(f.relayLine(card)).to.contain('次は 佐藤 健 さん');
    await f.until(() => f.imageFallbacks(card).length === 1, 'the image fallback');
    expect(f.imageFallbacks(card)[0]).to.equal('画像: 新しいオフィス');
    expect(f.menuItems(card)).to.deep.equal(['copyLink', 'edit', 'delete']);
  });

  it('refuses what the API refuses, naming the field, and keeps what was written', async () => {
    await signInAs(api, { person: '失敗 する子' });
    const f = await render();
    await f.openComposer();
    await f.writeBody('本文');
    await f.addImage('http://example.jp/a.png', '安全でない URL');
    f.submitPost();
    await f.until(() => !!f.composer.querySelector('[aria-invalid="true"]'), 'the field named');
    expect(f.composer.querySelector<HTMLInputElement>('.pair input')!.value).to.equal('http://example.jp/a.png');
    expect(f.composer.querySelector('textarea')!.value).to.equal('本文');
  });

  it('comments, replies, reacts and reports; the counts follow', async () => {
    const author = await addMember(api, { person: '投稿 太郎' });
    await feed(api, 'post', { memberId: author.member.id, title: '転職しました', body: '新しい職場です' });
    await signInAs(api, { person: 'コメント 次郎' });
    const f = await render();
    let card = await f.waitForCard('転職しました');
    f.react(card, 'celebrate');
    await f.until(() => f.reaction(f.card('転職しました'), 'celebrate').getAttribute('aria-pressed') === 'true', 'the reaction');
    card = f.card('転職しました');
    expect(f.reaction(card, 'celebrate').getAttribute('aria-label')).to.equal('おめでとう 1');
    await f.openComments(card);
    await f.comment(card, 'おめでとうございます！');
    await f.comment(card, 'また飲みに行きましょう', 'おめでとうございます！');
    await f.until(() => f.text(f.commentsButton(f.card('転職しました'))).length > 0, 'count');
    expect(f.commentTexts(card)).to.deep.equal(['おめでとうございます！', 'また飲みに行きましょう']);
    f.menuAction(card, 'report');
    await f.sendReport('テストの報告です');
    await f.until(() => f.notice(f.card('転職しました')).includes('報告しました'), 'the confirmation');
    const { reports } = await feed<{ reports: { reason: string }[] }>(api, 'reports');
    expect(reports.map((r) => r.reason)).to.include('テストの報告です');
    f.commentsButton(card).click();
    await f.until(() => f.text(f.commentsButton(f.card('転職しました'))) === 'コメント 2', 'the count on the button');
    await expect(f.element).to.be.accessible();
  });

  it('edits its own post (the edited mark) and deletes it after a confirmation', async () => {
    const me = await signInAs(api, { person: '編集 三郎' });
    await feed(api, 'post', { memberId: me.member.id, title: '消す予定の投稿', body: '最初の本文' });
    const f = await render();
    let card = await f.waitForCard('消す予定の投稿');
    f.menuAction(card, 'edit');
    await f.until(() => f.has('[part~="composer"]'), 'the composer');
    expect(f.composer.querySelector('textarea')!.value).to.equal('最初の本文');
    await f.writeBody('直した本文');
    f.submitPost();
    await f.until(() => f.text(f.card('消す予定の投稿')).includes('編集済み'), 'the edited mark');
    card = f.card('消す予定の投稿');
    expect(f.text(f.bodyOf(card))).to.equal('直した本文');
    f.menuAction(card, 'delete');
    await f.until(() => f.has('[part~="confirm-delete"]'), 'the confirmation');
    f.confirmDelete();
    await f.until(() => !f.hasCard('消す予定の投稿'), 'the post gone');
  });

  it('the nominee finds the baton and writes with it; the author of a hidden post sees it marked', async () => {
    const nominee = await addMember(api, { person: 'バトン 受取' });
    const passer = await addMember(api, { person: 'バトン 渡す' });
    await feed(api, 'post', { memberId: passer.member.id, kind: 'self_intro', title: 'バトンを渡します', body: '次はあなた', nomineeMemberId: nominee.member.id });
    // The nominee signs in here (addMember made their session).
    useSession(api, nominee);
    const f = await render();
    await f.until(() => f.batonNote().includes('バトン 渡す さん からリレー自己紹介のバトンが届きました'), 'the baton note');
    f.writeWithBaton();
    await f.until(() => f.has('[part~="composer"]'), 'the composer');
    expect(f.composer.querySelector<HTMLInputElement>('input[value="self_intro"]')!.checked).to.equal(true);
    await f.writeBody('受け取りました');
    f.submitPost();
    const card = await f.waitForCard('受け取りました');
    expect(f.relayLine(card)).to.contain('バトン 渡す さんからバトンを受け取りました');
    await f.until(() => f.batonNote() === '', 'the baton passed on');

    const mine = (await feed<{ post: Post }>(api, 'post', { memberId: nominee.member.id, title: '隠される投稿', body: '問題あり' })).post;
    await feed(api, 'hide', { postId: mine.id });
    const again = await render();
    const hidden = await again.waitForCard('隠される投稿');
    expect(again.stateNote(hidden)).to.contain('非表示');
  });

  it('shows the error state with a retry while the API is down', async () => {
    await stopApi(api);
    try {
      const el = await fixture<AlumniPostFeed>(html`<alumni-post-feed api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-post-feed>`);
      const f = new PostFeedHarness(el);
      await f.until(() => f.hasError(), 'the error state');
      expect(f.errorMessage()).to.contain('サーバーに接続できません');
      await startApi(api);
      f.retry();
      await f.waitForCard('新工場');
    } finally {
      await startApi(api);
    }
  });

  it('fits a 390 px phone in English, signed in', async () => {
    await setViewport({ width: 390, height: 800 });
    await signInAs(api, { person: 'Phone User' });
    const f = await render({ lang: 'en' });
    await f.waitForCard('新工場');
    expect(f.chips()[0]).to.equal('All');
    await f.until(() => f.hasWriteButton(), 'the write button');
    expect(f.text(f.$('[part~="write-button"]'))).to.equal('Write a post');
    const right = f.element.getBoundingClientRect().right;
    const past = f.$$('button, a, input, summary').filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > right + 0.5);
    expect(past.map((n) => n.outerHTML.slice(0, 60))).to.deep.equal([]);
    await expect(f.element).to.be.accessible();
  });
});
