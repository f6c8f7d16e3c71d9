import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../../env.js';

const REQUEST_ID_MAX = 64;

/**
 * The request's id: the caller's `X-Request-Id` when it is a short plain token (a proxy's trace id),
 * else a new UUID. Made once per request; whoever answers first (the fast path for kept public
 * answers, or the chain) asks for it.
 */
export function requestIdOf(c: Context<AppEnv>): string {
  let id = c.get('requestId');
  if (id) return id;
  const theirs = c.req.header('x-request-id');
  id = theirs && theirs.length <= REQUEST_ID_MAX && /^[\w\-=]+$/.test(theirs) ? theirs : crypto.randomUUID();
  c.set('requestId', id);
  return id;
}

/**
 * What OWASP's REST Security Cheat Sheet asks of an API's answers: never rendered as a page
 * (`default-src 'none'`), never framed, never sniffed, HTTPS only, no referrer. The rest of a browser
 * page's set (COOP, CORP, X-Download-Options, X-XSS-Protection, …) means nothing for JSON read by
 * fetch(); measured, each header is paid for on every answer by the server and by every client.
 */
export const API_SECURITY_HEADERS: readonly [string, string][] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

/** JSON answers of the API: /v1/… and /health. Everything else is a page or a file for one. */
export const isApiPath = (path: string) => path.startsWith('/v1/') || path === '/health';

/**
 * `X-Request-Id` and the security headers, written onto the finished answer in one pass (problem
 * answers too, which Hono builds apart from the handler's prepared headers). API answers get
 * API_SECURITY_HEADERS; pages and widget files get Hono's full set (cross-origin readable, since
 * careers pages on other origins load the widgets).
 */
export function responseHeaders(): MiddlewareHandler<AppEnv> {
  const pages = secureHeaders({ crossOriginResourcePolicy: 'cross-origin' });
  return async function responseHeaders(c, next) {
    const id = requestIdOf(c);
    if (!isApiPath(c.req.path)) {
      await pages(c, next);
      c.res.headers.set('X-Request-Id', id);
      return;
    }
    await next();
    const headers = c.res.headers;
    headers.set('X-Request-Id', id);
    for (const [name, value] of API_SECURITY_HEADERS) headers.set(name, value);
  };
}
