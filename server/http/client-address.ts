import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * Who is asking, for per-client limits. X-Forwarded-For is believed only as far as the operator says
 * proxies append to it (TRUST_PROXY_HOPS): its left part is written by the client and could dodge the limit.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const hops = c.get('deps').config.TRUST_PROXY_HOPS;
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const client = chain[chain.length - hops];
    if (client) return client.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests and other runtimes have no socket.
    return 'unknown';
  }
}
