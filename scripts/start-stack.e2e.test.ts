import { mkdtemp, rm, symlink, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex, findWorkspaceBySlug } from '@argus/db';
import { DEMO_LOGIN } from '../api/src/seed/demo-seed';
import { freePort } from './lib/processes';
import { startStack, type RunningStack } from './lib/stack';

// First use, as `npm start` does it: the whole stack (embedded Postgres, the Temporal dev server, the worker and
// the API as child processes, stripe-mock) in a fresh data directory, with private git remotes NOT allowed. The demo
// repository is a file:// remote inside the installation's local repositories directory, so its first analysis must
// complete; the same API still refuses a file:// path anywhere else, a symlink out of that directory included.
let stack: RunningStack;
let dataDir: string;
let api: string;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'argus-first-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ARGUS_ALLOW_PRIVATE_GIT: '0' };
  for (const v of ['API_PORT', 'PORTAL_PORT', 'ADMIN_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'WORKER_METRICS_PORT', 'EMBEDDED_POSTGRES_PORT', 'STRIPE_MOCK_PORT']) env[v] = String(await freePort());
  for (const v of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'JWT_SECRET', 'ARGUS_ENCRYPTION_KEYS', 'ARGUS_LOCAL_GIT_ROOT', 'STRIPE_SECRET_KEY']) delete env[v];
  stack = await startStack({ env, dataDir, quiet: true, log: () => {} });
  api = `http://127.0.0.1:${stack.config.API_PORT}`;
  const login = await fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_LOGIN) });
  token = ((await login.json()) as { accessToken: string }).accessToken;
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const get = async (p: string) => (await fetch(`${api}${p}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, unknown>>;

describe('npm start on a fresh data directory', () => {
  it('analyzes the demo repository to completion without ARGUS_ALLOW_PRIVATE_GIT', async () => {
    const knex = createKnex({ connectionString: stack.config.databaseUrl });
    const team = await findWorkspaceBySlug(knex, 'demo-team');
    await knex.destroy();
    expect(team).toBeTruthy();
    let run: { id: string; status: string; error: string | null } | undefined;
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const page = (await get(`/api/workspaces/${team!.id}/runs`)) as { items: { id: string; status: string; error: string | null }[] };
      run = page.items[0];
      if (run && ['completed', 'failed', 'cancelled'].includes(run.status)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(run, 'the first start queues an analysis of the demo repository').toBeTruthy();
    expect({ status: run!.status, error: run!.error }).toEqual({ status: 'completed', error: null });
    const findings = (await get(`/api/runs/${run!.id}/findings`)) as { total: number };
    expect(findings.total).toBeGreaterThan(0);
  }, 180_000);

  it('still refuses file:// paths outside the local repositories directory, symlinks out of it included', async () => {
    const knex = createKnex({ connectionString: stack.config.databaseUrl });
    const team = await findWorkspaceBySlug(knex, 'demo-team');
    await knex.destroy();
    const demoRepo = path.join(stack.config.localGitRoot, 'sample-shop');
    await mkdir(stack.config.localGitRoot, { recursive: true });
    const escape = path.join(stack.config.localGitRoot, 'escape');
    await symlink(path.join(dataDir, 'postgres'), escape);
    for (const cloneUrl of [`file://${path.join(dataDir, 'postgres')}`, `file://${escape}`, `file://${demoRepo}/../../postgres`, `file://${stack.config.localGitRoot}`]) {
      const res = await fetch(`${api}/api/workspaces/${team!.id}/repositories`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ cloneUrl }) });
      const body = (await res.json()) as { detail: string };
      expect({ cloneUrl, status: res.status }).toEqual({ cloneUrl, status: 400 });
      expect(body.detail).toMatch(/Local paths cannot be connected/);
      expect(JSON.stringify(body)).not.toContain(dataDir);
    }
  });
});
