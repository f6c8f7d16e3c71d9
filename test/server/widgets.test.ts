import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/http/env.js';
import { normalizeError, problemResponse } from '../../server/http/problem.js';
import { widgetsDir } from '../../scripts/widgets-build.js';
import { chooseEncoding, defaultWidgetsDir, registerWidgets } from '../../server/modules/platform/widgets.js';
import { makeTestApp, type TestContext } from '../helpers/app.js';

/** The widgets route alone over a folder of our choosing, with the app's problem+json error handler. */
function widgetsApp(dir: string) {
  const app = new OpenAPIHono<AppEnv>();
  registerWidgets(app, dir);
  app.onError((err, c) => problemResponse(c, normalizeError(err).error));
  return app;
}

/** Writes a file with the brotli and gzip copies the build puts beside it. */
function writeBuilt(dir: string, name: string, text: string) {
  writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
  writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
}

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('widget files route', () => {
  it('serves by default the folder the build writes (dist/widgets at the repository root)', () => {
    assert.equal(defaultWidgetsDir.replace(/\/$/, ''), widgetsDir);
  });

  let built: string;
  let empty: string;
  const loader = 'console.log("[homecoming] loader");\n'.repeat(20);
  const chunk = 'export const x = "[homecoming] element chunk";\n'.repeat(20);
  before(() => {
    built = mkdtempSync(join(tmpdir(), 'homecoming-widgets-'));
    empty = mkdtempSync(join(tmpdir(), 'homecoming-widgets-empty-'));
    writeBuilt(built, 'homecoming.js', loader);
    writeBuilt(built, 'shared-AbCd_123.js', 'export const shared = 1;\n');
    writeBuilt(built, 'event-list-Zz-9yY8x.js', chunk);
    writeFileSync(join(built, 'event-list-Zz-9yY8x.js.map'), '{"version":3}');
    writeFileSync(join(built, 'homecoming.js.map'), '{"version":3}');
    writeFileSync(join(built, 'secret.txt'), 'not served');
    writeFileSync(
      join(built, 'manifest.json'),
      JSON.stringify({ loader: 'homecoming.js', chunks: ['shared-AbCd_123.js'], elements: { 'alumni-event-list': { chunk: 'event-list-Zz-9yY8x.js', imports: ['shared-AbCd_123.js'] } } }),
    );
  });
  after(() => {
    rmSync(built, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves the loader to any origin, revalidated after a short while with its ETag', async () => {
    const app = widgetsApp(built);
    const res = await app.request('/widgets/homecoming.js', { headers: { origin: 'https://careers.example.jp' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300, must-revalidate');
    assert.equal(res.headers.get('vary'), 'Accept-Encoding');
    assert.ok(res.headers.get('etag'));
    assert.equal(await res.text(), loader);

    const again = await app.request('/widgets/homecoming.js', { headers: { 'if-none-match': res.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('cache-control'), 'public, max-age=300, must-revalidate');
  });

  it('serves content-hashed chunks and their maps as immutable for a year', async () => {
    const app = widgetsApp(built);
    for (const name of ['event-list-Zz-9yY8x.js', 'shared-AbCd_123.js', 'event-list-Zz-9yY8x.js.map']) {
      const res = await app.request(`/widgets/${name}`);
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', name);
      assert.equal(res.headers.get('access-control-allow-origin'), '*', name);
    }
    assert.equal((await app.request('/widgets/homecoming.js.map')).headers.get('cache-control'), 'public, max-age=300, must-revalidate');
  });

  it('sends the brotli or gzip copy the build prepared, as Accept-Encoding allows, each with its own ETag', async () => {
    const app = widgetsApp(built);
    const get = (acceptEncoding?: string, extra: Record<string, string> = {}) =>
      app.request('/widgets/event-list-Zz-9yY8x.js', { headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...extra } });

    const br = await get('gzip, deflate, br, zstd');
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    const brBody = await bytes(br);
    assert.equal(br.headers.get('content-length'), String(brBody.length));
    assert.ok(brBody.length < chunk.length);
    assert.equal(brotliDecompressSync(brBody).toString(), chunk);

    const gz = await get('gzip');
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(await bytes(gz)).toString(), chunk);
    assert.equal((await get('br;q=0, gzip')).headers.get('content-encoding'), 'gzip');

    const plain = await get();
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), chunk);
    assert.equal((await get('identity')).headers.get('content-encoding'), null);

    const etags = new Set([br, gz, plain].map((r) => r.headers.get('etag')));
    assert.equal(etags.size, 3, 'one ETag per representation');
    assert.equal((await get('br', { 'if-none-match': br.headers.get('etag')! })).status, 304);
    assert.equal((await get('gzip', { 'if-none-match': br.headers.get('etag')! })).status, 200, 'a brotli ETag does not validate the gzip copy');
  });

  it('chooses the encoding by quality, brotli on a tie, nothing the build did not prepare', () => {
    const both = { br: 1, gzip: 1 };
    assert.equal(chooseEncoding('gzip, br', both), 'br');
    assert.equal(chooseEncoding('gzip;q=1, br;q=0.5', both), 'gzip');
    assert.equal(chooseEncoding('*', both), 'br');
    assert.equal(chooseEncoding('*;q=0', both), undefined);
    assert.equal(chooseEncoding('deflate', both), undefined);
    assert.equal(chooseEncoding('br', { gzip: 1 }), undefined);
    assert.equal(chooseEncoding(undefined, both), undefined);
  });

  it('reads the folder once and keeps it in memory, until a new build writes manifest.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homecoming-widgets-rebuild-'));
    try {
      writeBuilt(dir, 'homecoming.js', 'first build');
      writeFileSync(join(dir, 'manifest.json'), '{}');
      utimesSync(join(dir, 'manifest.json'), 1_000, 1_000);
      const app = widgetsApp(dir);
      const first = await app.request('/widgets/homecoming.js');
      assert.equal(await first.text(), 'first build');

      // The file changes on disk but no build finished: what is in memory is served, with the same ETag.
      writeBuilt(dir, 'homecoming.js', 'half-written');
      const cached = await app.request('/widgets/homecoming.js');
      assert.equal(await cached.text(), 'first build');
      assert.equal(cached.headers.get('etag'), first.headers.get('etag'));

      writeBuilt(dir, 'homecoming.js', 'second build');
      writeFileSync(join(dir, 'manifest.json'), '{}');
      utimesSync(join(dir, 'manifest.json'), 2_000, 2_000);
      const rebuilt = await app.request('/widgets/homecoming.js');
      assert.equal(await rebuilt.text(), 'second build');
      assert.notEqual(rebuilt.headers.get('etag'), first.headers.get('etag'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers HEAD with the length of what GET would send, and no body', async () => {
    const app = widgetsApp(built);
    const head = await app.request('/widgets/homecoming.js', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(loader)));
    assert.equal(await head.text(), '');
    const headBr = await app.request('/widgets/homecoming.js', { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    assert.equal(headBr.headers.get('content-encoding'), 'br');
    assert.equal(headBr.headers.get('content-length'), String(brotliCompressSync(loader).length));
  });

  it('serves source maps as JSON', async () => {
    const map = await widgetsApp(built).request('/widgets/homecoming.js.map');
    assert.equal(map.status, 200);
    assert.equal(map.headers.get('content-type'), 'application/json; charset=utf-8');
  });

  it('says how to build when the loader is missing', async () => {
    const res = await widgetsApp(empty).request('/widgets/homecoming.iife.js');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const body = (await res.json()) as { code: string; detail: string };
    assert.equal(body.code, 'not_found');
    assert.match(body.detail, /npm run build/);
  });

  it('serves nothing but widget files from that folder (not the compressed copies by name either)', async () => {
    for (const path of [
      '/widgets/secret.txt',
      '/widgets/homecoming.js.br',
      '/widgets/homecoming.js.gz',
      '/widgets/..%2Fpackage.json',
      '/widgets/.hidden.js',
      '/widgets/%2E%2E%2Fserver.js',
    ]) {
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
