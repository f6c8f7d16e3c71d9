import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, openPage, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * `<alumni-post-feed>` in each state at 390 px and 1280 px, in Japanese and English, on the example
 * site (API on another origin, strict CSP, demo feed): the careers page signed out (public company
 * news only), the alumni page signed out and signed in, the composer, a thread, the relay chain and an
 * empty search. Each is checked for the page scrolling sideways, controls past the screen's edge, text
 * wider than its card, and axe-core; with HOMECOMING_SCREENSHOTS=<folder> each is photographed
 * (`feed-<state>-<lang>-<width>.png`).
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;
const members = ['hanako.tanaka@example.jp', 'kenji.sato@example.jp', 'emily.clark@example.com', 'taro.suzuki@example.jp'];

describe('screens: the feed, phone and desktop, ja and en', () => {
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

  async function shot(page: Page, target: Locator, name: string, device: Device, lang: Lang): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    const width = viewports[device].width;
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `${name} (${lang}, ${width}px): the page scrolls sideways (${scrollWidth}px)`);
    const overflow = await target.evaluate((el, w) => {
      const root = el.shadowRoot!;
      const controls = [...root.querySelectorAll('input, select, textarea, button, a')] as HTMLElement[];
      const past = controls.filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > w + 0.5).map((n) => n.outerHTML.slice(0, 80));
      // Long words and URLs must wrap inside the card, not run past it.
      const cards = [...root.querySelectorAll('[part~="post"]')] as HTMLElement[];
      const wide = cards.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `card ${c.scrollWidth} > ${c.clientWidth}: ${c.textContent!.trim().slice(0, 40)}`);
      return [...past, ...wide];
    }, width);
    assert.deepEqual(overflow, [], `${name} (${lang}, ${width}px): past the edge`);
    assert.deepEqual(await seriousViolations(page, ['alumni-post-feed']), [], `${name} (${lang}, ${width}px): axe`);
    if (!folder) return;
    const header = (sticky: boolean) =>
      page.evaluate((on) => document.querySelector<HTMLElement>('.site-header')?.style.setProperty('position', on ? '' : 'static'), sticky);
    await header(false);
    await target.screenshot({ path: join(folder, `feed-${name}-${lang}-${width}.png`), animations: 'disabled' });
    await header(true);
  }

  async function signIn(page: Page, email: string): Promise<void> {
    const form = page.locator('alumni-sign-in');
    await form.locator('input[name="email"]').fill(email);
    const before = smtp.messages.length;
    await form.locator('form button[part~="button"]').first().click();
    await form.locator('input[name="code"]').fill(await codeFor(smtp, email, before));
    await form.locator('[part~="bar"]').waitFor({ timeout: 30_000 });
  }

  for (const device of ['phone', 'desktop'] as const) {
    for (const lang of ['ja', 'en'] as const) {
      it(`${device} (${viewports[device].width} px), ${lang}`, async () => {
        const { siteOrigin, apiOrigin, browser } = stack;
        const careers = await openPage(browser, `${siteOrigin}/`, device, lang, apiOrigin);
        const publicFeed = careers.page.locator('alumni-post-feed');
        await publicFeed.locator('[part~="post"]').first().waitFor({ timeout: 30_000 });
        await shot(careers.page, publicFeed, 'careers-signed-out', device, lang);
        assert.equal(await publicFeed.locator('[part~="write-button"]').count(), 0, 'no composer for visitors');
        assert.deepEqual(careers.problems, []);
        await careers.page.close();

        const { page, problems } = await openPage(browser, `${siteOrigin}/alumni.html`, device, lang, apiOrigin);
        const feed = page.locator('alumni-post-feed');
        await feed.locator('[part~="signed-out-note"]').waitFor({ timeout: 30_000 });
        await shot(page, feed, 'alumni-signed-out', device, lang);
        assert.equal(await feed.locator('[part~="signed-out-note"] a').getAttribute('href'), '#sign-in', 'the note leads to the sign-in');

        await signIn(page, members[seq++ % members.length]!);
        await feed.locator('[part~="write-button"]').waitFor({ timeout: 30_000 });
        await feed.locator('[part~="post"]', { hasText: 'Python' }).waitFor();
        await shot(page, feed, 'signed-in', device, lang);

        await feed.locator('[part~="write-button"]').click();
        await feed.locator('[part~="composer"] textarea').waitFor();
        await shot(page, feed, 'composer', device, lang);
        await feed.locator('[part~="composer"] button', { hasText: lang === 'ja' ? 'キャンセル' : 'Cancel' }).click();

        const help = feed.locator('[part~="post"]', { hasText: 'Python' }).first();
        await help.locator('[part~="comments-button"]').click();
        await help.locator('[part~="comments"] > form textarea').waitFor();
        await shot(page, feed, 'comments', device, lang);

        const intro = feed.locator('[part~="post"]', { has: page.locator('[part~="relay"]') }).first();
        await intro.locator('[part~="relay"] button').first().click();
        await feed.locator('[part~="relay-chain"]').first().waitFor();
        await shot(page, feed, 'relay', device, lang);

        await feed.locator('input[type="search"]').fill('該当なしzzzz');
        await feed.locator('[part~="empty"]').waitFor({ timeout: 15_000 });
        await shot(page, feed, 'empty', device, lang);
        assert.deepEqual(problems, [], 'nothing refused or logged on the alumni page');
        await page.close();
      });
    }
  }
});
