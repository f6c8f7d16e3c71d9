import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ConsoleHarness } from '../../console/harness.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { runCli } from '../helpers/processes.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { qrLuma, writeY4m } from '../helpers/y4m.js';
import { codeFor, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * The console's events, check-in and dashboard, end to end over real HTTP in Chromium with mail
 * through a real SMTP server: the owner (invited by the CLI) invites an admin; the admin approves a
 * member and creates and publishes an event in the console; members register through the API; an
 * event-staff account checks one attendee in by holding her real check-in QR code up to a (fake,
 * file-fed) camera on a phone-width page and another by name; the dashboard counts the attendance;
 * the audit log names each actor. No CSP violation, axe clean, no sideways scroll.
 * HOMECOMING_SCREENSHOTS=<folder> photographs the new pages.
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;

/** `YYYY-MM-DD` in Tokyo, `days` from now. */
const tokyoDate = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));

describe('the console: events, check-in by camera and by name, dashboard', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  let camera: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-camera-'));
  const owner = { email: `owner-ev-${process.pid}@example.jp`, name: '人事 陽子' };
  const admin = { email: `admin-ev-${process.pid}@example.jp`, name: '総務 健太' };
  const door = { email: `door-${process.pid}@example.jp`, name: '受付 大輔' };
  const hanako = { email: `hanako-${process.pid}@example.jp`, name: '申請 花子' };
  const taro = { email: `taro-${process.pid}@example.jp`, name: '名簿 太郎' };
  const title = `アルムナイ交流会 ${process.pid}`;

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
  });
  after(async () => {
    await camera?.close();
    await stack?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(device: Device, lang: Lang, browser: Browser = stack.browser, query = '') {
    const context = await browser.newContext({ viewport: viewports[device], isMobile: device === 'phone', hasTouch: device === 'phone', locale: lang === 'ja' ? 'ja-JP' : 'en-US', timezoneId: 'Europe/London', acceptDownloads: true });
    if (browser !== stack.browser) await context.grantPermissions(['camera'], { origin: stack.apiOrigin });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript((l) => {
      localStorage.setItem('homecoming:console:lang', l);
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    }, lang);
    await page.goto(`${stack.apiOrigin}/console/${query}`);
    return { page, console: new ConsoleHarness(page, lang), problems };
  }

  async function shoot(page: Page, name: string) {
    if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
  }

  const consoleCode = (email: string) => {
    const mark = smtp.messages.length;
    return () => codeFor(smtp, email, mark);
  };

  /** A member signs up through the API (the sign-in element's calls) and names herself; returns her token. */
  async function member(who: { email: string; name: string }) {
    const pk = { authorization: `Bearer ${stack.demo.publishableKey}`, 'content-type': 'application/json', origin: stack.siteOrigin };
    const mark = smtp.messages.length;
    await fetch(`${stack.apiOrigin}/v1/auth/email/start`, { method: 'POST', headers: pk, body: JSON.stringify({ email: who.email }) });
    const res = await fetch(`${stack.apiOrigin}/v1/auth/email/verify`, { method: 'POST', headers: pk, body: JSON.stringify({ email: who.email, code: await codeFor(smtp, who.email, mark) }) });
    const body = (await res.json()) as { token: string; member: { status: string } };
    const headers = { ...pk, authorization: `Bearer ${body.token}` };
    await fetch(`${stack.apiOrigin}/v1/me`, { method: 'PATCH', headers, body: JSON.stringify({ name: who.name }) });
    return { token: body.token, status: body.member.status, headers };
  }

  it('owner → admin approves and publishes an event → members register → event staff check in by camera QR and by name on a phone → audit log', async () => {
    const env = { DATABASE_URL: stack.api.deps.config.DATABASE_URL, SMTP_URL: smtp.url, PUBLIC_API_URL: stack.apiOrigin };
    const cli = await runCli(['staff', 'invite', '--tenant', stack.demo.tenantId, '--email', owner.email, '--name', owner.name, '--role', 'owner'], env);
    assert.equal(cli.code, 0, cli.stderr);
    await smtp.waitFor((m) => m.to.includes(owner.email), 30_000);
    const sk = { authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' };
    assert.equal((await fetch(`${stack.apiOrigin}/v1/admin/tenant`, { method: 'PATCH', headers: sk, body: JSON.stringify({ membershipPolicy: 'roster_then_approval' }) })).status, 200);

    const o = await open('desktop', 'ja');
    await o.console.signIn(owner.email, consoleCode(owner.email));
    await o.console.go('スタッフ');
    await o.console.invite(admin.name, admin.email, 'admin');

    // The admin signs in and uploads the roster on the Roster page (preview, then apply); then the
    // members sign up, and the admin approves the one who was not on it.
    const a = await open('desktop', 'ja');
    await a.console.signIn(admin.email, consoleCode(admin.email));
    await a.console.go('名簿');
    await a.console.chooseRoster({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(`email,name\n${taro.email},${taro.name}\n`, 'utf8') });
    assert.equal((await a.console.rosterCounts()).created, 1);
    assert.match(await a.console.applyRoster(), /新規 1 件/);
    const h = await member(hanako);
    assert.equal(h.status, 'pending', 'not on the roster: she waits for approval');
    const t = await member(taro);
    assert.equal(t.status, 'approved', 'on the roster: approved at once');
    await a.console.go('承認待ち');
    await a.console.approve(hanako.name);

    // The admin creates the event (times in Tokyo, though this laptop is set to London) and publishes it.
    await a.console.go('イベント');
    const day = tokyoDate(10);
    await a.console.createEvent({ title, startsAt: `${day}T18:30`, endsAt: `${day}T20:30`, venue: '本社 20F', capacity: 30 });
    assert.match(await a.console.eventRow(title).locator('[data-when]').innerText(), /18:30.*20:30.*Asia\/Tokyo/, 'the list shows the event’s own zone');
    await shoot(a.page, 'console-events-drafts-ja-1280');
    await a.console.publishEvent(title);
    const events = (await (await fetch(`${stack.apiOrigin}/v1/admin/events?q=${encodeURIComponent(title)}`, { headers: sk })).json()) as { data: { id: string; startsAt: string; status: string; timeZone: string }[] };
    const event = events.data[0]!;
    assert.equal(event.status, 'published');
    assert.equal(event.timeZone, 'Asia/Tokyo');
    assert.equal(event.startsAt, new Date(`${day}T18:30:00+09:00`).toISOString(), 'the form’s 18:30 is 18:30 in Tokyo');
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    // Editing keeps the zone; a second event is cancelled after the confirmation.
    await a.console.showEvents('upcoming');
    await a.console.editEventCapacity(title, 40);
    const edited = (await (await fetch(`${stack.apiOrigin}/v1/admin/events/${event.id}`, { headers: sk })).json()) as { capacity: number; startsAt: string };
    assert.deepEqual([edited.capacity, edited.startsAt], [40, event.startsAt]);
    const doomed = `雨の日の散歩会 ${process.pid}`;
    await a.console.createEvent({ title: doomed, startsAt: `${day}T10:00`, endsAt: `${day}T11:00`, venue: '本社 10F' });
    await a.console.cancelEvent(doomed);
    const cancelled = (await (await fetch(`${stack.apiOrigin}/v1/admin/events?status=cancelled&q=${encodeURIComponent(doomed)}`, { headers: sk })).json()) as { data: unknown[] };
    assert.equal(cancelled.data.length, 1);

    // Both members register through the API (what the event element sends).
    for (const m of [h, t]) {
      const res = await fetch(`${stack.apiOrigin}/v1/events/${event.id}/registration`, { method: 'PUT', headers: m.headers, body: JSON.stringify({ guests: 0 }) });
      assert.ok(res.status === 200 || res.status === 201, `registration: ${res.status} ${await res.text()}`);
    }
    const mine = (await (await fetch(`${stack.apiOrigin}/v1/events/${event.id}/registration`, { headers: h.headers })).json()) as { checkInCode: string };
    assert.match(mine.checkInCode, /^[A-Z0-9]{8}$/);

    // The owner invites the event staff with the event chosen on the staff page; the row names it.
    // Taking it away and giving it back goes through the row's own form.
    await o.console.go('スタッフ');
    await o.console.inviteEventStaff(door.name, door.email, [title]);
    await o.console.staffRow(door.email).filter({ hasText: title }).waitFor();
    assert.match(await o.console.staffEvents(door.email), new RegExp(`担当イベント: ${title}`));
    await o.console.setStaffEvents(door.email, []);
    assert.equal(await o.console.staffEvents(door.email), '担当イベントなし');
    await o.console.setStaffEvents(door.email, [title]);
    assert.match(await o.console.staffEvents(door.email), new RegExp(title));
    const ownerToken = await o.console.sessionToken();
    const staff = (await (await fetch(`${stack.apiOrigin}/v1/admin/staff`, { headers: { authorization: `Bearer ${ownerToken}` } })).json()) as { data: { email: string; eventIds: string[] }[] };
    assert.deepEqual(staff.data.find((s) => s.email === door.email)?.eventIds, [event.id]);
    assert.deepEqual(await seriousViolations(o.page, ['alumni-console']), []);
    await shoot(o.page, 'console-staff-events-ja-1280');

    // The event staff's phone: a browser whose camera plays Hanako's real check-in QR code.
    const video = join(dir, 'qr.y4m');
    writeY4m(video, 640, 480, qrLuma(mine.checkInCode, 640, 480));
    camera = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const d = await open('phone', 'ja', camera);
    await d.console.signIn(door.email, consoleCode(door.email));
    assert.deepEqual(await d.console.menuItems(), ['受付'], 'event staff see the check-in page only');
    await d.console.checkIn.locator('select').waitFor();
    await shoot(d.page, 'console-checkin-ja-390');
    await d.console.startScan();
    assert.match(await d.console.checkInResult('ok'), new RegExp(`受付しました[\\s\\S]*${hanako.name}`));
    await shoot(d.page, 'console-checkin-scanned-ja-390');
    assert.deepEqual(await seriousViolations(d.page, ['alumni-console']), []);
    await d.console.checkIn.getByRole('button', { name: 'カメラを止める' }).click();
    await d.console.checkInByName(taro.name);
    assert.match(await d.console.checkInResult('ok'), new RegExp(taro.name));
    // The same QR code again: already checked in, said as such.
    const again = await fetch(`${stack.apiOrigin}/v1/admin/events/${event.id}/check-ins`, { method: 'POST', headers: sk, body: JSON.stringify({ code: mine.checkInCode }) });
    assert.equal(((await again.json()) as { alreadyCheckedIn: boolean }).alreadyCheckedIn, true);

    // The admin's attendees list and its CSV show both checked in.
    await a.console.showEvents('upcoming');
    const attendees = await a.console.openAttendees(title);
    await attendees.locator('li[data-attendee]').filter({ hasText: '受付済み' }).nth(1).waitFor();
    const csv = await a.console.downloadAttendeesCsv();
    assert.match(csv, new RegExp(`${hanako.name}.*,attended,`));
    assert.match(csv, new RegExp(`${taro.name}.*,attended,`));
    await shoot(a.page, 'console-attendees-ja-1280');

    // The admin's dashboard counts the attendance (and its CSV says the same).
    await a.console.go('ダッシュボード');
    await a.console.dashboardDrawn();
    await a.console.dashboardUntil(day);
    await a.console.dashboardDrawn();
    assert.deepEqual(await a.console.dashboardEvent(title), { registered: 2, attended: 2 });
    const figures = (await (await fetch(`${stack.apiOrigin}/v1/admin/dashboard`, { headers: sk })).json()) as { members: { byStatus: { approved: number } } };
    assert.ok(figures.members.byStatus.approved >= 2);
    assert.equal(await a.console.dashboardFigure('approved'), figures.members.byStatus.approved);
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    await shoot(a.page, 'console-dashboard-ja-1280');

    // The audit log names who did each step.
    await o.console.go('操作履歴');
    const steps = (await o.console.auditRows()).map((r) => `${r.actor} ${r.action}`);
    for (const step of [
      `${owner.name} POST /v1/admin/staff`,
      `${owner.name} PATCH /v1/admin/staff/{id}`,
      `${admin.name} POST /v1/admin/roster`,
      `${admin.name} POST /v1/admin/members/{id}/approve`,
      `${admin.name} POST /v1/admin/events`,
      `${admin.name} PATCH /v1/admin/events/{id}`,
      `${door.name} POST /v1/admin/events/{id}/check-ins`,
    ]) {
      assert.ok(steps.includes(step), `${step} in:\n${steps.join('\n')}`);
    }

    for (const p of [o, a, d]) assert.deepEqual(p.problems, []);
    for (const p of [o, a, d]) await p.page.context().close();
  });
  it('the new pages at 390 px and 1280 px, in Japanese and English: no sideways scroll, axe clean, no CSP violation', async () => {
    const names = { ja: { events: 'イベント', checkin: '受付', dashboard: 'ダッシュボード', new: '新しいイベント', staff: 'スタッフ' }, en: { events: 'Events', checkin: 'Check-in', dashboard: 'Dashboard', new: 'New event', staff: 'Staff' } };
    for (const lang of ['ja', 'en'] as const) {
      for (const device of ['phone', 'desktop'] as const) {
        const width = viewports[device].width;
        const p = await open(device, lang);
        await p.console.signIn(owner.email, consoleCode(owner.email));
        const w = names[lang];
        await p.console.go(w.events);
        await p.console.eventRow(title).waitFor();
        await shoot(p.page, `console-events-${lang}-${width}`);
        await p.console.events.getByRole('button', { name: w.new }).click();
        await p.console.events.locator('form').waitFor();
        await shoot(p.page, `console-event-form-${lang}-${width}`);
        assert.deepEqual(await seriousViolations(p.page, ['alumni-console']), []);
        await p.console.go(w.checkin);
        await p.console.checkIn.locator('select').waitFor();
        await shoot(p.page, `console-checkin-${lang}-${width}`);
        await p.console.go(w.dashboard);
        await p.console.dashboardDrawn();
        await shoot(p.page, `console-dashboard-${lang}-${width}`);
        await p.console.go(w.staff);
        await p.console.staffRow(door.email).filter({ hasText: title }).waitFor();
        await shoot(p.page, `console-staff-${lang}-${width}`);
        await p.console.openStaffEvents(door.email);
        await shoot(p.page, `console-staff-events-${lang}-${width}`);
        assert.deepEqual(await seriousViolations(p.page, ['alumni-console']), []);
        assert.deepEqual(await seriousViolations(p.page, ['alumni-console']), []);
        assert.deepEqual(p.problems, []);
        await p.page.context().close();
      }
    }
  });
});
