import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/member-directory/member-directory.js';
import type { AlumniMemberDirectory } from '../../widgets/member-directory/member-directory.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { member } from '../helpers/widget-member-fixtures.js';
import { fill, members, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { $, $$, createApi, deepActiveElement, startApi, stopApi, textOf, until } from '../helpers/widget-test.js';

const names = (el: Element) => $$(el, '[part~="item-title"]').map((b) => b.textContent!.trim());
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
    return fixture<AlumniMemberDirectory>(
      html`<alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey} lang=${attrs.lang ?? 'ja'}
        page-size=${attrs.pageSize ?? 20} sign-in-href=${attrs.href ?? ''}></alumni-member-directory>`,
    );
  }

  async function renderList(attrs: { lang?: string; pageSize?: number } = {}) {
    await signInAs(api);
    const el = await render(attrs);
    await until(() => names(el).length > 0, 'the directory lists members');
    return el;
  }

  /** Types a new query and waits until exactly `expected` (fixture keys) are listed. */
  async function search(el: Element, text: string, expected: string[]) {
    const input = $<HTMLInputElement>(el, 'input[type="search"]');
    input.focus();
    input.select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: text });
    const want = expected.map((k) => member(k).name).sort().join();
    const shown = () => (expected.length ? [...names(el)].sort().join() : el.shadowRoot!.querySelector('[part~="empty"]') ? '' : '…');
    await until(() => shown() === want, `${want || 'nothing'} for ${text}`);
  }

  it('explains that members must sign in, linking to the sign-in section, and asks the API nothing', async () => {
    const el = await render({ href: '#sign-in' });
    const state = $(el, '[part~="signed-out"]');
    expect(textOf(state)).to.contain('承認済みメンバーだけが見られます');
    expect($<HTMLAnchorElement>(el, 'a').getAttribute('href')).to.equal('#sign-in');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('tells a pending member what happens next', async () => {
    await signInAs(api, { status: 'pending' });
    const el = await render();
    await until(() => !!el.shadowRoot!.querySelector('[part~="pending"]'), 'the pending state');
    expect(textOf($(el, '[part~="pending"]'))).to.contain('承認待ち');
    expect(names(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('lists approved, listed members with what they show, never what they hid', async () => {
    const el = await renderList();
    expect([...names(el)].sort()).to.deep.equal([...listed].sort());
    const text = textOf(el);
    expect(text).not.to.contain(member('unlisted').name);
    expect(text).not.to.contain('秘密商事');
    expect(text).not.to.contain('京都府');
    const card = $$(el, '[part~="item"]').find((c) => c.textContent!.includes(member('hanako').name))!;
    const cardText = textOf(card);
    expect(cardText).to.contain('たなか はなこ');
    expect(cardText).to.contain('営業部長 / 株式会社ミライ');
    expect(cardText).to.contain('法人営業部');
    expect(cardText).to.contain('2012〜2020年');
    expect(cardText).to.contain('再入社');
    expect([...card.querySelectorAll('[part~="chip"]')].map((c) => c.textContent)).to.deep.equal(['法人営業', 'Salesforce']);
    expect(textOf(card.querySelector('[part~="avatar"]')!)).to.equal('田花');
    const misaki = $$(el, '[part~="item"]').find((c) => c.textContent!.includes(member('misaki').name))!;
    expect(textOf(misaki)).to.contain('現役社員');
    expect($(el, '[role="status"]').textContent).to.contain('5人');
  });

  it('searches two-character Japanese words as the person types (営業, 田中)', async () => {
    const el = await renderList();
    await search(el, '営業', ['hanako', 'ken']);
    await search(el, '田中', ['hanako', 'ichiro']);
    await search(el, 'typescript', ['ichiro']);
    await search(el, '存在しない言葉', []);
    expect(textOf($(el, '[part~="empty"]'))).to.contain('該当するメンバーはいません');
  });

  it('filters by open-to flags, kind, years left, company and department', async () => {
    const el = await renderList();
    const form = $(el, '[part~="search"]');
    $(el, 'summary').click();
    const box = (flag: string) => form.querySelector<HTMLInputElement>(`input[name="openTo"][value="${flag}"]`)!;
    box('side_job').click();
    await until(() => names(el).join() === member('ichiro').name, 'only the side-job member');
    box('side_job').click();
    fill(form.querySelector('select[name="kind"]')!, 'employee');
    await until(() => names(el).join() === member('misaki').name, 'only the employee');
    fill(form.querySelector('select[name="kind"]')!, '');
    fill(form.querySelector('input[name="leftYearFrom"]')!, '2019');
    fill(form.querySelector('input[name="leftYearTo"]')!, '2021');
    await until(() => names(el).join() === member('hanako').name, 'only the member who left in 2020');
    fill(form.querySelector('input[name="leftYearFrom"]')!, '');
    fill(form.querySelector('input[name="leftYearTo"]')!, '');
    fill(form.querySelector('input[name="company"]')!, 'Acme');
    await until(() => names(el).join() === member('ichiro').name, 'only the Acme member');
    // A company the member hid from members must not be findable either.
    fill(form.querySelector('input[name="company"]')!, '秘密');
    await until(() => !!el.shadowRoot!.querySelector('[part~="empty"]'), 'no member for a hidden company');
    fill(form.querySelector('input[name="company"]')!, '');
    fill(form.querySelector('input[name="department"]')!, '開発');
    await until(() => names(el).join() === member('ichiro').name, 'only the development member');
  });

  it('opens a profile with focus on its name, and goes back to the same card', async () => {
    const el = await renderList();
    $$(el, '[part~="item-title"]').find((b) => b.textContent!.includes(member('hanako').name))!.click();
    await until(() => !!el.shadowRoot!.querySelector('[part~="detail"] h2'), 'the detail');
    const heading = $(el, '[part~="detail"] h2');
    await until(() => deepActiveElement() === heading, 'focus on the name');
    const text = textOf($(el, '[part~="detail"]'));
    expect(text).to.contain('今は新規事業の立ち上げをしています');
    expect(text).to.contain('ランニング');
    expect(text).to.contain('法人営業部 / 課長 2016-04–2020-03');
    const link = $<HTMLAnchorElement>(el, '[part~="detail"] a');
    expect(link.href).to.equal('https://example.jp/hanako');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
    $(el, '[part~="back-button"]').click();
    await until(() => deepActiveElement()?.textContent?.trim() === member('hanako').name, 'focus back on the card');
  });

  it('sends a message through the contact dialog without showing addresses, and explains the rate limit', async () => {
    const el = await renderList();
    $$(el, '[part~="item-title"]').find((b) => b.textContent!.includes(member('ken').name))!.click();
    await until(() => !!el.shadowRoot!.querySelector('[part~="contact-button"]'), 'the contact button');
    const send = async (message: string) => {
      $(el, '[part~="contact-button"]').click();
      await until(() => !!el.shadowRoot!.querySelector('dialog[open] textarea'), 'the dialog is open');
      const textarea = $<HTMLTextAreaElement>(el, 'dialog textarea');
      textarea.focus();
      await sendKeys({ type: message });
      $(el, '[part~="send-button"]').click();
    };
    await send('お久しぶりです');
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    await until(() => textOf(dialog).includes('送信しました'), 'the message was sent');
    const { row } = await members<{ row: { email: string } }>(api, 'get', { memberId: ids.ken });
    const mails = await members<{ text: string }[]>(api, 'mail', { to: row.email });
    expect(mails.map((m) => m.text).join()).to.contain('お久しぶりです');
    await expect(el).to.be.accessible();
    $(el, 'dialog [part~="button"]').click();
    await until(() => !el.shadowRoot!.querySelector('dialog'), 'the dialog closed');
    await until(() => deepActiveElement() === $(el, '[part~="contact-button"]'), 'focus back on the contact button');

    // The count follows the text.
    $(el, '[part~="contact-button"]').click();
    await until(() => !!el.shadowRoot!.querySelector('dialog[open] textarea'), 'the dialog again');
    $<HTMLTextAreaElement>(el, 'dialog textarea').focus();
    await sendKeys({ type: 'abc' });
    await until(() => textOf($(el, 'dialog .count')) === '3/1000文字', 'the character count');
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('dialog'), 'Escape closes the dialog');

    // Three messages a day to the same person; the fourth is refused with an explanation.
    for (let i = 2; i <= 3; i++) {
      await send(`メッセージ ${i}`);
      await until(() => textOf($(el, 'dialog')).includes('送信しました'), `message ${i} sent`);
      $(el, 'dialog [part~="button"]').click();
      await until(() => !el.shadowRoot!.querySelector('dialog'), 'closed');
    }
    await send('もう一通');
    await until(() => textOf($(el, 'dialog [role="alert"]')).includes('送信数の上限'), 'the rate-limit message');
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
  });

  it('loads more with the next cursor and focuses the first new member', async () => {
    const el = await renderList({ pageSize: 2 });
    expect(names(el).length).to.equal(2);
    $(el, '[part~="load-more"]').click();
    await until(() => names(el).length === 4, 'a second page');
    const third = names(el)[2]!;
    await until(() => deepActiveElement()?.textContent?.trim() === third, 'focus on the first new member');
    $(el, '[part~="load-more"]').click();
    await until(() => names(el).length === 5, 'the last page');
    expect([...names(el)].sort()).to.deep.equal([...listed].sort());
    expect(el.shadowRoot!.querySelector('[part~="load-more"]')).to.equal(null);
  });

  it('shows the error state while the API is down and recovers on retry', async () => {
    const down = await createApi();
    await signInAs(down);
    await stopApi(down);
    try {
      const el = await fixture<AlumniMemberDirectory>(html`<alumni-member-directory api-url=${down.url} publishable-key=${down.publishableKey} lang="ja"></alumni-member-directory>`);
      await until(() => !!el.shadowRoot!.querySelector('[part~="error"]'), 'the error state');
      expect($(el, '[part~="error"]').getAttribute('role')).to.equal('alert');
      expect(textOf($(el, '[part~="error"]'))).to.contain('サーバーに接続できません');
      await expect(el).to.be.accessible();
      await startApi(down);
      $(el, '[part~="retry-button"]').click();
      await until(() => !!el.shadowRoot!.querySelector('[part~="empty"]'), 'the (empty) directory after retry');
    } finally {
      signOutLocally(down);
    }
  });

  it('speaks English with lang="en"', async () => {
    const el = await renderList({ lang: 'en' });
    const text = textOf(el);
    expect(text).to.contain('Keyword');
    expect(text).to.contain('Filters');
    expect(text).to.contain('Rehire');
    expect(text).to.contain('Employee');
    expect($(el, '[role="status"]').textContent).to.contain('5 members');
    signOutLocally(api);
    await until(() => textOf(el).includes('Only approved members can see the directory'), 'the English signed-out state');
  });

  it('follows sign-in and sign-out on the page without a reload', async () => {
    const el = await render();
    await until(() => !!el.shadowRoot!.querySelector('[part~="signed-out"]'), 'signed out first');
    await signInAs(api);
    await until(() => names(el).length === 5, 'the list after signing in');
    signOutLocally(api);
    await until(() => !!el.shadowRoot!.querySelector('[part~="signed-out"]'), 'signed out again');
  });

  it('is accessible and fits a phone-width screen', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const el = await renderList();
      $(el, 'summary').click();
      await expect(el).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const node of [...$$(el, '[part~="item"]'), $(el, '[part~="search"]')]) expect(node.getBoundingClientRect().right).to.be.at.most(360);
      $$(el, '[part~="item-title"]')[0]!.click();
      await until(() => !!el.shadowRoot!.querySelector('[part~="detail"] h2'), 'the detail');
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
