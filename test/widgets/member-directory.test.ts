import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/member-directory/define.js';
import type { AlumniMemberDirectory } from '../../widgets/member-directory/member-directory.js';
import { MemberDirectoryHarness } from '../../widgets/member-directory/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { member } from '../helpers/widget-member-fixtures.js';
import { members, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { createApi, deepActiveElement, startApi, stopApi } from '../helpers/widget-test.js';

const listed = ['hanako', 'ichiro', 'ken', 'misaki', 'private'].map((k) => member(k).name);

describe('<alumni-member-directory>', () => {
  let api: WidgetApi;
  let ids: Record<string, string>;
  before(async () => {
    api = await createApi();
    ({ ids } = await members<{ ids: Record<string, string> }>(api, 'seed'));
  });
  afterEach(() => signOutLocally(api));

  async function render(attrs: { lang?: string; pageSize?: number; href?: string } = {}) {
    const el = await fixture<AlumniMemberDirectory>(
      html`<alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey} lang=${attrs.lang ?? 'ja'}
        page-size=${attrs.pageSize ?? 20} sign-in-href=${attrs.href ?? ''}></alumni-member-directory>`,
    );
    return new MemberDirectoryHarness(el);
  }

  async function renderList(attrs: { lang?: string; pageSize?: number } = {}) {
    await signInAs(api);
    const dir = await render(attrs);
    await dir.waitForCards();
    return dir;
  }

  /** Types a new query and waits until exactly `expected` (fixture keys) are listed. */
  async function search(dir: MemberDirectoryHarness, text: string, expected: string[]) {
    await dir.search(text);
    const want = expected.map((k) => member(k).name).sort().join();
    const shown = () => (expected.length ? [...dir.names()].sort().join() : dir.isEmpty() ? '' : '…');
    await dir.until(() => shown() === want, `${want || 'nothing'} for ${text}`);
  }

  it('explains that members must sign in, linking to the sign-in section, and asks the API nothing', async () => {
    const dir = await render({ href: '#sign-in' });
    expect(dir.isSignedOut()).to.equal(true);
    expect(dir.text(dir.$('[part~="signed-out"]'))).to.contain('承認済みメンバーだけが見られます');
    expect(dir.signInLink().getAttribute('href')).to.equal('#sign-in');
    expect(dir.hasSearch()).to.equal(false);
    await expect(dir.element).to.be.accessible();
  });

  it('tells a pending member what happens next', async () => {
    await signInAs(api, { status: 'pending' });
    const dir = await render();
    await dir.until(() => dir.isPending(), 'the pending state');
    expect(dir.pendingText()).to.contain('承認待ち');
    expect(dir.names()).to.deep.equal([]);
    await expect(dir.element).to.be.accessible();
  });

  it('lists approved, listed members with what they show, never what they hid', async () => {
    const dir = await renderList();
    expect([...dir.names()].sort()).to.deep.equal([...listed].sort());
    const text = dir.text();
    expect(text).not.to.contain(member('unlisted').name);
    expect(text).not.to.contain('秘密商事');
    expect(text).not.to.contain('京都府');
    const card = dir.card(member('hanako').name);
    const cardText = dir.text(card);
    expect(cardText).to.contain('たなか はなこ');
    expect(cardText).to.contain('営業部長 / 株式会社ミライ');
    expect(cardText).to.contain('法人営業部');
    expect(cardText).to.contain('2012〜2020年');
    expect(cardText).to.contain('再入社');
    expect(dir.chips(card)).to.deep.equal(['法人営業', 'Salesforce']);
    expect(dir.avatarText(card)).to.equal('田');
    expect(dir.text(dir.card(member('misaki').name))).to.contain('現役社員');
    expect(dir.status()).to.contain('5人');
  });

  it('searches two-character Japanese words as the person types (営業, 田中)', async () => {
    const dir = await renderList();
    await search(dir, '営業', ['hanako', 'ken']);
    await search(dir, '田中', ['hanako', 'ichiro']);
    await search(dir, 'typescript', ['ichiro']);
    await search(dir, '存在しない言葉', []);
    expect(dir.emptyText()).to.contain('該当するメンバーはいません');
  });

  it('filters by open-to flags, kind, years left, company and department', async () => {
    const dir = await renderList();
    const only = (key: string, message: string) => dir.until(() => dir.names().join() === member(key).name, message);
    dir.toggleFilters();
    dir.toggleOpenTo('side_job');
    await only('ichiro', 'only the side-job member');
    dir.toggleOpenTo('side_job');
    dir.setFilter('kind', 'employee');
    await only('misaki', 'only the employee');
    dir.setFilter('kind', '');
    dir.setFilter('leftYearFrom', '2019');
    dir.setFilter('leftYearTo', '2021');
    await only('hanako', 'only the member who left in 2020');
    dir.setFilter('leftYearFrom', '');
    dir.setFilter('leftYearTo', '');
    dir.setFilter('company', 'Acme');
    await only('ichiro', 'only the Acme member');
    // A company the member hid from members must not be findable either.
    dir.setFilter('company', '秘密');
    await dir.until(() => dir.isEmpty(), 'no member for a hidden company');
    dir.setFilter('company', '');
    dir.setFilter('department', '開発');
    await only('ichiro', 'only the development member');
  });

  it('opens a profile with focus on its name, and goes back to the same card', async () => {
    const dir = await renderList();
    dir.open(member('hanako').name);
    await dir.waitForDetail();
    const heading = dir.detailHeading;
    await dir.until(() => deepActiveElement() === heading, 'focus on the name');
    const text = dir.text(dir.detail);
    expect(text).to.contain('今は新規事業の立ち上げをしています');
    expect(text).to.contain('ランニング');
    expect(text).to.contain('法人営業部 / 課長 2016-04–2020-03');
    const link = dir.detailLink();
    expect(link.href).to.equal('https://example.jp/hanako');
    expect(link.rel).to.contain('noopener');
    await expect(dir.element).to.be.accessible();
    dir.back();
    await dir.until(() => deepActiveElement()?.textContent?.trim() === member('hanako').name, 'focus back on the card');
  });

  it('sends a message through the contact dialog without showing addresses, and explains the rate limit', async () => {
    const dir = await renderList();
    dir.open(member('ken').name);
    await dir.until(() => dir.hasContactButton(), 'the contact button');
    const send = async (message: string) => {
      await dir.openContact();
      await dir.writeMessage(message);
      dir.send();
    };
    await send('お久しぶりです');
    const dialog = dir.dialog;
    expect(dialog.open).to.equal(true);
    await dir.until(() => dir.text(dialog).includes('送信しました'), 'the message was sent');
    const { row } = await members<{ row: { email: string } }>(api, 'get', { memberId: ids.ken });
    const mails = await members<{ text: string }[]>(api, 'mail', { to: row.email });
    expect(mails.map((m) => m.text).join()).to.contain('お久しぶりです');
    await expect(dir.element).to.be.accessible();
    dir.closeDialog();
    await dir.until(() => !dir.hasDialog(), 'the dialog closed');
    await dir.until(() => deepActiveElement() === dir.contactButton, 'focus back on the contact button');

    // The count follows the text.
    await dir.openContact();
    await dir.writeMessage('abc');
    await dir.until(() => dir.characterCount() === '3/1000文字', 'the character count');
    await dir.press('Escape');
    await dir.until(() => !dir.hasDialog(), 'Escape closes the dialog');

    // Three messages a day to the same person; the fourth is refused with an explanation.
    for (let i = 2; i <= 3; i++) {
      await send(`メッセージ ${i}`);
      await dir.until(() => dir.text(dir.dialog).includes('送信しました'), `message ${i} sent`);
      dir.closeDialog();
      await dir.until(() => !dir.hasDialog(), 'closed');
    }
    await send('もう一通');
    await dir.until(() => dir.dialogAlert().includes('送信数の上限'), 'the rate-limit message');
    expect(dir.dialog.open).to.equal(true);
  });

  it('loads more with the next cursor and focuses the first new member', async () => {
    const dir = await renderList({ pageSize: 2 });
    expect(dir.names().length).to.equal(2);
    dir.loadMore();
    await dir.waitForCards(4, 'a second page');
    const third = dir.names()[2]!;
    await dir.until(() => deepActiveElement()?.textContent?.trim() === third, 'focus on the first new member');
    dir.loadMore();
    await dir.waitForCards(5, 'the last page');
    expect([...dir.names()].sort()).to.deep.equal([...listed].sort());
    expect(dir.hasLoadMore()).to.equal(false);
  });

  it('shows the error state while the API is down and recovers on retry', async () => {
    const down = await createApi();
    await signInAs(down);
    await stopApi(down);
    try {
      const dir = new MemberDirectoryHarness(
        await fixture<AlumniMemberDirectory>(html`<alumni-member-directory api-url=${down.url} publishable-key=${down.publishableKey} lang="ja"></alumni-member-directory>`),
      );
      await dir.until(() => dir.hasError(), 'the error state');
      expect(dir.errorState.getAttribute('role')).to.equal('alert');
      expect(dir.text(dir.errorState)).to.contain('サーバーに接続できません');
      await expect(dir.element).to.be.accessible();
      await startApi(down);
      dir.retry();
      await dir.until(() => dir.isEmpty(), 'the (empty) directory after retry');
    } finally {
      signOutLocally(down);
    }
  });

  it('speaks English with lang="en"', async () => {
    const dir = await renderList({ lang: 'en' });
    const text = dir.text();
    expect(text).to.contain('Keyword');
    expect(text).to.contain('Filters');
    expect(text).to.contain('Rehire');
    expect(text).to.contain('Employee');
    expect(dir.status()).to.contain('5 members');
    signOutLocally(api);
    await dir.until(() => dir.text().includes('Only approved members can see the directory'), 'the English signed-out state');
  });

  it('follows sign-in and sign-out on the page without a reload', async () => {
    const dir = await render();
    await dir.until(() => dir.isSignedOut(), 'signed out first');
    await signInAs(api);
    await dir.waitForCards(5, 'the list after signing in');
    signOutLocally(api);
    await dir.until(() => dir.isSignedOut(), 'signed out again');
  });

  it('is accessible and fits a phone-width screen', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const dir = await renderList();
      dir.toggleFilters();
      await expect(dir.element).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const node of [...dir.cards(), dir.searchForm]) expect(node.getBoundingClientRect().right).to.be.at.most(360);
      dir.open();
      await dir.waitForDetail();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
