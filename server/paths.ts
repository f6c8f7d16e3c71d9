import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder, found from this module upwards: the same answer whether the server runs
 * from its sources (server/*.ts under tsx) or from the bundle `npm run build` makes (dist/server/).
 */
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'homecoming') return dir;
    if (dirname(dir) === dir) throw new Error('[homecoming] cannot find the package root (package.json named "homecoming") above the server');
  }
}

export const packageRoot = findRoot();

/** Where `npm run build` writes the widgets, the console and the server bundle. */
export const distDir = join(packageRoot, 'dist');

/** drizzle-kit's migrations, applied at start (db/client.ts). */
export const migrationsDir = join(packageRoot, 'server', 'db', 'migrations');
