import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv } from '../env.js';

/** Structured access log: one line a request, with its id, status and duration. */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = performance.now();
    await next();
    const { log } = c.var.deps;
    const principal = c.var.principal;
    log.info('request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      tenantId: principal?.tenant.id,
      credential: principal?.kind,
    });
  };
}

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

/**
 * `Cache-Control: no-store` on every response of the API: each one answers one credential and many hold
 * personal data or secrets (profiles, the directory, members and the roster, keys and SSO secrets shown
 * once, sign-in answers), which must not be kept by a browser or a proxy. Set after the handler, so
 * problem responses carry it too.
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async function noStore(c, next) {
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

export interface BodySizeLimitOptions {
  maxSize: number;
  onError: (c: Context<AppEnv>) => Response | Promise<Response>;
}

/**
 * Refuses request bodies over `maxSize`. A body with a Content-Length is judged by the header alone,
 * without opening it: on @hono/node-server, merely reading `c.req.raw.body` (which hono's bodyLimit
 * does first) wraps the socket in a Web stream that holds it paused, so the server's drain of an unread
 * body after the response stalls and, after 500 ms, destroys the keep-alive socket. Left unopened, the
 * unread bytes are drained and the connection is reused. Chunked bodies, whose size is only known by
 * reading them, are counted by hono's bodyLimit; the connection of one found too large is closed.
 */
export function bodySizeLimit(options: BodySizeLimitOptions): MiddlewareHandler<AppEnv> {
  const { maxSize, onError } = options;
  const counted = bodyLimit({ maxSize, onError });
  return async function bodySizeLimit(c, next) {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? onError(c) : next();
    }
    return counted(c, next);
  };
}
