import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { countFindingsOfRun } from '@argus/db';
import { analyzeFiles, createAnalyzers, discoverFiles, loadArgusConfig } from '../activities/src/analyzers/index';
import { analysisThreadsFromEnv } from '../activities/src/analyzers/analysis-pool';
import { ROOT } from '../scripts/lib/processes';
import { buildAnalysisTree } from './lib/analysis-tree';
import { startWorkflowStack } from './lib/workflow-stack';

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

const stack = await startWorkflowStack({ tmp, taskQueue: 'bench-analysis', repoDir, repoName: 'bench/tree' });
const { knex, client } = stack;

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
const result = await client.workflow.execute('analyzeRepository', { taskQueue: 'bench-analysis', workflowId: `bench-${runId}`, args: [{ runId, trigger: 'manual', repositoryId: stack.repositoryId }] });
const argusSeconds = (performance.now() - argusStart) / 1000;
clearInterval(sampler);
const workerRssMb = Math.max(kernelPeakRssMb(), sampledPeak / 1048576);
const stored = { n: await countFindingsOfRun(knex, runId) };
const directBefore = await analyzeDirectly();
const directAfter = await analyzeDirectly();
const directSeconds = (directBefore.seconds + directAfter.seconds) / 2;
const discovered = { files: { length: directAfter.files } };
const direct = { length: directAfter.findings };

await stack.stop();
await rm(tmp, { recursive: true, force: true });

console.log(`tree ${treeName}: workflow stored ${stored.n} findings (${result.findings} reported), direct found ${direct.length}`);
console.log(`direct runs ${directBefore.seconds.toFixed(2)} s and ${directAfter.seconds.toFixed(2)} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `analysis_files=${discovered.files.length} argus_s=${argusSeconds.toFixed(2)} direct_s=${directSeconds.toFixed(2)} overhead_ratio=${(argusSeconds / directSeconds).toFixed(2)} worker_rss_mb=${Math.round(workerRssMb)} threads=${analysisThreadsFromEnv()}`,
);
