import type { Registrar } from '../../http/route.js';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { parseAccept } from 'hono/utils/accept';
import type { AppEnv } from '../../http/env.js';
import { AppError } from '../../core/errors.js';
import { distDir } from '../../paths.js';

/** Where `npm run build` writes the widgets. */
export const defaultWidgetsDir = join(distDir, 'widgets/');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

// Plain file names only: no slashes, no leading dot, so nothing outside the folder can be named.
const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Content-hashed chunks never change under their name; the loaders keep theirs and are revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=300, must-revalidate';

type Encoding = 'br' | 'gzip';

/** One servable file as read at load: its bytes, the build's brotli and gzip copies, ETag and caching. */
type Bytes = Uint8Array<ArrayBuffer>;

interface WidgetFile {
  type: string;
  body: Bytes;
  encoded: Partial<Record<Encoding, Bytes>>;
  /** Of the identity bytes; an encoded copy answers with this plus `-br` / `-gzip` (a representation each). */
  etag: string;
  cacheControl: string;
}

/** The part of dist/widgets/manifest.json this route reads: which files have content-hashed names. */
interface BuildManifest {
  chunks?: string[];
  elements?: Record<string, { chunk: string }>;
}

/**
 * The built folder, held in memory: it is small, so every file (with its compressed copies and ETag)
 * is read once. The build writes manifest.json last; when its time changes (a new build), the
 * folder is read again, so a running API serves a rebuild without mixing two builds.
 */
class WidgetFiles {
  private files = new Map<string, WidgetFile>();
  private stamp?: number;
  private loading?: Promise<void>;

  constructor(private readonly dir: string) {}

  async get(name: string): Promise<WidgetFile | undefined> {
    const stamp = await stat(join(this.dir, 'manifest.json')).then((s) => s.mtimeMs, () => 0);
    if (stamp !== this.stamp) {
      this.loading ??= this.load(stamp).finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.files.get(name);
  }

  private async load(stamp: number): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const manifest = names.includes('manifest.json')
      ? (JSON.parse(await readFile(join(this.dir, 'manifest.json'), 'utf8')) as BuildManifest)
      : {};
    const hashed = new Set([...(manifest.chunks ?? []), ...Object.values(manifest.elements ?? {}).map((e) => e.chunk)]);
    const read = (name: string) => (names.includes(name) ? readFile(join(this.dir, name)).then((b): Bytes => new Uint8Array(b)) : undefined);
    const files = new Map<string, WidgetFile>();
    for (const name of names) {
      const type = contentTypes[extname(name)];
      if (!type || !safeName.test(name)) continue;
      const body = await read(name);
      if (!body) continue;
      const [br, gzip] = await Promise.all([read(`${name}.br`), read(`${name}.gz`)]);
      files.set(name, {
        type,
        body,
        encoded: { ...(br && { br }), ...(gzip && { gzip }) },
        etag: createHash('sha256').update(body).digest('base64url').slice(0, 27),
        cacheControl: hashed.has(name.replace(/\.map$/, '')) ? IMMUTABLE : REVALIDATE,
      });
    }
    this.files = files;
    this.stamp = stamp;
  }
}

/** The encoding to send: brotli or gzip if the client accepts it and the build prepared it (brotli on a tie). */
export function chooseEncoding(acceptEncoding: string | undefined, available: Partial<Record<Encoding, unknown>>): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepts = parseAccept(acceptEncoding);
  const any = accepts.find((a) => a.type === '*')?.q ?? 0;
  const q = (name: Encoding) => (available[name] ? (accepts.find((a) => a.type.toLowerCase() === name)?.q ?? any) : 0);
  const [br, gzip] = [q('br'), q('gzip')];
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : undefined;
}

/** If-None-Match names this ETag (or `*`); weak comparison, as for GET. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

/**
 * `/widgets/<file>`: the built widgets — the loaders (homecoming.js, homecoming.iife.js), the
 * content-hashed chunks, their maps. Careers pages on any origin load them, and module scripts are
 * fetched with CORS, hence `Access-Control-Allow-Origin: *`; they carry no credential, so that is
 * safe. Hashed chunks are cached for a year (`immutable`); the loaders for five minutes, then
 * revalidated with their ETag (a 304 costs no file read). Brotli or gzip as prepared by the build.
 */
/** The built widget files (`npm run build`), from memory. */
export const widgetFiles = (dir = defaultWidgetsDir): Registrar => ({ register: (app) => registerWidgets(app, dir) });

export function registerWidgets(app: OpenAPIHono<AppEnv>, dir = defaultWidgetsDir) {
  const folder = new WidgetFiles(dir);
  app.on(['GET', 'HEAD'], '/widgets/:file', async (c) => {
    const name = c.req.param('file');
    const file = safeName.test(name) && contentTypes[extname(name)] ? await folder.get(name) : undefined;
    if (!file) {
      throw new AppError(
        'not_found',
        name.startsWith('homecoming') && contentTypes[extname(name)]
          ? `The widget bundle ${name} has not been built. Run "npm run build" (npm start does it for you).`
          : `No widget file ${name}.`,
      );
    }
    const encoding = chooseEncoding(c.req.header('accept-encoding'), file.encoded);
    const etag = `"${file.etag}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string> = {
      'content-type': file.type,
      'access-control-allow-origin': '*',
      'cache-control': file.cacheControl,
      etag,
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
    };
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const body = encoding ? file.encoded[encoding]! : file.body;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(body, 200, headers);
  });
}
