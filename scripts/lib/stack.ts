import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type http from 'node:http';
import { createKnex, ensureDatabase, findActiveRepositoryByCloneUrl, findWorkspaceBySlug, insertRepository, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { loadConfig, type PlatformConfig } from '@argus/activities';
import { DEMO_LOGIN, seedDemo } from '../../api/src/seed/demo-seed';
import { createSampleRepo } from '../../e2e/fixtures/sample-repo';
import { startTemporalDevServer } from './temporal-server';
import { startStripeMock } from './stripe-mock';
import { assertPortsFree, nodeTsArgs, ROOT, waitForHttp } from './processes';
import { supervise, type SupervisedProcess } from './supervisor';
import { withInstallationSecrets } from './installation-secrets';
import { serveSite } from './site-server';

const run = promisify(execFile);

interface StackUrls {
  portal: string;
  admin: string;
  api: string;
  docs: string;
  temporalUi: string | null;
  workerMetrics: string;
}

export interface RunningStack {
  urls: StackUrls;
  config: PlatformConfig;
  components: string[];
  stop(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds a frontend only when its sources are newer than its last build. */
async function buildSiteIfStale(workspace: 'portal' | 'admin-ui', log: (l: string) => void) {
  const dir = path.join(ROOT, workspace);
  const index = path.join(dir, 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(dir)) return;
  log(`[start] building ${workspace} (first start or changed sources)…`);
  await run('npm', ['run', 'build', '-w', workspace], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
}

/**
 * Starts the whole platform: Postgres (embedded unless DATABASE_URL), the Temporal dev server with its UI
 * (unless TEMPORAL_ADDRESS is given), migrations and demo seed, the worker, the API, the portal and the console.
 */
export async function startStack(opts: { env: NodeJS.ProcessEnv; dataDir: string; log?: (l: string) => void; quiet?: boolean }): Promise<RunningStack> {
  const log = opts.log ?? console.log;
  const externalTemporal = Boolean(opts.env.TEMPORAL_ADDRESS);
  const baseEnv = await withInstallationSecrets(opts.env, opts.dataDir, log);
  const config = loadConfig({ ...baseEnv, ARGUS_DATA_DIR: opts.dataDir });
  const stops: (() => Promise<void>)[] = [];
  const components: string[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => log(`[stop] ${(err as Error).message}`));
    stops.length = 0;
  };

  try {
    await assertPortsFree([
      { port: config.API_PORT, variable: 'API_PORT', what: 'API' },
      { port: config.PORTAL_PORT, variable: 'PORTAL_PORT', what: 'portal' },
      { port: config.ADMIN_PORT, variable: 'ADMIN_PORT', what: 'admin console' },
      { port: config.WORKER_METRICS_PORT, variable: 'WORKER_METRICS_PORT', what: 'worker metrics' },
      ...(config.DATABASE_URL ? [] : [{ port: config.EMBEDDED_POSTGRES_PORT, variable: 'EMBEDDED_POSTGRES_PORT', what: 'embedded Postgres' }]),
      ...(externalTemporal
        ? []
        : [
            { port: config.TEMPORAL_PORT, variable: 'TEMPORAL_PORT', what: 'Temporal dev server' },
            { port: config.TEMPORAL_UI_PORT, variable: 'TEMPORAL_UI_PORT', what: 'Temporal UI' },
          ]),
    ]);

    const builds = Promise.all([buildSiteIfStale('portal', log), buildSiteIfStale('admin-ui', log)]);
    builds.catch(() => {});

    if (!config.DATABASE_URL) {
      log(`[start] starting embedded Postgres on 127.0.0.1:${config.EMBEDDED_POSTGRES_PORT} (data in ${path.join(opts.dataDir, 'postgres')})`);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), port: config.EMBEDDED_POSTGRES_PORT });
      stops.push(() => pg.stop());
    }
    components.push('postgres');
    await ensureDatabase(config.databaseUrl);
    const knex = createKnex({ connectionString: config.databaseUrl, applicationName: 'argus-start' });
    const applied = await migrateToLatest(knex);
    if (applied.length) log(`[start] applied ${applied.length} migrations`);
    const seeded = await seedDemo(knex);
    if (seeded.created) log('[start] seeded the demo user and workspaces');
    const demoRepositoryId = await seedDemoRepository(knex, config.localGitRoot, log);
    await knex.destroy();

    let temporalUi: string | null = config.TEMPORAL_UI_URL;
    const env: NodeJS.ProcessEnv = { ...baseEnv, DATABASE_URL: config.databaseUrl, ARGUS_DATA_DIR: opts.dataDir };
    if (!externalTemporal) {
      log(`[start] starting the Temporal dev server on 127.0.0.1:${config.TEMPORAL_PORT} (UI :${config.TEMPORAL_UI_PORT})`);
      const temporal = await startTemporalDevServer({
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: path.join(opts.dataDir, 'temporal.sqlite'),
        namespaces: [config.TEMPORAL_NAMESPACE],
        log,
        quiet: opts.quiet,
      });
      stops.push(() => temporal.stop());
      temporalUi = temporal.uiUrl;
      env.TEMPORAL_ADDRESS = temporal.address;
      env.TEMPORAL_UI_URL = temporal.uiUrl ?? undefined;
      components.push('temporal', 'temporal-ui');
    } else {
      components.push('temporal');
    }

    // Billing talks to stripe-mock (private to this stack) unless real Stripe keys are given or ARGUS_STRIPE_MOCK=0
    // asks for manual mode. stripe-mock keeps no state: Argus's tables hold it.
    if (!config.STRIPE_SECRET_KEY && opts.env.ARGUS_STRIPE_MOCK !== '0') {
      const port = Number(opts.env.STRIPE_MOCK_PORT ?? 12111);
      const mock = await startStripeMock({ port, log, quiet: opts.quiet }).catch((err: Error) => {
        log(`[start] stripe-mock did not start (${err.message}); billing runs in manual mode`);
        return null;
      });
      if (mock) {
        stops.push(() => mock.stop());
        env.STRIPE_SECRET_KEY = 'sk_test_argus_stripe_mock';
        env.STRIPE_API_BASE = mock.url;
        components.push('stripe-mock');
        log(`[start] stripe-mock on ${mock.url} stands in for Stripe`);
      } else {
        log('[start] stripe-mock is not available (no Go to build it): billing runs in manual mode');
      }
    }

    const children: SupervisedProcess[] = [];
    stops.push(async () => {
      await Promise.all(children.map((c) => c.stop()));
    });
    // A crashed worker or API is restarted with backoff (see supervise), so a run never waits forever on a worker
    // that died; Temporal hands the crashed worker's tasks to the new one.
    const spawnChild = (name: string, entry: string) => children.push(supervise(name, process.execPath, nodeTsArgs(entry), { env, quiet: opts.quiet, log }));
    let stopping = false;
    spawnChild('worker', 'activities/src/worker.ts');
    spawnChild('api', 'api/src/server.ts');
    const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
    await waitForHttp(`${apiUrl}/healthz`, 60_000, (s) => s === 200);
    await waitForHttp(`http://127.0.0.1:${config.WORKER_METRICS_PORT}/healthz`, 90_000, (s) => s === 200);
    components.push('worker', 'api');

    if (demoRepositoryId) await analyzeDemoRepository(`http://127.0.0.1:${config.API_PORT}`, demoRepositoryId, log);

    await builds;
    const sites: http.Server[] = [];
    sites.push(await serveSite({ name: 'PORTAL_PORT', distDir: path.join(ROOT, 'portal', 'dist'), port: config.PORTAL_PORT, apiPort: config.API_PORT, host: config.HOST }));
    sites.push(await serveSite({ name: 'ADMIN_PORT', distDir: path.join(ROOT, 'admin-ui', 'dist'), port: config.ADMIN_PORT, apiPort: config.API_PORT, host: config.HOST }));
    stops.push(async () => {
      for (const s of sites) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
    });
    components.push('portal', 'admin');
    const originalStopAll = stopAll;
    return {
      config,
      components,
      urls: {
        portal: `http://localhost:${config.PORTAL_PORT}`,
        admin: `http://localhost:${config.ADMIN_PORT}`,
        api: `http://localhost:${config.API_PORT}`,
        docs: `http://localhost:${config.API_PORT}/docs`,
        temporalUi,
        workerMetrics: `http://localhost:${config.WORKER_METRICS_PORT}/metrics`,
      },
      stop: async () => {
        stopping = true;
        await originalStopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * The demo team gets a real local git repository (the sample shop, with known findings in JS, TS and Python).
 * Returns its id when it was just connected, so the first start can analyze it once.
 */
// The demo repository lives in the installation's local repositories directory, the one place file:// remotes may
// point to without ARGUS_ALLOW_PRIVATE_GIT (see assertSafeRemote).
async function seedDemoRepository(knex: ReturnType<typeof createKnex>, localGitRoot: string, log: (l: string) => void): Promise<string | null> {
  const team = await findWorkspaceBySlug(knex, 'demo-team');
  if (!team) return null;
  const dir = path.join(localGitRoot, 'sample-shop');
  if (!existsSync(path.join(dir, '.git'))) await createSampleRepo({ dir });
  const cloneUrl = `file://${dir}`;
  if (await findActiveRepositoryByCloneUrl(knex, team.id, cloneUrl)) return null;
  const repo = await insertRepository(knex, { workspaceId: team.id, provider: 'git', fullName: 'demo/sample-shop', cloneUrl, defaultBranch: 'main' });
  log(`[start] connected the demo repository ${cloneUrl}`);
  return repo.id;
}

/** Starts the first analysis through the API, as a user would with "Analyze now". */
async function analyzeDemoRepository(apiUrl: string, repositoryId: string, log: (l: string) => void) {
  try {
    const login = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_LOGIN) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`${apiUrl}/api/repositories/${repositoryId}/analyze`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: '{}' });
    if (res.ok) log('[start] started the first analysis of the demo repository');
  } catch (err) {
    log(`[start] could not start the demo analysis: ${(err as Error).message}`);
  }
}
