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
      if (principal.kind === 'secret') return null;
      return principal.tenant.allowedOrigins.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });
  return async function widgetCors(c, next) {
    if (c.req.path.startsWith('/v1/admin')) return next();
    return handler(c, next);
  };
}
