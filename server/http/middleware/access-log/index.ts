import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.js';

/** Structured access log: one line a request, with its id, status and duration. */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = performance.now();
    await next();
    const { log } = c.get('deps');
    const principal = c.get('principal');
    log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      tenantId: principal?.tenant.id,
      credential: principal?.kind,
    });
  };
}
