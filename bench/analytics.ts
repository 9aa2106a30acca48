import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, insertUser, migrateToLatest, rebuildRepositoryDays, rebuildWorkspaceDays, startEmbeddedPostgres } from '@argus/db';
import { createLogger, createMailer, createMetrics, loadConfig } from '@argus/activities';
import { createApp } from '../api/src/app';
import { signAccessToken } from '../api/src/auth/tokens';
import { freePort } from '../scripts/lib/processes';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

// `npm run bench:analytics`: 200 workspaces × 5 repositories, 100,000 runs over 90 days and 1,000,000 findings (plus
// triage, fixes and events), generated with generate_series in real Postgres; the rollups are built by the same
// set-based rebuild the aggregation workflow runs; then every workspace endpoint is called over HTTP on the real
// API, for random workspaces, and timed. Last line: analytics_p95_ms=… worst_endpoint=… rows=…
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 200);
const REPOS_PER_WORKSPACE = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 100_000);
const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 60);
const DAYS = 90;

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-analytics-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), STRIPE_SECRET_KEY: '' });
await ensureDatabase(config.databaseUrl);
const knex = createKnex({ connectionString: config.databaseUrl, poolMax: 10 });
await migrateToLatest(knex);

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const owner = await insertUser(knex, { email: 'bench@example.test', name: 'Bench', passwordHash: 'x' });
let t = performance.now();
const repos = WORKSPACES * REPOS_PER_WORKSPACE;
const runsPerRepo = Math.ceil(RUNS / repos);
const findingsPerRun = Math.ceil(FINDINGS / RUNS) + 1;
await knex.raw(`insert into workspaces (name, slug, kind, owner_id) select 'Bench ' || i, 'bench-' || i, 'team', ?::uuid from generate_series(1, ?::int) i`, [owner.id, WORKSPACES]);
await knex.raw(`insert into workspace_members (workspace_id, user_id, role) select id, ?, 'admin' from workspaces`, [owner.id]);
await knex.raw(
  `insert into repositories (workspace_id, provider, full_name, clone_url)
   select w.id, 'git', w.slug || '/repo-' || j, 'https://git.example.test/' || w.slug || '/repo-' || j || '.git' from workspaces w, generate_series(1, ?::int) j`,
  [REPOS_PER_WORKSPACE],
);
// Runs spread evenly over the last 90 days; every 10th is a pull request, every 20th failed.
await knex.raw(
  `insert into analysis_runs (workspace_id, repository_id, workflow_id, trigger, ref, status, created_at, started_at, finished_at, lines_of_code, is_baseline)
   select r.workspace_id, r.id, 'bench-' || r.id || '-' || k,
          case when k % 10 = 0 then 'pull_request' else 'push' end, 'refs/heads/main',
          case when k % 20 = 0 then 'failed' else 'completed' end,
          now() - (?::int - k) * (interval '1 day' * ?::int / ?::int), now() - (?::int - k) * (interval '1 day' * ?::int / ?::int) + interval '5 seconds',
          now() - (?::int - k) * (interval '1 day' * ?::int / ?::int) + interval '95 seconds', 4000 + (k * 37) % 3000, k = 1
   from repositories r, generate_series(1, ?::int) k`,
  [runsPerRepo, DAYS, runsPerRepo, runsPerRepo, DAYS, runsPerRepo, runsPerRepo, DAYS, runsPerRepo, runsPerRepo],
);
// Each default-branch run compares with the one before it.
await knex.raw(
  `update analysis_runs a set compared_to_run_id = p.prev from (
     select id, lag(id) over (partition by repository_id order by created_at) as prev from analysis_runs where trigger = 'push'
   ) p where p.id = a.id and p.prev is not null`,
);
console.log(`seeded ${WORKSPACES} workspaces, ${repos} repositories, ${runsPerRepo * repos} runs in ${seconds(t)} s`);
t = performance.now();
// Findings: a slowly rotating set of fingerprints per repository, so runs fix some and introduce some.
await knex.raw(
  `insert into findings (run_id, repository_id, workspace_id, tool, rule_id, category, severity, path, start_line, start_column, end_line, end_column, message, fingerprint, is_new, created_at)
   select a.id, a.repository_id, a.workspace_id, 'eslint', 'rule-' || ((f * 7 + a.k / 8) % 40),
          (array['security', 'bug', 'performance', 'maintainability', 'style'])[1 + (f + a.k / 8) % 5],
          (array['critical', 'high', 'medium', 'low', 'info'])[1 + ((f * 3 + a.k / 8) % 23) % 5],
          'src/module-' || ((f + a.k / 8) % 25) || '.ts', f, 1, f, 20, 'finding ' || f,
          'fp-' || ((f + a.k / 8) % 40), f = 1 and a.k % 8 = 0, a.created_at
   from (select id, repository_id, workspace_id, created_at, row_number() over (partition by repository_id order by created_at)::int as k from analysis_runs where status = 'completed') a,
        generate_series(1, ?::int) f
   limit ?::int`,
  [findingsPerRun, FINDINGS],
);
await knex.raw(`insert into finding_triage (repository_id, fingerprint, status) select id, 'fp-3', 'false_positive' from repositories where right(id::text, 1) in ('0', '1', '2')`);
await knex.raw(
  `insert into fixes (finding_id, run_id, workspace_id, repository_id, provider, workflow_id, status, generated_at, validated_at, closed_at, created_at)
   select f.id, f.run_id, f.workspace_id, f.repository_id, 'builtin', 'fix-' || f.id || '-builtin', case when f.start_line % 2 = 0 then 'merged' else 'validated' end,
          f.created_at + interval '1 hour', f.created_at + interval '2 hours', case when f.start_line % 2 = 0 then f.created_at + interval '2 days' end, f.created_at + interval '1 hour'
   from findings f where f.start_line in (2, 5) and right(f.id::text, 1) in ('a', 'b') limit 20000`,
);
await knex.raw(
  `insert into analytics_event (event_type, user_id, workspace_id, event_data, dedupe_key, occurred_at)
   select (array['login', 'finding.triaged', 'fix.generated', 'export.downloaded'])[1 + i % 4], ?::uuid, w.id, '{}', 'bench:' || w.id || ':' || i, now() - (i % ?::int) * interval '1 day' - (i % 24) * interval '1 hour'
   from workspaces w, generate_series(1, 1000) i`,
  [owner.id, DAYS],
);
const counts = (await knex.raw(`select (select count(*) from analysis_runs)::int as runs, (select count(*) from findings)::int as findings, (select count(*) from fixes)::int as fixes, (select count(*) from analytics_event)::int as events`)).rows[0];
console.log(`seeded ${counts.findings} findings, ${counts.fixes} fixes, ${counts.events} events in ${seconds(t)} s`);

