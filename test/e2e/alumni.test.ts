import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { members } from '../../server/db/schema.js';
import type { RunningApi } from '../../server/runtime.js';
import type { SeedResult } from '../../server/demo/seed.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

/**
 * An alumna joins the network on the example site's アルムナイ page: email code read from a real
 * SMTP server, approved at once because she is on the roster, edits her profile, and finds a
 * former colleague with a two-character Japanese query. API and site on different origins.
 */
describe('alumni page, end to end: register, roster approval, profile, directory search', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  let api: RunningApi;
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
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
    ({ api, browser, demo, apiOrigin, siteOrigin } = stack);
    // Roster only: a sign-up is admitted because, and only because, the roster has the address.
    await admin('PATCH', '/v1/admin/tenant', { membershipPolicy: 'roster' });
    await admin('POST', '/v1/admin/roster', {
      entries: [{ emails: [email], name: '小林 結衣', employeeNumber: 'M20417', department: '法人営業部', joinedOn: '2014-04-01', leftOn: '2022-09-30' }],
    });
  });

  after(async () => {
    await stack?.close();
    await smtp?.close();
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

    // Six digits sign in by themselves (no button to tap).
    await signIn.locator('input[autocomplete="one-time-code"]').fill(code);
    await signIn.getByText('小林 結衣 さんとしてサインイン中').waitFor({ timeout: 30_000 });
    assert.equal(await signIn.locator('[part~="status"]').count(), 0, 'approved at once: no pending notice');
    const stored = async () =>
      (await api.deps.db.select().from(members).where(and(eq(members.tenantId, demo.tenantId), eq(members.email, email))))[0];
    assert.equal((await stored())?.status, 'approved');

    // The profile is a separate view.
    await signIn.locator('[part~="profile-button"]').click();
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
