import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/member-directory/define.js';
import type { AlumniMemberDirectory } from '../../widgets/member-directory/member-directory.js';
import { MemberDirectoryHarness } from '../../widgets/member-directory/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { member } from '../helpers/widget-member-fixtures.js';
import { addMember, members, signInAs, signOutLocally, watchFetch } from '../helpers/widget-member-test.js';
import { createApi } from '../helpers/widget-test.js';

/**
 * <alumni-member-directory> in the states issue 11 met: a pending member, a privacy policy not yet
 * accepted, members who filled in little or nothing, photos that do not load, years and empty fields.
 */
describe('<alumni-member-directory>: states and cards', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
    await members(api, 'seed');
  });
  afterEach(() => signOutLocally(api));

  async function render(on: WidgetApi = api, lang = 'ja') {
    const el = await fixture<AlumniMemberDirectory>(
      html`<alumni-member-directory api-url=${on.url} publishable-key=${on.publishableKey} lang=${lang}></alumni-member-directory>`,
    );
    return new MemberDirectoryHarness(el);
  }

  it('a pending member sees what happens next, and the page never asks /v1/members (no 403 in the console)', async () => {
    const fetches = watchFetch();
    try {
      await signInAs(api, { status: 'pending' });
      const dir = await render();
      await dir.until(() => dir.isPending(), 'the pending state');
      expect(dir.pendingText()).to.contain('承認待ち');
      dir.checkAgain();
      await dir.until(() => fetches.calls.filter((c) => c === 'GET /v1/me').length >= 2, 'the status asked again');
      await dir.until(() => dir.isPending(), 'still pending');
      expect(fetches.calls.filter((c) => c.includes('/v1/members'))).to.deep.equal([]);
      await expect(dir.element).to.be.accessible();
    } finally {
      fetches.stop();
    }
  });

  it('a member whose kind has no directory is told calmly, not shown an error', async () => {
    await members(api, 'kind', { key: 'no-directory', features: ['events'] });
    await signInAs(api, { kind: 'no-directory' });
    const dir = await render();
    await dir.until(() => dir.unavailableText() !== '', 'the unavailable note');
    expect(dir.unavailableText()).to.contain('メンバー区分');
    expect(dir.has('[part~="error"]')).to.equal(false);
    await expect(dir.element).to.be.accessible();
  });

  it('asks for the privacy policy before showing anyone, then lists once accepted', async () => {
    await members(api, 'tenant', { privacyPolicyUrl: 'https://example.jp/privacy', privacyPolicyVersion: '2026-04' });
    const fetches = watchFetch();
    try {
      const session = await signInAs(api);
      // The colleagues accepted already: only members who accepted the current version are listed.
      await members(api, 'consent', { version: '2026-04', except: session.member.id });
      const dir = await render();
      await dir.until(() => dir.hasConsent(), 'the consent prompt');
      expect(dir.consentText()).to.contain('版 2026-04');
      expect(dir.names()).to.deep.equal([]);
      expect(fetches.calls.filter((c) => c.includes('/v1/members'))).to.deep.equal([]);
      await expect(dir.element).to.be.accessible();
      dir.acceptPolicy();
      await dir.waitForCards(5, 'the list after accepting');
      const { row } = await members<{ row: { consentVersion: string } }>(api, 'get', { memberId: session.member.id });
      expect(row.consentVersion).to.equal('2026-04');
    } finally {
      fetches.stop();
      await members(api, 'tenant', { privacyPolicyUrl: null, privacyPolicyVersion: null });
    }
  });

  it('asks for the policy when the API refuses the list for it (a policy published after the page loaded)', async () => {
    const session = await signInAs(api);
    await members(api, 'tenant', { privacyPolicyUrl: 'https://example.jp/privacy', privacyPolicyVersion: '2026-05' });
    let staleAnswers = 1;
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    // What the server will answer once it enforces the policy; the first /v1/me is from before it was published.
    const fetches = watchFetch((method, url) =>
      url.pathname === '/v1/members'
        ? json(403, { code: 'consent_required', status: 403, detail: 'Accept the privacy policy first.' })
        : url.pathname === '/v1/me' && method === 'GET' && staleAnswers-- > 0
          ? json(200, session.member)
          : undefined,
    );
    try {
      const dir = await render();
      await dir.until(() => dir.hasConsent(), 'the consent prompt');
      expect(dir.consentText()).to.contain('版 2026-05');
      expect(dir.hasError()).to.equal(false);
    } finally {
      fetches.stop();
      await members(api, 'tenant', { privacyPolicyUrl: null, privacyPolicyVersion: null });
    }
  });

  it('never shows a member without a name as a blank card; members with only a name read well and pass axe', async () => {
    const fresh = await createApi();
    await addMember(fresh, { person: '' });
    await addMember(fresh, { person: '   ' });
    await addMember(fresh, { person: '田中花子' });
    await addMember(fresh, { person: 'Taro Yamada' });
    await signInAs(fresh);
    try {
      const dir = await render(fresh);
      await dir.waitForCards(2);
      expect([...dir.names()].sort()).to.deep.equal(['Taro Yamada', '田中花子']);
      expect(dir.status()).to.contain('2人');
      // Initials: a Japanese name's family name, written with or without a space; two letters otherwise.
      expect(dir.avatarText(dir.card('田中花子'))).to.equal('田');
      expect(dir.avatarText(dir.card('Taro Yamada'))).to.equal('TY');
      expect(dir.text(dir.card('田中花子'))).to.equal('田 田中花子');
      await expect(dir.element).to.be.accessible();
      dir.open('田中花子');
      await dir.waitForDetail();
      expect(dir.detail.querySelector('dl')).to.equal(null);
      await expect(dir.element).to.be.accessible();
    } finally {
      signOutLocally(fresh);
    }
  });

  it('falls back to initials when a photo does not load', async () => {
    const fresh = await createApi();
    await addMember(fresh, { person: '写真 壊子', profile: { photoUrl: 'https://127.0.0.1:9/missing.png' } });
    await signInAs(fresh);
    try {
      const dir = await render(fresh);
      await dir.waitForCards(1);
      const card = dir.card('写真 壊子');
      const img = dir.avatarImage(card)!;
      expect(img.getAttribute('src')).to.equal('https://127.0.0.1:9/missing.png');
      await dir.until(() => img.hidden === true, 'the broken photo is hidden');
      expect(dir.avatarText(card)).to.equal('写');
      expect(getComputedStyle(img).display).to.equal('none');
    } finally {
      signOutLocally(fresh);
    }
  });

  it('reads years as 2012〜2020年, and 2019年〜 for someone still there (Since 2019 in English)', async () => {
    await signInAs(api);
    const ja = await render();
    await ja.waitForCards();
    expect(ja.text(ja.card(member('hanako').name))).to.contain('2012〜2020年');
    expect(ja.text(ja.card(member('misaki').name))).to.contain('2019年〜');
    expect(ja.text()).not.to.contain('〜年');
    const en = await render(api, 'en');
    await en.waitForCards();
    expect(en.text(en.card(member('misaki').name))).to.contain('Since 2019');
    expect(en.text(en.card(member('hanako').name))).to.contain('2012–2020');
  });

  it('shows no label for a field without a value', async () => {
    await signInAs(api);
    const dir = await render();
    await dir.waitForCards();
    dir.open(member('hanako').name);
    await dir.waitForDetail();
    const labels = [...dir.detail.querySelectorAll('dt')].map((n) => n.textContent);
    expect(labels).to.include('スキル');
    expect(labels).not.to.include('資格');
    for (const dt of dir.detail.querySelectorAll('dt')) expect((dt.nextElementSibling?.textContent ?? '').trim()).not.to.equal('');
  });

  it('marks the filters toggle ▸/▾ with aria-expanded, and says what is wrong with a year instead of failing the list', async () => {
    await signInAs(api);
    const dir = await render();
    await dir.waitForCards();
    const toggle = dir.filtersToggle;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(dir.text(toggle)).to.match(/^▸/);
    expect(dir.filtersShown()).to.equal(false);
    dir.toggleFilters();
    await dir.until(() => toggle.getAttribute('aria-expanded') === 'true', 'expanded');
    expect(dir.text(toggle)).to.match(/^▾/);
    expect(dir.filtersShown()).to.equal(true);
    expect(toggle.getAttribute('aria-controls')).to.equal(dir.$('[part~="filters"]').id);

    dir.setFilter('leftYearFrom', '20');
    await dir.until(() => dir.filter('leftYearFrom').getAttribute('aria-invalid') === 'true', 'the year is refused');
    expect(dir.text(dir.$(`#${dir.filter('leftYearFrom').getAttribute('aria-describedby')}`))).to.equal('退職年（から）は1900〜2100の西暦（例 2015）で入力してください。');
    expect(dir.hasError()).to.equal(false);
    expect(dir.names().length).to.equal(5);
    dir.setFilter('leftYearFrom', '２０２１');
    await dir.until(() => dir.names().join() === member('ken').name, 'a year in full-width digits filters');
    await expect(dir.element).to.be.accessible();
  });
});
