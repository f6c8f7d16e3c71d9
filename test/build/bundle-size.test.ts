import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { before, describe, it } from 'node:test';

const KB = 1024;
/** Budgets, gzipped: the loader every page pays for, the shared core + Lit, and each element's own chunk. */
const LOADER_BUDGET = 3 * KB;
const SHARED_BUDGET = 13 * KB;
const ELEMENT_BUDGET = 7 * KB;

const dir = 'dist/widgets';
const inputs = ['widgets', 'rollup.config.mjs', 'scripts/minify-templates.mjs', 'package-lock.json'];

/** What the build writes last (rollup.config.mjs): the loaders, every chunk, and which chunks each tag needs. */
interface Manifest {
  loader: string;
  classicLoader: string;
  chunks: string[];
  elements: Record<string, { chunk: string; imports: string[] }>;
}

const read = (name: string) => readFileSync(join(dir, name));
// Gzip level 9 of the exact bytes written: the same input always gives the same figure.
const gzipped = (name: string) => gzipSync(read(name), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Element folders (widgets/<name>/ except core) and the tag each one's class declares. */
function elementFolders(): Map<string, string> {
  const folders = new Map<string, string>();
  for (const name of readdirSync('widgets')) {
    if (name === 'core' || !statSync(join('widgets', name)).isDirectory()) continue;
    const tag = /@tagname\s+(alumni-[a-z0-9-]+)/.exec(readFileSync(join('widgets', name, `${name}.ts`), 'utf8'))?.[1];
    folders.set(name, tag ?? '(no @tagname)');
  }
  return folders;
}

describe('widget build', () => {
  let manifest: Manifest;

  before(() => {
    // Measure the current sources: rebuild unless the build is newer than everything it is made from.
    const path = join(dir, 'manifest.json');
    const built = existsSync(path) ? statSync(path).mtimeMs : 0;
    if (built < Math.max(...inputs.map(newest))) {
      execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', 'rollup.config.mjs', '--silent'], { stdio: 'pipe' });
    }
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    const size = (name: string) => `${kb(gzipped(name))} gz`;
    console.log(`[homecoming] loader ${size(manifest.loader)}, classic loader ${size(manifest.classicLoader)}`);
    for (const name of manifest.chunks) console.log(`[homecoming] shared chunk ${name} ${size(name)}`);
    for (const [tag, e] of Object.entries(manifest.elements)) console.log(`[homecoming] <${tag}> ${e.chunk} ${size(e.chunk)}`);
  });

  it(`keeps each loader within ${kb(LOADER_BUDGET)} gzipped`, () => {
    for (const name of [manifest.loader, manifest.classicLoader]) {
      assert.ok(gzipped(name) <= LOADER_BUDGET, `${name} is ${kb(gzipped(name))} gzipped, over ${kb(LOADER_BUDGET)}`);
    }
  });

  it(`keeps the shared chunk (core + Lit) within ${kb(SHARED_BUDGET)} gzipped`, () => {
    const shared = manifest.chunks.filter((name) => name.startsWith('shared-'));
    assert.equal(shared.length, 1, 'one shared chunk');
    assert.ok(gzipped(shared[0]!) <= SHARED_BUDGET, `${shared[0]} is ${kb(gzipped(shared[0]!))} gzipped, over ${kb(SHARED_BUDGET)}`);
  });

  it(`keeps each element chunk (and each chunk only some elements share) within ${kb(ELEMENT_BUDGET)} gzipped`, () => {
    const chunks = [...Object.values(manifest.elements).map((e) => e.chunk), ...manifest.chunks.filter((name) => !name.startsWith('shared-'))];
    for (const name of chunks) assert.ok(gzipped(name) <= ELEMENT_BUDGET, `${name} is ${kb(gzipped(name))} gzipped, over ${kb(ELEMENT_BUDGET)}`);
  });

  it('builds every element folder into its own chunk, with its registration and test harness beside it', () => {
    const folders = elementFolders();
    assert.ok(folders.size >= 3);
    assert.deepEqual(Object.keys(manifest.elements).sort(), [...folders.values()].sort(), 'every element folder is in the build');
    for (const [name, tag] of folders) {
      const define = readFileSync(join('widgets', name, 'define.ts'), 'utf8');
      assert.match(define, new RegExp(`defineElement\\('${tag}'`), `widgets/${name}/define.ts registers <${tag}>`);
      assert.ok(existsSync(join('widgets', name, 'harness.ts')), `widgets/${name}/harness.ts exists`);
    }
  });

  it('gives chunks content-hashed names and the loaders stable ones, and the loader knows where each element is', () => {
    const hashed = /^[a-z-]+-[\w-]{8}\.js$/;
    for (const name of manifest.chunks) assert.match(name, hashed);
    for (const [tag, e] of Object.entries(manifest.elements)) {
      assert.match(e.chunk, hashed);
      for (const name of e.imports) assert.ok(manifest.chunks.includes(name), `${name} imported by <${tag}> is a shared chunk`);
      for (const loader of [manifest.loader, manifest.classicLoader]) {
        assert.ok(read(loader).includes(`"${tag}":["${[e.chunk, ...e.imports].join('","')}"]`), `${loader} maps <${tag}> to its chunks`);
      }
    }
    assert.deepEqual([manifest.loader, manifest.classicLoader], ['homecoming.js', 'homecoming.iife.js']);
  });

  it('keeps the loader free of static imports, so a page fetches no element code it does not show', () => {
    for (const name of [manifest.loader, manifest.classicLoader]) {
      const code = read(name).toString();
      assert.ok(!/\bimport\s*[{*"'\w]/.test(code), `${name} has a static import`);
      assert.ok(!code.includes('LitElement') && !code.includes('lit-html'), `${name} holds no Lit`);
    }
  });

  it('writes brotli and gzip copies of every .js file, with the same content', () => {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      const code = read(name);
      assert.ok(gunzipSync(read(`${name}.gz`)).equals(code), `${name}.gz`);
      assert.ok(brotliDecompressSync(read(`${name}.br`)).equals(code), `${name}.br`);
    }
  });

  it('ships Lit in production mode and uses no eval (strict CSP)', () => {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      const code = read(name).toString();
      assert.ok(!code.includes('Lit is in dev mode'), `${name}: Lit dev mode is not bundled`);
      assert.ok(!/\beval\(|new Function\(/.test(code), `${name}: no eval`);
    }
  });
});
