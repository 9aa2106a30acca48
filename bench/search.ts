import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { createLogger, createMailer, createMetrics, loadConfig } from '@argus/activities';
import { createApp } from '../api/src/app';
import { searchCode, searchGrouped, suggest } from '../api/src/search/search.service';
import { RESULT_TYPES } from '../api/src/search/search.query';
import { createUserWithToken } from '../e2e/support/auth';
import { freePort } from '../scripts/lib/processes';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

// `npm run bench:search`: the Postgres search backend at issue 14's size. 1,000,000 findings (5,000 in each of 200
// workspaces, over 1,000 repositories with 2 runs each: the later run finds most of the earlier one's findings again,
// same fingerprints, so every search collapses occurrences as it does for real) and 100,000 indexed code files, generated in SQL with
// generate_series; then mixed queries over HTTP against the real API (auth, membership check, zod, JSON) from many
// workspaces: words, phrases, rule ids, paths and typos for search; prefixes and typos for suggestions; literal and
// word code search. Last line: search_p95_ms=… suggest_p95_ms=… code_search_p95_ms=… docs=…
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 200);
const FINDINGS_PER_WORKSPACE = Number(process.env.BENCH_FINDINGS_PER_WORKSPACE ?? 5_000);
const FILES_PER_WORKSPACE = Number(process.env.BENCH_FILES_PER_WORKSPACE ?? 500);
const REPOS_PER_WORKSPACE = 5;
const RUNS_PER_REPOSITORY = Number(process.env.BENCH_RUNS_PER_REPOSITORY ?? 2);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-search-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), TYPESENSE_URL: undefined });
await ensureDatabase(config.databaseUrl);
const knex = createKnex({ connectionString: config.databaseUrl, poolMax: 10 });
await migrateToLatest(knex);
const user = await createUserWithToken(knex, config.jwtSecret);

const RULES = [
  ['security/sql-injection', 'security', 'critical', 'Possible SQL injection: user input reaches the query builder'],
  ['security/xss', 'security', 'high', 'Unescaped user input is written into the HTML response'],
  ['security/hardcoded-secret', 'security', 'critical', 'A hardcoded secret or API key is committed to the repository'],
  ['security/prototype-pollution', 'security', 'high', 'Prototype pollution through a recursive merge of request data'],
  ['eslint/no-eval', 'security', 'high', 'eval() executes arbitrary code from a string'],
  ['eslint/no-unused-vars', 'maintainability', 'low', 'The variable is assigned a value but never used'],
  ['eslint/eqeqeq', 'bug', 'medium', 'Expected === and instead saw == in the comparison'],
  ['eslint/no-console', 'style', 'info', 'Unexpected console statement left in production code'],
  ['ruff/F401', 'maintainability', 'low', 'Module imported but unused'],
  ['ruff/S602', 'security', 'medium', 'subprocess call with shell=True identified, security issue'],
  ['ruff/B006', 'bug', 'medium', 'Do not use mutable data structures for argument defaults'],
  ['argus/n-plus-one', 'performance', 'medium', 'Database query inside a loop causes N+1 round trips'],
  ['argus/sync-fs', 'performance', 'low', 'Synchronous file system call blocks the event loop'],
  ['argus/deep-nesting', 'maintainability', 'info', 'Function nests control flow more than four levels deep'],
  ['argus/regex-dos', 'security', 'high', 'Regular expression with catastrophic backtracking on untrusted input'],
  ['argus/missing-await', 'bug', 'high', 'Promise returned by the call is neither awaited nor handled'],
];
const array = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
const rules = array(RULES.map((r) => r[0]!));
const categories = array(RULES.map((r) => r[1]!));
const severities = array(RULES.map((r) => r[2]!));
const messages = array(RULES.map((r) => r[3]!));
const modules = array(['auth', 'billing', 'orders', 'cart', 'users', 'search', 'reports', 'admin', 'webhooks', 'notifications', 'inventory', 'shipping']);

const seeding = performance.now();
await knex.raw(`insert into workspaces (name, slug, kind, owner_id)
  select 'Workspace ' || w, 'bench-ws-' || w, 'team', ? from generate_series(1, ${WORKSPACES}) w`, [user.user.id]);
await knex.raw(`insert into workspace_members (workspace_id, user_id, role) select id, ?, 'admin' from workspaces where slug like 'bench-ws-%'`, [user.user.id]);
await knex.raw(`insert into repositories (workspace_id, provider, full_name, clone_url)
  select w.id, 'git', 'org-' || w.slug || '/' || (${modules})[1 + r % 12] || '-service-' || r, 'https://git.example.test/' || w.slug || '/repo-' || r || '.git'
  from workspaces w, generate_series(1, ${REPOS_PER_WORKSPACE}) r where w.slug like 'bench-ws-%'`);
