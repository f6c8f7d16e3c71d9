/**
 * Public answers kept for a moment: what a route declared with `cache: 'public'` answers to a
 * publishable key (an anonymous careers-page visitor) is kept per tenant and URL in core/cache.ts, so a
 * page that thousands open at once costs the database one query per half second per process.
 *
 * What it keeps is the answer's status, body and Content-Type (and its gzip form, made once). So a route
 * may declare it only if its answer to a publishable key depends on nothing but the tenant, the URL and
 * the data: no viewer, no request header, no header the handler sets itself. Sessions always get a fresh
 * answer (they may carry the member's own state). Freshness is core/cache.ts's: a write by this process
 * to the tenant shows at once, other processes' within its TTL (500 ms) — so, for instance, remaining
 * seats on an events list are never more than a second stale.
 */
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { freshCache } from '../core/cache.js';
import type { Db } from '../db/client.js';

interface Answer {
  status: number;
  body: string;
  contentType: string;
  /** The gzip form, made on the first request that accepts it. */
  gzip?: Uint8Array;
}

/** Bodies smaller than this go out as they are (the compress middleware's threshold). */
const GZIP_FROM_BYTES = 1024;

const answers = (db: Db) =>
  freshCache<Answer>(db, 'public-answers', {
    // A few hundred tenants × a handful of list URLs each; answers are a few KB.
    max: 2000,
    // Only successes are kept; a refusal or an error is made again next time.
    missing: (a) => a.status !== 200,
  });

async function toAnswer(res: Response): Promise<Answer> {
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? 'application/json' };
}

/** The kept answer for this request's tenant and URL, made by `make` when there is none fresh. */
export async function publicAnswer(c: Context, db: Db, tenantId: string, make: () => Promise<Response>): Promise<Response> {
  const url = new URL(c.req.url);
  const answer = await answers(db).get(`${tenantId} ${url.pathname}${url.search}`, async () => toAnswer(await make()), tenantId);
  const length = Buffer.byteLength(answer.body);
  const headers: Record<string, string> = { 'content-type': answer.contentType };
  if (length >= GZIP_FROM_BYTES) {
    headers.vary = 'Accept-Encoding';
    if (accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip') {
      answer.gzip ??= gzipSync(answer.body);
      return c.body(answer.gzip as Uint8Array<ArrayBuffer>, answer.status as 200, {
        ...headers,
        'content-encoding': 'gzip',
        'content-length': String(answer.gzip.byteLength),
      });
    }
  }
  return c.body(answer.body, answer.status as 200, { ...headers, 'content-length': String(length) });
}
