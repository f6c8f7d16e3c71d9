import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../widgets/job-board/define.js';
import type { AlumniJobBoard } from '../../widgets/job-board/job-board.js';
import { JobBoardHarness } from '../../widgets/job-board/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { fixtureJobs, publicJobKeys } from '../helpers/widget-job-fixtures.js';
import { signInAs, signOutLocally, store, watchFetch } from '../helpers/widget-member-test.js';
import { createApi, deepActiveElement, startApi, stopApi } from '../helpers/widget-test.js';

const job = (key: string) => fixtureJobs.find((j) => j.key === key)!;
const jobs = <T = unknown>(api: WidgetApi, cmd: string, payload: Record<string, unknown> = {}) =>
  executeServerCommand<T, object>('homecoming-api', { ...payload, cmd: `jobs.${cmd}`, name: api.name });

describe('<alumni-job-board>', () => {
  let api: WidgetApi;
  let ids: Record<string, string>;
  before(async () => {
    api = await createApi();
    ({ ids } = await jobs<{ ids: Record<string, string> }>(api, 'seed'));
    await jobs(api, 'contact', { emails: ['saiyo@example.jp'] });
  });
  afterEach(() => {
    signOutLocally(api);
    history.replaceState(null, '', location.pathname + location.search);
  });

  async function render(attrs: { lang?: string; href?: string } = {}) {
    const el = await fixture<AlumniJobBoard>(
      html`<alumni-job-board api-url=${api.url} publishable-key=${api.publishableKey} lang=${attrs.lang ?? 'ja'} sign-in-href=${attrs.href ?? '#sign-in'}></alumni-job-board>`,
    );
    return new JobBoardHarness(el);
  }

  it('signed out: the public open jobs, newest first, with type, work style and pay; members-only jobs are not there, and say how to see them', async () => {
    const board = await render();
    await board.waitForCards();
    expect(board.titles()).to.deep.equal(publicJobKeys.map((k) => job(k).title));
    const text = board.text();
    for (const hidden of ['members', 'closed', 'draft']) expect(text).not.to.contain(job(hidden).title);
    const sales = board.text(board.card(job('sales').title));
    expect(sales).to.contain('正社員（再入社）').and.to.contain('ハイブリッド').and.to.contain('東京都港区 · 営業本部');
    expect(sales).to.match(/600万.*900万.*／年/);
    expect(board.hasTabs()).to.equal(false);
    expect(board.signedOutNote()).to.contain('メンバー限定の求人もあります');
    expect(board.$('.note a').getAttribute('href')).to.equal('#sign-in');
    await expect(board.element).to.be.accessible();
  });

  it('searches in Japanese as the person types, and filters by type and department', async () => {
    const board = await render();
    await board.waitForCards();
    await board.search('営業');
    await board.waitForCards(1, 'only the sales job');
    expect(board.titles()).to.deep.equal([job('sales').title]);
    await board.search('該当なしzzz');
    await board.until(() => board.isEmpty(), 'no match');
    expect(board.emptyText()).to.equal('条件に合う求人はありません。');
    await board.search(' ');
    await board.waitForCards(3);
    board.filtersToggle.click();
    await board.until(() => board.filtersShown(), 'filters show');
    expect(board.filtersToggle.getAttribute('aria-expanded')).to.equal('true');
    board.choose('type', 'side_job');
    await board.waitForCards(1, 'only the side job');
    expect(board.titles()).to.deep.equal([job('design').title]);
    expect(board.text(board.filtersToggle)).to.contain('(1)');
    board.choose('type', '');
    await board.until(() => [...board.filter('department').options].some((o) => o.value === '生産技術部'), 'departments from the API');
    board.choose('department', '生産技術部');
    await board.waitForCards(1, 'only the production engineering job');
    expect(board.titles()).to.deep.equal([job('ats').title]);
  });

  it('opens a job: the detail with its rich text, focus on the title, a link in the address, an event; back returns to the card', async () => {
    const board = await render();
    await board.waitForCards();
    const opened = oneEvent(board.element, 'alumni-job-open');
    board.open(job('sales').title);
    expect((await opened).detail).to.deep.equal({ jobId: ids.sales });
    await board.waitForDetail(job('sales').title);
    expect(location.hash).to.equal(`#alumni-job=${ids.sales}`);
    expect(deepActiveElement()).to.equal(board.detailHeading);
    const [description, requirements] = board.richTexts();
    expect(description!.querySelector('h3')!.textContent).to.equal('仕事内容');
    expect(description!.querySelector('strong')!.textContent).to.equal('提案');
    const link = description!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.jp/jobs');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer ugc');
    expect(requirements!.textContent).to.contain('法人営業の経験');
    expect(board.facts()).to.contain('営業本部').and.to.contain('東京都港区');
    expect(board.actionsText()).to.contain('サインインが必要です');
    await expect(board.element).to.be.accessible();
    board.back();
    await board.until(() => !board.isDetailShown() && board.titles().length === 3, 'the list is back');
    await board.until(() => deepActiveElement() === board.card(job('sales').title).querySelector('[part~="item-title"]'), 'focus on the card');
    expect(location.hash).to.equal('');
  });

  it('follows a link to a job (#alumni-job=…), and to a members-only job signed out explains and links to sign-in', async () => {
    history.replaceState(null, '', `#alumni-job=${ids.design}`);
    let board = await render();
    await board.waitForDetail(job('design').title);
    expect(board.facts()).to.contain('フルリモート');
    board.element.remove();
    history.replaceState(null, '', `#alumni-job=${ids.members}`);
    board = await render();
    await board.until(() => board.has('[part~="detail"] [part~="signed-out"]'), 'the not-found state');
    expect(board.detailState()).to.contain('メンバー限定の求人は、サインインすると表示されます');
    expect(board.text()).not.to.contain(job('members').title);
    // A closed job, linked to: it says so, and offers nothing to do.
    board.element.remove();
    await signInAs(api);
    history.replaceState(null, '', `#alumni-job=${ids.closed}`);
    board = await render();
    await board.waitForDetail(job('closed').title);
    expect(board.actionsText()).to.equal('この求人の募集は終了しました。');
    expect(board.button('interest')).to.equal(null);
  });

  it('signed in: members-only jobs show; interest with a note goes to the company, the detail says sent, “your responses” lists it; withdraw', async () => {
    const { member } = await signInAs(api, { person: '戻る 花子' });
    const board = await render();
    await board.until(() => board.titles().includes(job('members').title), 'the members-only job shows');
    board.open(job('members').title);
    await board.waitForDetail(job('members').title);
    await board.respond('interest');
    expect(board.text(board.dialog!)).to.contain('会社に公開している項目');
    await expect(board.element).to.be.accessible();
    board.fillDialog({ note: 'ぜひ話を聞きたいです' });
    board.send();
    await board.until(() => board.dialogStatus().includes('送りました'), 'sent');
    board.closeDialog();
    await board.until(() => board.actionsText().includes('興味ありを送信済み'), 'the detail says sent');
    await board.until(() => deepActiveElement() !== null, 'focus stays in the board');
    const responses = (await jobs<{ data: { kind: string; note: string; member: { id: string } }[] }>(api, 'responses')).data;
    expect(responses.find((r) => r.member.id === member.id)).to.include({ kind: 'interest', note: 'ぜひ話を聞きたいです' });

    await board.openMine();
    expect(board.responses()[0]).to.contain('興味あり').and.to.contain('検討中').and.to.contain(job('members').title);
    await board.withdraw(0);
    await board.until(() => board.responses()[0]?.includes('取り下げ済み') ?? false, 'withdrawn');
  });

  it('applies with a message (the API’s refusal shown beside its field), and an ATS job sends the member to the company’s site', async () => {
    await signInAs(api, { person: '応募 一郎' });
    history.replaceState(null, '', `#alumni-job=${ids.design}`);
    const board = await render();
    await board.waitForDetail(job('design').title);
    await board.respond('apply');
    board.fillDialog({ message: '週 1 日でお手伝いできます。', resumeUrl: 'http://example.jp/cv' });
    board.send();
    await board.until(() => board.dialogError('resumeUrl') !== '', 'the URL is refused');
    expect(board.dialogField('resumeUrl').getAttribute('aria-invalid')).to.equal('true');
    board.fillDialog({ resumeUrl: 'https://example.jp/cv' });
    board.send();
    await board.until(() => board.dialogStatus().includes('応募しました'), 'applied');
    board.closeDialog();
    await board.until(() => board.button('apply')?.hasAttribute('disabled') ?? false, 'the apply button says applied');
    expect(board.text(board.button('apply')!)).to.equal('応募済み');
    history.replaceState(null, '', `#alumni-job=${ids.ats}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await board.waitForDetail(job('ats').title);
    const ats = board.button('apply') as HTMLAnchorElement;
    expect(ats.tagName).to.equal('A');
    expect(ats.getAttribute('href')).to.equal('https://ats.example.jp/jobs/42');
    expect(ats.getAttribute('rel')).to.contain('noopener');
  });

  it('refers someone who agreed; the member sees the referral without the address; the company has it', async () => {
    await signInAs(api, { person: '紹介 次郎' });
    history.replaceState(null, '', `#alumni-job=${ids.sales}`);
    const board = await render();
    await board.waitForDetail(job('sales').title);
    await board.respond('refer');
    board.fillDialog({ name: '候補 さくら', email: 'sakura.widget@example.jp', relation: '前職の後輩' });
    board.send();
    // The agreement box is required: nothing is sent without it.
    await new Promise((r) => setTimeout(r, 200));
    expect(board.dialogStatus()).to.equal('');
    board.fillDialog({ agreed: true });
    board.send();
    await board.until(() => board.dialogStatus().includes('ご紹介ありがとうございます'), 'referred');
    board.closeDialog();
    await board.openMine();
    expect(board.responses()[0]).to.contain('紹介').and.to.contain('候補 さくら（前職の後輩）');
    expect(board.text()).not.to.contain('sakura.widget');
    const responses = (await jobs<{ data: { referral: { email: string } | null }[] }>(api, 'responses')).data;
    expect(responses.some((r) => r.referral?.email === 'sakura.widget@example.jp')).to.equal(true);
  });

  it('shows the offers received; one click declines; job alerts by type, on and off', async () => {
    const { member } = await signInAs(api, { person: '声かけ 三郎', profile: { openTo: ['side_job'] } });
    await jobs(api, 'offer', { memberId: member.id, kind: 'side_job', message: '副業でデザインをお願いできませんか。' });
    const board = await render();
    await board.waitForCards();
    await board.openMine();
    expect(board.offers()).to.have.length(1);
    expect(board.text(board.offers()[0]!)).to.contain('副業').and.to.contain('副業でデザインをお願いできませんか。');
    board.answerOffer(0, 'decline');
    await board.until(() => board.text(board.offers()[0]!).includes('お断りしました'), 'declined');
    expect(board.alertsStatus()).to.contain('停止中');
    board.alertType('side_job').click();
    board.alertType('freelance').click();
    board.saveAlerts();
    await board.until(() => board.alertsStatus().includes('受け取っています'), 'alerts on');
    expect(board.alertType('side_job').checked).to.equal(true);
    board.stopAlerts();
    await board.until(() => board.alertsStatus().includes('停止中'), 'alerts off');
    await expect(board.element).to.be.accessible();
  });

  it('a member waiting for approval reads jobs but is told they can respond once approved', async () => {
    await signInAs(api, { status: 'pending', person: '承認 待子' });
    history.replaceState(null, '', `#alumni-job=${ids.sales}`);
    const board = await render();
    await board.waitForDetail(job('sales').title);
    expect(board.actionsText()).to.contain('承認後に');
    expect(board.button('interest')).to.equal(null);
  });

  it('tells a current employee calmly that jobs are not part of their membership: no error, no retry', async () => {
    const { member } = await signInAs(api, { kind: 'employee', person: '現役 社員' });
    expect(member.features).to.not.include('jobs');
    const board = await render();
    await board.until(() => board.unavailableText() !== '', 'the unavailable note');
    expect(board.unavailableText()).to.contain('メンバー区分');
    expect(board.has('[part~="error"]')).to.equal(false);
    expect(board.has('[part~="retry-button"]')).to.equal(false);
    await expect(board.element).to.be.accessible();
  });

  it('says the same when the session predates the kind change: the API’s 403 feature-not-available, not an error', async () => {
    const { token, member } = await signInAs(api, { kind: 'employee', person: '変更 社員' });
    const { features: _features, ...stale } = member;
    store(api).set({ token, member: stale });
    const board = await render({ lang: 'en' });
    await board.until(() => board.unavailableText() !== '', 'the unavailable note');
    expect(board.unavailableText()).to.contain('not part of your membership');
    expect(board.has('[part~="error"]')).to.equal(false);
  });

  it('speaks English with lang="en", using a job’s translation', async () => {
    const board = await render({ lang: 'en' });
    await board.waitForCards();
    expect(board.titles()).to.include('Corporate sales (rehire)');
    expect(board.text(board.card('Corporate sales (rehire)'))).to.contain('Full-time (rehire)').and.to.contain('Hybrid').and.to.contain('/ year');
    board.open('Corporate sales (rehire)');
    await board.waitForDetail('Corporate sales (rehire)');
    expect(board.richTexts()[0]!.textContent).to.contain('Proposals to existing customers');
    expect(board.actionsText()).to.contain('Sign in to say you are interested');
  });

  it('switches tabs with the arrow keys', async () => {
    await signInAs(api);
    const board = await render();
    await board.waitForCards();
    board.tab('jobs').focus();
    await board.press('ArrowRight');
    await board.until(() => board.has('[part~="mine"]'), 'your responses');
    expect(deepActiveElement()).to.equal(board.tab('mine'));
    await board.press('ArrowLeft');
    await board.waitForCards();
    expect(board.tab('jobs').getAttribute('aria-selected')).to.equal('true');
  });

  it('shows an error with a retry when the API is down, and recovers', async () => {
    await stopApi(api);
    const watch = watchFetch();
    try {
      const board = await render();
      await board.until(() => board.hasError(), 'the error state');
      expect(board.errorMessage()).to.contain('サーバーに接続できません');
      await startApi(api);
      board.retry();
      await board.waitForCards(3);
    } finally {
      watch.stop();
      await startApi(api);
    }
  });
});
