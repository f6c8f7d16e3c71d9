import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { demoJobs } from '../../server/demo/jobs.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * The comeback-job board on the example careers site, as `npm start` serves it (API on another origin,
 * strict CSP, a real SMTP server for the sign-in code): an alumna browses public jobs signed out, signs
 * in on the alumni page, comes back, says she is interested, and finds it in "your responses"; the
 * company moves it to hired through the admin API and its count of comeback hires rises. Then every
 * state of the board at 390 px and 1280 px in Japanese and English, checked for overflow and by axe
 * (HOMECOMING_SCREENSHOTS=<folder> photographs each as `job-board-<state>-<lang>-<width>.png`).
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;

describe('the job board on the example careers site, end to end', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  /** The member's session as the widgets keep it (localStorage), to open more pages signed in. */
  let session: [string, string][] = [];

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
  });
  after(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const board = (page: Page) => page.locator('alumni-job-board');
  const jobs = demoJobs(new Date());
  const [sales, , , membersOnly] = jobs;

  async function open(path: string, device: Device, lang: Lang, signedIn = false): Promise<{ page: Page; problems: string[] }> {
    const page = await stack.browser.newPage({ viewport: viewports[device], isMobile: device === 'phone', hasTouch: device === 'phone', locale: lang === 'ja' ? 'ja-JP' : 'en-US', timezoneId: 'Asia/Tokyo' });
    const problems: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => r.url().startsWith(stack.apiOrigin) && r.status() >= 400 && problems.push(`API ${r.status()}: ${r.request().method()} ${r.url()}`));
    if (signedIn) await page.addInitScript((entries) => entries.forEach(([k, v]) => localStorage.setItem(k, v)), session);
    await page.goto(`${stack.siteOrigin}${path}`);
    if (lang === 'en') await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    return { page, problems };
  }

  async function admin(method: string, path: string, body?: unknown) {
    const res = await fetch(`${stack.apiOrigin}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status}`);
    return res.json() as Promise<any>;
  }

  it('browse signed out, sign in, express interest, see it in “your responses”; hired through the admin API, the comeback-hire count rises', async () => {
    // Signed out: the public jobs; the members-only one is not on the page at all.
    const careers = await open('/#jobs', 'phone', 'ja');
    await board(careers.page).locator('[part~="item-title"]').first().waitFor({ timeout: 30_000 });
    const titles = (await board(careers.page).locator('[part~="item-title"]').allTextContents()).map((t) => t.trim());
    assert.deepEqual(titles, jobs.filter((j) => j.visibility === 'public').map((j) => j.title));
    assert.ok(!(await careers.page.content()).includes(membersOnly!.title));
    await board(careers.page).locator('[part~="item-title"]', { hasText: sales!.title }).click();
    await board(careers.page).locator('[part~="detail"] h2').waitFor();
    await board(careers.page).getByText('「興味あり」・応募・紹介にはサインインが必要です。').waitFor();
    // The way to sign in: the alumni page.
    await board(careers.page).locator('[part~="actions"] a').click();
    await careers.page.waitForURL(/alumni\.html#sign-in$/);

    const signIn = careers.page.locator('alumni-sign-in');
    const email = `comeback-${Date.now()}@example.jp`;
    const before = smtp.messages.length;
    await signIn.locator('input[name="email"]').fill(email);
    await signIn.locator('form button[part~="button"]').first().click();
    await signIn.locator('input[name="code"]').fill(await codeFor(smtp, email, before));
    await signIn.locator('[part~="welcome"]').waitFor({ timeout: 15_000 });
    await signIn.locator('input[name="name"]').fill('出戻り 花子');
    await signIn.locator('[part~="continue-button"]').click();
    await signIn.locator('[part~="bar"]').waitFor();
    session = await careers.page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('homecoming:session:')));
    // She is open to side jobs too (as her profile would say); the company invites her to talk about one.
    const { token, member } = JSON.parse(session[0]![1]) as { token: string; member: { id: string } };
    const me = await fetch(`${stack.apiOrigin}/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, origin: stack.siteOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ openTo: ['rehire', 'side_job'] }),
    });
    assert.equal(me.status, 200);
    await admin('POST', '/v1/admin/job-offers', { memberId: member.id, kind: 'side_job', message: 'デザインの副業で、またご一緒できませんか。' });

    // Back on the careers page, by the job's link: interest, with a note.
    const link = `/#alumni-job=${(await admin('GET', '/v1/admin/jobs?limit=100')).data.find((j: { title: string }) => j.title === sales!.title).id}`;
    await careers.page.goto(`${stack.siteOrigin}${link}`);
    await board(careers.page).locator('[part~="detail"] h2', { hasText: sales!.title }).waitFor({ timeout: 30_000 });
    await board(careers.page).locator('[part~="interest-button"]').click();
    await board(careers.page).locator('dialog textarea[name="note"]').fill('またミライで働きたいです。');
    await board(careers.page).locator('dialog [part~="send-button"]').click();
    await board(careers.page).locator('dialog [role="status"]').waitFor();
    await board(careers.page).locator('dialog [part~="button"]').click();
    await board(careers.page).getByText('興味ありを送信済み').first().waitFor();

    await board(careers.page).locator('[role="tab"]', { hasText: 'あなたの応募' }).click();
    const response = board(careers.page).locator('[part~="response"]', { hasText: sales!.title });
    await response.locator('[part~="stage"]', { hasText: '検討中' }).waitFor();

    // The company: the response is in its pipeline; hired, it is counted.
    const pipeline = await admin('GET', '/v1/admin/job-responses?kind=interest');
    const mine = pipeline.data.find((r: { member: { email: string } }) => r.member.email === email);
    assert.equal(mine.note, 'またミライで働きたいです。');
    const hiresBefore = (await admin('GET', '/v1/admin/comeback-hires')).total;
    await admin('PATCH', `/v1/admin/job-responses/${mine.id}`, { status: 'hired' });
    const hiresAfter = await admin('GET', '/v1/admin/comeback-hires');
    assert.equal(hiresAfter.total, hiresBefore + 1);
    assert.equal(hiresAfter.byType.rehire, 1);
    await careers.page.reload();
    await board(careers.page).locator('[role="tab"]', { hasText: 'あなたの応募' }).click();
    await response.locator('[part~="stage"]', { hasText: /^採用$/ }).waitFor();
    assert.deepEqual(careers.problems, [], 'no CORS, CSP or API refusal');
    await careers.page.close();
  });

  /** What a screenshot would show wrong (sideways scroll, a control past the edge, axe), and the picture when asked. */
  async function shot(page: Page, target: Locator, state: string, device: Device, lang: Lang): Promise<void> {
    const width = viewports[device].width;
    await page.evaluate(() => document.fonts.ready);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${state} (${lang}, ${width}px) scrolls sideways`);
    const overflow = await target.evaluate((el, w) => {
      const nodes = [...(el.shadowRoot?.querySelectorAll('input, select, textarea, button, a, dialog') ?? [])] as HTMLElement[];
      return nodes.filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > w + 0.5).map((n) => n.outerHTML.slice(0, 80));
    }, width);
    assert.deepEqual(overflow, [], `${state} (${lang}, ${width}px): controls past the right edge`);
    assert.deepEqual(await seriousViolations(page, ['alumni-job-board']), [], `${state} (${lang}, ${width}px): axe`);
    if (!folder) return;
    await page.evaluate(() => document.querySelector<HTMLElement>('.site-header')?.style.setProperty('position', 'static'));
    const dialog = target.locator('dialog[open]');
    const path = join(folder, `job-board-${state}-${lang}-${width}.png`);
    if (await dialog.count()) await page.screenshot({ path });
    else await target.screenshot({ path, animations: 'disabled' });
  }

  for (const device of ['phone', 'desktop'] as const) {
    for (const lang of ['ja', 'en'] as const) {
      it(`every state at ${viewports[device].width} px, ${lang}`, async () => {
        assert.ok(session.length, 'the journey above signed a member in');
        const out = await open('/#jobs', device, lang);
        const b = board(out.page);
        await b.locator('[part~="item"]').first().waitFor({ timeout: 30_000 });
        await shot(out.page, b, 'list-signed-out', device, lang);
        await b.locator('[part~="filters-toggle"]').click();
        await shot(out.page, b, 'filters', device, lang);
        await b.locator('input[name="q"]').fill('該当なしzzzz');
        await b.locator('[part~="empty"]').waitFor({ timeout: 15_000 });
        await shot(out.page, b, 'empty', device, lang);
        await b.locator('input[name="q"]').fill('');
        await b.locator('[part~="item-title"]').first().click();
        await b.locator('[part~="detail"] h2').waitFor();
        await shot(out.page, b, 'detail-signed-out', device, lang);
        await out.page.close();

        const member = await open('/#jobs', device, lang, true);
        const m = board(member.page);
        await m.locator('[role="tab"]').first().waitFor({ timeout: 30_000 });
        await m.locator('[part~="item-title"]').first().waitFor();
        await shot(member.page, m, 'list-signed-in', device, lang);
        await m.locator('[part~="item-title"]').nth(1).click();
        await m.locator('[part~="refer-button"]').click();
        await m.locator('dialog[open]').waitFor();
        await shot(member.page, m, 'refer-dialog', device, lang);
        await m.locator('dialog [part~="button"]:not([part~="send-button"])').click();
        await m.locator('[part~="apply-button"]').click();
        await m.locator('dialog[open]').waitFor();
        await shot(member.page, m, 'apply-dialog', device, lang);
        await m.locator('dialog [part~="button"]:not([part~="send-button"])').click();
        await shot(member.page, m, 'detail-signed-in', device, lang);
        await m.locator('[role="tab"]').nth(1).click();
        await m.locator('[part~="alerts"]').waitFor();
        await shot(member.page, m, 'mine', device, lang);
        assert.deepEqual([...out.problems, ...member.problems], [], 'nothing refused or logged');
        await member.page.close();
      });
    }
  }
});
