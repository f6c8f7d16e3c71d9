import { expect, fixture, html } from '@open-wc/testing';
import '../../../widgets/member-directory/member-directory.js';
import '../../../widgets/sign-in/sign-in.js';
import type { WidgetApi } from '../../helpers/widget-fixtures.js';
import { members, signOutLocally } from '../../helpers/widget-member-test.js';
import { $, $$, createApi, until } from '../../helpers/widget-test.js';

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
    const signIn = page.querySelector('alumni-sign-in')!;
    const directory = page.querySelector('alumni-member-directory')!;
    const submit = async (value: string) => {
      const input = $<HTMLInputElement>(signIn, 'form input');
      input.value = value;
      $<HTMLFormElement>(signIn, 'form').requestSubmit();
    };
    await submit(email);
    await until(() => !!signIn.shadowRoot!.querySelector('input[name="code"]'), 'the code step');
    const { code } = await members<{ code: string }>(api, 'code', { email });
    await submit(code);
    await until(() => !!signIn.shadowRoot!.querySelector('[part~="save-button"]'), 'the profile editor');
    // Styles really applied (constructable stylesheets, allowed by style-src 'self').
    expect(getComputedStyle($(signIn, 'fieldset')).borderTopStyle).to.equal('solid');
    $(signIn, '[part~="save-button"]').click();
    await until(() => (signIn.shadowRoot!.textContent ?? '').includes('保存しました'), 'saved');
    $(signIn, '[part~="delete-button"]').click();
    await until(() => !!signIn.shadowRoot!.querySelector('dialog[open]'), 'the delete dialog');
    $(signIn, 'dialog [part~="button"]').click();

    await until(() => $$(directory, '[part~="item-title"]').length > 0, 'the directory');
    $$(directory, '[part~="item-title"]')[0]!.click();
    await until(() => !!directory.shadowRoot!.querySelector('[part~="contact-button"]'), 'a profile');
    $(directory, '[part~="contact-button"]').click();
    await until(() => !!directory.shadowRoot!.querySelector('dialog[open]'), 'the contact dialog');
    expect(violations).to.deep.equal([]);
  });
});
