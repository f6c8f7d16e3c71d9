/**
 * What the journey and screenshot tests share: a phone or desktop page on the example site in either
 * language, a counter of what a person does (taps and entries), the sign-in code from the real SMTP
 * server, and axe-core run inside the page (open shadow roots included).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TestSmtp } from '../helpers/smtp.js';

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;
export type Device = keyof typeof viewports;
export type Lang = 'ja' | 'en';

export interface OpenPage {
  page: Page;
  /** Console errors and warnings, page errors, failed requests and API refusals (4xx/5xx), as they happened. */
  problems: string[];
}

/** A page as a person on `device` reading `lang` sees it; everything that goes wrong is recorded. */
export async function openPage(browser: Browser, url: string, device: Device, lang: Lang, apiOrigin: string): Promise<OpenPage> {
  const page = await browser.newPage({
    viewport: viewports[device],
    isMobile: device === 'phone',
    hasTouch: device === 'phone',
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    timezoneId: 'Asia/Tokyo',
  });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A request the page itself gave up (a tap that leaves the page, a language switch that asks again)
  // fails as net::ERR_ABORTED: nothing the person sees. Every other failure counts.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(apiOrigin) && r.status() >= 400) problems.push(`API ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  track(page);
  await page.goto(url);
  await setLang(page, lang);
  return { page, problems };
}

/** Requests in flight per page, the message stream left out (it stays open as long as the page does). */
const inFlight = new WeakMap<Page, Set<unknown>>();
const longLived = /\/v1\/me\/messages\/stream/;

function track(page: Page) {
  const open = new Set<unknown>();
  inFlight.set(page, open);
  page.on('request', (r) => void (longLived.test(r.url()) || open.add(r)));
  page.on('requestfinished', (r) => void open.delete(r));
  page.on('requestfailed', (r) => void open.delete(r));
}

/**
 * Waits until the page has no request in flight for half a second — `networkidle`, except that the
 * message stream (open for as long as a signed-in member's page is) does not count. Leaving the page
 * after this cuts no request off.
 */
export async function settle(page: Page): Promise<void> {
  const open = inFlight.get(page);
  if (!open) return page.waitForLoadState('networkidle');
  await page.waitForLoadState('load');
  for (let quiet = 0; quiet < 5; ) {
    await page.waitForTimeout(100);
    quiet = open.size === 0 ? quiet + 1 : 0;
  }
}

/** The example pages are Japanese; an English reader's page says `lang="en"` (the widgets follow it). */
export async function setLang(page: Page, lang: Lang): Promise<void> {
  if (lang === 'en') await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
}

/** Counts what a person does on the way: each tap, and each thing typed (an entry). */
export class Steps {
  taps = 0;
  entries = 0;
  readonly log: string[] = [];

  async tap(target: Locator, what: string): Promise<void> {
    this.taps++;
    this.log.push(`tap: ${what}`);
    await target.click();
  }

  /** Types `text` into `target` (filled as a keyboard or the phone's autofill would). */
  async enter(target: Locator, text: string, what: string): Promise<void> {
    this.entries++;
    this.log.push(`entry: ${what}`);
    await target.fill(text);
  }

  toString(): string {
    return `${this.taps} taps, ${this.entries} entries (${this.log.join('; ')})`;
  }
}

/** The six-digit code of the newest sign-in mail to `email` after the `after`-th message. */
export async function codeFor(smtp: TestSmtp, email: string, after = 0): Promise<string> {
  const mail = await smtp.waitFor((m) => m.to.includes(email) && smtp.messages.indexOf(m) >= after, 30_000);
  const code = /(?<!\d)\d{6}(?!\d)/.exec(mail.text)?.[0];
  assert.ok(code, `a six-digit code in: ${mail.text}`);
  return code;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core on the Homecoming elements of the page (their shadow trees included): the critical and
 * serious violations, as readable lines. Evaluated through the DevTools protocol, so the page's CSP
 * (no inline script) does not stop it.
 */
export async function seriousViolations(page: Page, selectors = ['alumni-sign-in', 'alumni-member-directory', 'alumni-event-list']): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (include) => {
    const present = include.filter((s) => document.querySelector(s));
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ include: present.map((s) => [s]) }, { resultTypes: ['violations'] });
    return result.violations;
  }, selectors);
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Text of an element's shadow root, whitespace collapsed. */
export function shadowText(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => (document.querySelector(s)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);
}
