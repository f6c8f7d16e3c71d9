/**
 * /docs in a real browser under its own Content-Security-Policy: Swagger UI renders the document and
 * expands an operation without a single violation (no inline script or style, nothing from elsewhere).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { startApi, type RunningApi } from '../../server/runtime.js';

describe('/docs in Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'homecoming-docs-'));
    api = await startApi(loadConfig({ DATABASE_URL: `file:${join(dir, 'homecoming.db')}`, LOG_LEVEL: 'silent' }), 0, '127.0.0.1');
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the API reference with no CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    // Injected through the DevTools protocol, so the policy under test does not block the probe itself.
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    const res = await page.goto(`http://127.0.0.1:${api.port}/docs`);
    const policy = res?.headers()['content-security-policy'] ?? '';
    assert.match(policy, /script-src 'self'/);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    assert.equal((await page.locator('.info .title').innerText()).split('\n')[0]?.trim(), 'Homecoming API');
    // Swagger UI keeps only the operations near the viewport in the page once a document is large
    // (over ~128 operations): scroll through it and count the distinct operations it shows.
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 60; i++) {
      for (const op of await page.locator('.opblock-summary').allInnerTexts()) seen.add(op.split('\n').slice(0, 2).join(' '));
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(100);
    }
    assert.ok(seen.size >= 60, `only ${seen.size} operations rendered while scrolling`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForSelector('.opblock', { timeout: 10_000 });
    // Expanding an operation renders its schemas and markdown too.
    await page.locator('.opblock-summary').first().click();
    await page.waitForSelector('.opblock-body', { timeout: 10_000 });
    await page.waitForTimeout(300);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
