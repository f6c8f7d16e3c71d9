import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../env.js';

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
 * GET and HEAD go straight on: no route reads their body, and even asking whether there is one builds
 * a full Web Request (measured: a visible share of every GET).
 */
export function bodySizeLimit(options: BodySizeLimitOptions): MiddlewareHandler<AppEnv> {
  const { maxSize, onError } = options;
  const counted = bodyLimit({ maxSize, onError });
  return async function bodySizeLimit(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? onError(c) : next();
    }
    return counted(c, next);
  };
}
