/**
 * Over a real HTTP server, as browsers and server SDKs use it: a refused request body must not cost the
 * client its keep-alive connection, or the next request on that socket fails (ECONNRESET).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';

describe('keep-alive over HTTP', () => {
  let t: TestContext;
  let a: TestTenant;
  let server: ServerType;
  let port: number;
  let agent: http.Agent;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((ok) => server.once('listening', ok));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  /** One request through `agent` (a single keep-alive socket); resolves with the status and the socket used. */
  function send(path: string, token: string, body?: string) {
    return new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      const req = http.request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, socket: req.socket }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('after a 413 the same socket serves the next request', async () => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const oversized = JSON.stringify({ title: 'x'.repeat(t.deps.config.MAX_BODY_BYTES + 500_000) });
      const refused = await send('/v1/admin/events', a.sk, oversized);
      assert.equal(refused.status, 413);
      assert.equal(JSON.parse(refused.body).code, 'payload_too_large');
      const next = await send('/v1/admin/tenant', a.sk);
      assert.equal(next.status, 200, next.body);
      assert.equal(next.socket, refused.socket, 'the keep-alive socket was reused');
    } finally {
      agent.destroy();
    }
  });

  it('a large body the route never reads (refused credential) does not cost the socket either', async () => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const large = JSON.stringify({ title: 'x'.repeat(t.deps.config.MAX_BODY_BYTES - 1_000) });
      const refused = await send('/v1/admin/events', 'sk_unknown000000000000', large);
      assert.equal(refused.status, 401);
      const next = await send('/v1/admin/tenant', a.sk);
      assert.equal(next.status, 200, next.body);
      assert.equal(next.socket, refused.socket, 'the keep-alive socket was reused');
    } finally {
      agent.destroy();
    }
  });
});
