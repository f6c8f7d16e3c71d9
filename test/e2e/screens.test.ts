import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, openPage, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * Every element in every state, at 390 px and 1280 px, in Japanese and English, on the example site
 * (API on another origin, strict CSP, a real SMTP server for the codes). Each state is checked for
 * what a screenshot would show wrong — the page scrolling sideways, a control past the screen's edge —
 * and by axe-core (no critical or serious violation), and, with HOMECOMING_SCREENSHOTS=<folder>,
 * photographed there for a person to look at:
 * `<element>-<state>-<lang>-<width>.png`.
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;

describe('screens: each element in each state, phone and desktop, ja and en', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  let seq = 0;

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
  });
  after(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** Checks what would look broken and, when asked, saves the picture. */
  async function shot(page: Page, target: Locator | 'page', name: string, device: Device, lang: Lang): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    const width = viewports[device].width;
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `${name} (${lang}, ${width}px): the page scrolls sideways (${scrollWidth}px)`);
    if (target !== 'page') {
      const overflow = await target.evaluate((el, w) => {
        const nodes = [...(el.shadowRoot?.querySelectorAll('input, select, textarea, button, a') ?? [])] as HTMLElement[];
        return nodes.filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > w + 0.5).map((n) => n.outerHTML.slice(0, 80));
      }, width);
      assert.deepEqual(overflow, [], `${name} (${lang}, ${width}px): controls past the right edge`);
    }
    assert.deepEqual(await seriousViolations(page), [], `${name} (${lang}, ${width}px): axe`);
    if (!folder) return;
    const path = join(folder, `${name}-${lang}-${width}.png`);
    if (target === 'page') {
      await page.screenshot({ path });
      return;
    }
    // A tall element is photographed in slices as the page scrolls: the sticky header would show up in it.
    const header = (sticky: boolean) =>
      page.evaluate((on) => document.querySelector<HTMLElement>('.site-header')?.style.setProperty('position', on ? '' : 'static'), sticky);
    await header(false);
    await target.screenshot({ path, animations: 'disabled' });
    await header(true);
  }

  const signIn = (page: Page) => page.locator('alumni-sign-in');
  const directory = (page: Page) => page.locator('alumni-member-directory');

  /** Signs a new address in through the form, up to the first-sign-in form. */
  async function toWelcome(page: Page, device: Device, lang: Lang, email: string): Promise<void> {
    const before = smtp.messages.length;
    await signIn(page).locator('input[name="email"]').fill(email);
    await signIn(page).locator('form button[part~="button"]').first().click();
    await signIn(page).locator('input[name="code"]').waitFor();
    await shot(page, signIn(page), 'sign-in-code-step', device, lang);
    await signIn(page).locator('input[name="code"]').fill(await codeFor(smtp, email, before));
    await signIn(page).locator('[part~="welcome"]').waitFor({ timeout: 15_000 });
  }

  async function admin(method: string, path: string, body: unknown): Promise<void> {
    const res = await fetch(`${stack.apiOrigin}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status}`);
  }

  for (const device of ['phone', 'desktop'] as const) {
    for (const lang of ['ja', 'en'] as const) {
      it(`${device} (${viewports[device].width} px), ${lang}`, async () => {
        const { siteOrigin, apiOrigin } = stack;
        // The careers page: the header menu and the event list.
        const careers = await openPage(stack.browser, `${siteOrigin}/`, device, lang, apiOrigin);
        await careers.page.locator('alumni-event-list [part~="item"]').first().waitFor({ timeout: 30_000 });
        await shot(careers.page, 'page', 'careers-top', device, lang);
        await shot(careers.page, careers.page.locator('alumni-event-list'), 'event-list-list', device, lang);
        await careers.page.locator('alumni-event-list [part~="item-title"]').first().click();
        await careers.page.locator('alumni-event-list [part~="detail"] h2').waitFor();
        await shot(careers.page, careers.page.locator('alumni-event-list'), 'event-list-detail', device, lang);
        await careers.page.close();

        // The alumni page, signed out, then a first sign-in.
        const { page, problems } = await openPage(stack.browser, `${siteOrigin}/alumni.html`, device, lang, apiOrigin);
        await signIn(page).locator('input[name="email"]').waitFor({ timeout: 30_000 });
        await directory(page).locator('[part~="signed-out"]').waitFor();
        await shot(page, signIn(page), 'sign-in-signed-out', device, lang);
        await shot(page, directory(page), 'directory-signed-out', device, lang);
        await toWelcome(page, device, lang, `screens-${device}-${lang}-${++seq}@example.jp`);
        await shot(page, signIn(page), 'sign-in-first-sign-in', device, lang);
        await shot(page, directory(page), 'directory-needs-name', device, lang);
        await signIn(page).locator('input[name="name"]').fill(lang === 'ja' ? '撮影 花子' : 'Hana Shots');
        await signIn(page).locator('[part~="continue-button"]').click();
        await signIn(page).locator('[part~="bar"]').waitFor();
        await directory(page).locator('[part~="item"]').first().waitFor({ timeout: 15_000 });
        await shot(page, 'page', 'alumni-landing', device, lang);
        await shot(page, signIn(page), 'sign-in-signed-in', device, lang);
        await shot(page, directory(page), 'directory-list', device, lang);

        await signIn(page).locator('[part~="profile-button"]').click();
        await signIn(page).locator('[part~="save-button"]').waitFor();
        await shot(page, signIn(page), 'sign-in-profile', device, lang);
        await signIn(page).locator('input[name="photoUrl"]').fill('http://example.jp/me.png');
        await signIn(page).locator('input[name="leftYear"]').fill('1999');
        await signIn(page).locator('input[name="joinedYear"]').fill('2005');
        await signIn(page).locator('[part~="save-button"]').click();
        await signIn(page).locator('[aria-invalid="true"]').first().waitFor();
        await shot(page, signIn(page), 'sign-in-profile-errors', device, lang);
        await signIn(page).locator('[part~="profile-button"]').click();

        await directory(page).locator('[part~="filters-toggle"]').click();
        await shot(page, directory(page), 'directory-filters', device, lang);
        await directory(page).locator('[part~="filters-toggle"]').click();
        await directory(page).locator('[part~="item-title"]').first().click();
        await directory(page).locator('[part~="detail"] h2').waitFor();
        await shot(page, directory(page), 'directory-detail', device, lang);
        await directory(page).locator('[part~="back-button"]').click();
        await directory(page).locator('input[type="search"]').fill('該当なしzzzz');
        await directory(page).locator('[part~="empty"]').waitFor({ timeout: 15_000 });
        await shot(page, directory(page), 'directory-empty', device, lang);
        assert.deepEqual(problems, [], 'nothing refused or logged on the alumni page');
        await page.close();

        // A member waiting for approval.
        await admin('PATCH', '/v1/admin/tenant', { membershipPolicy: 'roster_then_approval' });
        try {
          const pending = await openPage(stack.browser, `${siteOrigin}/alumni.html`, device, lang, apiOrigin);
          await signIn(pending.page).locator('input[name="email"]').waitFor({ timeout: 30_000 });
          await toWelcome(pending.page, device, lang, `pending-${device}-${lang}-${++seq}@example.jp`);
          await pending.page.locator('alumni-sign-in input[name="name"]').fill(lang === 'ja' ? '承認 待子' : 'Pat Pending');
          await signIn(pending.page).locator('[part~="continue-button"]').click();
          await directory(pending.page).locator('[part~="pending"]').waitFor({ timeout: 15_000 });
          await shot(pending.page, signIn(pending.page), 'sign-in-pending', device, lang);
          await shot(pending.page, directory(pending.page), 'directory-pending', device, lang);
          assert.deepEqual(pending.problems, [], 'a pending member’s page logs nothing (no 403 from /v1/members)');
          await pending.page.close();
        } finally {
          await admin('PATCH', '/v1/admin/tenant', { membershipPolicy: 'open' });
        }

        // A page on an origin the tenant has not allowed (localhost is not 127.0.0.1).
        const other = siteOrigin.replace('127.0.0.1', 'localhost');
        const refused = await openPage(stack.browser, `${other}/`, device, lang, apiOrigin);
        await refused.page.locator('alumni-event-list [part~="error"]').waitFor({ timeout: 30_000 });
        await shot(refused.page, refused.page.locator('alumni-event-list'), 'event-list-origin-refused', device, lang);
        const hint = refused.problems.filter((p) => p.includes('[homecoming]'));
        assert.equal(hint.length, 1, `one [homecoming] line in the console: ${refused.problems.join('\n')}`);
        assert.ok(hint[0]!.includes(`npm run homecoming -- origins add --tenant ten_… ${other}`), hint[0]);
        await refused.page.close();
      });
    }
  }
});
