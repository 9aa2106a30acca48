import type { EntryType } from 'node:perf_hooks';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createKnex, ensureDatabase, insertRepository, insertWorkspaceWithOwner, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { loadConfig } from '@argus/activities';
import { startApi } from '../api/src/server';
import { hashPassword } from '../api/src/auth/passwords';
import { seedFinishedRun, type FixtureFinding } from '../e2e/support/finished-run';
import { launchBrowser } from '../e2e/support/browser';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

// `npm run bench:portal`: the built portal served the way `npm start` serves it (compressed, cached), measured in
// the test Chromium on localhost: the JavaScript a first visit downloads (gzip) and the largest contentful paint of
// the dashboard and of a run page with 1,000 findings. Build first (`npm run build -w portal`); the script does not.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FINDINGS = 1000;
const dist = path.join(ROOT, 'portal', 'dist');

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-portal-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), TEMPORAL_ADDRESS: '127.0.0.1:1', BILLING_DEFAULT_TIER: 'enterprise' });
await ensureDatabase(config.databaseUrl);
const knex = createKnex({ connectionString: config.databaseUrl });
await migrateToLatest(knex);
const api = await startApi(config, { port: await freePort(), host: '127.0.0.1', migrate: false });
const apiPort = (api.server.address() as { port: number }).port;
const sitePort = await freePort();
const site = await serveSite({ name: 'portal', distDir: dist, port: sitePort, apiPort });
const origin = `http://127.0.0.1:${sitePort}`;

const password = 'bench-password-for-the-portal-42';
const [user] = await knex('users').insert({ email: 'bench-portal@example.test', name: 'Bench', passwordHash: await hashPassword(password), emailVerifiedAt: new Date() }).returning('*');
const ws = await insertWorkspaceWithOwner(knex, { name: 'Bench team', slug: 'bench-team', kind: 'team', ownerId: user.id });
const repo = await insertRepository(knex, { workspaceId: ws.id, provider: 'git', fullName: 'bench/portal', cloneUrl: 'https://example.test/bench/portal.git' });
const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
const findings: FixtureFinding[] = Array.from({ length: FINDINGS }, (_, i) => ({ ruleId: `eslint/rule-${i % 40}`, path: `src/module-${i % 120}.ts`, severity: severities[i % 5] }));
const run = await seedFinishedRun(knex, { workspaceId: ws.id, repositoryId: repo.id, findings });

const login = await fetch(`http://127.0.0.1:${apiPort}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password }) });
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const session = await login.json();

const browser = await launchBrowser();
type BrowserGlobals = { localStorage: { setItem(key: string, value: string): void } };

/** One cold visit (new context: empty cache) of `url`; LCP from the browser's own PerformanceObserver. */
async function visit(url: string, ready: string): Promise<{ lcpMs: number; scripts: string[] }> {
  const context = await browser.newContext();
  await context.addInitScript((s) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('argus.session', s), JSON.stringify(session));
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script' && req.url().startsWith(origin)) scripts.push(new URL(req.url()).pathname);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
  // LCP is final once the page has settled; read the last entry the observer saw.
  await page.waitForTimeout(500);
  const lcpMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) last = entry.startTime;
        }).observe({ type: 'largest-contentful-paint' as EntryType, buffered: true });
        setTimeout(() => resolve(last), 200);
      }),
  );
  await context.close();
  return { lcpMs, scripts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Warm the server's compressed-asset cache and the API's connections once.
await visit(`${origin}/`, 'kpi-workspaces');
const dashboard: number[] = [];
const runPage: number[] = [];
let initialScripts: string[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const d = await visit(`${origin}/`, 'kpi-workspaces');
  dashboard.push(d.lcpMs);
  initialScripts = d.scripts;
  runPage.push((await visit(`${origin}/runs/${run.id}`, 'run-details')).lcpMs);
}
let gzipBytes = 0;
for (const script of new Set(initialScripts)) gzipBytes += gzipSync(await readFile(path.join(dist, script))).length;

await browser.close();
await new Promise<void>((resolve) => site.close(() => resolve()));
await api.stop();
await knex.destroy();
await pg.stop();
await rm(tmp, { recursive: true, force: true });

console.log(`first visit of the dashboard loads ${new Set(initialScripts).size} script(s): ${[...new Set(initialScripts)].join(', ')}`);
console.log(`portal_initial_js_gzip_kb=${(gzipBytes / 1024).toFixed(1)} lcp_dashboard_ms=${median(dashboard).toFixed(0)} lcp_run_ms=${median(runPage).toFixed(0)} rounds=${ROUNDS} findings=${FINDINGS}`);
