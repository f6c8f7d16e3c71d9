import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';

/** The README's embed snippet (the two html blocks of "Embed it"), exactly as a customer copies it. */
function readmeSnippet(): { head: string; body: string } {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Embed it'));
  const blocks = [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 2, 'README "Embed it" has the head snippet and the elements');
  return { head: blocks[0]!, body: blocks[1]! };
}

/**
 * Cumulative layout shift of a plain page holding only the README snippet and its elements, in
 * Chromium against the real API (seeded demo data, another origin, the example site's strict CSP).
 *
 * CLS is a sum of geometric ratios (how much of the viewport moved, how far), not a timing, so the
 * same page and data give the same figure on a slow or a fast machine. What could vary is *when*
 * the chunks arrive relative to a frame; the loader defines the elements found at start together
 * and each element reserves its loading block size, so no arrival order moves painted content.
 * The threshold 0.1 is Google's "good" limit, far from what an unreserved widget causes (≈0.4).
 */
describe('layout shift of the README snippet on a plain page', () => {
  let stack: E2eStack;
  let browser: Browser;
  let site: string;

  before(async () => {
    // The page holds the snippet with its placeholders; the example server fills in the demo key and
    // API URL and adds the example site's strict CSP, as for the real example pages.
    site = mkdtempSync(join(tmpdir(), 'homecoming-plain-'));
    const { head, body } = readmeSnippet();
    writeFileSync(
      join(site, 'plain.html'),
      `<!doctype html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Plain page</title>\n${head}</head>\n<body>\n${body}</body>\n</html>\n`,
    );
    stack = await startE2eStack({ siteRoot: site });
    browser = stack.browser;
  });
  after(async () => {
    await stack?.close();
    rmSync(site, { recursive: true, force: true });
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    it(`stays under 0.1 at ${viewport.width}×${viewport.height}`, async () => {
      const page = await browser.newPage({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      // Installed before any page script runs, so every shift from the first frame on is counted.
      await page.addInitScript(() => {
        const w = window as unknown as { __cls: number; __shifts: unknown[] };
        w.__cls = 0;
        w.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
            if (entry.hadRecentInput) continue;
            w.__cls += entry.value;
            w.__shifts.push({ value: entry.value, at: Math.round(entry.startTime), nodes: entry.sources?.map((s) => (s.node as Element | undefined)?.localName ?? s.node?.nodeName) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${stack.siteOrigin}/plain.html`, { waitUntil: 'networkidle' });
      // Everything the page will show: the events listed, the sign-in form, the directory's signed-out note.
      await page.locator('alumni-event-list [part~="item"]').first().waitFor({ timeout: 30_000 });
      await page.locator('alumni-sign-in input[type="email"]').waitFor();
      await page.locator('alumni-member-directory [part~="signed-out"]').waitFor();
      // Two more frames, so the last layout has been measured and reported.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const { cls, shifts } = await page.evaluate(() => {
        const w = window as unknown as { __cls: number; __shifts: unknown[] };
        return { cls: w.__cls, shifts: w.__shifts };
      });
      console.log(`[homecoming] CLS ${viewport.width}×${viewport.height}: ${cls.toFixed(3)} ${JSON.stringify(shifts)}`);
      assert.deepEqual(problems, []);
      assert.ok(cls < 0.1, `cumulative layout shift ${cls.toFixed(3)} ≥ 0.1: ${JSON.stringify(shifts)}`);
      await page.close();
    });
  }
});
