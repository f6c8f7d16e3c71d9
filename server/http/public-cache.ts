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
import type { Context, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { freshCache } from '../core/cache.js';
import { sha256 } from '../core/crypto.js';
import type { Db } from '../db/client.js';
import type { AppEnv } from './env.js';
import { keptPublishableKey } from './middleware/auth/index.js';
import { requestIdOf } from './middleware/response-headers/index.js';

interface Answer {
  status: number;
  /** UTF-8, encoded once: a kept answer is written as it is, thousands of times. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The gzip form, made on the first request that accepts it. */
  gzip?: Uint8Array<ArrayBuffer>;
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
  return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/json' };
}

const keyOf = (c: Context, tenantId: string) => {
  const url = new URL(c.req.url);
  return `${tenantId} ${url.pathname}${url.search}`;
};

/** The kept answer for this request's tenant and URL, made by `make` when there is none fresh. */
export async function publicAnswer(c: Context, db: Db, tenantId: string, make: () => Promise<Response>): Promise<Response> {
  const res = respond(c, await answers(db).get(keyOf(c, tenantId), async () => toAnswer(await make()), tenantId));
  c.set(SERVED_KEPT, tenantId);
  return res;
}

/**
 * The kept answer when there is one fresh, else undefined. A route declared `cache: 'public'` asks
 * this before its request is validated: an answer is kept only for a URL that passed validation
 * (and was answered 200), so the same URL needs no second look — measured, validating the query was
 * a tenth of a kept answer's cost.
 */
export function keptAnswer(c: Context, db: Db, tenantId: string): Promise<Response> | undefined {
  const kept = answers(db).peek(keyOf(c, tenantId));
  return kept?.then((answer) => respond(c, answer));
}

/** What respond() sends: the body (gzip when asked and worth it) and its own headers. */
function encoded(c: Context, answer: Answer): { body: Uint8Array<ArrayBuffer>; gzip: boolean } {
  if (answer.body.byteLength >= GZIP_FROM_BYTES && accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip') {
    answer.gzip ??= new Uint8Array(gzipSync(answer.body));
    return { body: answer.gzip, gzip: true };
  }
  return { body: answer.body, gzip: false };
}

function respond(c: Context, answer: Answer): Response {
  const { body, gzip } = encoded(c, answer);
  const headers: Record<string, string> = { 'content-type': answer.contentType, 'content-length': String(body.byteLength) };
  if (answer.body.byteLength >= GZIP_FROM_BYTES) headers.vary = 'Accept-Encoding';
  if (gzip) headers['content-encoding'] = 'gzip';
  return c.body(body, answer.status as 200, headers);
}

/** Context key: this request was answered from a kept answer of that tenant (the fast path may then learn its headers). */
const SERVED_KEPT = 'publicAnswerTenant' as never;

/**
 * The headers the whole chain put on a kept answer (security headers, Cache-Control, CORS, Vary), per
 * tenant, origin and body form: they depend on nothing else. Kept like the answers, so a tenant's
 * change (an origin removed) shows at once here and within the TTL on other processes.
 */
const chainHeaders = (db: Db) => freshCache<Record<string, string>>(db, 'public-answer-headers', { max: 4000 });

/** How many requests the fast path answered (this process): for tests and the bench. */
export const fastPathStats = { answered: 0 };

/** Headers that belong to one response, not to the chain: made fresh on every answer. */
const OWN_HEADERS = new Set(['content-length', 'x-request-id']);

/**
 * The fast path for kept public answers, mounted before the rest of the chain. A GET with a
 * publishable key this process holds fresh, for a URL whose answer it holds fresh, from an origin and
 * in a body form it has answered before, is answered here: the kept body with the headers the whole
 * chain gave that answer last time, and a request id of its own. Anything else — a miss, a key or
 * answer not held, an unknown origin — goes through the chain, which refuses, validates and answers
 * as always, and teaches this path the headers.
 *
 * Measured (test/bench/events.ts, server CPU per request): the chain cost a kept answer ~180 µs;
 * most of it is middleware setting headers one by one on a Web Headers object, the route's
 * validation and the key lookup around it. Freshness is unchanged: the key and the answer come from
 * the same kept entries the chain would use (refused at once after this process revokes, within
 * 500 ms elsewhere), and the headers are kept no longer than they are.
 */
export function keptPublicResponses(): MiddlewareHandler<AppEnv> {
  return async function keptPublicResponses(c, next) {
    const auth = c.req.method === 'GET' ? c.req.header('authorization') : undefined;
    if (!auth?.startsWith('Bearer pk_')) return next();
    const { db } = c.var.deps;
    const found = await keptPublishableKey(db, sha256(auth.slice('Bearer '.length)));
    const tenantId = found && !found.key.deleted && !found.key.revokedAt ? found.tenant.id : undefined;
    const answer = tenantId === undefined ? undefined : await answers(db).peek(keyOf(c, tenantId));
    const { body, gzip } = answer && answer.status === 200 ? encoded(c, answer) : { body: undefined, gzip: false };
    const formKey = `${tenantId} ${c.req.header('origin') ?? '-'} ${gzip ? 'gzip' : answer && answer.body.byteLength >= GZIP_FROM_BYTES ? 'big' : 'small'}`;
    const headers = body && (await chainHeaders(db).peek(formKey));
    if (body && headers) {
      fastPathStats.answered++;
      return new Response(body, { status: 200, headers: { ...headers, 'content-length': String(body.byteLength), 'x-request-id': requestIdOf(c) } });
    }
    await next();
    const servedFor = c.get(SERVED_KEPT) as string | undefined;
    if (servedFor === undefined || c.res.status !== 200) return;
    const learned: Record<string, string> = {};
    c.res.headers.forEach((value, name) => {
      if (!OWN_HEADERS.has(name)) learned[name] = value;
    });
    const form = `${servedFor} ${c.req.header('origin') ?? '-'} ${learned['content-encoding'] === 'gzip' ? 'gzip' : learned.vary?.includes('Accept-Encoding') ? 'big' : 'small'}`;
    void chainHeaders(db).get(form, async () => learned, servedFor);
  };
}
