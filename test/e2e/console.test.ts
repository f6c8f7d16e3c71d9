import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ConsoleHarness } from '../../console/harness.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { runCli } from '../helpers/processes.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * The staff console, over real HTTP in Chromium, mail through a real SMTP server: the operator invites
 * the first owner with the CLI; she signs in with the emailed code and invites an admin; the admin
 * signs in on a phone and approves a member waiting in the queue; the audit log shows each step with
 * its actor. The page runs under its strict CSP with no violation. HOMECOMING_SCREENSHOTS=<folder>
 * photographs each page at 390 px and 1280 px in Japanese and English.
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;

describe('the staff console, end to end', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  const owner = { email: `owner-${process.pid}@example.jp`, name: '人事 陽子' };
  const admin = { email: `admin-${process.pid}@example.jp`, name: '総務 健太' };
  const applicant = { email: `applicant-${process.pid}@example.jp`, name: '申請 花子' };

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
  });
  after(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function open(device: Device, lang: Lang, query = ''): Promise<{ page: Page; console: ConsoleHarness; problems: string[] }> {
    const page = await stack.browser.newPage({ viewport: viewports[device], isMobile: device === 'phone', hasTouch: device === 'phone', locale: lang === 'ja' ? 'ja-JP' : 'en-US', timezoneId: 'Asia/Tokyo' });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript((l) => localStorage.setItem('homecoming:console:lang', l), lang);
    await page.goto(`${stack.apiOrigin}/console/${query}`);
    return { page, console: new ConsoleHarness(page, lang), problems };
  }

  async function shoot(page: Page, name: string) {
    if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
  }

  /** A code mailed to `email` after now (the console's own, by its subject). */
  const consoleCode = (email: string) => {
    const after = smtp.messages.length;
    return () => codeFor(smtp, email, after);
  };

  it('serves /console under a strict CSP with no inline script or style', async () => {
    const res = await fetch(`${stack.apiOrigin}/console/`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<style|style=/);
  });

  it('owner by CLI → signs in → invites an admin → the admin approves a member on a phone → the owner suspends her → the audit log names each actor', async () => {
    const env = { DATABASE_URL: stack.api.deps.config.DATABASE_URL, SMTP_URL: smtp.url, PUBLIC_API_URL: stack.apiOrigin };
    const cli = await runCli(['staff', 'invite', '--tenant', stack.demo.tenantId, '--email', owner.email, '--name', owner.name, '--role', 'owner'], env);
    assert.equal(cli.code, 0, cli.stderr);
    const invite = await smtp.waitFor((m) => m.to.includes(owner.email), 30_000);
    const link = /https?:\/\/\S+\/console\/\?email=\S+/.exec(invite.text)?.[0];
    assert.ok(link?.startsWith(stack.apiOrigin), invite.text);

    // A member waits for approval: the demo tenant's membership is open, so it asks for approval first.
    const sk = { authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' };
    assert.equal((await fetch(`${stack.apiOrigin}/v1/admin/tenant`, { method: 'PATCH', headers: sk, body: JSON.stringify({ membershipPolicy: 'roster_then_approval' }) })).status, 200);
    const pk = { authorization: `Bearer ${stack.demo.publishableKey}`, 'content-type': 'application/json', origin: stack.siteOrigin };
    const mark = smtp.messages.length;
    await fetch(`${stack.apiOrigin}/v1/auth/email/start`, { method: 'POST', headers: pk, body: JSON.stringify({ email: applicant.email }) });
    const verified = await fetch(`${stack.apiOrigin}/v1/auth/email/verify`, { method: 'POST', headers: pk, body: JSON.stringify({ email: applicant.email, code: await codeFor(smtp, applicant.email, mark) }) });
    const signedUp = (await verified.json()) as { token: string; member: { status: string } };
    assert.equal(signedUp.member.status, 'pending');
    await fetch(`${stack.apiOrigin}/v1/me`, { method: 'PATCH', headers: { ...pk, authorization: `Bearer ${signedUp.token}` }, body: JSON.stringify({ name: applicant.name }) });

    // The owner opens the invitation's link on a laptop.
    const o = await open('desktop', 'ja', link!.slice(link!.indexOf('?')));
    await o.console.signIn(owner.email, consoleCode(owner.email));
    assert.match(await o.console.who(), /人事 陽子.*オーナー/);
    assert.deepEqual(await o.console.menuItems(), ['承認待ち', 'ダッシュボード', 'メンバー', '名簿', 'イベント', '受付', '求人', 'フィード', '設定', 'スタッフ', '操作履歴']);
    await o.console.go('スタッフ');
    await o.console.invite(admin.name, admin.email, 'admin');
    await o.console.staffRow(admin.email).waitFor();
    await shoot(o.page, 'console-staff-ja-1280');
    assert.deepEqual(await seriousViolations(o.page, ['alumni-console']), []);

    // The admin signs in on a phone and approves the member.
    const a = await open('phone', 'ja');
    await a.console.signIn(admin.email, consoleCode(admin.email));
    assert.match(await a.console.who(), /総務 健太.*管理者/);
    await a.console.pendingRow(applicant.name).waitFor();
    await shoot(a.page, 'console-approvals-pending-ja-390');
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    await a.console.approve(applicant.name);
    const approvedMail = await smtp.waitFor((m) => m.to.includes(applicant.email) && /承認/.test(m.subject), 30_000);
    assert.match(approvedMail.text, /申請 花子 様/);

    // The owner suspends her from the member search, with a reason she is told.
    await o.console.go('メンバー');
    await o.console.suspend(applicant.name, '規約違反の投稿があったため');
    const signedOut = await fetch(`${stack.apiOrigin}/v1/me`, { headers: { ...pk, authorization: `Bearer ${signedUp.token}` } });
    assert.equal(signedOut.status, 401, 'a suspended member is signed out everywhere');

    // The audit log, newest first, names who did each step.
    await o.console.go('操作履歴');
    const rows = await o.console.auditRows();
    const steps = rows.map((r) => `${r.actor} ${r.action}`);
    const approve = steps.indexOf(`${admin.name} POST /v1/admin/members/{id}/approve`);
    const invited = steps.indexOf(`${owner.name} POST /v1/admin/staff`);
    const suspend = steps.indexOf(`${owner.name} POST /v1/admin/members/{id}/suspend`);
    assert.ok(suspend >= 0 && approve > suspend && invited > approve, steps.join('\n'));
    assert.ok(steps.some((s) => s.includes('PATCH /v1/admin/tenant')), 'the secret key’s change of policy is there too');
    await shoot(o.page, 'console-audit-ja-1280');

    for (const p of [o, a]) assert.deepEqual(p.problems, []);
    await o.page.close();
    await a.page.close();
  });

  it('every page at 390 px and 1280 px, in Japanese and English, without sideways scrolling', async () => {
    for (const lang of ['ja', 'en'] as const) {
      for (const device of ['phone', 'desktop'] as const) {
        const width = viewports[device].width;
        const p = await open(device, lang);
        await p.page.locator('alumni-console').getByRole('button').first().waitFor();
        await shoot(p.page, `console-sign-in-${lang}-${width}`);
        await p.console.signIn(owner.email, consoleCode(owner.email));
        for (const [id, ja, en] of [['approvals', '承認待ち', 'Approvals'], ['members', 'メンバー', 'Members'], ['settings', '設定', 'Settings'], ['staff', 'スタッフ', 'Staff'], ['audit', '操作履歴', 'Audit log']] as const) {
          await p.console.go(lang === 'ja' ? ja : en);
          await p.page.waitForFunction((tag) => !!document.querySelector('alumni-console')?.shadowRoot?.querySelector(tag)?.shadowRoot?.querySelector('h2'), `alumni-console-${id}`);
          await p.page.waitForTimeout(150);
          await shoot(p.page, `console-${id}-${lang}-${width}`);
        }
        assert.deepEqual(p.problems, []);
        await p.page.close();
      }
    }
  });
});
