import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../env.js';

const EXPOSED = ['X-Request-Id', 'Retry-After', 'Content-Disposition'];

/** The origin a browser may read this answer from, if any. */
function allowedOrigin(origin: string, c: Context<AppEnv>): string | null {
  const principal = c.get('principal');
  if (!principal) return origin;
  if (principal.kind === 'secret' || principal.kind === 'staff') return null;
  return principal.tenant.allowedOrigins.includes(origin) ? origin : null;
}

/**
 * CORS for the widget-facing API. Preflights carry no credential, so they are answered for any
 * origin; the real request is admitted to a browser only if its origin is on the caller's tenant list
 * (`requireAuth` refuses it server-side too). Unauthenticated errors stay readable so a widget can say why.
 *
 * Preflights are Hono's cors. For the real request we write its three headers onto the finished
 * response ourselves: Hono's cors writes them to c.res before the handler runs and appends Vary with
 * c.header() after it, and either makes Hono rebuild the handler's response around a stream of its
 * body — measured, the largest single cost of a cached public answer.
 */
export function widgetCors(): MiddlewareHandler<AppEnv> {
  const preflight = cors({
    origin: (origin, c) => allowedOrigin(origin, c as Context<AppEnv>),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language'],
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
  const exposed = EXPOSED.join(',');
  return async function widgetCors(c, next) {
    if (c.req.path.startsWith('/v1/admin')) return next();
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const headers = c.res.headers;
    const origin = c.req.header('origin');
    const allowed = allowedOrigin(origin ?? '', c);
    if (allowed) headers.set('Access-Control-Allow-Origin', allowed);
    headers.set('Access-Control-Expose-Headers', exposed);
    headers.append('Vary', 'Origin');
    // The refusal of a page on an origin that is not allowed is readable by that page, so the widget
    // can say "this site is not allowed" instead of "network error". It carries no data: requireAuth
    // refuses every request from such an origin before any handler runs.
    if (origin && c.get('originRefused') && !headers.has('access-control-allow-origin')) {
      headers.set('Access-Control-Allow-Origin', origin);
    }
  };
}
