import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningApi } from '../../server/runtime.js';
import { demoEvents } from '../../server/demo/seed.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';

/**
 * The example careers site in real Chromium, as `npm start` serves it: the API on one origin, the
 * site on another, the bundle loaded cross-origin under the site's strict CSP, seeded demo data.
 */
describe('example careers site, end to end', () => {
  let stack: E2eStack;
  let api: RunningApi;
  let browser: Browser;
  let apiOrigin: string;
  let siteOrigin: string;

  before(async () => {
    stack = await startE2eStack();
    ({ api, browser, apiOrigin, siteOrigin } = stack);
  });

  after(() => stack?.close());

  /** Opens a page and records everything that would mean the API or the CSP refused something. */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.url().startsWith(apiOrigin) && r.status() >= 400) problems.push(`API ${r.status()}: ${r.url()}`);
    });
    const res = await page.goto(`${siteOrigin}${path}`);
    assert.equal(res?.status(), 200);
    return { page, problems };
  }

  const titles = (page: Page) => page.locator('alumni-event-list [part~="item-title"]').allTextContents();

  it('lists the seeded events from the API on another origin, switches tabs and filters, with nothing refused', async () => {
    const { page, problems } = await open('/');
    const now = api.deps.clock.now();
    const seeded = demoEvents(now);
    const upcoming = seeded.filter((e) => Date.parse(e.endsAt) >= now.getTime()).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const past = seeded.filter((e) => Date.parse(e.endsAt) < now.getTime()).sort((a, b) => b.startsAt.localeCompare(a.startsAt));

    const items = page.locator('alumni-event-list [part~="item"]');
    await items.first().waitFor({ timeout: 30_000 });
    assert.deepEqual((await titles(page)).map((t) => t.trim()), upcoming.map((e) => e.title));
    // Fee and venue reach the person, in Japanese.
    await page.locator('alumni-event-list [part~="item"]', { hasText: upcoming.find((e) => (e.feeAmount ?? 0) > 0)!.title }).getByText(/参加費: (¥|￥)/).waitFor();

    await page.locator('alumni-event-list [role="tab"]', { hasText: '過去のイベント' }).click();
    await page.locator('alumni-event-list [part~="item-title"]', { hasText: past[0]!.title }).waitFor();
    assert.deepEqual((await titles(page)).map((t) => t.trim()), past.map((e) => e.title));

    await page.locator('alumni-event-list select').selectOption('office_tour');
    const tour = past.find((e) => e.category === 'office_tour')!;
    await page.waitForFunction(
      (expected) => {
        const root = document.querySelector('alumni-event-list')?.shadowRoot;
        const shown = [...(root?.querySelectorAll('[part~="item-title"]') ?? [])].map((n) => n.textContent?.trim());
        return shown.length === 1 && shown[0] === expected;
      },
      tour.title,
      { timeout: 15_000 },
    );

    await page.locator('alumni-event-list [part~="item-title"]', { hasText: tour.title }).click();
    const detail = page.locator('alumni-event-list [part~="detail"]');
    await detail.getByText(tour.venueAddress!).waitFor();
    await page.locator('alumni-event-list [part~="back-button"]').click();
    await page.locator('alumni-event-list [part~="item-title"]', { hasText: tour.title }).waitFor();

    assert.deepEqual(problems, [], 'no CORS, CSP or API refusal');
    await page.close();
  });

  it('the alumni page loads the sign-in and directory elements under the same CSP without errors', async () => {
    const { page, problems } = await open('/alumni.html');
    await page.locator('alumni-sign-in input[type="email"]').waitFor({ timeout: 30_000 });
    // Signed out, the directory explains what to do instead of failing.
    await page.waitForFunction(() => (document.querySelector('alumni-member-directory')?.shadowRoot?.textContent ?? '').trim().length > 0, null, {
      timeout: 15_000,
    });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
