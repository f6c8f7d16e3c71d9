import tseslint from 'typescript-eslint';

// No imports across element folders: a file in widgets/<element>/ (at any depth) may import from its
// own folder and from widgets/core only; what two elements share moves to core. Relative paths that
// climb out of the element folder are refused unless they go into core; one block per depth, since
// the number of `../` that leaves the folder depends on how deep the file sits.
const elementImports = [1, 2, 3, 4].map((depth) => ({
  files: [`widgets/*/${'*/'.repeat(depth - 1)}*.ts`],
  ignores: ['widgets/core/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./){${depth}}(?!core/)`,
            message: 'An element imports only from its own folder and widgets/core: move what elements share into widgets/core.',
          },
        ],
      },
    ],
  },
}));

// The core knows no element (it is what they build on): from widgets/core it may climb to the
// repository (server types) but not into a sibling folder of widgets/.
const coreImports = [1, 2, 3].map((depth) => ({
  files: [`widgets/core/${'*/'.repeat(depth - 1)}*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: `^(\\.\\./){${depth}}(?!\\.\\./)`, message: 'widgets/core must not import from an element folder.' }] },
    ],
  },
}));

// Services reach tenant-owned tables through ctx.scoped (core/tenant-db.ts), which binds every query to
// the tenant; a bare db.select/update/delete/insert in a module is how a query forgets it. The few that
// must look across tenants (a key or session by its hash, the tenants table itself) say why, inline.
const bareQuery = 'CallExpression[callee.property.name=/^(select|update|delete|insert)$/]';
const scopedQueries = {
  files: ['server/modules/**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: `${bareQuery}[callee.object.name='db']`, message: 'Use ctx.scoped (tenant-bound) for tenant-owned tables.' },
      { selector: `${bareQuery}[callee.object.property.name='db']`, message: 'Use ctx.scoped (tenant-bound) for tenant-owned tables.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['.scratch/', 'node_modules/', 'dist/', 'data/', 'coverage/', 'server/db/migrations/', 'custom-elements.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...elementImports,
  ...coreImports,
  scopedQueries,
  {
    // Files past ~400 lines and functions past ~80 get split by what they do (shared/STYLE.md).
    files: ['widgets/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);
