import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { toMemberView } from '../../server/modules/members/service.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { mailCalendar, parseCalendar } from '../helpers/ical.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, openPage, settle, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * Events on the example site, in Chromium, with the API on another origin, a strict CSP and a real
 * SMTP server: a signed-out visitor is led to sign-in, signs in with the emailed code, follows an
 * event's link (`#alumni-event=…`) straight to it, registers, sees the online link, adds the event to
 * the calendar (the downloaded .ics read with ical.js), and cancels. Then each registration state at
 * 390 px and 1280 px in ja and en, checked for overflow and by axe (HOMECOMING_SCREENSHOTS=<folder>
 * photographs them: `event-list-<state>-<lang>-<width>.png`).
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;

describe('events on the example site, end to end', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  const ids = {} as Record<'study' | 'winter' | 'full' | 'lunch' | 'called', string>;
  let earlySession = '';

  async function admin(method: string, path: string, body?: unknown) {
    const res = await fetch(`${stack.apiOrigin}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status}`);
    return res.json() as Promise<any>;
  }

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
    const events = (await admin('GET', '/v1/admin/events?limit=100')).data as { id: string; title: string }[];
    ids.study = events.find((e) => e.title.startsWith('生成 AI'))!.id;
    ids.winter = events.find((e) => e.title.startsWith('アルムナイ交流会'))!.id;
    // A full event, for the waitlist, and a cancelled one, for its badge.
    const start = new Date(Date.now() + 3 * 86_400_000);
    const base = { category: 'meetup', timeZone: 'Asia/Tokyo', venueName: '本社', status: 'published', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7_200_000).toISOString() };
    ids.full = (await admin('POST', '/v1/admin/events', { ...base, title: '少人数ランチ会', capacity: 1 })).id;
    ids.lunch = (await admin('POST', '/v1/admin/events', { ...base, title: '社長と朝食会', capacity: 1, privateDetails: '朝 8 時に 1F ロビーへ。' })).id;
    ids.called = (await admin('POST', '/v1/admin/events', { ...base, title: '中止になった勉強会' })).id;
    await admin('PATCH', `/v1/admin/events/${ids.called}`, { status: 'cancelled' });
    const early = await createMember(stack.api.deps.db, stack.demo.tenantId, { status: 'approved', name: '早起き 一郎' });
    earlySession = await sessionFor(stack.api.deps.db, early);
    for (const id of [ids.full, ids.lunch]) {
      const res = await fetch(`${stack.apiOrigin}/v1/events/${id}/registration`, { method: 'PUT', headers: { authorization: `Bearer ${earlySession}`, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 200);
    }
  });
  after(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const list = (page: Page) => page.locator('alumni-event-list');

  it('signed out → sign in → the event’s link → register → the online link → add to calendar → cancel', async () => {
    const { siteOrigin, apiOrigin } = stack;
    const { page, problems } = await openPage(stack.browser, `${siteOrigin}/`, 'desktop', 'ja', apiOrigin);
    await list(page).locator('[part~="item-title"]', { hasText: '生成 AI' }).click();
    await list(page).getByText('申し込むにはサインインしてください。').waitFor({ timeout: 15_000 });
    assert.equal(await list(page).locator('[part~="online-link"]').count(), 0);
    await list(page).locator('[part~="sign-in-link"]').click();
    await page.waitForURL(`${siteOrigin}/alumni.html#sign-in`);

    const email = `events-e2e-${Date.now()}@example.jp`;
    const signIn = page.locator('alumni-sign-in');
    const before = smtp.messages.length;
    await signIn.locator('input[name="email"]').fill(email);
    await signIn.locator('form button[part~="button"]').first().click();
    await signIn.locator('input[name="code"]').fill(await codeFor(smtp, email, before));
    await signIn.locator('input[name="name"]').fill('申込 花子');
    await signIn.locator('[part~="continue-button"]').click();
    await signIn.locator('[part~="bar"]').waitFor({ timeout: 15_000 });

    // The link HR would paste into a mail opens the event on the alumni page.
    await page.goto(`${siteOrigin}/alumni.html#alumni-event=${ids.study}`);
    const detail = list(page).locator('[part~="detail"]');
    await detail.locator('h2', { hasText: '生成 AI' }).waitFor({ timeout: 15_000 });
    await list(page).locator('[part~="register-button"]').click();
    await list(page).locator('[part~="registration-status"]', { hasText: '参加申し込み済みです。' }).waitFor({ timeout: 15_000 });
    const link = list(page).locator('[part~="online-link"]');
    assert.equal(await link.getAttribute('href'), 'https://meet.example.jp/mirai-ai-study');

    const confirmation = await smtp.waitFor((m) => m.to.includes(email) && /受け付けました/.test(m.subject), 15_000);
    assert.match(confirmation.text, /meet\.example\.jp\/mirai-ai-study/);
    assert.match(confirmation.text, new RegExp(`alumni\\.html#alumni-event=${ids.study}`));
    assert.equal((await mailCalendar(confirmation.raw))!.method, 'REQUEST');

    const google = new URL((await list(page).locator('[part~="google-calendar-link"]').getAttribute('href'))!);
    assert.equal(google.hostname, 'calendar.google.com');
    const [download] = await Promise.all([page.waitForEvent('download'), list(page).locator('[part~="ics-button"]').click()]);
    const ics = parseCalendar(readFileSync((await download.path())!, 'utf8').toString());
    const event = await admin('GET', `/v1/admin/events/${ids.study}`);
    assert.equal(ics.events[0]!.uid, `${ids.study}@homecoming`);
    assert.equal(ics.events[0]!.start, event.startsAt);
    assert.match(ics.events[0]!.description, /meet\.example\.jp\/mirai-ai-study/);
    assert.equal(google.searchParams.get('dates')!.split('/')[0], event.startsAt.replace(/[-:]/g, '').replace('.000', ''));

    await list(page).locator('[part~="cancel-button"]').click();
    await list(page).locator('[part~="confirm-cancel-button"]').click();
    await list(page).locator('[part~="register-button"]').waitFor({ timeout: 15_000 });
    assert.match(await list(page).locator('[part~="registration"] [role="status"]').innerText(), /申し込みをキャンセルしました。/);
    assert.equal(await link.count(), 0);
    const cancelled = await smtp.waitFor((m) => m.to.includes(email) && /キャンセルしました/.test(m.subject), 15_000);
    assert.equal((await mailCalendar(cancelled.raw))!.method, 'CANCEL');
    assert.deepEqual(problems, [], 'nothing refused or logged');
    await page.close();
  });

  it('a full event puts the next member on the waitlist; a cancellation promotes them, by mail, and the page shows the seat', async () => {
    const { page, problems, member } = await signedInPage('desktop', 'ja', ids.lunch);
    const el = list(page);
    await el.locator('[part~="detail"] h2', { hasText: '社長と朝食会' }).waitFor({ timeout: 15_000 });
    await el.locator('[part~="register-button"]').click();
    await el.locator('[part~="registration-status"]', { hasText: 'キャンセル待ち 1番目です。' }).waitFor({ timeout: 15_000 });
    assert.equal(await el.getByText('朝 8 時に 1F ロビーへ。').count(), 0, 'private details stay hidden from the waitlist');
    const waitlisted = await smtp.waitFor((m) => m.to.includes(member.email) && /キャンセル待ちに登録しました/.test(m.subject), 15_000);
    assert.doesNotMatch(waitlisted.text, /朝 8 時/);

    // The registered member cancels (from another device): the seat goes to the first in line.
    const res = await fetch(`${stack.apiOrigin}/v1/events/${ids.lunch}/registration`, { method: 'DELETE', headers: { authorization: `Bearer ${earlySession}` } });
    assert.ok(res.ok, `cancel → ${res.status}`);
    const promoted = await smtp.waitFor((m) => m.to.includes(member.email) && /参加が確定しました/.test(m.subject), 15_000);
    assert.match(promoted.text, /撮影 花子 様/);
    assert.match(promoted.text, /朝 8 時に 1F ロビーへ。/);
    assert.match(promoted.text, /受付コード: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    assert.match(promoted.text, new RegExp(`alumni\\.html#alumni-event=${ids.lunch}`));
    assert.equal((await mailCalendar(promoted.raw))!.method, 'REQUEST');

    // Coming back to the page (the mail's link), the member holds the seat and reads the details.
    await settle(page);
    await page.goto(`${stack.siteOrigin}/alumni.html?promoted#alumni-event=${ids.lunch}`);
    await el.locator('[part~="registration-status"]', { hasText: '参加申し込み済みです。' }).waitFor({ timeout: 15_000 });
    await el.getByText('朝 8 時に 1F ロビーへ。').waitFor();
    assert.deepEqual(problems, [], 'nothing refused or logged');
    await page.close();
  });

  it('a cancelled event stays listed, with its badge, for everyone', async () => {
    const { page, problems } = await openPage(stack.browser, `${stack.siteOrigin}/`, 'phone', 'ja', stack.apiOrigin);
    const card = list(page).locator('[part~="item"]', { has: page.locator('[part~="item-title"]', { hasText: '中止になった勉強会' }) });
    await card.locator('[part~="cancelled-badge"]', { hasText: '中止' }).waitFor({ timeout: 15_000 });
    const open = list(page).locator('[part~="item"]', { has: page.locator('[part~="item-title"]', { hasText: '少人数ランチ会' }) });
    assert.equal(await open.locator('[part~="cancelled-badge"]').count(), 0, 'only the cancelled event wears the badge');
    await card.locator('[part~="item-title"]').click();
    await list(page).locator('[part~="detail"] [part~="cancelled-badge"]').waitFor({ timeout: 15_000 });
    assert.equal(await list(page).locator('[part~="register-button"]').count(), 0, 'no registering for a cancelled event');
    assert.deepEqual(problems, [], 'nothing refused or logged');
    await page.close();
  });

  /** Overflow and axe at every state; with HOMECOMING_SCREENSHOTS, a picture of it. */
  async function shot(page: Page, target: Locator, name: string, device: Device, lang: Lang) {
    await page.evaluate(() => document.fonts.ready);
    const width = viewports[device].width;
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${name} (${lang}, ${width}px): the page scrolls sideways`);
    const overflow = await target.evaluate((el, w) => {
      const nodes = [...(el.shadowRoot?.querySelectorAll('input, select, textarea, button, a, svg') ?? [])] as HTMLElement[];
      return nodes.filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > w + 0.5).map((n) => n.outerHTML.slice(0, 80));
    }, width);
    assert.deepEqual(overflow, [], `${name} (${lang}, ${width}px): controls past the right edge`);
    assert.deepEqual(await seriousViolations(page, ['alumni-event-list']), [], `${name} (${lang}, ${width}px): axe`);
    if (!folder) return;
    await page.evaluate(() => document.querySelector<HTMLElement>('.site-header')?.style.setProperty('position', 'static'));
    await target.screenshot({ path: join(folder, `event-list-${name}-${lang}-${width}.png`), animations: 'disabled' });
    await page.evaluate(() => document.querySelector<HTMLElement>('.site-header')?.style.setProperty('position', ''));
  }

  /** A page whose visitor is already signed in (the session put where <alumni-sign-in> keeps it). */
  async function signedInPage(device: Device, lang: Lang, hash: string) {
    const { siteOrigin, apiOrigin, api, demo } = stack;
    const member = await createMember(api.deps.db, demo.tenantId, { status: 'approved', name: lang === 'ja' ? '撮影 花子' : 'Hana Shots', locale: lang });
    const session = { token: await sessionFor(api.deps.db, member), member: toMemberView(member, demo.tenant) };
    const opened = await openPage(stack.browser, `${siteOrigin}/alumni.html`, device, lang, apiOrigin);
    await opened.page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`homecoming:session:${apiOrigin}|${demo.publishableKey}`, JSON.stringify(session)]);
    // A new document (not just a new fragment), so the widgets start with the session — once the first
    // document's requests are done, so that leaving it cuts none off (they would count as failures).
    await settle(opened.page);
    await opened.page.goto(`${siteOrigin}/alumni.html?signed-in#alumni-event=${hash}`);
    if (lang === 'en') await opened.page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    return { ...opened, member };
  }

  for (const device of ['phone', 'desktop'] as const) {
    for (const lang of ['ja', 'en'] as const) {
      it(`registration states at ${viewports[device].width} px, ${lang}`, async () => {
        const words = lang === 'ja' ? { registered: '参加申し込み済みです（同伴者 1名）。', waiting: /キャンセル待ち \d+番目/ } : { registered: 'You are registered (guests: 1).', waiting: /number \d+ on the waitlist/ };
        const signedOut = await openPage(stack.browser, `${stack.siteOrigin}/alumni.html#alumni-event=${ids.winter}`, device, lang, stack.apiOrigin);
        await list(signedOut.page).locator('[part~="signed-out"]').waitFor({ timeout: 30_000 });
        await shot(signedOut.page, list(signedOut.page), 'detail-signed-out', device, lang);
        await signedOut.page.close();

        const { page, problems } = await signedInPage(device, lang, ids.winter);
        const el = list(page);
        await el.locator('[part~="register-button"]').click();
        await el.locator('[part~="registration-form"]').waitFor({ timeout: 15_000 });
        await el.locator('[part~="registration-form"] [type="submit"]').click();
        await el.locator('[part~="registration-form"] .field-error').first().waitFor();
        await shot(page, el, 'form-errors', device, lang);
        await el.locator('[data-question="diet"] input').first().check();
        await el.locator('[part~="registration-form"] select[name="guests"]').selectOption('1');
        await el.locator('[part~="registration-form"] [type="submit"]').click();
        await el.locator('[part~="registration-status"]', { hasText: words.registered }).waitFor({ timeout: 15_000 });
        await el.locator('[part~="check-in-button"]').click();
        await el.locator('[part~="check-in"] svg').waitFor();
        await shot(page, el, 'registered', device, lang);

        await settle(page);
        await page.goto(`${stack.siteOrigin}/alumni.html?full#alumni-event=${ids.full}`);
        if (lang === 'en') await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
        await el.locator('[part~="register-button"]').click();
        await el.locator('[part~="registration-status"]', { hasText: words.waiting }).waitFor({ timeout: 15_000 });
        await shot(page, el, 'waitlisted', device, lang);

        await el.locator('[part~="back-button"]').click();
        await el.locator('[part~="item"]').first().waitFor({ timeout: 15_000 });
        await el.locator('[role="tab"]').nth(2).click();
        await el.locator('[part~="feed-button"]').click();
        await el.locator('[part~="calendar-feed"] input').waitFor();
        await el.locator('[part~="item"]').nth(1).waitFor({ timeout: 15_000 });
        await shot(page, el, 'my-events', device, lang);
        await el.locator('[role="tab"]').nth(0).click();
        await el.locator('[part~="cancelled-badge"]').first().waitFor({ timeout: 15_000 });
        await shot(page, el, 'list-signed-in', device, lang);
        assert.deepEqual(problems, [], 'nothing refused or logged');
        await page.close();
      });
    }
  }
});