await knex.raw(`insert into analysis_runs (workspace_id, repository_id, workflow_id, trigger, ref, commit_sha, status, created_at, finished_at)
  select workspace_id, id, 'bench-' || id || '-' || n, 'push', 'refs/heads/main', md5(id::text || n) || left(md5(full_name), 8), 'completed',
    now() - (${RUNS_PER_REPOSITORY} - n) * interval '1 day', now() - (${RUNS_PER_REPOSITORY} - n) * interval '1 day'
  from repositories, generate_series(1, ${RUNS_PER_REPOSITORY}) n`);
// Each run with its number in its repository (1 = oldest).
const RUNS = `(select r.*, row_number() over (partition by r.repository_id order by r.created_at) as run_no from analysis_runs r)`;
// Bulk loads build GIN indexes faster from scratch than row by row: drop them for the load, recreate them after.
await knex.raw('drop index findings_search_keys');
await knex.raw('drop index findings_workspace_created');
await knex.raw('drop index search_code_files_content_trgm');
await knex.raw('drop index search_code_files_path_trgm');
const perRun = Math.ceil(FINDINGS_PER_WORKSPACE / REPOS_PER_WORKSPACE / RUNS_PER_REPOSITORY);
await knex.raw(`insert into findings (run_id, repository_id, workspace_id, tool, rule_id, category, severity, path, start_line, start_column, end_line, end_column, message, snippet, fingerprint, created_at)
  select r.id, r.repository_id, r.workspace_id, split_part((${rules})[k], '/', 1), (${rules})[k], (${categories})[k], (${severities})[k],
    'src/' || (${modules})[1 + i % 12] || '/module_' || (i % 97) || '/file_' || (i % 1013) || '.ts', 1 + i % 400, 1, 1 + i % 400, 20,
    (${messages})[k] || ' in ' || (${modules})[1 + i % 12] || ' handler ' || (i % 211),
    'const value_' || (i % 509) || ' = request.' || (array['body','query','params','headers'])[1 + i % 4] || '.' || (${modules})[1 + i % 7] || ';',
    -- A finding keeps its fingerprint from run to run; one in ten of a later run's is new.
    md5(r.repository_id::text || ':' || i || case when r.run_no > 1 and i % 10 = 0 then ':' || r.run_no else '' end), r.created_at - make_interval(hours => i % 2000)
  from ${RUNS} r, generate_series(1, ${perRun}) i, lateral (select 1 + ((i * 7 + length(r.id::text)) % ${RULES.length}) as k) kk`);
await knex.raw(`insert into search_code_files (repository_id, path, workspace_id, run_id, language, content)
  select r.repository_id, 'src/' || (${modules})[1 + i % 12] || '/module_' || (i % 97) || '/file_' || i || '.ts', r.workspace_id, r.id, 'typescript',
    'import { db } from ''../db'';' || chr(10) ||
    'export async function handle' || initcap((${modules})[1 + i % 12]) || 'Request' || i || '(req, res) {' || chr(10) ||
    '  const token = req.headers.authorization;' || chr(10) ||
    '  if (!validateToken(token)) return res.status(401).end();' || chr(10) ||
    '  const rows = await db.query(''select * from ' || (${modules})[1 + i % 12] || ' where id = $1'', [req.params.id]);' || chr(10) ||
    case when i % 10 = 0 then '  // TODO: paginate this listing' || chr(10) else '' end ||
    '  const total_' || (i % 331) || ' = rows.reduce((sum, r) => sum + r.amount, 0);' || chr(10) ||
    '  res.json({ rows, total: total_' || (i % 331) || ', region: process.env.REGION });' || chr(10) || '}' || chr(10)
  from ${RUNS} r, generate_series(1, ${Math.ceil(FILES_PER_WORKSPACE / REPOS_PER_WORKSPACE)}) i where r.run_no = ${RUNS_PER_REPOSITORY}`);
