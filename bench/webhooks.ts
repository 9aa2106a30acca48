import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import examples from '@octokit/webhooks-examples';
import { Client, Connection } from '@temporalio/client';
import { activateGitHubRepository, allDeliveryIds, claimGitHubInstallation, countDeliveries, createKnex, deleteAllDeliveries, ensureDatabase, insertUser, insertWorkspaceWithOwner, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { freePort, nodeTsArgs, startProcess, waitForHttp } from '../scripts/lib/processes';
import { startTemporalDevServer } from '../scripts/lib/temporal-server';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';
import { cpuByGroup, shareLine } from './lib/cpu-share';
import { summarizeCpuProfile } from './lib/cpu-profile';

// `npm run bench:webhooks`: signed GitHub push deliveries at a fixed rate against a real API process backed by
// real Postgres and Temporal (started here in a temp dir). No worker runs: this measures intake, not analysis.
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const REDELIVER_EVERY = 20; // every 20th delivery is sent twice, as GitHub's "Redeliver" would
const SECRET = 'bench-secret';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-webhooks-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const databaseUrl = pg.connectionString('argus');
await ensureDatabase(databaseUrl);
const knex = createKnex({ connectionString: databaseUrl });
await migrateToLatest(knex);
// Pushes start runs only for repositories a workspace activated: link the example's repository as the App flow would.
const benchOwner = await insertUser(knex, { email: 'bench@example.test', name: 'Bench', passwordHash: 'not-a-login' });
const benchWorkspace = await insertWorkspaceWithOwner(knex, { name: 'Bench', slug: 'bench', kind: 'team', ownerId: benchOwner.id });
const benchInstallation = await claimGitHubInstallation(knex, { installationId: 1, accountLogin: 'Codertocat', accountType: 'User', suspended: false, workspaceId: benchWorkspace.id, userId: benchOwner.id });
await activateGitHubRepository(knex, { workspaceId: benchWorkspace.id, githubInstallationId: benchInstallation.installation.id, githubRepoId: 186853002, fullName: 'Codertocat/Hello-World', defaultBranch: 'master' });
const temporalPort = await freePort();
const temporal = await startTemporalDevServer({ port: temporalPort, namespaces: ['default'], quiet: true });
const apiPort = await freePort();
// BENCH_CPU_PROF=1: a V8 CPU profile of the API process for the whole run, summarised by package at the end.
const profileDir = process.env.BENCH_CPU_PROF ? path.join(tmp, 'profile') : null;
const api = startProcess('api', process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...nodeTsArgs('api/src/server.ts')], {
  quiet: true,
  env: { ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, API_PORT: String(apiPort), GITHUB_WEBHOOK_SECRET: SECRET, TEMPORAL_TASK_QUEUE: 'bench-no-worker' },
});
await waitForHttp(`http://127.0.0.1:${apiPort}/readyz`, 60_000, (s) => s === 200);

const push = structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'push')!.examples.find((p) => p.ref === 'refs/heads/master' && !p.deleted));
const body = JSON.stringify(push);
const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(deliveryId: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: apiPort, path: '/webhooks/github', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-github-event': 'push', 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - started, status: 0 }));
    req.end(body);
  });
}

// Warm up as a running API would be: BENCH_WARMUP_SECONDS (default 2) at the same rate, not measured, then every
// warm-up delivery started before the measured load begins (its starts would otherwise add to the load measured).
// Without it, the first half second of the load (code paths not yet compiled at this rate) is about 0.5% of the
// requests and alone decides the p99.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
async function atRate(count: number, each: (i: number) => void): Promise<void> {
  const begin = performance.now();
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      // Open loop: send what the schedule says is due, whatever the answers are doing.
      const due = Math.min(count, Math.floor(((performance.now() - begin) / 1000) * RATE));
      for (; i < due; i++) each(i);
      if (i >= count) resolve();
      else setTimeout(tick, 2);
    };
    tick();
  });
}
const warmups: Promise<unknown>[] = [];
await atRate(Math.max(20, Math.round(RATE * WARMUP_SECONDS)), () => warmups.push(send(randomUUID())));
await Promise.all(warmups);
for (const until = Date.now() + 60_000; Date.now() < until && (await countDeliveries(knex, { status: 'pending' })) > 0; ) await new Promise((r) => setTimeout(r, 250));
await deleteAllDeliveries(knex);

