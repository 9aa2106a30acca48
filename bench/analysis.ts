import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
import { analysisThreadsFromEnv } from '../activities/src/analyzers/analysis-pool';
import { freePort, ROOT } from '../scripts/lib/processes';
import { startTemporalDevServer } from '../scripts/lib/temporal-server';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';
import { buildAnalysisTree } from './lib/analysis-tree';

// `npm run bench:analysis [-- <path>]`: one real codebase analysed end to end through the workflow (clone,
// analyze, store, compare, gate) and then by the same analyzers called directly on the same tree. Without a path,
// a tree of 5,000+ JS/TS files copied from several packages in node_modules (bench/lib/analysis-tree.ts).
const run = promisify(execFile);
const source = process.argv[2] ? path.resolve(ROOT, process.argv[2]) : null;

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-analysis-'));
const repoDir = path.join(tmp, 'repo');
let treeName: string;
if (source) {
  await cp(source, repoDir, { recursive: true, filter: (p) => !path.relative(source, p).split(path.sep).includes('node_modules') });
  treeName = path.relative(ROOT, source);
} else {
  const tree = await buildAnalysisTree(path.join(ROOT, 'node_modules'), repoDir);
  treeName = `${tree.files} files of ${tree.sources.join(', ')}`;
}
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

// The baseline: the analyzers in this one thread, in the activity's batches of 200 (one call over 5,000 files would
// hold every parsed module of the taint engine at once).
async function analyzeDirectly() {
  const started = performance.now();
  const { config: repoConfig } = await loadArgusConfig(repoDir);
  const discovered = await discoverFiles(repoDir, { ignore: repoConfig.ignore });
  const analyzers = createAnalyzers();
  let findings = 0;
  for (let i = 0; i < discovered.files.length; i += 200) {
    findings += (await analyzeFiles({ root: repoDir, files: discovered.files.slice(i, i + 200), config: repoConfig, analyzers })).length;
  }
  return { seconds: (performance.now() - started) / 1000, files: discovered.files.length, findings };
}

/** Peak resident memory of this process (all its threads share it): the kernel's high-water mark, reset before the run. */
function resetPeakRss() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the sampled peak below still counts
  }
}
function kernelPeakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

// The workflow first, so the worker's peak memory is its own (not what a direct run left in this heap); then two
// direct runs, averaged, against machine noise.
resetPeakRss();
let sampledPeak = process.memoryUsage.rss();
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 250);
const argusStart = performance.now();
const runId = randomUUID();
const result = await client.workflow.execute('analyzeRepository', { taskQueue: 'bench-analysis', workflowId: `bench-${runId}`, args: [{ runId, trigger: 'manual', repositoryId: repo.id }] });
const argusSeconds = (performance.now() - argusStart) / 1000;
clearInterval(sampler);
const workerRssMb = Math.max(kernelPeakRssMb(), sampledPeak / 1048576);
const stored = { n: await countFindingsOfRun(knex, runId) };
const directBefore = await analyzeDirectly();
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

console.log(`tree ${treeName}: workflow stored ${stored.n} findings (${result.findings} reported), direct found ${direct.length}`);
console.log(`direct runs ${directBefore.seconds.toFixed(2)} s and ${directAfter.seconds.toFixed(2)} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `analysis_files=${discovered.files.length} argus_s=${argusSeconds.toFixed(2)} direct_s=${directSeconds.toFixed(2)} overhead_ratio=${(argusSeconds / directSeconds).toFixed(2)} worker_rss_mb=${Math.round(workerRssMb)} threads=${analysisThreadsFromEnv()}`,
);
