import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { compress } from '../../server/http/middleware/compress/index.js';
import { makeTestApp, type TestContext } from '../helpers/app.js';

const big = { data: Array.from({ length: 40 }, (_, i) => ({ id: `evt_${i}`, title: `アルムナイ交流会 ${i}` })) };
const gzipped = (accept = 'gzip, deflate, br') => ({ headers: { 'accept-encoding': accept } });

/** The middleware alone, over routes answering what the API can answer. */
function app() {
  const a = new Hono();
  a.use(compress({ threshold: 1024 }));
  a.get('/big', (c) => c.json(big));
  a.get('/small', (c) => c.json({ status: 'ok' }));
  a.get('/problem', (c) => c.json({ ...big, type: 'about:blank' }, 422, { 'content-type': 'application/problem+json; charset=utf-8' }));
  a.get('/events', (c) => c.body(`data: ${JSON.stringify(big)}\n\n`, 200, { 'content-type': 'text/event-stream' }));
  a.get('/encoded', (c) => c.body(gzipSync(JSON.stringify(big)), 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }));
  return a;
}

describe('compress middleware', () => {
  it('gzips JSON answers over the threshold for clients that accept it, with Vary', async () => {
    for (const path of ['/big', '/problem']) {
      const res = await app().request(path, gzipped());
      assert.equal(res.headers.get('content-encoding'), 'gzip', path);
      assert.match(res.headers.get('vary') ?? '', /accept-encoding/i, path);
      const body = Buffer.from(await res.arrayBuffer());
      assert.ok(body.length < JSON.stringify(big).length, path);
      assert.equal(JSON.parse(gunzipSync(body).toString()).data.length, 40, path);
    }
  });

  it('leaves small answers, clients without Accept-Encoding, event streams and encoded bodies as they are', async () => {
    const small = await app().request('/small', gzipped());
    assert.equal(small.headers.get('content-encoding'), null);
    assert.deepEqual(await small.json(), { status: 'ok' });

    const plain = await app().request('/big');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(((await plain.json()) as typeof big).data.length, 40);

    const events = await app().request('/events', gzipped());
    assert.equal(events.headers.get('content-encoding'), null);
    assert.match(await events.text(), /^data: /);

    const encoded = await app().request('/encoded', gzipped());
    assert.equal(encoded.headers.get('content-encoding'), 'gzip');
    assert.equal(JSON.parse(gunzipSync(Buffer.from(await encoded.arrayBuffer())).toString()).data.length, 40, 'compressed once, not twice');
  });

  describe('in the full app', () => {
    let t: TestContext;
    before(async () => {
      t = await makeTestApp();
    });
    after(() => t.close());

    it('compresses the OpenAPI document and a large problem+json, not /health', async () => {
      const doc = await t.app.request('/openapi.json', gzipped());
      assert.equal(doc.status, 200);
      assert.equal(doc.headers.get('content-encoding'), 'gzip');
      assert.equal(JSON.parse(gunzipSync(Buffer.from(await doc.arrayBuffer())).toString()).openapi, '3.1.0');

      const health = await t.app.request('/health', gzipped());
      assert.equal(health.headers.get('content-encoding'), null);
      assert.deepEqual(await health.json(), { status: 'ok' });
    });
  });
});
