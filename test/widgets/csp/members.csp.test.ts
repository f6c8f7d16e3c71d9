import { expect, fixture, html } from '@open-wc/testing';
import '../../../widgets/member-directory/define.js';
import { MemberDirectoryHarness } from '../../../widgets/member-directory/harness.js';
import '../../../widgets/sign-in/define.js';
import { SignInHarness } from '../../../widgets/sign-in/harness.js';
import type { WidgetApi } from '../../helpers/widget-fixtures.js';
import { addMember, members, signInAs, signOutLocally } from '../../helpers/widget-member-test.js';
import { createApi } from '../../helpers/widget-test.js';

// This page carries a strict Content-Security-Policy (the `csp` group in web-test-runner.config.mjs):
// the sign-in flow, the profile editor, the directory and both dialogs must cause no violation.
describe('<alumni-sign-in> and <alumni-member-directory> under a strict CSP', () => {
  let api: WidgetApi;
  const violations: string[] = [];
  before(async () => {
    api = await createApi();
    await members(api, 'seed');
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  after(() => signOutLocally(api));

  it('signs in with an emailed code, edits, searches, and opens both dialogs without any violation', async () => {
    const email = `csp-${Date.now().toString(36)}@example.jp`;
    await members(api, 'roster', { email, person: 'シーエスピー 太郎' });
    const page = await fixture<HTMLDivElement>(html`<div lang="ja">
      <alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>
      <alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey}></alumni-member-directory>
    </div>`);
    const signIn = new SignInHarness(page.querySelector('alumni-sign-in')!);
    const directory = new MemberDirectoryHarness(page.querySelector('alumni-member-directory')!);
    signIn.submitStep(email);
    await signIn.until(() => signIn.hasInput('code'), 'the code step');
    const { code } = await members<{ code: string }>(api, 'code', { email });
    signIn.submitStep(code);
    await signIn.waitForEditor();
    // Styles really applied (constructable stylesheets, allowed by style-src 'self').
    expect(getComputedStyle(signIn.fieldset).borderTopStyle).to.equal('solid');
    signIn.save();
    await signIn.until(() => signIn.text().includes('保存しました'), 'saved');
    signIn.askToDelete();
    await signIn.until(() => signIn.isDialogOpen(), 'the delete dialog');
    signIn.cancelDialog();

    await directory.waitForCards(undefined, 'the directory');
    directory.open();
    await directory.until(() => directory.hasContactButton(), 'a profile');
    await directory.openContact();
    expect(violations).to.deep.equal([]);
  });

  it('shows initials where the page’s img-src blocks a member’s photo', async () => {
    signOutLocally(api);
    await addMember(api, { person: '遮断 写真', profile: { photoUrl: 'https://photos.example.jp/me.jpg' } });
    await signInAs(api);
    const directory = new MemberDirectoryHarness(
      await fixture(html`<alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-member-directory>`),
    );
    await directory.waitForCards(undefined, 'the directory');
    const card = directory.card('遮断 写真');
    const img = directory.avatarImage(card)!;
    await directory.until(() => img.hidden === true, 'the blocked photo is hidden');
    expect(directory.avatarText(card)).to.equal('遮');
    expect(violations.some((v) => v.startsWith('img-src') && v.includes('photos.example.jp'))).to.equal(true);
  });
});
