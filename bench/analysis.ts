import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { countFindingsOfRun, createKnex, ensureDatabase, insertRepository, insertUser, insertWorkspaceWithOwner, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { createLogger, createMetrics, loadConfig } from '@argus/activities';
import { createArgusWorker } from '@argus/activities/worker';
import { analyzeFiles, createAnalyzers, discoverFiles, loadArgusConfig } from '../activities/src/analyzers/index';
import { freePort, ROOT } from '../scripts/lib/processes';
import { startTemporalDevServer } from '../scripts/lib/temporal-server';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

// `npm run bench:analysis -- <path>`: one real codebase analysed end to end through the workflow (clone,
// analyze, store, compare, gate) and then by the same analyzers called directly on the same tree.
const run = promisify(execFile);
const source = path.resolve(ROOT, process.argv[2] ?? 'node_modules/eslint/lib');

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-analysis-'));
const repoDir = path.join(tmp, 'repo');
await cp(source, repoDir, { recursive: true, filter: (p) => !path.relative(source, p).split(path.sep).includes('node_modules') });
await run('git', ['init', '-q', '-b', 'main'], { cwd: repoDir });
await run('git', ['add', '-A'], { cwd: repoDir });
await run('git', ['-c', 'user.email=b@example.test', '-c', 'user.name=Bench', 'commit', '-qm', 'bench tree'], { cwd: repoDir });

const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const temporal = await startTemporalDevServer({ port: await freePort(), namespaces: ['default'], quiet: true });
const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'bench-analysis', ARGUS_ALLOW_PRIVATE_GIT: '1' });
await ensureDatabase(config.databaseUrl);
const knex = createKnex({ connectionString: config.databaseUrl });
await migrateToLatest(knex);
const { logger } = createLogger({ level: 'warn', component: 'bench' });
const { worker, connection } = await createArgusWorker({ config, knex, logger, metrics: createMetrics('worker') });
const running = worker.run();
const client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: 'default' });

const user = await insertUser(knex, { email: 'bench@example.test', name: 'Bench', passwordHash: 'x' });
const ws = await insertWorkspaceWithOwner(knex, { name: 'Bench', slug: 'bench', kind: 'team', ownerId: user.id });
const repo = await insertRepository(knex, { workspaceId: ws.id, provider: 'git', fullName: 'bench/tree', cloneUrl: `file://${repoDir}` });

// Warm both paths the same way: load ESLint, Ruff's wasm and ast-grep once in this process.
await analyzeFiles({ root: ROOT, files: ['scripts/start.ts'], config: (await loadArgusConfig(repoDir)).config, analyzers: createAnalyzers() });

async function analyzeDirectly() {
  const started = performance.now();
  const { config: repoConfig } = await loadArgusConfig(repoDir);
  const discovered = await discoverFiles(repoDir, { ignore: repoConfig.ignore });
  const findings = await analyzeFiles({ root: repoDir, files: discovered.files, config: repoConfig, analyzers: createAnalyzers() });
  return { seconds: (performance.now() - started) / 1000, files: discovered.files.length, findings: findings.length };
}

// Direct runs before and after the workflow run, averaged, so warming and machine noise cancel out.
const directBefore = await analyzeDirectly();
const argusStart = performance.now();
const runId = randomUUID();
const result = await client.workflow.execute('analyzeRepository', { taskQueue: 'bench-analysis', workflowId: `bench-${runId}`, args: [{ runId, trigger: 'manual', repositoryId: repo.id }] });
const argusSeconds = (performance.now() - argusStart) / 1000;
const stored = { n: await countFindingsOfRun(knex, runId) };
const directAfter = await analyzeDirectly();
const directSeconds = (directBefore.seconds + directAfter.seconds) / 2;
const discovered = { files: { length: directAfter.files } };
const direct = { length: directAfter.findings };

worker.shutdown();
await running;
await connection.close();
await client.connection.close();
await knex.destroy();
await temporal.stop();
await pg.stop();
await rm(tmp, { recursive: true, force: true });

console.log(`tree ${path.relative(ROOT, source)}: workflow stored ${stored.n} findings (${result.findings} reported), direct found ${direct.length}`);
console.log(`analysis_files=${discovered.files.length} argus_s=${argusSeconds.toFixed(2)} direct_s=${directSeconds.toFixed(2)} overhead_ratio=${(argusSeconds / directSeconds).toFixed(2)}`);
