import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, openPage, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * Groups in `<alumni-post-feed>` at 390 px and 1280 px, ja and en, on the example site (another
 * origin, strict CSP, the demo seeded, groups made with the secret key): browsing groups, and a group's
 * page with its members and posts. Each is checked for sideways scrolling, controls past the edge and
 * axe-core; with HOMECOMING_SCREENSHOTS=<folder> each is photographed (`groups-<state>-<lang>-<width>.png`).
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;
const members = ['hanako.tanaka@example.jp', 'kenji.sato@example.jp', 'emily.clark@example.com', 'taro.suzuki@example.jp'];

describe('screens: groups in the feed, phone and desktop, ja and en', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  let seq = 0;

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
    const admin = (body: unknown) =>
      fetch(`${stack.apiOrigin}/v1/admin/groups`, { method: 'POST', headers: { authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const body of [
      { name: '営業部 OB・OG 会', description: '営業部にいた人の集まりです。近況や案件の相談をどうぞ。', kind: 'department', joinRule: 'open', visibility: 'members' },
      { name: '2015 年入社の同期', description: '同期のゆるいつながり', kind: 'era', joinRule: 'request', visibility: 'members' },
      { name: 'Product Leadership Circle', description: 'Former product managers and designers.', kind: 'interest', joinRule: 'invitation', visibility: 'members' },
    ]) {
      assert.equal((await admin(body)).status, 201);
    }
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
    const past = await target.evaluate(
      (el, w) =>
        ([...el.shadowRoot!.querySelectorAll('input, select, textarea, button, a')] as HTMLElement[])
          .filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > w + 0.5)
          .map((n) => n.outerHTML.slice(0, 80)),
      width,
    );
    assert.deepEqual(past, [], `${name} (${lang}, ${width}px): past the edge`);
    assert.deepEqual(await seriousViolations(page, ['alumni-post-feed']), [], `${name} (${lang}, ${width}px): axe`);
    if (!folder) return;
    await page.evaluate(() => document.querySelector<HTMLElement>('.site-header')?.style.setProperty('position', 'static'));
    await target.locator('[part~="groups"]').screenshot({ path: join(folder, `groups-${name}-${lang}-${width}.png`), animations: 'disabled' });
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
        const { page, problems } = await openPage(stack.browser, `${stack.siteOrigin}/alumni.html`, device, lang, stack.apiOrigin);
        const feed = page.locator('alumni-post-feed');
        await feed.locator('[part~="signed-out-note"]').waitFor({ timeout: 30_000 });
        await signIn(page, members[seq++ % members.length]!);
        await feed.locator('[part~="group-picker"]').waitFor({ timeout: 30_000 });
        await feed.locator('[part~="browse-button"]').click();
        await feed.locator('[part~="group-browser"] [part~="group"]').nth(2).waitFor();
        await shot(page, feed, 'browse', device, lang);
        const sales = feed.locator('[part~="group-browser"] [part~="group"]', { hasText: '営業部' });
        await sales.locator('[part~="group-action"]').click();
        await feed.locator('section[part~="group"]').waitFor();
        await feed.locator('[part~="members-button"]').click();
        await feed.locator('[part~="group-members"] li').first().waitFor();
        await shot(page, feed, 'page', device, lang);
        await feed.locator('[part~="leave-button"]').click();
        await feed.locator('section[part~="group"]').waitFor({ state: 'detached' });
        assert.deepEqual(problems, [], 'nothing refused or logged on the alumni page');
        await page.close();
      });
    }
  }
});
