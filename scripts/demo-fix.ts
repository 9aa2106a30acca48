import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, findUserByEmail, findWorkspaceBySlug, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { createLogger, createMailer, createMetrics, loadConfig } from '@argus/activities';
import { createArgusWorker, DEFAULT_LIMITS } from '@argus/activities/worker';
import { createApp } from '../api/src/app';
import type { AppDeps } from '../api/src/app-deps';
import { signAccessToken } from '../api/src/auth/tokens';
import { DEMO_LOGIN, seedDemo } from '../api/src/seed/demo-seed';
import { createBareSampleRemote, mergeIntoMain } from '../e2e/support/sample-remote';
import { freePort } from './lib/processes';
import { startTemporalDevServer } from './lib/temporal-server';
import { ephemeralSecrets } from './lib/installation-secrets';

// `npm run demo:fix`: Fix-to-PR with the built-in provider on a fresh, small stack in a temporary data directory
// (embedded Postgres, the Temporal dev server, an in-process worker and API). It analyzes a copy of the fixture
// repository served from a local bare remote, generates and validates fixes, pushes one fix branch, merges it,
// analyzes again, and ends with one line: `fix: validated=<n> rejected=<n> pr_branch=<name> finding_gone=<bool>`.
const log = (line: string) => console.log(`[demo:fix] ${line}`);
// The SDK logs every failed activity; "no built-in fix for this rule" is an expected answer here, not news.
process.env.TEMPORAL_SDK_LOG_LEVEL ??= 'ERROR';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'argus-demo-fix-'));
const stops: (() => Promise<unknown>)[] = [];
let exitCode = 1;
try {
  log(`data directory ${dataDir}`);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort(), persistent: false });
  stops.push(() => pg.stop());
  const temporal = await startTemporalDevServer({ port: await freePort(), namespaces: ['default'], quiet: true, log });
  stops.push(() => temporal.stop());
  const config = loadConfig({
    ...ephemeralSecrets(),
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    ARGUS_DATA_DIR: dataDir,
    DATABASE_URL: pg.connectionString('argus'),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'argus-demo-fix',
    // The demo's remote is a local bare repository (file://).
    ARGUS_ALLOW_PRIVATE_GIT: '1',
  });
  await ensureDatabase(config.databaseUrl);
  const knex = createKnex({ connectionString: config.databaseUrl, applicationName: 'argus-demo-fix' });
  stops.push(() => knex.destroy());
  log(`applied ${(await migrateToLatest(knex)).length} migrations`);
  await seedDemo(knex);

  const { logger } = createLogger({ level: 'silent', component: 'demo-fix' });
  const { worker, connection: workerConnection } = await createArgusWorker({
    config,
    knex,
    logger,
    metrics: createMetrics('worker'),
    limits: { ...DEFAULT_LIMITS, sandboxRoot: path.join(dataDir, 'sandboxes') },
    maxConcurrentActivityTaskExecutions: 4,
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running.catch(() => {});
    await workerConnection.close();
  });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  stops.push(() => connection.close());
  const deps: AppDeps = { config, knex, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), logger, metrics: createMetrics('api'), mailer: createMailer({ knex, from: config.MAIL_FROM, logger }) };
  const server = http.createServer(createApp(deps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => server.close(resolve)));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const user = (await findUserByEmail(knex, DEMO_LOGIN.email))!;
  const { token } = await signAccessToken(config.jwtSecret, user.id);
  // The demo reads the API's JSON as it comes.
  const call = async (method: string, url: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${api}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = res.status === 204 ? null : await res.json();
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const poll = async (what: string, fn: () => Promise<any>, timeoutMs = 120_000): Promise<any> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await fn();
      if (value !== null) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  const analyze = async (repositoryId: string) => {
    const { runId } = await call('POST', `/api/repositories/${repositoryId}/analyze`, {});
    return poll(`run ${runId}`, async () => {
      const r = await call('GET', `/api/runs/${runId}`);
      return ['completed', 'failed', 'cancelled'].includes(r.status) ? r : null;
    });
  };
  const fixOf = (findingId: string, fixId: string, statuses: string[]) =>
    poll(`fix ${fixId}`, async () => {
      const all = await call('GET', `/api/fixes/result/${findingId}/all`);
      const fix = all.fixes.find((f: { id: string }) => f.id === fixId);
      return fix && statuses.includes(fix.status) ? fix : null;
    });

  const remote = await createBareSampleRemote();
  stops.push(() => remote.cleanup());
  const workspace = (await findWorkspaceBySlug(knex, 'demo-team'))!.id;
  const repository = await call('POST', `/api/workspaces/${workspace}/repositories`, { cloneUrl: `file://${remote.bare}`, name: 'demo/sample-shop', defaultBranch: 'main' });
  log(`connected ${repository.fullName} (bare remote ${remote.bare})`);

  const run = await analyze(repository.id);
  if (run.status !== 'completed') throw new Error(`the analysis ended ${run.status}: ${run.error}`);
  const findings = (await call('GET', `/api/runs/${run.id}/findings?status=open&pageSize=200`)).items as { id: string; ruleId: string; path: string; startLine: number; fingerprint: string }[];
  log(`analysis ${run.id}: ${findings.length} open findings at ${run.commitSha.slice(0, 12)}`);

  const requested = [];
  for (const f of findings) requested.push({ finding: f, fix: await call('POST', `/api/fixes/generate/${f.id}?provider=builtin`) });
  const results = [];
  for (const r of requested) results.push({ finding: r.finding, fix: await fixOf(r.finding.id, r.fix.id, ['validated', 'rejected', 'failed']) });
  for (const { finding, fix } of results) log(`  ${fix.status.padEnd(9)} ${finding.ruleId} ${finding.path}:${finding.startLine}${fix.failureType === 'NoFixAvailable' ? '' : fix.failureReason ? ` (${fix.failureReason})` : ''}`);
  const validated = results.filter((r) => r.fix.status === 'validated');
  const rejected = results.filter((r) => r.fix.status === 'rejected');
  log(`built-in fixes: ${validated.length} validated, ${rejected.length} rejected, ${results.length - validated.length - rejected.length} without a built-in fix`);

  let branch = 'none';
  let gone = false;
  const chosen = validated[0];
  if (chosen) {
    const pr = await call('POST', `/api/fixes/${chosen.fix.id}/create-pr`);
    const opened = await fixOf(chosen.finding.id, chosen.fix.id, ['pr_open']);
    branch = opened.pullRequest.branch as string;
    log(`pushed ${branch} (workflow ${pr.workflowId}) for ${chosen.finding.ruleId} ${chosen.finding.path}:${chosen.finding.startLine}`);
    const merged = await mergeIntoMain(remote.bare, branch);
    log(`merged ${branch} into main (${merged.slice(0, 12)}); analyzing again`);
    const next = await analyze(repository.id);
    const after = (await call('GET', `/api/runs/${next.id}/findings?pageSize=200`)).items as { fingerprint: string }[];
    gone = next.status === 'completed' && !after.some((f) => f.fingerprint === chosen.finding.fingerprint);
    log(`analysis ${next.id}: ${after.length} findings at ${String(next.commitSha).slice(0, 12)}`);
  }
  console.log(`fix: validated=${validated.length} rejected=${rejected.length} pr_branch=${branch} finding_gone=${gone}`);
  exitCode = validated.length > 0 && gone ? 0 : 1;
} catch (err) {
  console.error(`[demo:fix] failed: ${(err as Error).stack ?? err}`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
