/**
 * `/console`: the staff console, served by the API from dist/console/ (built by `npm run build`), so it
 * shares the API's origin and needs no CORS or configuration. The page runs only its own script and
 * stylesheet and talks only to this origin: a strict CSP with no inline script or style.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import type { Registrar } from '../../http/route.js';
import { distDir } from '../../paths.js';

export const defaultConsoleDir = join(distDir, 'console/');

export const consoleContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', map: 'application/json; charset=utf-8' };
const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(js|css|map)$/;

export function consolePages(dir = defaultConsoleDir): Registrar {
  return {
    register(app: OpenAPIHono<AppEnv>) {
      app.get('/console', (c) => c.redirect('/console/', 301));
      app.get('/console/', async (c) => {
        const page = await readFile(join(dir, 'index.html'), 'utf8').catch(() => undefined);
        const headers = { 'content-security-policy': consoleContentSecurityPolicy, 'cache-control': 'no-cache', 'referrer-policy': 'no-referrer' };
        if (!page) return c.text('The console is not built yet: run npm run build.', 503, headers);
        return c.html(page, 200, headers);
      });
      app.get('/console/:file', async (c) => {
        const file = c.req.param('file');
        const match = safeName.exec(file);
        if (!match || !(await stat(join(dir, file)).then((s) => s.isFile(), () => false))) return c.notFound();
        // Script names carry their content hash; the stylesheet keeps its name and is revalidated.
        const cache = file.startsWith('console-') ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate';
        return c.body(await readFile(join(dir, file)), 200, { 'content-type': types[match[1]!]!, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
      });
    },
  };
}
