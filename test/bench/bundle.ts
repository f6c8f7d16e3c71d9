/**
 * The widget bundle's gzipped size, beside its budget and beside Lit alone (LitElement + html +
 * css, minified and gzipped the same way, in the same run): the framework's share of the bytes.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ensureWidgetsBuilt, widgetBundlePath } from '../../scripts/widgets-build.js';

/** The budget the widget tests enforce for the whole bundle. */
export const BUNDLE_BUDGET_BYTES = 25 * 1024;

export interface BundleFigure {
  path: string;
  bytes: number;
  gzipBytes: number;
  budgetBytes: number;
  litGzipBytes: number;
}

const gz = (data: Uint8Array | string) => gzipSync(data, { level: 9 }).length;

async function litAloneGzip(): Promise<number> {
  const out = await build({
    stdin: { contents: "export { LitElement, html, css } from 'lit';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  return gz(out.outputFiles[0]!.contents);
}

export async function measureBundle(): Promise<BundleFigure> {
  const built = await ensureWidgetsBuilt({ quiet: true });
  if (built === 'failed' || built === 'no-build-config') throw new Error(`[homecoming] cannot build the widget bundle (${built})`);
  const code = readFileSync(widgetBundlePath);
  return { path: widgetBundlePath, bytes: code.length, gzipBytes: gz(code), budgetBytes: BUNDLE_BUDGET_BYTES, litGzipBytes: await litAloneGzip() };
}
