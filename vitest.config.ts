import { defineConfig } from 'vitest/config';

// Postgres and the Temporal dev server are started once for the run (global setup); each test file then
// gets its own database cloned from a migrated template, and its own task queue.
export default defineConfig({
  test: {
    globalSetup: ['e2e/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['{api,activities,workflows,db,scripts,e2e}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.security.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'security', include: ['{api,activities,e2e}/**/*.security.test.ts'] },
      },
    ],
  },
});
