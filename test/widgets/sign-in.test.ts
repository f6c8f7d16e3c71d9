import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/member-directory/define.js';
import { MemberDirectoryHarness } from '../../widgets/member-directory/harness.js';
import '../../widgets/sign-in/define.js';
import { SignInHarness } from '../../widgets/sign-in/harness.js';
import type { AlumniSignIn } from '../../widgets/sign-in/sign-in.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { members, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { createApi, deepActiveElement } from '../helpers/widget-test.js';

let seq = 0;
const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++seq}@example.jp`;

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
  afterEach(() => {
    signOutLocally(api);
    // The code step is remembered per tab (sessionStorage); each test starts from the email step.
    sessionStorage.clear();
  });

  const stored = async (memberId: string) => (await members<{ row: StoredMember | null }>(api, 'get', { memberId })).row;

  async function render(lang = 'ja', extra?: { sso?: string }) {
    const el = await fixture<AlumniSignIn>(
      html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang} sso-token=${extra?.sso ?? ''}></alumni-sign-in>`,
    );
    return new SignInHarness(el);
  }

  /** The sign-in element and a directory side by side, as on the alumni page. */
  async function renderPage() {
    const page = await fixture<HTMLDivElement>(html`<div lang="ja">
      <alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>
      <alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey}></alumni-member-directory>
    </div>`);
    return { signIn: new SignInHarness(page.querySelector('alumni-sign-in')!), directory: new MemberDirectoryHarness(page.querySelector('alumni-member-directory')!) };
  }

  async function renderSignedIn(payload: { status?: 'approved' | 'pending'; unlisted?: boolean } = {}, lang = 'ja') {
    const session = await signInAs(api, payload);
    const si = await render(lang);
    await si.waitForEditor();
    return { si, session };
  }

  it('signs up with an emailed code (from the SMTP server), and a directory on the same page follows', async () => {
    const email = uniqueEmail('roster');
    await members(api, 'roster', { email, person: '名簿 花子', department: '法人営業部' });
    const { signIn: si, directory } = await renderPage();
    expect(directory.isSignedOut()).to.equal(true);
    const input = si.emailInput;
    expect(input.autocomplete).to.equal('email');
    expect(si.labelOf(input)).to.equal('メールアドレス');
    await expect(si.element).to.be.accessible();

    await si.requestCode(email);
    expect(si.notice()).to.contain(`${email} にサインインコードを送りました`);
    const code = si.codeInput;
    expect(code.inputMode).to.equal('numeric');
    await si.until(() => deepActiveElement() === code, 'focus on the code input');
    await expect(si.element).to.be.accessible();

    const mail = await members<{ code: string }>(api, 'code', { email });
    setTimeout(() => void si.typeAndSubmit(mail.code));
    const signedIn = await oneEvent(si.element, 'alumni-signed-in');
    expect(signedIn.detail.member.email).to.equal(email);
    expect(signedIn.bubbles && signedIn.composed).to.equal(true);
    // The member lands on what they came for: a compact bar, not the profile form.
    await si.waitForBar();
    expect(si.text(si.heading())).to.equal('名簿 花子 さんとしてサインイン中');
    expect(si.hasEditor()).to.equal(false);
    await si.until(() => deepActiveElement() === si.heading(), 'focus on the signed-in heading');
    expect(si.hasStatus()).to.equal(false);
    // The directory on the page shows members without a reload.
    await directory.waitForCards();
  });

  it('explains a wrong code next to the input, sends a new code that works, and shows a pending membership', async () => {
    const email = uniqueEmail('pending');
    const si = await render();
    await si.requestCode(email);
    const first = await members<{ code: string; index: number }>(api, 'code', { email });
    const wrong = first.code === '000000' ? '111111' : '000000';
    await si.typeAndSubmit(wrong);
    await si.until(() => si.input('code').getAttribute('aria-invalid') === 'true', 'the code is marked invalid');
    expect(si.errorOf(si.input('code'))).to.contain('サインインコードが違うか、期限切れです');
    expect(si.alert()).to.contain('入力内容を確認してください');

    si.resend();
    await si.until(() => si.notice().includes('サインインコードを送りました'), 'a new code was sent');
    const second = await members<{ code: string }>(api, 'code', { email, after: first.index + 1 });
    await si.typeAndSubmit(second.code);
    await si.until(() => si.hasStatus(), 'the membership status');
    expect(si.statusText()).to.contain('承認待ち');
  });

  it('explains the rate limit when too many codes are requested', async () => {
    const email = uniqueEmail('limit');
    const si = await render('en');
    await si.requestCode(email);
    // Five codes an hour per address: four resends succeed, the fifth is refused.
    const resend = si.resendButton;
    for (let i = 0; i < 4; i++) {
      resend.click();
      await si.element.updateComplete;
      await si.until(() => !resend.disabled && si.notice().includes('We sent a sign-in code'), `resend ${i + 1}`);
    }
    si.resend();
    await si.until(() => si.alert().includes('Too many sign-in codes'), 'the rate-limit message');
  });

  it('shows a field error from problem+json on the email input', async () => {
    const si = await render('en');
    await si.typeAndSubmit('not-an-email');
    await si.until(() => si.emailInput.getAttribute('aria-invalid') === 'true', 'the email is marked invalid');
    expect(si.errorOf(si.emailInput).length).to.be.greaterThan(3);
    expect(si.hasInput('code')).to.equal(false);
  });

  it('edits the profile with a visibility per field, and the API keeps it', async () => {
    const { si, session } = await renderSignedIn({ unlisted: false });
    si.fill(si.input('name'), '編集 太郎');
    si.fill(si.input('currentCompany'), '株式会社ツギ');
    si.fill(si.visibility('currentCompany'), 'nobody');
    si.fill(si.input('skills'), 'Go、Rust, 営業');
    si.addRow('career');
    await si.until(() => si.hasInput('career.0.department') && deepActiveElement() === si.input('career.0.department'), 'focus in the new career row');
    si.fill(si.input('career.0.department'), '開発部');
    si.fill(si.input('career.0.from'), '2015-04');
    si.toggleOpenTo('mentoring');
    si.input('unlisted').click();
    expect(si.input('unlisted').getAttribute('role')).to.equal('switch');
    si.input('allowReplies').click();
    si.save();
    await si.until(() => si.text().includes('保存しました'), 'saved');

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
    await again.waitForEditor('the editor again');
    expect(again.visibility('currentCompany').value).to.equal('nobody');
    expect(again.input('currentCompany').value).to.equal('株式会社ツギ');
    expect(again.input('unlisted').checked).to.equal(true);
    expect(again.text(again.heading())).to.equal('編集 太郎 さんとしてサインイン中');
  });

  it('shows the API’s field errors next to the fields and moves focus to the first', async () => {
    const { si } = await renderSignedIn({}, 'en');
    si.fill(si.input('photoUrl'), 'http://example.jp/me.png');
    si.save();
    const photo = si.input('photoUrl');
    await si.until(() => photo.getAttribute('aria-invalid') === 'true', 'the photo URL is marked invalid');
    expect(si.errorOf(photo)).to.contain('https');
    await si.until(() => deepActiveElement() === photo, 'focus on the invalid field');
    expect(si.alert()).to.contain('Please check what you entered');
    await expect(si.element).to.be.accessible();
  });

  it('asks for consent to a new privacy policy and records it', async () => {
    await members(api, 'tenant', { privacyPolicyUrl: 'https://example.jp/privacy', privacyPolicyVersion: '2026-04' });
    try {
      const { si, session } = await renderSignedIn();
      expect(si.text(si.consent)).to.contain('版 2026-04');
      expect(si.consent.querySelector('a')!.href).to.equal('https://example.jp/privacy');
      si.acceptPolicy();
      await si.until(() => !si.hasConsent(), 'the consent prompt is gone');
      const row = (await stored(session.member.id))!;
      expect(row.consentVersion).to.equal('2026-04');
    } finally {
      await members(api, 'tenant', { privacyPolicyUrl: null, privacyPolicyVersion: null });
    }
  });

  it('downloads my data as a JSON file through a blob link', async () => {
    const { si, session } = await renderSignedIn();
    si.download();
    await si.until(() => si.hasDownloadLink(), 'the download link');
    const link = si.downloadLink;
    expect(link.href).to.match(/^blob:/);
    expect(link.download).to.equal(`homecoming-${session.member.id}.json`);
    const data = await (await fetch(link.href)).text();
    expect(data).to.contain(session.member.email);
  });

  it('deletes the account after a confirmation dialog', async () => {
    const { si, session } = await renderSignedIn();
    si.askToDelete();
    await si.until(() => si.isDialogOpen(), 'the confirmation dialog');
    await expect(si.element).to.be.accessible();
    si.cancelDialog();
    await si.until(() => !si.hasDialog(), 'cancel closes it');
    expect(await stored(session.member.id)).to.not.equal(null);

    si.askToDelete();
    await si.until(() => si.isDialogOpen(), 'the dialog again');
    setTimeout(() => si.confirmDelete());
    const out = await oneEvent(si.element, 'alumni-signed-out');
    expect(out.detail.reason).to.equal('user');
    await si.until(() => si.hasEmailStep(), 'the sign-in form');
    expect(si.notice()).to.contain('退会しました');
    expect(await stored(session.member.id)).to.equal(null);
  });

  it('signs out: the session stops working and a directory on the page returns to its signed-out state', async () => {
    const session = await signInAs(api);
    const { signIn: si, directory } = await renderPage();
    await si.until(() => si.hasSignOut() && directory.cards().length > 0, 'signed in on both');
    expect(si.hasEditor()).to.equal(false);
    setTimeout(() => si.signOut());
    const out = await oneEvent(si.element, 'alumni-signed-out');
    expect(out.detail.reason).to.equal('user');
    await si.until(() => si.hasEmailStep() && directory.isSignedOut(), 'both signed out');
    expect(si.notice()).to.contain('サインアウトしました');
    const me = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).to.equal(401);
  });

  it('exchanges the host site’s SSO token given as an attribute', async () => {
    const { token } = await members<{ token: string }>(api, 'sso', { sub: `ext-${++seq}`, email: uniqueEmail('sso'), person: 'シングル サインオン' });
    const si = await render('ja', { sso: token });
    await si.waitForEditor('signed in through SSO');
    expect(si.text(si.heading())).to.equal('シングル サインオン さんとしてサインイン中');
  });

  it('shows a refused SSO token as an error, and signInWithSso() reports the outcome', async () => {
    const si = await render('en');
    expect(await si.element.signInWithSso('not.a.jwt')).to.equal(false);
    await si.until(() => si.alert().length > 0, 'the error');
    expect(si.hasEmailStep()).to.equal(true);
  });

  it('speaks English with lang="en"', async () => {
    const { si } = await renderSignedIn({ status: 'pending' }, 'en');
    const text = si.text();
    expect(text).to.contain('Signed in as 閲覧 太郎');
    expect(text).to.contain('awaits approval');
    expect(text).to.contain('Current company');
    expect(si.visibility('currentCompany').getAttribute('aria-label')).to.equal('Who sees Current company');
    expect(text).to.contain('Only the company');
    expect(text).to.contain('Download my data');
  });

  it('is accessible and fits a phone-width screen', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const { si } = await renderSignedIn();
      si.addRow('career');
      si.addRow('links');
      await si.until(() => si.hasInput('links.0.url'), 'rows added');
      await expect(si.element).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const node of si.controls()) expect(node.getBoundingClientRect().right).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
