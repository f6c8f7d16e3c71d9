/**
 * What a page downloads for its widgets, compressed as the API sends it (the .br and .gz files the
 * build wrote): the loader plus the chunks of the elements on the page, with only
 * <alumni-event-list>, with each element alone, with those of the example alumni page, and with
 * every element — beside Lit alone
 * (LitElement + html + css, minified and compressed the same way, in the same run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ensureWidgetsBuilt, widgetManifestPath, widgetsDir } from '../../scripts/widgets-build.js';

interface Manifest {
  loader: string;
  chunks: string[];
  elements: Record<string, { chunk: string; imports: string[] }>;
}

export interface PageBytes {
  /** What is on the page. */
  label: string;
  /** The files fetched: the loader, then chunks. */
  files: string[];
  brotli: number;
  gzip: number;
}

export interface WidgetBytes {
  pages: PageBytes[];
  lit: { brotli: number; gzip: number };
}

const size = (file: string) => readFileSync(join(widgetsDir, file)).length;

async function litAlone(): Promise<{ brotli: number; gzip: number }> {
  const out = await build({
    stdin: { contents: "export { LitElement, html, css } from 'lit';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  const code = out.outputFiles[0]!.contents;
  return {
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }).length,
    gzip: gzipSync(code, { level: 9 }).length,
  };
}

export async function measureWidgetBytes(): Promise<WidgetBytes> {
  const built = await ensureWidgetsBuilt({ quiet: true });
  if (built === 'failed' || built === 'no-build-config') throw new Error(`[homecoming] cannot build the widgets (${built})`);
  const manifest = JSON.parse(readFileSync(widgetManifestPath, 'utf8')) as Manifest;
  const page = (label: string, tags: string[]): PageBytes => {
    const files = [manifest.loader, ...new Set(tags.flatMap((tag) => [manifest.elements[tag]!.chunk, ...manifest.elements[tag]!.imports]))];
    return {
      label,
      files,
      brotli: files.reduce((sum, f) => sum + size(`${f}.br`), 0),
      gzip: files.reduce((sum, f) => sum + size(`${f}.gz`), 0),
    };
  };
  const tags = Object.keys(manifest.elements).sort();
  return {
    pages: [
      page('only <alumni-event-list>', ['alumni-event-list']),
      ...tags.filter((t) => t !== 'alumni-event-list').map((t) => page(`only <${t}>`, [t])),
      page('sign-in + directory (examples/alumni.html)', ['alumni-sign-in', 'alumni-member-directory']),
      page(`every element (${tags.length})`, tags),
    ],
    lit: await litAlone(),
  };
}
