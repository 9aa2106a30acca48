import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { AnalyzeRepositoryInput } from '@argus/workflows/contract';
import { ROOT } from '../scripts/lib/processes';
import { buildAnalysisTree } from './lib/analysis-tree';
import { startWorkflowStack } from './lib/workflow-stack';

// `npm run bench:pr`: a pull request changing 10 files of a repository of real code (≥ 2,000 files from
// node_modules), analyzed through the real workflow twice: incrementally (the default for a pull request) and in
// full (`fullAnalysis`). Both must store the same findings; the ratio of their wall times is the figure.
const run = promisify(execFile);
const REPO_FILES = Number(process.env.BENCH_PR_FILES ?? 2100);
const CHANGED = 10;

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-pr-'));
const repoDir = path.join(tmp, 'repo');
const tree = await buildAnalysisTree(path.join(ROOT, 'node_modules'), repoDir, REPO_FILES);
const gitIn = (args: string[]) => run('git', ['-c', 'user.email=b@example.test', '-c', 'user.name=Bench', '-c', 'commit.gpgsign=false', ...args], { cwd: repoDir, maxBuffer: 64 << 20 }).then((r) => r.stdout.trim());
await gitIn(['init', '-q', '-b', 'main']);
await gitIn(['add', '-A']);
await gitIn(['commit', '-qm', 'bench tree']);
const baseSha = await gitIn(['rev-parse', 'HEAD']);

// Ten files picked with a fixed seed, each given a small function with findings of its own.
const all = (await gitIn(['ls-files'])).split('\n').filter((f) => /\.(?:[cm]?js|ts)$/.test(f));
let seed = 17;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const picked = new Set<string>();
while (picked.size < CHANGED) picked.add(all[Math.floor(random() * all.length)]!);
for (const [i, file] of [...picked].entries()) {
  await appendFile(path.join(repoDir, file), `\n// bench change ${i}\nfunction benchChange${i}(a, b) {\n  if (a == b) return eval(String(b));\n  return a;\n}\nvoid benchChange${i};\n`);
}
await gitIn(['checkout', '-qb', 'feature']);
await gitIn(['commit', '-qam', 'ten files']);
const headSha = await gitIn(['rev-parse', 'HEAD']);

const stack = await startWorkflowStack({ tmp, taskQueue: 'bench-pr', repoDir, repoName: 'bench/pr' });
const { knex, client } = stack;

async function analyze(input: Omit<AnalyzeRepositoryInput, 'runId' | 'repositoryId'>): Promise<{ runId: string; seconds: number }> {
  const runId = randomUUID();
  const started = performance.now();
  await client.workflow.execute('analyzeRepository', { taskQueue: 'bench-pr', workflowId: `bench-${runId}`, args: [{ runId, repositoryId: stack.repositoryId, slotPollInterval: '1 second', heartbeatTimeout: '5 minutes', ...input }] });
  return { runId, seconds: (performance.now() - started) / 1000 };
}

/** Everything a user sees of a finding; the new/existing mark is compared too (both runs compare with the base). */
async function findingsOf(runId: string): Promise<string[]> {
  const rows = await knex('findings').where({ runId }).orderBy('fingerprint');
  return rows.map((f) => [f.fingerprint, f.ruleId, f.path, f.startLine, f.endLine, f.startColumn, f.severity, f.message, f.isNew, f.fileRole, f.suppressionKind, JSON.stringify(f.codeFlow)].join('|'));
}

const pr = { trigger: 'pull_request' as const, commitSha: headSha, baseSha, ref: 'refs/heads/feature', pullRequestNumber: 1 };
const base = await analyze({ trigger: 'push', commitSha: baseSha, ref: 'refs/heads/main' });
const full = await analyze({ ...pr, fullAnalysis: true });
// The incremental run is short, so one slow moment of this noisy machine moves it a lot: it runs
// BENCH_PR_INCREMENTAL_RUNS times (default 3) and the median counts; every one must match the full run.
const RUNS = Math.max(1, Number(process.env.BENCH_PR_INCREMENTAL_RUNS ?? 3));
const incrementalRuns: { runId: string; seconds: number }[] = [];
for (let i = 0; i < RUNS; i++) incrementalRuns.push(await analyze(pr));
const incremental = [...incrementalRuns].sort((a, b) => a.seconds - b.seconds)[Math.floor((RUNS - 1) / 2)]!;
const runRow = await knex('analysis_runs').where({ id: incremental.runId }).first();
// Where the incremental run's wall time goes: each activity from scheduled to completed, from the workflow history.
const history = await client.workflow.getHandle(`bench-${incremental.runId}`).fetchHistory();
const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
const scheduled = new Map<string, { type: string; at: number }>();
const steps: string[] = [];
for (const event of history.events ?? []) {
  const at = ms(event.eventTime);
  if (event.activityTaskScheduledEventAttributes) scheduled.set(String(event.eventId), { type: event.activityTaskScheduledEventAttributes.activityType?.name ?? '?', at });
  const done = event.activityTaskCompletedEventAttributes;
  if (done) {
    const from = scheduled.get(String(done.scheduledEventId));
    if (from) steps.push(`${from.type} ${Math.round(at - from.at)} ms`);
  }
}
const first = ms(history.events?.[0]?.eventTime);
const last = ms(history.events?.[history.events.length - 1]?.eventTime);
const fullFindings = await findingsOf(full.runId);
let incrementalFindings: string[] = [];
let same = true;
for (const r of incrementalRuns) {
  const found = await findingsOf(r.runId);
  const matches = fullFindings.length === found.length && fullFindings.every((f, i) => f === found[i]);
  // The first run that differs is the one shown below.
  if (same || r === incremental) incrementalFindings = found;
  same &&= matches;
}
if (!same) {
  const a = new Set(fullFindings);
  const b = new Set(incrementalFindings);
  for (const f of fullFindings.filter((x) => !b.has(x)).slice(0, 5)) console.log(`only in full:        ${f.slice(0, 240)}`);
  for (const f of incrementalFindings.filter((x) => !a.has(x)).slice(0, 5)) console.log(`only in incremental: ${f.slice(0, 240)}`);
}

await stack.stop();
await rm(tmp, { recursive: true, force: true });

console.log(`tree from ${tree.sources.join(', ')}; base run ${base.seconds.toFixed(1)} s; incremental run analyzed ${runRow.filesAnalyzed} files (mode ${runRow.analysisMode}); findings full=${fullFindings.length} incremental=${incrementalFindings.length}`);
console.log(`incremental runs: ${incrementalRuns.map((r) => r.seconds.toFixed(2)).join(' s, ')} s (the median counts)`);
console.log(`median incremental run, ${Math.round(last - first)} ms in Temporal: ${steps.join(', ')}`);
console.log(`pr_files_changed=${CHANGED} repo_files=${tree.files} full_s=${full.seconds.toFixed(2)} incremental_s=${incremental.seconds.toFixed(2)} ratio=${(incremental.seconds / full.seconds).toFixed(3)} same_findings=${same}`);
process.exit(same ? 0 : 1);
