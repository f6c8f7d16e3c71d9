// Builds the widgets into dist/widgets/, in three passes run one after the other:
//  1. every element (widgets/<name>/<name>.ts) as its own chunk, plus one shared chunk with Lit and
//     widgets/core; all with content-hashed names, so they can be cached for good;
//  2. the loader, widgets/homecoming.ts → homecoming.js (stable name), told which chunks each tag needs;
//  3. the same loader as a classic script → homecoming.iife.js; then brotli and gzip copies of every
//     .js file, the gzipped sizes printed, and manifest.json (tag → chunks) written last, so its
//     presence means a complete build (the API reloads the folder when it changes).
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyLitTemplates } from './scripts/minify-templates.mjs';

const outDir = 'dist/widgets';

/** Element folders: each widgets/<name>/ except core, whose <name>.ts names its tag with `@tagname` (as the manifest analyzer reads it). */
function elements() {
  return readdirSync('widgets', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'core')
    .map(({ name }) => {
      const file = `widgets/${name}/${name}.ts`;
      const tag = /@tagname\s+(alumni-[a-z0-9-]+)/.exec(readFileSync(file, 'utf8'))?.[1];
      if (!tag) throw new Error(`[homecoming] ${file} needs "@tagname alumni-…" in its class JSDoc`);
      return { name, file, tag };
    });
}

/** Filled by pass 1, read by passes 2 and 3 (one process, configs run in order). */
const built = { elements: {}, chunks: [] };

/** Empties dist/widgets first, so chunks of earlier builds do not pile up. */
function clean() {
  return { name: 'homecoming-clean', buildStart: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** After pass 1: which file holds each element, and every chunk it imports (directly or not). */
function recordChunks(list) {
  return {
    name: 'homecoming-record-chunks',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (chunk, seen = new Set()) => {
        for (const name of chunk.imports) if (!seen.has(name)) closure(byName.get(name), seen.add(name));
        return seen;
      };
      for (const { file, tag } of list) {
        const chunk = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith(file));
        built.elements[tag] = { chunk: chunk.fileName, imports: [...closure(chunk)] };
      }
      built.chunks = chunks.filter((c) => !c.isEntry).map((c) => c.fileName);
    },
  };
}

/** `import chunks from 'homecoming:chunks'` in the loader: tag → [element chunk, …its imports]. */
function chunkMap() {
  const id = '\0homecoming:chunks';
  return {
    name: 'homecoming-chunk-map',
    resolveId: (source) => (source === 'homecoming:chunks' ? id : null),
    load(source) {
      if (source !== id) return null;
      if (!Object.keys(built.elements).length) throw new Error('[homecoming] the element chunks must be built before the loader');
      const map = Object.fromEntries(Object.entries(built.elements).map(([tag, e]) => [tag, [e.chunk, ...e.imports]]));
      return `export default ${JSON.stringify(map)};`;
    },
  };
}

const gz = (data) => gzipSync(data, { level: 9 });
const br = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Last: .br and .gz beside each .js (the API picks one by Accept-Encoding), sizes, then manifest.json. */
function finish() {
  return {
    name: 'homecoming-finish',
    writeBundle() {
      for (const name of readdirSync(outDir).filter((n) => n.endsWith('.js'))) {
        const code = readFileSync(`${outDir}/${name}`);
        writeFileSync(`${outDir}/${name}.gz`, gz(code));
        writeFileSync(`${outDir}/${name}.br`, br(code));
      }
      const size = (name) => {
        const code = readFileSync(`${outDir}/${name}`);
        return `${kb(gz(code).length)} gz, ${kb(br(code).length)} br`;
      };
      console.log(`[homecoming] loader homecoming.js: ${size('homecoming.js')}; homecoming.iife.js: ${size('homecoming.iife.js')}`);
      for (const name of built.chunks) console.log(`[homecoming] shared chunk ${name}: ${size(name)}`);
      for (const [tag, e] of Object.entries(built.elements)) console.log(`[homecoming] <${tag}> ${e.chunk}: ${size(e.chunk)}`);
      const manifest = { loader: 'homecoming.js', classicLoader: 'homecoming.iife.js', chunks: built.chunks, elements: built.elements };
      writeFileSync(`${outDir}/manifest.json.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
      renameSync(`${outDir}/manifest.json.tmp`, `${outDir}/manifest.json`);
    },
  };
}

/**
 * The staff console (/console): its own bundle in dist/console/, with Lit and the core it uses, so it
 * counts against no embed budget. index.html names the hashed script and is written last.
 */
function consolePage() {
  const dir = 'dist/console';
  return {
    name: 'homecoming-console-page',
    writeBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      writeFileSync(`${dir}/console.css`, readFileSync('console/console.css'));
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) writeFileSync(`${dir}/${name}.gz`, gz(readFileSync(`${dir}/${name}`)));
      console.log(`[homecoming] console ${entry.fileName}: ${kb(gz(readFileSync(`${dir}/${entry.fileName}`)).length)} gz (not an embed chunk)`);
      writeFileSync(`${dir}/index.html.tmp`, readFileSync('console/index.html', 'utf8').replace('%SCRIPT%', entry.fileName));
      renameSync(`${dir}/index.html.tmp`, `${dir}/index.html`);
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
const list = elements();

export default [
  {
    input: Object.fromEntries(list.map((e) => [e.name, e.file])),
    plugins: [clean(), ...plugins],
    output: {
      dir: outDir,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name]-[hash].js',
      chunkFileNames: '[name]-[hash].js',
      // Lit and the core in one chunk every element shares (and the browser caches once); what only some
      // elements share in chunks of their own, so pages without them skip it: core/members (the member
      // elements), core/rich-text (the elements that show rich text: jobs, posts), core/messages (the
      // message elements: the live stream).
      manualChunks: (id) =>
        id.includes('/widgets/core/members/')
          ? 'members'
          : id.includes('/widgets/core/messages/')
            ? 'messages'
            : id.includes('/widgets/core/rich-text')
              ? 'rich-text'
              : id.includes('/node_modules/') || id.includes('/widgets/core/')
                ? 'shared'
                : undefined,
      plugins: [terser(terserOptions), recordChunks(list)],
    },
  },
  {
    input: 'widgets/homecoming.ts',
    plugins: [chunkMap(), ...plugins],
    output: { file: `${outDir}/homecoming.js`, format: 'es', sourcemap: true, plugins: [terser(terserOptions)] },
  },
  {
    input: 'widgets/homecoming.ts',
    plugins: [chunkMap(), ...plugins],
    output: { file: `${outDir}/homecoming.iife.js`, format: 'iife', sourcemap: true, plugins: [terser({ ...terserOptions, module: false }), finish()] },
  },
  {
    input: 'console/main.ts',
    // commonjs: the check-in page's QR decoder (jsqr) ships as CommonJS only; the embed bundles need none.
    plugins: [{ name: 'homecoming-console-clean', buildStart: () => rmSync('dist/console', { recursive: true, force: true }) }, ...plugins, commonjs({ include: /node_modules\/jsqr\// })],
    output: {
      dir: 'dist/console',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'console-[hash].js',
      chunkFileNames: 'console-[name]-[hash].js',
      plugins: [terser(terserOptions), consolePage()],
    },
  },
];
