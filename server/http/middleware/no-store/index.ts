import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.js';

/**
 * `Cache-Control: no-store` on every response of the API: each one answers one credential and many hold
 * personal data or secrets (profiles, the directory, members and the roster, keys and SSO secrets shown
 * once, sign-in answers), which must not be kept by a browser or a proxy. Set after the handler, so
 * problem responses carry it too — on the response's own headers: c.header() after the handler makes
 * Hono rebuild the response around a stream of its body (measured: a visible share of every request).
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async function noStore(c, next) {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
