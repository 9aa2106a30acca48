import tseslint from 'typescript-eslint';
import argus from './eslint/argus-boundaries.js';

// Production source never imports test support (loopback servers, sample remotes, fixtures).
const testSupport = { group: ['**/e2e/**', '**/testing/**', '**/testing', '**/*.test', '**/*.test.ts'], message: 'Test support lives in e2e/support and is imported only by tests and scripts.' };
const productionSource = ['db/src/**/*.ts', 'activities/src/**/*.ts', 'api/src/**/*.ts', 'portal/src/**/*.{ts,tsx}', 'admin-ui/src/**/*.{ts,tsx}'];
const tests = ['**/*.test.ts', '**/*.test.tsx'];

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
          patterns: [{ group: ['node:*'], message: 'Workflow code is sandboxed: do this in an activity.' }, { group: ['@sentry/*'], message: 'Report through the observability sink.' }, testSupport],
        },
      ],
    },
  },
  {
    // Only db/ names tables; everything else calls the owning module's query functions.
    files: ['api/src/**/*.ts', 'activities/src/**/*.ts', 'workflows/src/**/*.ts', 'scripts/**/*.ts'],
    ignores: tests,
    plugins: { argus },
    rules: { 'argus/no-table-names': 'error' },
  },
  {
    files: productionSource.filter((g) => !g.startsWith('api/')),
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupport] }] },
  },
  {
    // The API process stays small: it loads the platform entry of @argus/activities, never the worker side, and
    // workflow code only as types. Workflows are started in one place, through the typed client.
    files: ['api/src/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@argus/activities/worker', message: 'The API must not load the worker side (analyzers, LLM SDKs, the Temporal worker). Use the platform entry, @argus/activities.' },
            { name: '@temporalio/worker', message: 'The API must not load the Temporal worker.' },
            { name: '@argus/workflows', message: 'Import workflow functions as types only; shared values are in @argus/workflows/contract.', allowTypeImports: true },
          ],
          patterns: [testSupport, { group: ['@argus/activities/src/*', '**/activities/src/**'], message: 'Import @argus/activities (the platform entry), not its files.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(start|execute|signalWithStart|startUpdate|executeUpdate)$/][callee.object.property.name='workflow']",
          message: 'Start workflows through api/src/temporal/workflow-client.ts, so inputs are type-checked.',
        },
      ],
    },
  },
  {
    files: ['api/src/temporal/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
