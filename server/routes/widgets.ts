import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { ApiError } from '../lib/errors.js';

/** Where `npm run build` writes the widget bundle. */
export const defaultWidgetsDir = fileURLToPath(new URL('../../dist/widgets/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

// Plain file names only: no slashes, no leading dot, so nothing outside the folder can be named.
const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `/widgets/<file>`: the built widget bundle (homecoming.js, homecoming.iife.js and their maps).
 * Careers pages on any origin load it, and module scripts are fetched with CORS, hence
 * `Access-Control-Allow-Origin: *`; it carries no credential, so that is safe. Names are not
 * content-hashed, so caches revalidate with the ETag after five minutes.
 */
export function registerWidgets(app: OpenAPIHono<AppEnv>, dir = defaultWidgetsDir) {
  app.on(['GET', 'HEAD'], '/widgets/:file', async (c) => {
    const file = c.req.param('file');
    const type = contentTypes[extname(file)];
    if (!safeName.test(file) || !type) throw new ApiError('not_found', `No widget file ${file}.`);
    const path = join(dir, file);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      throw new ApiError(
        'not_found',
        file.startsWith('homecoming')
          ? `The widget bundle ${file} has not been built. Run "npm run build" (npm start does it for you).`
          : `No widget file ${file}.`,
      );
    }
    const body = await readFile(path);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = {
      'content-type': type,
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=300, must-revalidate',
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const full = { ...headers, 'content-length': String(body.length) };
    if (c.req.method === 'HEAD') return c.body(null, 200, full);
    return c.body(new Uint8Array(body), 200, full);
  });
}
