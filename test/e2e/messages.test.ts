/**
 * Two members in two browser contexts (separate storage, separate sessions) on a page with
 * <alumni-messages> and <alumni-unread-count>: a message one sends appears for the other without a
 * reload, the badge counts it, and the answer comes back the same way. With
 * HOMECOMING_SCREENSHOTS=<folder>, each state is photographed at 390 px and 1280 px in ja and en.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { toMemberView } from '../../server/modules/members/service.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { createMember, sessionFor } from '../helpers/members.js';

const folder = process.env.HOMECOMING_SCREENSHOTS;

const page = (lang: string) => `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Messages</title>
  <meta name="homecoming:publishable-key" content="pk_…">
  <script type="module" src="http://localhost:8787/widgets/homecoming.js"></script>
</head>
<body>
  <header><alumni-unread-count href="#messages"></alumni-unread-count></header>
  <main><h1>${lang === 'ja' ? 'メッセージ' : 'Messages'}</h1><alumni-messages id="messages"></alumni-messages></main>
</body>
</html>
`;

describe('messages, end to end: two members in two browser contexts', () => {
  let stack: E2eStack;
  let site: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    site = mkdtempSync(join(tmpdir(), 'homecoming-messages-site-'));
    writeFileSync(join(site, 'ja.html'), page('ja'));
    writeFileSync(join(site, 'en.html'), page('en'));
    stack = await startE2eStack({ siteRoot: site });
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await stack?.close();
    rmSync(site, { recursive: true, force: true });
  });

  /** A new approved member of the demo tenant, signed in inside a browser context of their own. */
  async function signedIn(name: string, width: number, locale: 'ja' | 'en' = 'ja') {
    const db = stack.api.deps.db;
    const row = await createMember(db, stack.demo.tenant.id, { status: 'approved', name, locale, consentVersion: stack.demo.tenant.privacyPolicyVersion });
    const token = await sessionFor(db, row);
    const context = await stack.browser.newContext({ viewport: { width, height: 800 }, locale: locale === 'ja' ? 'ja-JP' : 'en-US', timezoneId: 'Asia/Tokyo' });
    contexts.push(context);
    const key = `homecoming:session:${stack.apiOrigin}|${stack.demo.publishableKey}`;
    const session = JSON.stringify({ token, member: toMemberView(row, stack.demo.tenant) });
    await context.addInitScript(([k, v]) => localStorage.setItem(k!, v!), [key, session]);
    return { row, context };
  }

  async function shoot(p: Page, name: string) {
    if (!folder) return;
    await p.waitForTimeout(150);
    await p.screenshot({ path: join(folder, `messages-${name}.png`), fullPage: true });
  }

  const badge = (p: Page) => p.locator('alumni-unread-count [part~="badge"]');

  for (const [lang, width] of [['ja', 390], ['en', 1280], ['ja', 1280], ['en', 390]] as const) {
    it(`${lang} at ${width} px: a message sent in one context appears in the other without a reload, and the answer comes back`, async () => {
      const taro = await signedIn(lang === 'ja' ? '山田 太郎' : 'Taro Yamada', width, lang);
      const hanako = await signedIn(lang === 'ja' ? '田中 花子' : 'Hanako Tanaka', width, lang);
      const hp = await hanako.context.newPage();
      const problems: string[] = [];
      hp.on('pageerror', (e) => problems.push(e.message));
      await hp.goto(`${stack.siteOrigin}/${lang}.html`);
      await hp.locator('alumni-messages [part~="empty"]').waitFor();
      await shoot(hp, `empty-${lang}-${width}`);
      // Connected before the message is sent, so it can only arrive live.
      await hp.waitForFunction(() => (document.querySelector('alumni-messages') as unknown as { stream: { live: boolean } }).stream.live);
      const loads: string[] = [];
      hp.on('framenavigated', (f) => loads.push(f.url()));

      const tp = await taro.context.newPage();
      await tp.goto(`${stack.siteOrigin}/${lang}.html#alumni-message=${hanako.row.id}`);
      const composer = tp.locator('alumni-messages [part~="composer"] textarea');
      await tp.locator('alumni-messages h2', { hasText: lang === 'ja' ? '田中 花子' : 'Hanako Tanaka' }).waitFor();
      await shoot(tp, `start-${lang}-${width}`);
      await composer.fill(lang === 'ja' ? 'ご無沙汰しています。来月の交流会、行かれますか？' : 'Long time no see! Are you coming to the meetup?');
      await tp.locator('alumni-messages [part~="send-button"]').click();
      await tp.locator('alumni-messages [part~="message"]').first().waitFor();

      // Hanako: the conversation, its unread count and the header badge, with no reload.
      const item = hp.locator('alumni-messages [part~="item"]');
      await item.first().waitFor();
      await badge(hp).filter({ hasText: '1' }).waitFor();
      assert.equal(await hp.locator('alumni-messages [part~="item"] [part~="badge"]').textContent(), '1');
      assert.deepEqual(loads, [], 'no reload');
      await shoot(hp, `list-${lang}-${width}`);
      await item.first().locator('button').click();
      await hp.locator('alumni-messages [part~="message"]').first().waitFor();
      await badge(hp).waitFor({ state: 'detached' });
      await hp.locator('alumni-messages [part~="composer"] textarea').fill(lang === 'ja' ? '行きます！' : 'Yes, see you there!');
      await hp.keyboard.press('Control+Enter');

      // Taro's open thread gets the answer live, and the live region says so.
      await tp.locator('alumni-messages [part~="message"]', { hasText: lang === 'ja' ? '行きます' : 'see you there' }).waitFor();
      assert.match((await tp.locator('alumni-messages [aria-live]').textContent()) ?? '', lang === 'ja' ? /田中 花子さんから/ : /from Hanako Tanaka/);
      await shoot(tp, `thread-${lang}-${width}`);
      await tp.locator('alumni-messages [part~="report-button"]').first().click();
      await tp.locator('alumni-messages [part~="dialog"] input').waitFor();
      await shoot(tp, `report-${lang}-${width}`);
      await tp.keyboard.press('Escape');
      await tp.locator('alumni-messages [part~="block-button"]').click();
      await shoot(tp, `block-${lang}-${width}`);
      const overflow = await tp.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, 'nothing wider than the page');
      assert.deepEqual(problems, []);
    });
  }
});
