import type { Context, MiddlewareHandler } from 'hono';
import { compress as honoCompress } from 'hono/compress';

export interface CompressOptions {
  /** Smaller bodies go out as they are: compressing them saves less than it costs. Bytes; default 1024. */
  threshold?: number;
}

type HeaderRecord = Record<string, string | string[]>;

const hasContentType = (headers: HeaderRecord | undefined) => headers !== undefined && Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');

/**
 * Compresses responses (gzip or deflate, as the client accepts) from `threshold` bytes up. Hono's
 * compress does the negotiation, `Vary` and the streaming, and leaves event streams, `no-transform`
 * and already-encoded bodies (the widget files the build compressed) alone. It applies the threshold
 * only when Content-Length is known, which c.json() does not set; so for the requests it sees, c.json
 * measures the JSON it makes and sets Content-Length. We used to read every JSON body back to measure
 * it instead: that turned @hono/node-server's light response (a string written in one go) into a Web
 * stream read and re-wrapped on every request — measured, the largest cost of /health after the database.
 */
export function compress(options: CompressOptions = {}): MiddlewareHandler {
  const { threshold } = { threshold: 1024, ...options };
  const encode = honoCompress({ threshold });
  return async function compress(c, next) {
    // Nothing to negotiate (a load balancer's health check, a server-side client): Hono's compress
    // would only read the answer's headers to find that out — measured, a twelfth of /health's cost.
    if (!c.req.header('accept-encoding')) return next();
    c.json = measuredJson(c);
    await encode(c, next);
  };
}

/** c.json as Hono makes it (same default content type, same arguments), with Content-Length. */
function measuredJson(c: Context): Context['json'] {
  return ((object: unknown, arg?: number | ResponseInit, headers?: HeaderRecord) => {
    const text = JSON.stringify(object);
    const length = String(Buffer.byteLength(text));
    const typed = hasContentType(headers) ? headers : { ...headers, 'content-type': 'application/json' };
    return c.body(text, arg as never, { ...typed, 'content-length': length });
  }) as unknown as Context['json'];
}
