// Builds the widget bundle: one ESM file registering every element, and a classic-script (IIFE)
// build for pages without modules. Both minified; the gzipped sizes are printed after writing.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyLitTemplates } from './scripts/minify-templates.mjs';

/** Prints each written file's raw and gzipped size. */
function printSize() {
  return {
    name: 'homecoming-size',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!name.endsWith('.js')) continue;
        const file = `${options.dir ?? ''}${options.dir ? '/' : ''}${name}`;
        const code = readFileSync(options.file ?? file);
        const gz = gzipSync(code, { level: 9 }).length;
        console.log(`[homecoming] ${options.file ?? file}: ${(code.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
      }
    },
  };
}

const plugins = [
  // Lit's production build (no dev-mode warnings) is what the default export conditions pick.
  resolve({ browser: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
  minifyLitTemplates(),
];

const terserOptions = { ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } };

export default [
  {
    input: 'widgets/index.ts',
    plugins,
    output: { file: 'dist/widgets/homecoming.js', format: 'es', sourcemap: true, plugins: [terser(terserOptions), printSize()] },
  },
  {
    input: 'widgets/index.ts',
    plugins,
    output: {
      file: 'dist/widgets/homecoming.iife.js',
      format: 'iife',
      sourcemap: true,
      plugins: [terser({ ...terserOptions, module: false }), printSize()],
    },
  },
];
