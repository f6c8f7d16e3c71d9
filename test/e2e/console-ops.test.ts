import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ConsoleHarness } from '../../console/harness.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { runCli } from '../helpers/processes.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, seriousViolations, viewports, type Device, type Lang } from './journey-kit.js';

/**
 * The console's operations pages over real HTTP in Chromium, mail through a real SMTP server: an
 * admin uploads rosters (UTF-8 with a bad row, then Shift_JIS as Excel saves it), sees the preview's
 * counts and applies them; creates a job and moves a member's response through the pipeline; writes a
 * scheduled company post with its preview; a moderator hides a reported post and cannot reach the
 * settings or keys. Under the console's strict CSP with no violation, axe clean, no sideways scroll at
 * 390 px. HOMECOMING_SCREENSHOTS=<folder> photographs the pages.
 */
const folder = process.env.HOMECOMING_SCREENSHOTS;

/** A roster as Excel on a Japanese Windows saves "CSV": Shift_JIS (渡辺 美咲, 経理部). */
const shiftJisRoster = Buffer.from(
  '656d61696c2c6e616d652c656d706c6f7965654e756d6265722c6465706172746d656e742c6a6f696e65644f6e2c6c6566744f6e2c6b696e640a736a69732d504944406578616d706c652e6a702c936e95d32094fc8de72c533130302c8c6f979d95942c323031322d30342d30312c323032342d30332d33312c616c756d6e690a',
  'hex',
);

