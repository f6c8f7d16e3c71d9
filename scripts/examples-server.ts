import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** The example pages on disk show the snippet exactly as README does; these are its placeholders. */
export const SNIPPET_KEY_PLACEHOLDER = 'pk_…';
export const SNIPPET_API_PLACEHOLDER = 'http://localhost:8787';

const examplesRoot = resolve(fileURLToPath(new URL('../examples', import.meta.url)));

export interface ExamplesServerOptions {
  /** Where the widgets load from and talk to, e.g. http://localhost:8787. */
  apiUrl: string;
  /** The publishable key put into the pages in place of `pk_…`. */
  publishableKey: string;
  /** Directory to serve; defaults to examples/. */
  root?: string;
}

/**
 * A strict policy, as a careful careers site would have: scripts only from the page's own origin and
 * the Homecoming API, no inline script or style, no eval. The widgets must work under it.
 */
export function examplesCsp(apiUrl: string): string {
  const api = new URL(apiUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${api}`,
    `connect-src ${api}`,
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Puts the real key and API URL where the snippet has its placeholders. */
export function fillSnippet(html: string, options: Pick<ExamplesServerOptions, 'apiUrl' | 'publishableKey'>): string {
  const api = options.apiUrl.replace(/\/+$/, '');
  return html.replaceAll(SNIPPET_KEY_PLACEHOLDER, options.publishableKey).replaceAll(SNIPPET_API_PLACEHOLDER, api);
}

/** The static site for examples/: files as they are, HTML with the snippet filled in, under the CSP. */
export function examplesApp(options: ExamplesServerOptions) {
  const csp = examplesCsp(options.apiUrl);
  const app = new Hono();
  app.use('*', async function fillPages(c, next) {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
    const html = fillSnippet(await c.res.text(), options);
    c.res = new Response(html, {
      status: c.res.status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        // The page carries a key that can change between runs.
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
      },
    });
    // Hono copies the file's headers onto the new response, Content-Length included; the filled-in
    // page is longer than the file, and a stale length would cut off its end.
    c.res.headers.set('content-length', String(Buffer.byteLength(html)));
  });
  app.use('*', serveStatic({ root: options.root ?? examplesRoot }));
  app.notFound((c) => c.text('Not found', 404));
  return app;
}

export interface RunningExamples {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves examples/ on `port` (0 picks a free one); rejects if the port is taken. */
export async function startExamplesServer(
  options: ExamplesServerOptions & { port: number; hostname?: string },
): Promise<RunningExamples> {
  const app = examplesApp(options);
  const server: ServerType = await new Promise((ok, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname ?? '0.0.0.0' }, () => ok(s));
    s.once('error', fail);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // Keep-alive connections from a browser would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
