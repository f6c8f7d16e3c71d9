/**
 * The API as one JavaScript file (packages stay in node_modules): `npm run build` writes
 * dist/server/index.mjs, which production runs with plain `node dist/server/index.mjs`.
 *
 * Why not tsx in production: its loader runs in a second V8 isolate beside the app and keeps every
 * module's transpiled source. Measured on this machine after loading the app: 150 MB resident under
 * tsx, 87 MB from the bundle; the scale-out test's API processes peaked at 191–195 MB under tsx with
 * a 200 MB budget (test/bench, scripts/scale-out.ts).
 */
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { distDir, packageRoot } from '../server/paths.js';

/** Bundles server/index.ts into `outfile` (default dist/server/index.mjs), written whole or not at all. */
export async function buildServer(outfile = join(distDir, 'server', 'index.mjs')): Promise<string> {
  // Built beside, then moved in: a process starting meanwhile reads the old file or the new, never half of one.
  const partial = join(dirname(outfile), `.building-${process.pid}`, basename(outfile));
  await build({
    entryPoints: [join(packageRoot, 'server', 'index.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  renameSync(`${partial}.map`, `${outfile}.map`);
  renameSync(partial, outfile);
  rmSync(dirname(partial), { recursive: true, force: true });
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`[homecoming] server bundled: ${await buildServer()}`);
}
