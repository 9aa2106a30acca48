import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserWithToken } from './support/auth';
import { sandboxRootFor } from '../activities/src/platform/sandbox-root';
import { freePort, nodeTsArgs, startProcess, waitForHttp, type ManagedProcess } from '../scripts/lib/processes';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

const run = promisify(execFile);

// Real worker processes (node activities/src/worker.ts), one of them SIGKILLed in the middle of analyzeCommit.
let env: TestEnv;
let repoDir: string;
const workers: ManagedProcess[] = [];

async function spawnWorker() {
  const port = await freePort();
  const worker = startProcess('worker', process.execPath, nodeTsArgs('activities/src/worker.ts'), {
    quiet: true,
    env: {
      ...ephemeralSecrets(),
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: env.config.databaseUrl,
      TEMPORAL_ADDRESS: env.config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: env.config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: env.taskQueue,
      WORKER_METRICS_PORT: String(port),
      ARGUS_ALLOW_PRIVATE_GIT: '1',
    },
  });
  workers.push(worker);
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 90_000, (s) => s === 200);
  return worker;
}

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  // Enough files for several batches, so the kill lands mid-analysis.
  repoDir = await mkdtemp(path.join(os.tmpdir(), 'argus-crash-repo-'));
  await mkdir(path.join(repoDir, 'src'), { recursive: true });
  for (let i = 0; i < 700; i++) {
    await writeFile(path.join(repoDir, 'src', `module${i}.js`), `export function handler${i}(input) {\n  if (input == null) return eval(input);\n  const unused${i} = 1;\n  return input;\n}\n`);
  }
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repoDir });
  await run('git', ['add', '-A'], { cwd: repoDir });
  await run('git', ['-c', 'user.email=d@example.test', '-c', 'user.name=D', 'commit', '-qm', 'many modules'], { cwd: repoDir });
}, 120_000);
afterAll(async () => {
  for (const w of workers) await w.stop(2000);
  await env.close();
  await rm(repoDir, { recursive: true, force: true });
});

describe('a worker killed mid-run', () => {
  it('loses nothing: the run completes once on another worker, without duplicate findings or usage', async () => {
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    const [ws] = await env.knex('workspaces').insert({ name: 'Crash', slug: `crash-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: owner.user.id, role: 'admin' });
    const [repo] = await env.knex('repositories').insert({ workspaceId: ws.id, provider: 'git', fullName: 'acme/crash', cloneUrl: `file://${repoDir}` }).returning('id');

    const first = await spawnWorker();
    const runId = randomUUID();
    const handle = await env.temporal.workflow.start('analyzeRepository', {
      taskQueue: env.taskQueue,
      workflowId: `analysis-crash-${runId}`,
      args: [{ runId, trigger: 'manual', repositoryId: repo.id, heartbeatTimeout: '4 seconds' }],
    });
    // Wait until the first batch of findings is written, then kill the worker without any chance to clean up.
    // Generous: the first 200-file batch takes a while when the test shares two cores with the rest of the suite.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { n } = (await env.knex('findings').where({ runId }).count('* as n').first()) as { n: number };
      if (n > 0) break;
      if (Date.now() > deadline) throw new Error('analysis never started writing findings');
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const before = (await env.knex('analysis_runs').where({ id: runId }).first()).status;
    expect(before).toBe('running');

    await spawnWorker();
    const result = await handle.result();
    expect(result.status).toBe('completed');

    const history = await handle.fetchHistory();
    const attempts = history.events!.filter((e) => e.activityTaskStartedEventAttributes && e.activityTaskStartedEventAttributes.attempt! > 1);
    expect(attempts.length, 'analyzeCommit was retried after the kill').toBeGreaterThanOrEqual(1);

    const rows = await env.knex('analysis_runs').where({ repositoryId: repo.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('completed');
    const findings = await env.knex('findings').where({ runId });
    const fingerprints = new Set(findings.map((f) => f.fingerprint));
    expect(fingerprints.size).toBe(findings.length);
    // Every module has its eval finding exactly once.
    const evals = findings.filter((f) => /no-eval/.test(f.ruleId));
    expect(new Set(evals.map((f) => f.path)).size).toBe(700);
    expect(evals.length).toBe(700);
    expect(await env.knex('usage_events').where({ idempotencyKey: `analysis:${runId}` })).toHaveLength(1);
    // The killed attempt's checkout is removed by the retry: none of this run's directories is left.
    const left = (await readdir(sandboxRootFor(process.env.ARGUS_SANDBOX_DIR)).catch(() => [] as string[])).filter((name) => name.startsWith(runId));
    expect(left).toEqual([]);
  }, 240_000);
});
