import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/member-directory/member-directory.js';
import '../../widgets/sign-in/sign-in.js';
import type { AlumniSignIn } from '../../widgets/sign-in/sign-in.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { fill, members, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { $, $$, createApi, deepActiveElement, textOf, until } from '../helpers/widget-test.js';

let seq = 0;
const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++seq}@example.jp`;
const has = (el: Element, selector: string) => !!el.shadowRoot!.querySelector(selector);

interface StoredMember {
  email: string;
  currentCompany: string;
  skills: string[];
  career: { department: string; title?: string; from?: string }[];
  openTo: string[];
  visibility: Record<string, string>;
  unlisted: boolean;
  allowReplies: boolean;
  consentVersion: string | null;
}

describe('<alumni-sign-in>', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
    await members(api, 'seed');
  });
  afterEach(() => signOutLocally(api));

  const stored = async (memberId: string) => (await members<{ row: StoredMember | null }>(api, 'get', { memberId })).row;

  async function render(lang = 'ja', extra?: { sso?: string }) {
    return fixture<AlumniSignIn>(
      html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang} sso-token=${extra?.sso ?? ''}></alumni-sign-in>`,
    );
  }

  /** Types into the element's only text input and submits its form with the main button. */
  async function typeAndSubmit(el: Element, text: string) {
    const input = $<HTMLInputElement>(el, 'form input');
    input.focus();
    input.select();
    await sendKeys({ type: text });
    await sendKeys({ press: 'Enter' });
  }

  async function requestCode(el: Element, email: string) {
    await typeAndSubmit(el, email);
    await until(() => has(el, 'input[autocomplete="one-time-code"]'), 'the code step');
  }

  async function renderSignedIn(payload: { status?: 'approved' | 'pending'; unlisted?: boolean } = {}, lang = 'ja') {
    const session = await signInAs(api, payload);
    const el = await render(lang);
    await until(() => has(el, '[part~="save-button"]'), 'the profile editor');
    return { el, session };
  }

  it('signs up with an emailed code (from the SMTP server), and a directory on the same page follows', async () => {
    const email = uniqueEmail('roster');
    await members(api, 'roster', { email, person: '名簿 花子', department: '法人営業部' });
    const page = await fixture<HTMLDivElement>(html`<div lang="ja">
      <alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>
      <alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey}></alumni-member-directory>
    </div>`);
    const el = page.querySelector('alumni-sign-in')!;
    const directory = page.querySelector('alumni-member-directory')!;
    expect(has(directory, '[part~="signed-out"]')).to.equal(true);
    const input = $<HTMLInputElement>(el, 'input[type="email"]');
    expect(input.autocomplete).to.equal('email');
    expect($(el, `label[for="${input.id}"]`).textContent).to.equal('メールアドレス');
    await expect(el).to.be.accessible();

    await requestCode(el, email);
    expect(textOf($(el, '[part~="notice"]'))).to.contain(`${email} にコードを送りました`);
    const code = $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]');
    expect(code.inputMode).to.equal('numeric');
    await until(() => deepActiveElement() === code, 'focus on the code input');
    await expect(el).to.be.accessible();

    const mail = await members<{ code: string }>(api, 'code', { email });
    setTimeout(() => void typeAndSubmit(el, mail.code));
    const signedIn = await oneEvent(el, 'alumni-signed-in');
    expect(signedIn.detail.member.email).to.equal(email);
    expect(signedIn.bubbles && signedIn.composed).to.equal(true);
    await until(() => has(el, '[part~="save-button"]'), 'the profile editor');
    expect(textOf($(el, 'h2'))).to.equal('名簿 花子 さんとしてログイン中');
    await until(() => deepActiveElement() === $(el, 'h2'), 'focus on the signed-in heading');
    expect(has(el, '[part~="status"]')).to.equal(false);
    // The directory on the page shows members without a reload.
    await until(() => $$(directory, '[part~="item"]').length > 0, 'the directory lists members');
  });

  it('explains a wrong code next to the input, sends a new code that works, and shows a pending membership', async () => {
    const email = uniqueEmail('pending');
    const el = await render();
    await requestCode(el, email);
    const first = await members<{ code: string; index: number }>(api, 'code', { email });
    const wrong = first.code === '000000' ? '111111' : '000000';
    await typeAndSubmit(el, wrong);
    await until(() => $(el, 'input[name="code"]').getAttribute('aria-invalid') === 'true', 'the code is marked invalid');
    const code = $(el, 'input[name="code"]');
    const error = el.shadowRoot!.getElementById(code.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.contain('コードが違うか期限切れです');
    expect(textOf($(el, '[role="alert"]'))).to.contain('入力内容を確認してください');

    $(el, '[part~="resend-button"]').click();
    await until(() => textOf($(el, '[part~="notice"]')).includes('コードを送りました'), 'a new code was sent');
    const second = await members<{ code: string }>(api, 'code', { email, after: first.index + 1 });
    await typeAndSubmit(el, second.code);
    await until(() => has(el, '[part~="status"]'), 'the membership status');
    expect(textOf($(el, '[part~="status"]'))).to.contain('承認待ち');
  });

  it('explains the rate limit when too many codes are requested', async () => {
    const email = uniqueEmail('limit');
    const el = await render('en');
    await requestCode(el, email);
    // Five codes an hour per address: four resends succeed, the fifth is refused.
    const resend = $<HTMLButtonElement>(el, '[part~="resend-button"]');
    for (let i = 0; i < 4; i++) {
      resend.click();
      await el.updateComplete;
      await until(() => !resend.disabled && textOf($(el, '[part~="notice"]')).includes('We sent a code'), `resend ${i + 1}`);
    }
    $(el, '[part~="resend-button"]').click();
    await until(() => textOf($(el, '[role="alert"]')).includes('Too many sign-in codes'), 'the rate-limit message');
  });

  it('shows a field error from problem+json on the email input', async () => {
    const el = await render('en');
    await typeAndSubmit(el, 'not-an-email');
    await until(() => $(el, 'input[type="email"]').getAttribute('aria-invalid') === 'true', 'the email is marked invalid');
    const message = el.shadowRoot!.getElementById($(el, 'input[type="email"]').getAttribute('aria-describedby')!)!.textContent!;
    expect(message.length).to.be.greaterThan(3);
    expect(has(el, 'input[name="code"]')).to.equal(false);
  });

  it('edits the profile with a visibility per field, and the API keeps it', async () => {
    const { el, session } = await renderSignedIn({ unlisted: false });
    const input = (name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);
    fill(input('name'), '編集 太郎');
    fill(input('currentCompany'), '株式会社ツギ');
    fill($<HTMLSelectElement>(el, 'select[name="v.currentCompany"]'), 'nobody');
    fill(input('skills'), 'Go、Rust, 営業');
    $(el, '[data-add="career"]').click();
    await until(() => deepActiveElement() === el.shadowRoot!.querySelector('[name="career.0.department"]'), 'focus in the new career row');
    fill(input('career.0.department'), '開発部');
    fill(input('career.0.from'), '2015-04');
    $(el, 'input[name="openTo"][value="mentoring"]').click();
    input('unlisted').click();
    expect(input('unlisted').getAttribute('role')).to.equal('switch');
    input('allowReplies').click();
    $(el, '[part~="save-button"]').click();
    await until(() => textOf(el).includes('保存しました'), 'saved');

    const row = (await stored(session.member.id))!;
    expect(row.currentCompany).to.equal('株式会社ツギ');
    expect(row.visibility.currentCompany).to.equal('nobody');
    expect(row.skills).to.deep.equal(['Go', 'Rust', '営業']);
    expect(row.career).to.deep.equal([{ department: '開発部', from: '2015-04' }]);
    expect(row.openTo).to.deep.equal(['mentoring']);
    expect(row.unlisted).to.equal(true);
    expect(row.allowReplies).to.equal(true);

    // A fresh element shows what the API stored.
    const again = await render();
    await until(() => has(again, '[part~="save-button"]'), 'the editor again');
    expect($<HTMLSelectElement>(again, 'select[name="v.currentCompany"]').value).to.equal('nobody');
    expect($<HTMLInputElement>(again, '[name="currentCompany"]').value).to.equal('株式会社ツギ');
    expect($<HTMLInputElement>(again, '[name="unlisted"]').checked).to.equal(true);
    expect(textOf($(again, 'h2'))).to.equal('編集 太郎 さんとしてログイン中');
  });

  it('shows the API’s field errors next to the fields and moves focus to the first', async () => {
    const { el } = await renderSignedIn({}, 'en');
    fill($<HTMLInputElement>(el, '[name="photoUrl"]'), 'http://example.jp/me.png');
    $(el, '[part~="save-button"]').click();
    const photo = $<HTMLInputElement>(el, '[name="photoUrl"]');
    await until(() => photo.getAttribute('aria-invalid') === 'true', 'the photo URL is marked invalid');
    expect(el.shadowRoot!.getElementById(photo.getAttribute('aria-describedby')!)!.textContent).to.contain('https');
    await until(() => deepActiveElement() === photo, 'focus on the invalid field');
    expect(textOf($(el, '[role="alert"]'))).to.contain('Please check what you entered');
    await expect(el).to.be.accessible();
  });

  it('asks for consent to a new privacy policy and records it', async () => {
    await members(api, 'tenant', { privacyPolicyUrl: 'https://example.jp/privacy', privacyPolicyVersion: '2026-04' });
    try {
      const { el, session } = await renderSignedIn();
      const consent = $(el, '[part~="consent"]');
      expect(textOf(consent)).to.contain('版 2026-04');
      expect(consent.querySelector('a')!.href).to.equal('https://example.jp/privacy');
      $(el, '[part~="accept-button"]').click();
      await until(() => !has(el, '[part~="consent"]'), 'the consent prompt is gone');
      const row = (await stored(session.member.id))!;
      expect(row.consentVersion).to.equal('2026-04');
    } finally {
      await members(api, 'tenant', { privacyPolicyUrl: null, privacyPolicyVersion: null });
    }
  });

  it('downloads my data as a JSON file through a blob link', async () => {
    const { el, session } = await renderSignedIn();
    $(el, '[part~="download-button"]').click();
    await until(() => has(el, '[part~="download-link"]'), 'the download link');
    const link = $<HTMLAnchorElement>(el, '[part~="download-link"]');
    expect(link.href).to.match(/^blob:/);
    expect(link.download).to.equal(`homecoming-${session.member.id}.json`);
    const data = await (await fetch(link.href)).text();
    expect(data).to.contain(session.member.email);
  });

  it('deletes the account after a confirmation dialog', async () => {
    const { el, session } = await renderSignedIn();
    $(el, '[part~="delete-button"]').click();
    await until(() => has(el, 'dialog[open]'), 'the confirmation dialog');
    await expect(el).to.be.accessible();
    $(el, 'dialog [part~="button"]').click();
    await until(() => !has(el, 'dialog'), 'cancel closes it');
    expect(await stored(session.member.id)).to.not.equal(null);

    $(el, '[part~="delete-button"]').click();
    await until(() => has(el, 'dialog[open]'), 'the dialog again');
    setTimeout(() => $(el, '[part~="confirm-delete-button"]').click());
    const out = await oneEvent(el, 'alumni-signed-out');
    expect(out.detail.reason).to.equal('user');
    await until(() => has(el, 'input[type="email"]'), 'the sign-in form');
    expect(textOf($(el, '[part~="notice"]'))).to.contain('退会しました');
    expect(await stored(session.member.id)).to.equal(null);
  });

  it('signs out: the session stops working and a directory on the page returns to its signed-out state', async () => {
    const session = await signInAs(api);
    const page = await fixture<HTMLDivElement>(html`<div lang="ja">
      <alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>
      <alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey}></alumni-member-directory>
    </div>`);
    const el = page.querySelector('alumni-sign-in')!;
    const directory = page.querySelector('alumni-member-directory')!;
    await until(() => has(el, '[part~="sign-out-button"]') && $$(directory, '[part~="item"]').length > 0, 'signed in on both');
    setTimeout(() => $(el, '[part~="sign-out-button"]').click());
    const out = await oneEvent(el, 'alumni-signed-out');
    expect(out.detail.reason).to.equal('user');
    await until(() => has(el, 'input[type="email"]') && has(directory, '[part~="signed-out"]'), 'both signed out');
    expect(textOf($(el, '[part~="notice"]'))).to.contain('ログアウトしました');
    const me = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).to.equal(401);
  });

  it('exchanges the host site’s SSO token given as an attribute', async () => {
    const { token } = await members<{ token: string }>(api, 'sso', { sub: `ext-${++seq}`, email: uniqueEmail('sso'), person: 'シングル サインオン' });
    const el = await render('ja', { sso: token });
    await until(() => has(el, '[part~="save-button"]'), 'signed in through SSO');
    expect(textOf($(el, 'h2'))).to.equal('シングル サインオン さんとしてログイン中');
  });

  it('shows a refused SSO token as an error, and signInWithSso() reports the outcome', async () => {
    const el = await render('en');
    expect(await el.signInWithSso('not.a.jwt')).to.equal(false);
    await until(() => textOf($(el, '[role="alert"]')).length > 0, 'the error');
    expect(has(el, 'input[type="email"]')).to.equal(true);
  });

  it('speaks English with lang="en"', async () => {
    const { el } = await renderSignedIn({ status: 'pending' }, 'en');
    const text = textOf(el);
    expect(text).to.contain('Signed in as 閲覧 太郎');
    expect(text).to.contain('awaits approval');
    expect(text).to.contain('Current company');
    expect($<HTMLSelectElement>(el, 'select[name="v.currentCompany"]').getAttribute('aria-label')).to.equal('Who sees Current company');
    expect(text).to.contain('Only the company');
    expect(text).to.contain('Download my data');
  });

  it('is accessible and fits a phone-width screen', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const { el } = await renderSignedIn();
      $(el, '[data-add="career"]').click();
      $(el, '[data-add="links"]').click();
      await until(() => has(el, '[name="links.0.url"]'), 'rows added');
      await expect(el).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const node of $$(el, 'input, select, textarea, button')) expect(node.getBoundingClientRect().right).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
