import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/sign-in/define.js';
import { SignInHarness } from '../../widgets/sign-in/harness.js';
import type { AlumniSignIn } from '../../widgets/sign-in/sign-in.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { signInAs, signOutLocally, watchFetch } from '../helpers/widget-member-test.js';
import { createApi, deepActiveElement } from '../helpers/widget-test.js';

/** The profile view of <alumni-sign-in>: what each field says is wrong, and who sees each field. */
describe('<alumni-sign-in>: the profile view', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
  });
  afterEach(() => signOutLocally(api));

  async function openEditor(lang = 'ja') {
    await signInAs(api, { person: '項目 太郎' });
    const si = new SignInHarness(
      await fixture<AlumniSignIn>(html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang}></alumni-sign-in>`),
    );
    await si.waitForEditor();
    return si;
  }

  it('opens from the bar’s Profile button (aria-expanded) and closes again', async () => {
    await signInAs(api, { person: '開閉 花子' });
    const si = new SignInHarness(await fixture<AlumniSignIn>(html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>`));
    await si.waitForBar();
    expect(si.hasEditor()).to.equal(false);
    expect(si.profileButton.getAttribute('aria-expanded')).to.equal('false');
    await si.waitForEditor();
    expect(si.profileButton.getAttribute('aria-expanded')).to.equal('true');
    expect(si.element.getAttribute('view')).to.equal('profile');
    si.profileButton.click();
    await si.until(() => !si.hasEditor(), 'the profile view closes');
  });

  it('says in Japanese what is wrong with each field, with the API’s limits, before sending anything', async () => {
    const si = await openEditor();
    const fetches = watchFetch();
    try {
      si.fill(si.input('name'), ' ');
      si.fill(si.input('nameKana'), 'あ'.repeat(101));
      si.fill(si.input('photoUrl'), 'http://example.jp/me.png');
      si.fill(si.input('joinedYear'), '２０１２');
      si.fill(si.input('leftYear'), '2008');
      si.fill(si.input('skills'), `営業, ${'x'.repeat(51)}`);
      si.addRow('links');
      await si.until(() => si.hasInput('links.0.url'), 'a link row');
      si.fill(si.input('links.0.label'), 'ブログ');
      si.fill(si.input('links.0.url'), 'ftp://example.jp');
      si.addRow('career');
      await si.until(() => si.hasInput('career.0.from'), 'a career row');
      si.fill(si.input('career.0.department'), '営業部');
      si.fill(si.input('career.0.from'), '2019/04');
      si.save();
      await si.until(() => si.input('name').getAttribute('aria-invalid') === 'true', 'the errors');
      const errors = Object.fromEntries(
        ['name', 'nameKana', 'photoUrl', 'leftYear', 'skills', 'links.0.url', 'career.0.from'].map((n) => [n, si.errorOf(si.input(n))]),
      );
      expect(errors).to.deep.equal({
        name: '氏名を入力してください。',
        nameKana: 'ふりがなは100文字以内で入力してください。',
        photoUrl: '写真のURLは https:// で始まるURLを入力してください。',
        leftYear: '退職年は入社年より前にできません。',
        skills: 'スキルは50文字以内で入力してください。',
        'links.0.url': 'URLは http:// か https:// で始まるURLを入力してください。',
        'career.0.from': '開始は 2019 や 2019-04 の形で入力してください。',
      });
      // Full-width digits typed with a Japanese IME are a year like any other.
      expect(si.errorOf(si.input('joinedYear'))).to.equal('');
      expect(si.alert()).to.equal('入力内容を確認してください。');
      await si.until(() => deepActiveElement() === si.input('name'), 'focus on the first field to fix');
      expect(fetches.calls.filter((c) => c.startsWith('PATCH'))).to.deep.equal([]);
      await expect(si.element).to.be.accessible();
    } finally {
      fetches.stop();
    }
  });

  it('says the same in English, naming the field', async () => {
    const si = await openEditor('en');
    si.fill(si.input('photoUrl'), 'http://example.jp/me.png');
    si.fill(si.input('joinedYear'), '1850');
    si.save();
    await si.until(() => si.input('photoUrl').getAttribute('aria-invalid') === 'true', 'the errors');
    expect(si.errorOf(si.input('photoUrl'))).to.equal('Photo URL must be a URL starting with https://.');
    expect(si.errorOf(si.input('joinedYear'))).to.equal('Year joined must be a year from 1900 to 2100 (e.g. 2015).');
  });

  it('names the field in Japanese for a refusal it does not check itself, and shows the API’s words in English', async () => {
    const refuse = (_method: string, url: URL) =>
      url.pathname === '/v1/me' && _method === 'PATCH'
        ? new Response(
            JSON.stringify({ code: 'validation_failed', status: 422, errors: [{ field: 'body.currentCompany', message: 'is on the company’s blocked list' }] }),
            { status: 422, headers: { 'content-type': 'application/problem+json' } },
          )
        : undefined;
    for (const [lang, expected] of [
      ['ja', '現在の会社を確認してください。'],
      ['en', 'is on the company’s blocked list'],
    ]) {
      const si = await openEditor(lang);
      const fetches = watchFetch(refuse);
      try {
        si.fill(si.input('currentCompany'), '株式会社ブロック');
        si.save();
        await si.until(() => si.input('currentCompany').getAttribute('aria-invalid') === 'true', `the refusal (${lang})`);
        expect(si.errorOf(si.input('currentCompany'))).to.equal(expected);
      } finally {
        fetches.stop();
      }
      si.element.remove();
      signOutLocally(api);
    }
  });

  it('labels each visibility choice with its field, on screen and for screen readers, at phone width, without stretching it', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const si = await openEditor();
      si.addRow('career');
      await si.until(() => si.hasInput('career.0.department'), 'a career row');
      const selects = si.$$<HTMLSelectElement>('select[name^="v."]');
      expect(selects.length).to.equal(16);
      for (const select of selects) {
        const field = select.name.slice(2);
        // The field's own label (or a group's legend) is what the select's name starts with.
        const row = select.closest('.row, fieldset')!;
        const label = si.text(row.matches('fieldset') ? row.querySelector('legend')! : row.querySelector('label')!);
        const name = select.getAttribute('aria-label')!;
        expect(name, field).to.match(/^.+の公開範囲$/);
        expect(label, field).to.contain(name.replace(/の公開範囲$/, ''));
        expect(si.visibilityLabel(field), field).to.equal('公開範囲');
        const width = select.getBoundingClientRect().width;
        expect(width, `${field} select width`).to.be.below(200);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(390);
      for (const node of si.controls()) expect(node.getBoundingClientRect().right).to.be.at.most(390);
      await expect(si.element).to.be.accessible();
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
  it('shows the mail a member can turn off, saves each box as it changes, and reads it back next time', async () => {
    const si = await openEditor();
    const box = (topic: string) => si.$<HTMLInputElement>(`[part~="mail-settings"] input[name="mail.${topic}"]`);
    await si.until(() => si.$$('[part~="mail-settings"] input[type="checkbox"]').length === 7, 'the mail settings');
    expect(box('feed.digest').checked, 'the digest is on by default').to.equal(true);
    expect(box('jobs.alerts').checked, 'job alerts are off by default').to.equal(false);
    box('feed.digest').click();
    await si.until(() => si.$('[part~="mail-settings"] [role="status"]')?.textContent?.includes('保存しました') ?? false, 'saved');
    box('jobs.alerts').click();
    await si.until(() => !box('jobs.alerts').disabled && box('jobs.alerts').checked, 'saved again');
    await expect(si.element).to.be.accessible();
    // A new element (another visit) reads what the API stored.
    si.element.remove();
    const again = new SignInHarness(
      await fixture<AlumniSignIn>(html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey}></alumni-sign-in>`),
    );
    await again.waitForEditor();
    const box2 = (topic: string) => again.$<HTMLInputElement>(`[part~="mail-settings"] input[name="mail.${topic}"]`);
    await again.until(() => again.$$('[part~="mail-settings"] input').length === 7, 'the mail settings again');
    expect([box2('feed.digest').checked, box2('jobs.alerts').checked, box2('events.reminders').checked]).to.deep.equal([false, true, true]);
  });
});
