import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LOGIN } from '../api/src/seed/demo-seed';
import { freePort, isPortFree } from './lib/processes';
import { startStack } from './lib/stack';

// `npm run smoke`: the whole stack from scratch in a temp data dir, every component checked, then stopped.
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'argus-smoke-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  API_PORT: String(await freePort()),
  PORTAL_PORT: String(await freePort()),
  ADMIN_PORT: String(await freePort()),
  TEMPORAL_PORT: String(await freePort()),
  TEMPORAL_UI_PORT: String(await freePort()),
  WORKER_METRICS_PORT: String(await freePort()),
  EMBEDDED_POSTGRES_PORT: String(await freePort()),
};
delete env.DATABASE_URL;
delete env.TEMPORAL_ADDRESS;

const checks: { name: string; ok: boolean; detail: string }[] = [];
async function check(name: string, fn: () => Promise<string>) {
  try {
    checks.push({ name, ok: true, detail: await fn() });
  } catch (err) {
    checks.push({ name, ok: false, detail: (err as Error).message });
  }
}
async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res;
}

const started = Date.now();
const stack = await startStack({ env, dataDir, quiet: true, log: (l) => console.log(l) });
const { urls } = stack;
const api = `http://127.0.0.1:${env.API_PORT}`;
try {
  await check('postgres', async () => {
    const body = (await (await get(`${api}/readyz`)).json()) as { checks: { name: string; status: string }[] };
    const pg = body.checks.find((c) => c.name === 'postgres');
    if (pg?.status !== 'ok') throw new Error(`postgres is ${pg?.status}`);
    return 'ready';
  });
  await check('temporal', async () => {
    const body = (await (await get(`${api}/readyz`)).json()) as { checks: { name: string; status: string }[] };
    if (body.checks.find((c) => c.name === 'temporal')?.status !== 'ok') throw new Error('temporal is not ready');
    return 'ready';
  });
  await check('temporal-ui', async () => `${(await get(urls.temporalUi!)).status}`);
  await check('api', async () => {
    const doc = (await (await get(`${api}/openapi.json`)).json()) as { openapi: string };
    return `openapi ${doc.openapi}`;
  });
  await check('worker', async () => {
    // The probe workflow proves API → Temporal → worker → Postgres with the seeded staff user.
    const login = await get(`${api}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_LOGIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const probe = await get(`${api}/api/probes`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    const body = (await probe.json()) as { roundTripMs: number };
    return `probe workflow ${body.roundTripMs} ms`;
  });
  await check('portal', async () => {
    const html = await (await get(urls.portal)).text();
    if (!html.includes('<div id="root"')) throw new Error('portal index.html has no app root');
    const cfg = await get(`${urls.portal}/api/public-config`);
    return `serves the app and proxies the API (${cfg.status})`;
  });
  await check('admin', async () => {
    const html = await (await get(urls.admin)).text();
    if (!html.includes('<div id="root"')) throw new Error('admin index.html has no app root');
    return 'serves the app';
  });
} finally {
  await stack.stop();
}
const leftovers: string[] = [];
for (const variable of ['API_PORT', 'PORTAL_PORT', 'ADMIN_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'WORKER_METRICS_PORT', 'EMBEDDED_POSTGRES_PORT']) {
  if (!(await isPortFree(Number(env[variable])))) leftovers.push(`${variable}=${env[variable]}`);
}
await rm(dataDir, { recursive: true, force: true });

for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(12)} ${c.detail}`);
if (leftovers.length) console.log(`FAIL still listening after stop: ${leftovers.join(', ')}`);
const failed = checks.filter((c) => !c.ok).length + leftovers.length;
console.log(`smoke took ${Math.round((Date.now() - started) / 1000)} s`);
if (failed) {
  console.log(`smoke: failed ${failed} of ${checks.length} components`);
  process.exit(1);
}
console.log(`smoke: ok ${checks.length} components`);
process.exit(0);
