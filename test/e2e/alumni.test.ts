import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { startExamplesServer, type RunningExamples } from '../../scripts/examples-server.js';
import { ensureWidgetsBuilt } from '../../scripts/widgets-build.js';
import { loadConfig } from '../../server/config.js';
import { members } from '../../server/db/schema/index.js';
import { startApi, type RunningApi } from '../../server/runtime.js';
import { seedDemo, type SeedResult } from '../../server/seed.js';
import { freePort } from '../helpers/db.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

/**
 * An alumna joins the network on the example site's アルムナイ page: email code read from a real
 * SMTP server, approved at once because she is on the roster, edits her profile, and finds a
 * former colleague with a two-character Japanese query. API and site on different origins.
 */
describe('alumni page, end to end: register, roster approval, profile, directory search', () => {
  let dir: string;
  let smtp: TestSmtp;
  let api: RunningApi;
  let site: RunningExamples;
  let browser: Browser;
  let demo: SeedResult;
  let apiOrigin: string;
  let siteOrigin: string;
  const email = 'yui.kobayashi@example.jp';

  /** What the tenant's staff do with the secret key, from their own server (no Origin header). */
  async function admin(method: string, path: string, body: unknown) {
    const res = await fetch(`${apiOrigin}${path}`, {
      method,
      headers: { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status} ${await res.clone().text()}`);
    return res.json();
  }

  before(async () => {
    const build = await ensureWidgetsBuilt({ quiet: true });
    assert.ok(build === 'fresh' || build === 'built', `the widget bundle must build (${build})`);
    dir = mkdtempSync(join(tmpdir(), 'homecoming-e2e-alumni-'));
    smtp = await startSmtp();
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'homecoming.db')}`, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' });
    api = await startApi(config, 0, '127.0.0.1');
    apiOrigin = `http://127.0.0.1:${api.port}`;
    const sitePort = await freePort();
    siteOrigin = `http://127.0.0.1:${sitePort}`;
    demo = await seedDemo(api.deps.db, api.deps.clock.now(), { origins: [siteOrigin] });
    // Roster only: a sign-up is admitted because, and only because, the roster has the address.
    await admin('PATCH', '/v1/admin/tenant', { membershipPolicy: 'roster' });
    await admin('POST', '/v1/admin/roster', {
      entries: [{ emails: [email], name: '小林 結衣', employeeNumber: 'M20417', department: '法人営業部', joinedOn: '2014-04-01', leftOn: '2022-09-30' }],
    });
    site = await startExamplesServer({ port: sitePort, hostname: '127.0.0.1', apiUrl: apiOrigin, publishableKey: demo.publishableKey });
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await api?.close();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('joins with an emailed code, is approved by the roster, edits the profile and finds 営業 colleagues', async () => {
    const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`${siteOrigin}/alumni.html`);

    const signIn = page.locator('alumni-sign-in');
    await signIn.locator('input[type="email"]').fill(email);
    await signIn.locator('form button[part~="button"]').first().click();
    const mail = await smtp.waitFor((m) => m.to.includes(email), 30_000);
    assert.match(mail.subject, /株式会社ミライ製作所/, 'in Japanese, from the demo tenant');
    const code = /(?<!\d)\d{6}(?!\d)/.exec(mail.text)?.[0];
    assert.ok(code, `a six-digit code in: ${mail.text}`);

    await signIn.locator('input[autocomplete="one-time-code"]').fill(code);
    await signIn.locator('form button[part~="button"]').first().click();
    await signIn.getByText('さんとしてログイン中').waitFor({ timeout: 30_000 });
    assert.equal(await signIn.locator('[part~="status"]').count(), 0, 'approved at once: no pending notice');
    const stored = async () =>
      (await api.deps.db.select().from(members).where(and(eq(members.tenantId, demo.tenantId), eq(members.email, email))))[0];
    assert.equal((await stored())?.status, 'approved');

    await signIn.locator('input[name="currentCompany"]').fill('株式会社ツバサ商事');
    await signIn.locator('input[name="currentTitle"]').fill('営業企画マネージャー');
    await signIn.locator('[part~="save-button"]').click();
    await signIn.getByText('保存しました。').waitFor({ timeout: 15_000 });
    assert.equal((await stored())?.currentCompany, '株式会社ツバサ商事');

    // The directory heard the sign-in without a reload; a two-character query finds a colleague.
    const directory = page.locator('alumni-member-directory');
    const search = directory.locator('input[type="search"]');
    await search.waitFor({ timeout: 15_000 });
    await search.fill('営業');
    await directory.locator('[part~="item-title"]', { hasText: '田中 花子' }).waitFor({ timeout: 15_000 });

    assert.deepEqual(problems, [], 'no CORS, CSP or script errors');
    await page.close();
  });
});