// The rollups, exactly as the daily Schedule's workflow builds them (a set-based rebuild per range of days).
t = performance.now();
const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
let rollupRows = 0;
for (let ago = DAYS + 1; ago >= 0; ago -= 15) {
  const range = { from: day(ago), to: day(Math.max(0, ago - 14)) };
  rollupRows += await rebuildRepositoryDays(knex, { repositoryIds: null, ...range });
  await rebuildWorkspaceDays(knex, { workspaceIds: null, ...range });
}
await knex.raw('analyze');
console.log(`built ${rollupRows} repository-day rollups from the source tables in ${seconds(t)} s`);

// BENCH_SLOW_MS=n prints every query slower than n ms (with its plan's first lines), to find what to index.
const slowMs = Number(process.env.BENCH_SLOW_MS ?? 0);
if (slowMs) {
  const started = new Map<string, number>();
  knex.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
  knex.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const ms = performance.now() - (started.get(q.__knexQueryUid) ?? performance.now());
    started.delete(q.__knexQueryUid);
    if (ms > slowMs) console.log(`slow query ${ms.toFixed(1)} ms: ${q.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
  });
}
const { logger } = createLogger({ level: 'warn', component: 'bench' });
// The analytics endpoints never call Temporal; a lazy connection is never opened.
const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const app = createApp({ config, knex, temporal, logger, metrics: createMetrics('api'), mailer: createMailer({ knex, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }) });
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const { token } = await signAccessToken(config.jwtSecret, owner.id);
const workspaces = (await knex.raw(`select w.id, (select id from repositories r where r.workspace_id = w.id order by id limit 1) as repo from workspaces w`)).rows as { id: string; repo: string }[];

const ENDPOINTS: Record<string, (ws: { id: string; repo: string }) => string> = {
  'runs/stats': (w) => `/api/analytics/runs/stats?workspaceId=${w.id}&days=30`,
  'issues/categories': (w) => `/api/analytics/issues/categories?workspaceId=${w.id}`,
  'issues/severity': (w) => `/api/analytics/issues/severity?workspaceId=${w.id}`,
  'repository-health': (w) => `/api/analytics/repository-health?repository_id=${w.repo}&days=30`,
  'repository-health(workspace)': (w) => `/api/analytics/repository-health?workspaceId=${w.id}`,
  'top-issues': (w) => `/api/analytics/top-issues?workspaceId=${w.id}`,
  'issues/rules': (w) => `/api/analytics/issues/rules?repositoryId=${w.repo}`,
  dashboard: (w) => `/api/analytics/dashboard?workspaceId=${w.id}`,
  projects: (w) => `/api/analytics/projects?workspaceId=${w.id}&sort=health`,
  timeline: (w) => `/api/analytics/timeline?workspaceId=${w.id}`,
  export: (w) => `/api/analytics/export?workspaceId=${w.id}`,
};

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
const results: { endpoint: string; p50: number; p95: number }[] = [];
let seed = 7;
const pick = () => workspaces[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % workspaces.length]!;
async function timed(name: string, url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  await res.text();
  if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
  return performance.now() - started;
}
// Warm-up: every endpoint a few times first (JIT, prepared plans, pool), so the first endpoint measured is not the
// one that pays for the process's start. Then rounds over all endpoints, so machine noise falls on each alike.
for (let i = 0; i < 5; i++) for (const [name, url] of Object.entries(ENDPOINTS)) await timed(name, url(pick()));
const times = new Map<string, number[]>(Object.keys(ENDPOINTS).map((name) => [name, []]));
for (let i = 0; i < CALLS; i++) for (const [name, url] of Object.entries(ENDPOINTS)) times.get(name)!.push(await timed(name, url(pick())));
for (const [name, list] of times) {
  const sorted = [...list].sort((a, b) => a - b);
  results.push({ endpoint: name, p50: sorted[Math.floor(sorted.length / 2)]!, p95: p95(list) });
  console.log(`${name.padEnd(30)} p50=${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms p95=${p95(list).toFixed(1)} ms`);
}

server.close();
await knex.destroy();
await pg.stop();
await rm(tmp, { recursive: true, force: true });
const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
console.log(`analytics_p95_ms=${worst.p95.toFixed(1)} worst_endpoint=${worst.endpoint} rows=${counts.findings + counts.runs}`);
