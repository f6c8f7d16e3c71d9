import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../env.js';

/**
 * CORS for the widget-facing API. Preflights carry no credential, so they are answered for any
 * origin; the real request is admitted to a browser only if its origin is on the caller's tenant list
 * (`requireAuth` refuses it server-side too). Unauthenticated errors stay readable so a widget can say why.
 */
export function widgetCors(): MiddlewareHandler<AppEnv> {
  const handler = cors({
    origin: (origin, c) => {
      const principal = (c.var as AppEnv['Variables']).principal;
      if (!principal) return origin;
      if (principal.kind === 'secret' || principal.kind === 'staff') return null;
      return principal.tenant.allowedOrigins.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });
  return async function widgetCors(c, next) {
    if (c.req.path.startsWith('/v1/admin')) return next();
    const preflight = await handler(c, next);
    if (preflight) return preflight;
    // The refusal of a page on an origin that is not allowed is readable by that page, so the widget
    // can say "this site is not allowed" instead of "network error". It carries no data: requireAuth
    // refuses every request from such an origin before any handler runs.
    const origin = c.req.header('origin');
    if (origin && c.var.originRefused && !c.res.headers.has('access-control-allow-origin')) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
