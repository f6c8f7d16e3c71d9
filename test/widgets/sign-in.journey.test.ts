import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/member-directory/define.js';
import { openToFlags } from '../../widgets/core/members/profile.js';
import { MemberDirectoryHarness } from '../../widgets/member-directory/harness.js';
import '../../widgets/sign-in/define.js';
import { SignInHarness } from '../../widgets/sign-in/harness.js';
import type { AlumniSignIn } from '../../widgets/sign-in/sign-in.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { members, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { createApi, deepActiveElement } from '../helpers/widget-test.js';

let seq = 0;
const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++seq}@example.jp`;

/**
 * <alumni-sign-in> as issue 11's alumnus met it: what comes after the code (the page's own elements,
 * not a form), the first sign-in, the code step across a reload, one wording, the element's size.
 */
describe('<alumni-sign-in>: the way in', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
    await members(api, 'seed');
    // Open membership: a new address is approved at once, with no name yet.
    await members(api, 'tenant', { membershipPolicy: 'open' });
  });
  afterEach(() => {
    signOutLocally(api);
    sessionStorage.clear();
  });

  async function render(lang = 'ja', noHeading = false) {
    const el = await fixture<AlumniSignIn>(
      html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang} ?no-heading=${noHeading}></alumni-sign-in>`,
    );
    return new SignInHarness(el);
  }

  async function renderPage(lang = 'ja') {
    const page = await fixture<HTMLDivElement>(html`<div lang=${lang}>
      <alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>
      <alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey}></alumni-member-directory>
    </div>`);
    return { si: new SignInHarness(page.querySelector('alumni-sign-in')!), dir: new MemberDirectoryHarness(page.querySelector('alumni-member-directory')!) };
  }

  /** Types the code from the mail: six digits sign in by themselves, no Enter, no button. */
  async function typeCode(si: SignInHarness, email: string, after?: number) {
    const { code } = await members<{ code: string }>(api, 'code', { email, after });
    await si.type(si.codeInput, code);
  }

  it('a first sign-in asks only for a name (company, title, open-to optional), then lets the member in and fires the event', async () => {
    const email = uniqueEmail('first');
    const { si, dir } = await renderPage();
    const events: CustomEvent[] = [];
    si.element.addEventListener('alumni-signed-in', (e) => events.push(e));
    await si.requestCode(email);
    await typeCode(si, email);
    await si.waitForWelcome();
    expect(si.welcomeInputs()).to.deep.equal(['name', 'currentCompany', 'currentTitle']);
    // Every open-to choice the profile has (rehire … referrals), offered at once.
    expect(si.$$<HTMLInputElement>('[part~="welcome"] input[name="openTo"]').map((i) => i.value)).to.deep.equal([...openToFlags]);
    expect(si.hasEditor()).to.equal(false);
    expect(events).to.have.length(0);
    // The directory waits for the name, without asking the API for members.
    await dir.until(() => dir.isSignedOut() && dir.signedOutText().includes('お名前を登録'), 'the directory asks for the name first');
    await expect(si.element).to.be.accessible();

    si.continue();
    await si.until(() => si.input('name').getAttribute('aria-invalid') === 'true', 'the empty name is refused');
    expect(si.errorOf(si.input('name'))).to.equal('氏名を入力してください。');
    expect(events).to.have.length(0);

    si.fill(si.input('name'), '初 花子');
    si.fill(si.input('currentCompany'), '株式会社ハジメ');
    si.$<HTMLInputElement>('[part~="welcome"] input[name="openTo"][value="side_job"]').click();
    si.continue();
    await si.waitForBar();
    expect(events).to.have.length(1);
    expect(events[0]!.detail.member.profile.name).to.equal('初 花子');
    expect(si.text(si.heading())).to.equal('初 花子 さんとしてサインイン中');
    await si.until(() => deepActiveElement() === si.heading(), 'focus on who is signed in');
    await dir.waitForCards();
    const row = (await members<{ row: { currentCompany: string; openTo: string[] } }>(api, 'get', { memberId: events[0]!.detail.member.id })).row;
    expect(row.currentCompany).to.equal('株式会社ハジメ');
    expect(row.openTo).to.deep.equal(['side_job']);
  });

  it('keeps the code step across a reload for the code’s 10 minutes (the address, never the code), and signs in from it', async () => {
    const email = uniqueEmail('reload');
    const first = await render();
    await first.requestCode(email);
    const wrong = '000000';
    await first.type(first.codeInput, wrong);
    await first.until(() => first.codeInput.getAttribute('aria-invalid') === 'true', 'a wrong code is refused');
    const stored = Object.values(sessionStorage).join(' ');
    expect(stored).to.contain(email);
    expect(stored).not.to.contain(wrong);
    first.element.remove();

    // The phone discarded the tab; the page loads again.
    const again = await render();
    expect(again.hasCodeStep()).to.equal(true);
    expect(again.text(again.codeNotice())).to.contain(email);
    const { code } = await members<{ code: string }>(api, 'code', { email });
    expect(Object.values(sessionStorage).join(' ')).not.to.contain(code);
    await again.type(again.codeInput, code);
    await again.waitForWelcome();
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('homecoming:'))).to.deep.equal([]);
  });

  it('forgets the code step once the code has expired, or when another address is chosen', async () => {
    const email = uniqueEmail('expired');
    const si = await render();
    await si.requestCode(email);
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('homecoming:'))!;
    const saved = JSON.parse(sessionStorage.getItem(key)!) as { email: string; until: number };
    expect(saved.until - Date.now()).to.be.within(9 * 60_000, 10 * 60_000);
    sessionStorage.setItem(key, JSON.stringify({ ...saved, until: Date.now() - 1 }));
    si.element.remove();
    const later = await render();
    expect(later.hasEmailStep()).to.equal(true);

    await later.requestCode(email);
    later.$$<HTMLButtonElement>('form .actions button')[1]!.click();
    await later.until(() => later.hasEmailStep(), 'back to the email step');
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('homecoming:'))).to.deep.equal([]);
  });

  it('puts the “code sent” notice above the code field and reads it with the field', async () => {
    const email = uniqueEmail('notice');
    const si = await render();
    await si.requestCode(email);
    const notice = si.codeNotice().getBoundingClientRect();
    expect(notice.bottom).to.be.at.most(si.codeInput.getBoundingClientRect().top);
    expect(si.descriptionOf(si.codeInput)).to.contain(email);
    expect(si.text(si.codeNotice())).to.contain('10分以内');
  });

  it('says サインイン / サインアウト / サインインコード in Japanese and Sign in / Sign out / sign-in code in English, in every state', async () => {
    for (const lang of ['ja', 'en']) {
      const seen: string[] = [];
      const si = await render(lang);
      seen.push(si.text());
      await si.requestCode(uniqueEmail(`words-${lang}`));
      seen.push(si.text());
      si.element.remove();
      signOutLocally(api);
      await signInAs(api, { person: '言葉 太郎' });
      const member = await render(lang);
      await member.waitForEditor();
      seen.push(member.text());
      const all = seen.join(' ');
      if (lang === 'ja') {
        expect(all).not.to.match(/ログイン|ログアウト|ログオン|サインオフ/);
        for (const word of ['サインイン', 'サインアウト', 'サインインコード']) expect(all).to.contain(word);
      } else {
        expect(all).not.to.match(/log ?in|log ?out|login/i);
        for (const word of ['Sign in', 'Sign out', 'sign-in code']) expect(all).to.contain(word);
      }
      member.element.remove();
      signOutLocally(api);
      sessionStorage.clear();
    }
  });

  it('no-heading leaves out the title; the form stays narrow on a desktop, the profile view a little wider', async () => {
    await setViewport({ width: 1280, height: 900 });
    try {
      const plain = await render();
      expect(plain.hasHeading()).to.equal(true);
      const bare = await render('ja', true);
      expect(bare.hasHeading()).to.equal(false);
      expect(bare.element.getBoundingClientRect().width).to.be.within(28 * 16, 32 * 16);
      await signInAs(api, { person: '幅 太郎' });
      const member = await render();
      await member.waitForEditor();
      const width = member.element.getBoundingClientRect().width;
      expect(width).to.be.above(32 * 16);
      expect(width).to.be.at.most(48 * 16);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
