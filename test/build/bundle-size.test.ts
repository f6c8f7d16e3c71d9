import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { before, describe, it } from 'node:test';

/** The whole widget bundle (every element) must stay within this, gzipped. */
const BUDGET_BYTES = 25 * 1024;
const files = ['dist/widgets/homecoming.js', 'dist/widgets/homecoming.iife.js'];
const inputs = ['widgets', 'rollup.config.mjs', 'scripts/minify-templates.mjs', 'package-lock.json'];

// Gzip level 9 of the exact bytes written: the same input always gives the same figure.
const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Tags registered by the element folders (every `defineElement('alumni-…'` outside core). */
function elementTags(): string[] {
  const tags: string[] = [];
  for (const dir of readdirSync('widgets')) {
    if (dir === 'core' || !statSync(join('widgets', dir)).isDirectory()) continue;
    for (const file of readdirSync(join('widgets', dir)).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join('widgets', dir, file), 'utf8').matchAll(/defineElement\(\s*'(alumni-[a-z-]+)'/g)) tags.push(m[1]!);
    }
  }
  return tags;
}

describe('widget bundle', () => {
  before(() => {
    // Measure the current sources: rebuild unless the bundle is newer than everything it is made from.
    const built = files.every((f) => existsSync(f)) ? Math.min(...files.map((f) => statSync(f).mtimeMs)) : 0;
    if (built < Math.max(...inputs.map(newest))) {
      execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', 'rollup.config.mjs', '--silent'], { stdio: 'pipe' });
    }
  });

  for (const file of files) {
    it(`${file} is within ${kb(BUDGET_BYTES)} gzipped`, () => {
      const size = gzipped(file);
      console.log(`[homecoming] ${file}: ${kb(size)} gzipped (budget ${kb(BUDGET_BYTES)})`);
      assert.ok(size <= BUDGET_BYTES, `${file} is ${kb(size)} gzipped, over the ${kb(BUDGET_BYTES)} budget`);
    });
  }

  it('registers every element, ships Lit in production mode and uses no eval', () => {
    const code = readFileSync('dist/widgets/homecoming.js', 'utf8');
    const tags = elementTags();
    assert.ok(tags.includes('alumni-event-list'));
    for (const tag of tags) assert.ok(code.includes(`"${tag}"`), `${tag} is in the bundle (import it in widgets/index.ts)`);
    assert.ok(!code.includes('Lit is in dev mode'), 'Lit dev mode is not bundled');
    assert.ok(!/\beval\(|new Function\(/.test(code), 'no eval (strict CSP)');
  });
});