describe('the staff console: roster, jobs, feed, settings', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  const admin = { email: `ops-admin-${process.pid}@example.jp`, name: '運用 真理' };
  const moderator = { email: `ops-mod-${process.pid}@example.jp`, name: '見守り 大介' };
  let env: Record<string, string>;

  before(async () => {
    if (folder) mkdirSync(folder, { recursive: true });
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
    env = { DATABASE_URL: stack.api.deps.config.DATABASE_URL, SMTP_URL: smtp.url, PUBLIC_API_URL: stack.apiOrigin };
    for (const s of [
      { ...admin, role: 'admin' },
      { ...moderator, role: 'moderator' },
    ]) {
      const cli = await runCli(['staff', 'invite', '--tenant', stack.demo.tenantId, '--email', s.email, '--name', s.name, '--role', s.role], env);
      assert.equal(cli.code, 0, cli.stderr);
    }
  });
  after(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function open(device: Device, lang: Lang): Promise<{ page: Page; console: ConsoleHarness; problems: string[] }> {
    const page = await stack.browser.newPage({ viewport: viewports[device], isMobile: device === 'phone', hasTouch: device === 'phone', locale: lang === 'ja' ? 'ja-JP' : 'en-US', timezoneId: 'Asia/Tokyo' });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript((l) => {
      localStorage.setItem('homecoming:console:lang', l);
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    }, lang);
    await page.goto(`${stack.apiOrigin}/console/`);
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
  const sk = () => ({ authorization: `Bearer ${stack.demo.secretKey}`, 'content-type': 'application/json' });

  it('an admin uploads a UTF-8 roster with a bad row and a Shift_JIS one: preview, apply, applied', async () => {
    const a = await open('phone', 'ja');
    await a.console.signIn(admin.email, consoleCode(admin.email));
    await a.console.go('名簿');

    const known = `known-${process.pid}@example.jp`;
    await fetch(`${stack.apiOrigin}/v1/admin/roster`, { method: 'POST', headers: sk(), body: JSON.stringify({ entries: [{ emails: [known], name: '既存 一郎', employeeNumber: 'K1', department: '営業部' }] }) });
    const csv = [
      'email,name,employeeNumber,department,joinedOn,leftOn,kind',
      `${known},既存 一郎,K1,企画部,,,`,
      `new1-${process.pid}@example.jp,新規 一子,N1,開発部,2016-04-01,2025-03-31,`,
      `new2-${process.pid}@example.jp,新規 二郎,N2,,,,`,
      `broken-address,壊れた 行,N3,,,,`,
    ].join('\n');
    await a.console.chooseRoster({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    assert.deepEqual(await a.console.rosterCounts(), { created: 2, updated: 1, unchanged: 0, errors: 1, approvals: 0 });
    const errors = await a.console.rosterErrors();
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /5 行目 · メール/);
    await shoot(a.page, 'console-roster-preview-ja-390');
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    const before = await (await fetch(`${stack.apiOrigin}/v1/admin/roster?email=${known}`, { headers: sk() })).json();
    assert.equal(before.data[0].department, '営業部', 'nothing is written by the preview');

    assert.match(await a.console.applyRoster(), /新規 2 件、更新 1 件/);
    await a.console.rosterListed('新規 一子').waitFor();
    const afterApply = await (await fetch(`${stack.apiOrigin}/v1/admin/roster?email=${known}`, { headers: sk() })).json();
    assert.equal(afterApply.data[0].department, '企画部');

    await a.console.chooseRoster({ name: 'excel.csv', mimeType: 'text/csv', buffer: shiftJisRoster });
    assert.match(await a.page.locator('alumni-console-roster [data-preview]').innerText(), /Shift_JIS/);
    assert.deepEqual(await a.console.rosterCounts(), { created: 1, updated: 0, unchanged: 0, errors: 0, approvals: 0 });
    assert.match(await a.page.locator('alumni-console-roster [data-created]').innerText(), /渡辺 美咲/);
    assert.match(await a.console.applyRoster(), /新規 1 件/);
    await a.console.rosterListed('渡辺 美咲').waitFor();
    assert.match(await a.console.rosterListed('渡辺 美咲').innerText(), /経理部/);
    await shoot(a.page, 'console-roster-applied-ja-390');
    assert.deepEqual(a.problems, []);
    await a.page.close();
  });

  it('an admin creates a job with a live preview; a member shows interest; the admin moves it through the pipeline', async () => {
    const a = await open('desktop', 'ja');
    await a.console.signIn(admin.email, consoleCode(admin.email));
    await a.console.go('求人');
    const title = `カムバック営業 ${process.pid}`;
    await a.console.createJob(title, '## 仕事内容\n- **法人営業**の立ち上げ', '法人営業');
    assert.equal(await a.page.locator('alumni-console-jobs [data-preview-markdown] strong').count(), 0, 'the form is closed after saving');

    const jobs = await (await fetch(`${stack.apiOrigin}/v1/admin/jobs?q=${encodeURIComponent(title)}`, { headers: sk() })).json();
    const job = jobs.data.find((j: { title: string }) => j.title === title);
    assert.equal(job.status, 'open');
    assert.match(JSON.stringify(job.description), /法人営業/);
    const member = await createMember(stack.api.deps.db, stack.demo.tenantId, { status: 'approved', name: '戻り 咲子', email: `comeback-${process.pid}@example.jp` });
    const token = await sessionFor(stack.api.deps.db, member);
    const interest = await fetch(`${stack.apiOrigin}/v1/jobs/${job.id}/interest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: stack.siteOrigin },
      body: JSON.stringify({ note: 'また一緒に働きたいです' }),
    });
    assert.equal(interest.status, 201, await interest.text());

    await a.page.reload();
    await a.console.go('求人');
    await a.console.openPipeline(title);
    assert.deepEqual(await a.console.boardCounts(), { new: 1, contacted: 0, interviewing: 0, hired: 0, closed: 0 });
    await a.console.moveCard('戻り 咲子', '連絡済み', 'contacted');
    await a.console.moveCard('戻り 咲子', '面談中', 'interviewing');
    assert.deepEqual(await a.console.boardCounts(), { new: 0, contacted: 0, interviewing: 1, hired: 0, closed: 0 });
    await shoot(a.page, 'console-jobs-board-ja-1280');
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    await a.console.moveCard('戻り 咲子', '採用', 'hired');
    const responses = await (await fetch(`${stack.apiOrigin}/v1/admin/jobs/${job.id}/responses`, { headers: sk() })).json();
    assert.equal(responses.data[0].status, 'hired');
    assert.ok(responses.data[0].hiredAt);

    // The same board on a phone: the columns stack, nothing scrolls sideways.
    const p = await open('phone', 'ja');
    await p.console.signIn(admin.email, consoleCode(admin.email));
    await p.console.go('求人');
    await p.console.openPipeline(title);
    await shoot(p.page, 'console-jobs-board-ja-390');
    const lefts = await p.page.locator('alumni-console-jobs [data-column]').evaluateAll((cols) => cols.map((c) => Math.round(c.getBoundingClientRect().left)));
    assert.equal(new Set(lefts).size, 1, `the columns stack on a phone: ${lefts}`);
    for (const x of [a, p]) {
      assert.deepEqual(x.problems, []);
      await x.page.close();
    }
  });

  it('an admin schedules a company post with its preview; a moderator hides a reported post and cannot reach settings or keys', async () => {
    const a = await open('desktop', 'ja');
    await a.console.signIn(admin.email, consoleCode(admin.email));
    await a.console.go('フィード');
    const title = `交流会のお知らせ ${process.pid}`;
    const when = new Date(Date.now() + 3 * 86_400_000);
    const local = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}T09:00`;
    const notice = await a.console.schedulePost({ title, body: '**来月**の交流会は大阪です。', tags: '交流会, 告知', publishAt: local }, '来月');
    assert.match(notice, /予約しました/);
    await a.console.feedPost('scheduled', title).waitFor();
    await shoot(a.page, 'console-feed-scheduled-ja-1280');
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    const scheduled = await (await fetch(`${stack.apiOrigin}/v1/admin/posts?status=scheduled`, { headers: sk() })).json();
    const post = scheduled.data.find((p: { title: string }) => p.title === title);
    assert.equal(post.state, 'scheduled');
    assert.deepEqual(post.tags, ['交流会', '告知']);
    assert.equal(post.publishedAt, new Date(`${local}:00+09:00`).toISOString(), 'the time picked in the browser (Asia/Tokyo)');
    const feed = await (await fetch(`${stack.apiOrigin}/v1/posts`, { headers: { authorization: `Bearer ${stack.demo.publishableKey}`, origin: stack.siteOrigin } })).json();
    assert.ok(!JSON.stringify(feed).includes(title), 'not in the feed before its time');
    assert.deepEqual(a.problems, []);
    await a.page.close();

    // A member posts; another reports it.
    const db = stack.api.deps.db;
    const author = await createMember(db, stack.demo.tenantId, { status: 'approved', name: '投稿 太郎', email: `poster-${process.pid}@example.jp` });
    const reporter = await createMember(db, stack.demo.tenantId, { status: 'approved', name: '通報 花子', email: `reporter-${process.pid}@example.jp` });
    const as = async (m: typeof author) => ({ authorization: `Bearer ${await sessionFor(db, m)}`, 'content-type': 'application/json', origin: stack.siteOrigin });
    const written = await fetch(`${stack.apiOrigin}/v1/posts`, { method: 'POST', headers: await as(author), body: JSON.stringify({ kind: 'general', body: `宣伝です ${process.pid} 今すぐ登録を` }) });
    const writtenText = await written.text();
    assert.equal(written.status, 201, writtenText);
    const reported = JSON.parse(writtenText) as { id: string };
    const report = await fetch(`${stack.apiOrigin}/v1/posts/${reported.id}/reports`, { method: 'POST', headers: await as(reporter), body: JSON.stringify({ reason: '宣伝目的の投稿です' }) });
    assert.equal(report.status, 201, await report.text());

    const m = await open('phone', 'ja');
    await m.console.signIn(moderator.email, consoleCode(moderator.email));
    const menu = await m.console.menuItems();
    assert.ok(menu.includes('フィード') && !menu.includes('設定') && !menu.includes('名簿') && !menu.includes('求人'), menu.join(','));
    await m.console.go('フィード');
    await m.console.reportRow(`宣伝です ${process.pid}`).waitFor();
    await shoot(m.page, 'console-feed-moderation-ja-390');
    assert.deepEqual(await seriousViolations(m.page, ['alumni-console']), []);
    await m.console.hideReported(`宣伝です ${process.pid}`);
    await m.console.feedPost('hidden', `宣伝です ${process.pid}`).waitFor();
    const hidden = await (await fetch(`${stack.apiOrigin}/v1/admin/posts/${reported.id}`, { headers: sk() })).json();
    assert.ok(hidden.hiddenAt, 'the post is hidden');

    const token = await m.console.sessionToken();
    assert.ok(token);
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    assert.equal((await fetch(`${stack.apiOrigin}/v1/admin/posts/${reported.id}`, { headers: bearer })).status, 200, 'the token is the moderator’s');
    assert.equal((await fetch(`${stack.apiOrigin}/v1/admin/tenant`, { method: 'PATCH', headers: bearer, body: JSON.stringify({ name: '乗っ取り' }) })).status, 403);
    assert.equal((await fetch(`${stack.apiOrigin}/v1/admin/keys`, { method: 'POST', headers: bearer, body: JSON.stringify({ kind: 'secret', name: 'x' }) })).status, 403);
    assert.equal((await fetch(`${stack.apiOrigin}/v1/admin/sso/secret`, { method: 'POST', headers: bearer })).status, 403);
    // Typing the settings page's address shows nothing it may not use.
    await m.page.evaluate(() => (location.hash = '#settings'));
    assert.equal(await m.page.locator('alumni-console-settings').count(), 0);
    assert.deepEqual(m.problems, []);
    await m.page.close();
  });

  it('an admin sets up the SSO secret (shown once) and first-post approval in the settings', async () => {
    const a = await open('phone', 'en');
    await a.console.signIn(admin.email, consoleCode(admin.email));
    await a.console.go('Settings');
    assert.match(await a.console.ssoStatus(), /Not set up/);
    const first = await a.console.rotateSso();
    assert.match(first, /^hss_/);
    assert.match(await a.console.ssoStatus(), /Set up/);
    await shoot(a.page, 'console-settings-sso-en-390');
    assert.deepEqual(await seriousViolations(a.page, ['alumni-console']), []);
    const second = await a.console.rotateSso();
    assert.notEqual(second, first, 'rotated');
    const status = await (await fetch(`${stack.apiOrigin}/v1/admin/sso`, { headers: sk() })).json();
    assert.equal(status.configured, true);

    await a.console.setFirstPostApproval(true);
    const tenant = await (await fetch(`${stack.apiOrigin}/v1/admin/tenant`, { headers: sk() })).json();
    assert.equal(tenant.feedFirstPostApproval, true);
    await a.page.reload();
    await a.page.locator('alumni-console-sso [data-sso-status]').filter({ hasText: 'Set up' }).waitFor();
    assert.equal(await a.page.locator('alumni-console-sso [data-sso-secret]').count(), 0, 'the secret is shown only once');
    assert.deepEqual(a.problems, []);
    await a.page.close();
  });

  it('with first-post approval on, a new member’s first post waits; a moderator approves it in the queue', async () => {
    const db = stack.api.deps.db;
    const tenant = await (await fetch(`${stack.apiOrigin}/v1/admin/tenant`, { headers: sk() })).json();
    assert.equal(tenant.feedFirstPostApproval, true, 'turned on in the settings by the test before');
    const newcomer = await createMember(db, stack.demo.tenantId, { status: 'approved', name: '新入 一年', email: `newcomer-${process.pid}@example.jp` });
    const headers = { authorization: `Bearer ${await sessionFor(db, newcomer)}`, 'content-type': 'application/json', origin: stack.siteOrigin };
    const res = await fetch(`${stack.apiOrigin}/v1/posts`, { method: 'POST', headers, body: JSON.stringify({ kind: 'general', body: `はじめまして ${process.pid}` }) });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    const post = JSON.parse(text) as { id: string; state: string };
    assert.equal(post.state, 'pending');

    const m = await open('desktop', 'en');
    await m.console.signIn(moderator.email, consoleCode(moderator.email));
    await m.console.go('Feed');
    await m.console.feedPost('pending', '新入 一年').waitFor();
    await m.console.approveFirstPost('新入 一年');
    const approved = await (await fetch(`${stack.apiOrigin}/v1/admin/posts/${post.id}`, { headers: sk() })).json();
    assert.equal(approved.status, 'published');
    assert.deepEqual(m.problems, []);
    await m.page.close();
  });

  it('every new page at 390 px and 1280 px, in Japanese and English: no sideways scroll, axe clean, no CSP violation', async () => {
    for (const lang of ['ja', 'en'] as const) {
      for (const device of ['phone', 'desktop'] as const) {
        const width = viewports[device].width;
        const p = await open(device, lang);
        await p.console.signIn(admin.email, consoleCode(admin.email));
        for (const [id, ja, en] of [['roster', '名簿', 'Roster'], ['jobs', '求人', 'Jobs'], ['feed', 'フィード', 'Feed'], ['settings', '設定', 'Settings']] as const) {
          await p.console.go(lang === 'ja' ? ja : en);
          await p.page.waitForFunction(
            (tag) => {
              const root = document.querySelector('alumni-console')?.shadowRoot?.querySelector(tag)?.shadowRoot;
              return !!root?.querySelector('h2') && !root.querySelector('.loading');
            },
            `alumni-console-${id}`,
          );
          await p.page.waitForTimeout(150);
          await shoot(p.page, `console-${id}-${lang}-${width}`);
          assert.deepEqual(await seriousViolations(p.page, ['alumni-console']), [], `${id} ${lang} ${width}`);
        }
        assert.deepEqual(p.problems, []);
        await p.page.close();
      }
    }
  });
});
