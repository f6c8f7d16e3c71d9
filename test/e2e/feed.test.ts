import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SeedResult } from '../../server/demo/seed.js';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { codeFor, openPage, seriousViolations } from './journey-kit.js';

/**
 * The feed end to end, on the example site (API on another origin, strict CSP, real SMTP): an alumna
 * signs in, posts a self-introduction passing the relay baton to a colleague (who is mailed), comments,
 * reacts and reports; the company hides the post through the admin API, and it disappears from the
 * colleague's feed. The careers page shows the company's public news signed out.
 */
describe('the feed, end to end', () => {
  let stack: E2eStack;
  let smtp: TestSmtp;
  let browser: Browser;
  let demo: SeedResult;
  let apiOrigin: string;
  let siteOrigin: string;

  async function admin(method: string, path: string, body?: unknown) {
    const res = await fetch(`${apiOrigin}${path}`, {
      method,
      headers: { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status} ${await res.clone().text()}`);
    return res.json();
  }

  before(async () => {
    smtp = await startSmtp();
    stack = await startE2eStack({ smtpUrl: smtp.url });
    ({ browser, demo, apiOrigin, siteOrigin } = stack);
  });
  after(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** Signs in on the alumni page with an emailed code (a first sign-in gives a name). */
  async function signIn(page: Page, email: string, name?: string) {
    const form = page.locator('alumni-sign-in');
    await form.locator('input[name="email"]').fill(email);
    const before = smtp.messages.length;
    await form.locator('form button[part~="button"]').first().click();
    await form.locator('input[name="code"]').fill(await codeFor(smtp, email, before));
    if (name) {
      await form.locator('input[name="name"]').fill(name);
      await form.locator('[part~="continue-button"]').click();
    }
    await form.locator('[part~="bar"]').waitFor({ timeout: 30_000 });
  }

  it('the careers page shows the company’s public news to visitors who are not signed in', async () => {
    const { page, problems } = await openPage(browser, `${siteOrigin}/`, 'desktop', 'ja', apiOrigin);
    const feed = page.locator('alumni-post-feed');
    await feed.locator('[part~="post"]').first().waitFor({ timeout: 30_000 });
    const titles = await feed.locator('[part~="post"] h3').allInnerTexts();
    assert.ok(titles.length >= 1, 'the seeded public news');
    assert.ok(!titles.some((t) => /メンバー限定/.test(t)), `members-only posts stay off the careers page: ${titles}`);
    assert.deepEqual(await seriousViolations(page, ['alumni-post-feed']), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('sign in, post a self-introduction passing the baton to a colleague, comment, react, report; hidden by the company, it leaves the colleague’s feed', async () => {
    const alumna = await openPage(browser, `${siteOrigin}/alumni.html`, 'desktop', 'ja', apiOrigin);
    const page = alumna.page;
    await signIn(page, 'nozomi.fujii@example.jp', '藤井 のぞみ');
    const feed = page.locator('alumni-post-feed');

    await feed.locator('[part~="write-button"]').click();
    const composer = feed.locator('[part~="composer"]');
    await composer.locator('input[value="self_intro"]').check();
    await composer.locator('input[id$="-title"]').fill('藤井 のぞみです（2019 年まで広報）');
    await composer.locator('textarea').fill('いまは **広報コンサル** をしています。副業のご相談もどうぞ。');
    await composer.locator('[part~="pick-nominee"]').click();
    await feed.locator('[part~="picker"] input').fill('田中');
    await feed.locator('[part~="picker"] [data-member]', { hasText: '田中 花子' }).click();
    await composer.locator('[part~="submit-post"]').click();
    const post = feed.locator('[part~="post"]', { hasText: '藤井 のぞみです' });
    await post.waitFor({ timeout: 15_000 });
    assert.match(await post.locator('[part~="relay"]').innerText(), /次は 田中 花子 さん/);

    const mail = await smtp.waitFor((m) => m.to.includes('hanako.tanaka@example.jp') && /バトン/.test(m.subject), 15_000);
    assert.match(mail.text, /田中 花子 様/);
    assert.match(mail.headers['list-unsubscribe'] ?? '', /unsubscribe/);

    await post.locator('[part~="comments-button"]').click();
    await post.locator('[part~="comments"] > form textarea').fill('よろしくお願いします！');
    await post.locator('[part~="send-comment"]').click();
    await post.locator('.comment', { hasText: 'よろしくお願いします！' }).waitFor();
    await post.locator('[part~="reaction"][data-kind="like"]').click();
    await post.locator('[part~="reaction"][data-kind="like"][aria-pressed="true"]').waitFor();

    // She reports another member's post (nobody reports their own).
    const promo = feed.locator('[part~="post"]', { hasText: 'Open studio day' });
    await promo.locator('[part~="menu"] summary').click();
    await promo.locator('button[data-action="report"]').click();
    await feed.locator('dialog textarea').fill('テストのための報告です');
    await feed.locator('[part~="send-report"]').click();
    await promo.locator('.notice', { hasText: '報告しました' }).waitFor();
    assert.deepEqual(await seriousViolations(page, ['alumni-post-feed']), []);

    // The colleague, in another browser, finds the baton and the post.
    const colleague = await openPage(browser, `${siteOrigin}/alumni.html`, 'desktop', 'ja', apiOrigin);
    await signIn(colleague.page, 'hanako.tanaka@example.jp');
    const theirFeed = colleague.page.locator('alumni-post-feed');
    await theirFeed.locator('[part~="baton"]', { hasText: '藤井 のぞみ' }).waitFor({ timeout: 15_000 });
    await theirFeed.locator('[part~="post"]', { hasText: '藤井 のぞみです' }).waitFor();

    const queue = await admin('GET', '/v1/admin/reports');
    assert.ok(queue.data.some((r: any) => r.reason === 'テストのための報告です' && /Open studio day/.test(r.target.excerpt)), 'the report is in the company’s queue');
    // The company hides her post (found through the admin API, as staff would).
    const listed = await admin('GET', `/v1/admin/posts?q=${encodeURIComponent('藤井 のぞみです')}`);
    const postId = listed.data.find((p: any) => /藤井 のぞみです/.test(p.title)).id;
    await admin('POST', `/v1/admin/posts/${postId}/hide`, { reason: 'e2e' });

    await colleague.page.reload();
    await theirFeed.locator('[part~="post"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await theirFeed.locator('[part~="post"]', { hasText: '藤井 のぞみです' }).count(), 0, 'gone from the colleague’s feed');
    await page.reload();
    const own = feed.locator('[part~="post"]', { hasText: '藤井 のぞみです' });
    await own.waitFor({ timeout: 30_000 });
    assert.match(await own.locator('[part~="state-note"]').innerText(), /非表示/);
    assert.deepEqual(alumna.problems, []);
    assert.deepEqual(colleague.problems, []);
    await page.close();
    await colleague.page.close();
  });
});
