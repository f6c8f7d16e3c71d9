import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const widgetsDir = join(root, 'dist/widgets');
/** Written last by the build (rollup.config.mjs): its presence means a complete build. */
export const widgetManifestPath = join(widgetsDir, 'manifest.json');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** A complete build exists and is newer than every widget source and the build config. */
export function widgetsAreFresh(): boolean {
  if (!existsSync(widgetManifestPath)) return false;
  const sources = Math.max(...['widgets', 'console', 'rollup.config.mjs', 'scripts/minify-templates.mjs'].map((p) => newestMtime(join(root, p))));
  return statSync(widgetManifestPath).mtimeMs >= sources;
}

/**
 * Runs `npm run build` unless the widgets are fresh. Resolves to what happened; a failed build is
 * reported, not thrown, so the API can still come up.
 */
export async function ensureWidgetsBuilt(options: { quiet?: boolean } = {}): Promise<'fresh' | 'built' | 'failed' | 'no-build-config'> {
  if (!existsSync(join(root, 'rollup.config.mjs'))) return 'no-build-config';
  if (widgetsAreFresh()) return 'fresh';
  const code = await new Promise<number>((ok) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: root, stdio: options.quiet ? 'ignore' : 'inherit' });
    child.on('exit', (c) => ok(c ?? 1));
    child.on('error', () => ok(1));
  });
  return code === 0 && existsSync(widgetManifestPath) ? 'built' : 'failed';
}