// CPU seconds per part of the stack during the load (not the drain), from /proc.
const groups = () =>
  cpuByGroup(new Map([[api.child.pid!, 'api'], [process.pid, 'load-client']]), [
    { group: 'temporal', match: (cmd) => cmd.includes('start-dev') && cmd.includes(`--port ${temporalPort}`) },
    { group: 'postgres', match: (cmd) => cmd.includes(path.join(tmp, 'pg')) },
  ]);
const cpuBefore = groups();
// Where a slow answer can come from besides the API's work: the load client's own event loop (it times the
// requests), and the API's event loop and garbage collector (its /metrics, read after the load).
const clientLoop = monitorEventLoopDelay({ resolution: 5 });
clientLoop.enable();
const results: Promise<{ ms: number; status: number }>[] = [];
const deliveries: string[] = [];
const total = RATE * SECONDS;
const start = performance.now();
await atRate(total, () => {
  const id = randomUUID();
  deliveries.push(id);
  results.push(send(id));
  if ((deliveries.length - 1) % REDELIVER_EVERY === 0) results.push(send(id));
});
const answers = await Promise.all(results);
const elapsed = (performance.now() - start) / 1000;
const cpuShare = shareLine(cpuBefore, groups());
clientLoop.disable();
const apiMetrics = await (await fetch(`http://127.0.0.1:${apiPort}/metrics`)).text();
/** A metric's value, summed over its label sets (GC pauses come per kind). */
const metric = (name: string) => [...apiMetrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
const loopLine =
  `event loop delay: API p99 ${(metric('nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)} ms max ${(metric('nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)} ms` +
  ` (since start), GC ${(metric('nodejs_gc_duration_seconds_sum') * 1000).toFixed(0)} ms in ${metric('nodejs_gc_duration_seconds_count')} pauses;` +
  ` load client p99 ${(clientLoop.percentile(99) / 1e6).toFixed(1)} ms max ${(clientLoop.max / 1e6).toFixed(1)} ms`;

const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
const accepted = answers.filter((a) => a.status === 202).length;

// A 202 promises a run: wait (bounded) for the relay to turn every recorded delivery into a workflow.
const drainDeadline = Date.now() + 120_000;
while (Date.now() < drainDeadline) {
  if ((await countDeliveries(knex, { status: 'pending' })) === 0) break;
  await new Promise((r) => setTimeout(r, 500));
}
const drainSeconds = (performance.now() - start) / 1000 - elapsed;

// Count what actually became durable: workflows in Temporal, and rows in Postgres.
const client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: 'default' });
const perDelivery = new Map<string, number>();
for await (const wf of client.workflow.list({ query: `WorkflowType = 'analyzeRepository'` })) {
  perDelivery.set(wf.workflowId, (perDelivery.get(wf.workflowId) ?? 0) + 1);
}
const runsStarted = deliveries.filter((d) => perDelivery.has(`analysis-${d}`)).length;
const rows = new Set(await allDeliveryIds(knex));
// Lost: a delivery answered 202 that became neither a workflow nor a durable row.
const lost = deliveries.filter((d) => !perDelivery.has(`analysis-${d}`) && !rows.has(d)).length;
const duplicates = [...perDelivery.values()].filter((n) => n > 1).length;

await client.connection.close();
await api.stop();
const profile = profileDir ? summarizeCpuProfile(profileDir) : null;
await temporal.stop();
await knex.destroy();
await pg.stop();
await rm(tmp, { recursive: true, force: true });

console.log(`CPU during the load (${elapsed.toFixed(1)} s on ${os.cpus().length} cores): ${cpuShare.line}`);
console.log(loopLine);
if (profile) console.log(`API self time by package or file:\n${profile.join('\n')}`);
console.log(`all recorded deliveries became workflows ${drainSeconds.toFixed(1)} s after the last request`);
console.log(`sent ${answers.length} requests (${deliveries.length} deliveries, ${answers.length - deliveries.length} redeliveries) in ${elapsed.toFixed(1)} s; ${accepted} answered 202, ${answers.filter((a) => a.status >= 500 || a.status === 0).length} failed`);
console.log(`webhook_ack_p50_ms=${pct(50).toFixed(1)} webhook_ack_p99_ms=${pct(99).toFixed(1)} sent=${answers.length} runs_started=${runsStarted} lost=${lost} duplicates=${duplicates}`);
