import type { MiddlewareHandler } from 'hono';
import { compress as honoCompress } from 'hono/compress';

export interface CompressOptions {
  /** Smaller bodies go out as they are: compressing them saves less than it costs. Bytes; default 1024. */
  threshold?: number;
}

const json = /^application\/(?:[\w.-]+\+)?json\b/i;

/**
 * Compresses responses (gzip or deflate, as the client accepts) from `threshold` bytes up. Hono's
 * compress does the negotiation, `Vary` and the streaming, and leaves event streams, `no-transform`
 * and already-encoded bodies (the widget files the build compressed) alone. It applies the threshold
 * only when Content-Length is known, which c.json() does not set, so JSON bodies are measured first:
 * API answers are built in memory anyway, and without this every tiny answer would be gzipped.
 */
export function compress(options: CompressOptions = {}): MiddlewareHandler {
  const { threshold } = { threshold: 1024, ...options };
  const encode = honoCompress({ threshold });
  return async function compress(c, next) {
    await encode(c, async () => {
      await next();
      const res = c.res;
      if (!res.body || res.headers.has('content-length') || res.headers.has('content-encoding') || !json.test(res.headers.get('content-type') ?? '')) return;
      const body = new Uint8Array(await res.arrayBuffer());
      c.res = new Response(body, res);
      c.res.headers.set('content-length', String(body.byteLength));
    });
  };
}
