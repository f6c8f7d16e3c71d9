import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../server/app.js';
import { jsonLogger } from '../../server/core/log.js';
import { eventBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';

describe('API conventions', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
  });
  after(() => t.close());

  it('GET /health answers {"status":"ok"}', async () => {
    const res = await t.call('GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('GET /openapi.json is OpenAPI 3.1 generated from the validating schemas', async () => {
    const { body } = await t.call('GET', '/openapi.json');
    assert.equal(body.openapi, '3.1.0');
    const create = body.paths['/v1/admin/events'].post;
    const schema = body.components.schemas[create.requestBody.content['application/json'].schema.$ref.split('/').pop()];
    assert.ok(schema.required.includes('title'));
    assert.equal(schema.properties.title.maxLength, 200);
    assert.deepEqual(Object.keys(body.components.securitySchemes).sort(), ['memberSession', 'publishableKey', 'secretKey', 'staffSession']);
  });

  it('GET /docs renders the document with assets served locally and no inline script', async () => {
    const page = await t.app.request('/docs');
    const html = await page.text();
    assert.equal(page.status, 200);
    // A Content-Security-Policy that allows this origin's scripts and nothing inline (test/e2e/docs.test.ts runs it in Chromium).
    const policy = Object.fromEntries(
      (page.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
    );
    assert.deepEqual(policy['default-src'], ["'none'"]);
    assert.deepEqual(policy['script-src'], ["'self'"]);
    assert.deepEqual(policy['style-src'], ["'self'"]);
    assert.deepEqual(policy['frame-ancestors'], ["'none'"]);
    assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /unsafe-(inline|eval)|\*/);
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN');
    assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script');
    for (const src of html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)) {
      const asset = await t.app.request(src[1]!);
      assert.equal(asset.status, 200, src[1]);
    }
  });

  it('every response carries a request id and security headers', async () => {
    const res = await t.app.request('/health');
    assert.match(res.headers.get('x-request-id') ?? '', /.{8,}/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const echoed = await t.app.request('/health', { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(echoed.headers.get('x-request-id'), 'trace-123');
    const made = await t.app.request('/health', { headers: { 'x-request-id': 'not a token <script>' } });
    assert.notEqual(made.headers.get('x-request-id'), 'not a token <script>');
    // API answers, problems included: OWASP's REST set — never rendered, framed or sniffed, HTTPS only, no referrer.
    const problem = await t.app.request('/v1/events/evt_missing', { headers: { authorization: `Bearer ${a.pk}` } });
    assert.equal(problem.status, 404);
    for (const res of [await t.app.request('/health'), problem]) {
      assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.match(res.headers.get('x-request-id') ?? '', /.{8,}/);
    }
    // Pages and widget files keep a browser page's full set, readable cross-origin (careers pages load the widgets).
    const page = await t.app.request('/console/');
    assert.equal(page.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/, 'the console keeps its own policy');
    assert.match(page.headers.get('x-request-id') ?? '', /.{8,}/);
  });

  it('problems carry type, title, status, detail and the request id', async () => {
    const res = await t.call('GET', '/v1/events/evt_missing', { token: a.pk, headers: { 'x-request-id': 'req-42' } });
    assert.equal(res.status, 404);
    assert.deepEqual(Object.keys(res.body).sort(), ['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
    assert.equal(res.body.requestId, 'req-42');
  });

  it('writes one structured access-log line a request', async () => {
    const lines: string[] = [];
    const app = createApp({ ...t.deps, log: jsonLogger('info', (l) => lines.push(l)) });
    await app.request('/health', { headers: { 'x-request-id': 'log-1' } });
    const entry = JSON.parse(lines.at(-1)!);
    assert.equal(entry.msg, 'request');
    assert.equal(entry.requestId, 'log-1');
    assert.equal(entry.status, 200);
    assert.equal(typeof entry.ms, 'number');
  });

  it('turns an unexpected failure into a logged 500 problem that leaks no internals', async () => {
    const lines: string[] = [];
    const { testDb } = await import('../helpers/db.js');
    const broken = await testDb();
    await broken.close(); // every query now throws
    const app = createApp({ ...t.deps, db: broken.db, log: jsonLogger('info', (l) => lines.push(l)) });
    const res = await app.request('/v1/events', { headers: { authorization: `Bearer ${a.pk}` } });
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const body = await res.json();
    assert.doesNotMatch(JSON.stringify(body), /stack|sqlite|libsql/i);
    assert.ok(lines.some((l) => JSON.parse(l).level === 'error'));
  });

  it('pages through a list with limit and nextCursor, without repeats or gaps', async () => {
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const res = await t.call('POST', '/v1/admin/events', {
        token: a.sk,
        body: eventBody({ startsAt: `2027-01-0${day}T10:00:00+09:00`, endsAt: `2027-01-0${day}T12:00:00+09:00` }),
      });
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.call(
        'GET',
        `/v1/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: a.pk },
      );
      assert.ok(res.body.data.length <= 2);
      seen.push(...res.body.data.map((e) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);
  });
});