await knex.raw('create index findings_search_keys on findings using gin (search_keys(workspace_id, search_vector))');
await knex.raw('create index findings_workspace_created on findings (workspace_id, created_at desc)');
await knex.raw('create index search_code_files_content_trgm on search_code_files using gin (workspace_id, content gin_trgm_ops)');
await knex.raw('create index search_code_files_path_trgm on search_code_files using gin (workspace_id, path gin_trgm_ops)');
await knex.raw('vacuum analyze');
const docs = Number((await knex.raw('select (select count(*) from findings) + (select count(*) from search_code_files) + (select count(*) from repositories) + (select count(*) from analysis_runs) as n')).rows[0].n);
const distinct = Number((await knex.raw('select count(*) as n from (select distinct repository_id, fingerprint from findings) f')).rows[0].n);
console.log(`seeded ${docs} documents (findings, code files, repositories, runs; ${distinct} distinct findings) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

const { logger } = createLogger({ level: 'warn', component: 'bench' });
// Search never calls Temporal; a lazy connection that is never used keeps the bench free of a Temporal server.
const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }), namespace: 'default' });
const deps = { config, knex, temporal, logger, metrics: createMetrics('api'), mailer: createMailer({ knex, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }) };
const app = createApp(deps);
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const workspaceIds = ((await knex.raw(`select id from workspaces where slug like 'bench-ws-%' order by slug`)).rows as { id: string }[]).map((r) => r.id);

const SEARCHES = ['sql injection', 'user input', '"query builder"', 'eslint/no-eval', 'security/hardcoded-secret', 'src/billing/module_12', 'file_77.ts', 'injecton', 'unsued variable', 'event loop', 'prototype pollution -recursive', 'n-plus-one', 'orders handler'];
const SUGGESTS = ['sec', 'eslint/no', 'org-bench', 'security/sql-injecton', 'ruff', 'argus/sync', 'eslnt', 'org-bench-ws-1/bil'];
const CODE = [
  ['validateToken', 'literal'],
  ['TODO: paginate', 'literal'],
  ['process.env.REGION', 'literal'],
  ['handleBillingRequest1', 'literal'],
  ['authorization', 'word'],
  ['total_17', 'word'],
] as const;

async function timeAll(make: (i: number) => string): Promise<number[]> {
  const times: number[] = [];
  // A warm-up pass, as a running API would have.
  for (let i = 0; i < 20; i++) await fetch(`${base}${make(i)}`, { headers: { authorization: user.authHeader } });
  for (let i = 0; i < QUERIES; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${make(i)}`, { headers: { authorization: user.authHeader } });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`${make(i)} answered ${res.status}`);
  }
  return times;
}
/** The same queries through the search service in process: the query work alone, without HTTP and auth. */
async function timeService(run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) await run(i);
  for (let i = 0; i < QUERIES; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return times;
}
const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;
const ws = (i: number) => workspaceIds[(i * 37) % workspaceIds.length]!;

// What any authenticated request costs here (JWT, user, rate limits, JSON), to read the figures below against.
const baseline = await timeAll(() => '/api/me');
const grouped = await timeAll((i) => `/api/search?workspace_id=${ws(i)}&record=false&q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}`);
const findings = await timeAll((i) => `/api/search/findings?workspace_id=${ws(i)}&q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}${i % 3 === 0 ? '&severity=critical,high' : ''}`);
const suggestions = await timeAll((i) => `/api/search/suggestions?workspace_id=${ws(i)}&q=${encodeURIComponent(SUGGESTS[i % SUGGESTS.length]!)}`);
const code = await timeAll((i) => {
  const [q, mode] = CODE[i % CODE.length]!;
  return `/api/search/code?workspace_id=${ws(i)}&q=${encodeURIComponent(q)}&mode=${mode}`;
});
const filtersOf = (i: number, q: string, limit: number) => ({ workspaceId: ws(i), q, limit, offset: 0 });
const serviceGrouped = await timeService((i) => searchGrouped(deps, [...RESULT_TYPES], filtersOf(i, SEARCHES[i % SEARCHES.length]!, 5)));
const serviceSuggest = await timeService((i) => suggest(deps, { workspaceId: ws(i), userId: user.user.id, q: SUGGESTS[i % SUGGESTS.length]!, limit: 8 }));
const serviceCode = await timeService((i) => searchCode(deps, { workspaceId: ws(i), q: CODE[i % CODE.length]![0], mode: CODE[i % CODE.length]![1], limit: 20, offset: 0 }));
console.log(`in process (search service, no HTTP or auth): grouped search ${p95(serviceGrouped).toFixed(1)} ms, suggestions ${p95(serviceSuggest).toFixed(1)} ms, code ${p95(serviceCode).toFixed(1)} ms (p95)`);
console.log(
  `p95 over ${QUERIES} requests each: GET /api/me (baseline) ${p95(baseline).toFixed(1)} ms, grouped search (${RESULT_TYPES.length} types + did-you-mean) ${p95(grouped).toFixed(1)} ms, ` +
    `findings search ${p95(findings).toFixed(1)} ms, suggestions ${p95(suggestions).toFixed(1)} ms, code ${p95(code).toFixed(1)} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
);

server.closeAllConnections();
await new Promise((r) => server.close(r));
await knex.destroy();
await pg.stop();
await rm(tmp, { recursive: true, force: true });
console.log(`search_p95_ms=${p95(grouped).toFixed(1)} suggest_p95_ms=${p95(suggestions).toFixed(1)} code_search_p95_ms=${p95(code).toFixed(1)} docs=${docs}`);
