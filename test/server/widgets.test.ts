import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.js';
import { normalizeError, problemResponse } from '../../server/lib/errors.js';
import { registerWidgets } from '../../server/routes/widgets.js';
import { makeTestApp, type TestContext } from '../helpers/app.js';

/** The widgets route alone over a folder of our choosing, with the app's problem+json error handler. */
function widgetsApp(dir: string) {
  const app = new OpenAPIHono<AppEnv>();
  registerWidgets(app, dir);
  app.onError((err, c) => problemResponse(c, normalizeError(err).error));
  return app;
}

describe('widget bundle route', () => {
  let built: string;
  let empty: string;
  const bundle = 'console.log("[homecoming] bundle");\n';
  before(() => {
    built = mkdtempSync(join(tmpdir(), 'homecoming-widgets-'));
    empty = mkdtempSync(join(tmpdir(), 'homecoming-widgets-empty-'));
    writeFileSync(join(built, 'homecoming.js'), bundle);
    writeFileSync(join(built, 'homecoming.js.map'), '{"version":3}');
    writeFileSync(join(built, 'secret.txt'), 'not served');
  });
  after(() => {
    rmSync(built, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves the bundle as JavaScript to any origin, cacheable with an ETag', async () => {
    const res = await widgetsApp(built).request('/widgets/homecoming.js', { headers: { origin: 'https://careers.example.jp' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    assert.ok(res.headers.get('etag'));
    assert.equal(await res.text(), bundle);

    const again = await widgetsApp(built).request('/widgets/homecoming.js', { headers: { 'if-none-match': res.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
  });

  it('serves source maps as JSON and answers HEAD without a body', async () => {
    const map = await widgetsApp(built).request('/widgets/homecoming.js.map');
    assert.equal(map.status, 200);
    assert.equal(map.headers.get('content-type'), 'application/json; charset=utf-8');
    const head = await widgetsApp(built).request('/widgets/homecoming.js', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(bundle)));
    assert.equal(await head.text(), '');
  });

  it('says how to build when the bundle is missing', async () => {
    const res = await widgetsApp(empty).request('/widgets/homecoming.iife.js');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const body = (await res.json()) as { code: string; detail: string };
    assert.equal(body.code, 'not_found');
    assert.match(body.detail, /npm run build/);
  });

  it('serves nothing but bundle files from that folder', async () => {
    for (const path of ['/widgets/secret.txt', '/widgets/..%2Fpackage.json', '/widgets/.hidden.js', '/widgets/%2E%2E%2Fserver.js']) {
      const res = await widgetsApp(built).request(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', path);
    }
  });

  describe('in the full app', () => {
    let t: TestContext;
    before(async () => {
      t = await makeTestApp();
    });
    after(() => t.close());

    it('is public (no key needed) and answers unknown files with a problem', async () => {
      const res = await t.call('GET', '/widgets/no-such-file.js');
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'not_found');
      assert.match(res.body.detail, /no-such-file\.js/);
    });
  });
});
