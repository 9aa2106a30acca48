import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'util', 'url', 'worker_threads', 'process', 'events', 'dns', 'tls', 'zlib'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'coverage/**', 'e2e/fixtures/sample-repo/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // Workflow code must stay deterministic: no Node built-ins, no database, no Sentry, no activity values.
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'Workflow code is sandboxed: do this in an activity.' })),
            { name: 'knex', message: 'Database access belongs in an activity.' },
            { name: 'objection', message: 'Database access belongs in an activity.' },
            { name: 'pg', message: 'Database access belongs in an activity.' },
            { name: '@argus/db', message: 'Database access belongs in an activity.' },
            { name: '@sentry/node', message: 'Report through the observability sink.' },
            { name: '@argus/activities', message: 'Import activities as types only: import type { Activities }.', allowTypeImports: true },
          ],
          patterns: [{ group: ['node:*'], message: 'Workflow code is sandboxed: do this in an activity.' }, { group: ['@sentry/*'], message: 'Report through the observability sink.' }],
        },
      ],
    },
  },
);
