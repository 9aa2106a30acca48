import { createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { activateGitHubRepository, claimGitHubInstallation, createKnex, ensureDatabase, insertRepository, insertUser, insertWorkspaceWithOwner, migrateToLatest, startEmbeddedPostgres, type Knex } from '@argus/db';
import { freePort, nodeTsArgs, startProcess, waitForHttp, waitForPort, type ManagedProcess } from '../lib/processes';
import { startTemporalDevServer, type TemporalDevServer } from '../lib/temporal-server';
import { ephemeralSecrets } from '../lib/installation-secrets';

const run = promisify(execFile);

const WEBHOOK_SECRET = 'chaos-webhook-secret';
export const STRIPE_WEBHOOK_SECRET = 'whsec_chaos';
/** Webhook-started runs go to a queue no worker polls: intake scenarios measure intake, not analysis. */
export const INTAKE_QUEUE = 'chaos-intake';
/** Workflows the scenarios start themselves, polled by the worker processes. */
export const WORK_QUEUE = 'chaos-work';

/** The real processes of one Argus installation on loopback: Postgres, Temporal, the API, N workers. */
export class ChaosStack {
  readonly secrets = ephemeralSecrets();
  knex!: Knex;
  temporal!: Client;
  api!: ManagedProcess;
  apiPort = 0;
  workspaceId = '';
  ownerId = '';
  readonly workers: ManagedProcess[] = [];
  private pg!: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  private temporalServer!: TemporalDevServer;
  private temporalConnection!: Connection;
  private pgPort = 0;
  private temporalPort = 0;

  private constructor(readonly tmp: string) {}

  static async start(): Promise<ChaosStack> {
    const stack = new ChaosStack(await mkdtemp(path.join(os.tmpdir(), 'argus-chaos-')));
    await stack.boot();
    return stack;
  }

  get databaseUrl() {
    return this.pg.connectionString('argus');
  }

  private async boot() {
    this.pgPort = await freePort();
    this.temporalPort = await freePort();
    await this.startPostgres();
    await ensureDatabase(this.databaseUrl);
    this.knex = createKnex({ connectionString: this.databaseUrl, poolMax: 10 });
    await migrateToLatest(this.knex);
    await this.startTemporal();
    this.temporalConnection = await Connection.connect({ address: `127.0.0.1:${this.temporalPort}` });
    this.temporal = new Client({ connection: this.temporalConnection, namespace: 'default' });
    // Pushes start runs only for repositories a workspace activated: the one of @octokit/webhooks-examples' push.
    const owner = await insertUser(this.knex, { email: 'chaos@example.test', name: 'Chaos', passwordHash: 'not-a-login', emailVerified: true });
    const ws = await insertWorkspaceWithOwner(this.knex, { name: 'Chaos', slug: 'chaos', kind: 'team', ownerId: owner.id });
    const inst = await claimGitHubInstallation(this.knex, { installationId: 1, accountLogin: 'Codertocat', accountType: 'User', suspended: false, workspaceId: ws.id, userId: owner.id });
    await activateGitHubRepository(this.knex, { workspaceId: ws.id, githubInstallationId: inst.installation.id, githubRepoId: 186853002, fullName: 'Codertocat/Hello-World', defaultBranch: 'master' });
    this.workspaceId = ws.id;
    this.ownerId = owner.id;
    await this.startApi();
  }

  private async startPostgres() {
    this.pg = await startEmbeddedPostgres({ dataDir: path.join(this.tmp, 'pg'), port: this.pgPort, persistent: true });
  }

  private async startTemporal() {
    // A database file, so that a restarted server still knows every workflow. The faults are process restarts, not
    // machine crashes: no fsync per commit, else the dev server's disk (~20 starts/s here) is what the scenarios measure.
    this.temporalServer = await startTemporalDevServer({ port: this.temporalPort, dbFile: path.join(this.tmp, 'temporal.db'), walSync: true, namespaces: ['default'], quiet: true });
  }

  private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...this.secrets,
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${this.temporalPort}`,
      TEMPORAL_NAMESPACE: 'default',
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_SECRET_KEY: '',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      BILLING_DEFAULT_TIER: 'enterprise',
      ARGUS_ALLOW_PRIVATE_GIT: '1',
      ...extra,
    };
  }

  private async startApi() {
    this.apiPort = await freePort();
    // CHAOS_API_LOG=<file>: the API's warnings go there, to see what a failing scenario did.
    const logFile = process.env.CHAOS_API_LOG;
    this.api = startProcess('api', process.execPath, nodeTsArgs('api/src/server.ts'), {
      quiet: true,
      env: this.env({ API_PORT: String(this.apiPort), TEMPORAL_TASK_QUEUE: INTAKE_QUEUE, ...(logFile ? { LOG_LEVEL: 'warn' } : {}) }),
      onLine: logFile ? (line) => appendFileSync(logFile, `${line}\n`) : undefined,
    });
    await waitForHttp(`http://127.0.0.1:${this.apiPort}/readyz`, 90_000, (s) => s === 200);
  }

  /** A worker process on the work queue; `extra` adds environment (e.g. TYPESENSE_URL for the reindex scenario). */
  async spawnWorker(extra: Record<string, string> = {}): Promise<ManagedProcess> {
    const port = await freePort();
    const worker = startProcess('worker', process.execPath, nodeTsArgs('activities/src/worker.ts'), { quiet: true, env: this.env({ ...extra, TEMPORAL_TASK_QUEUE: WORK_QUEUE, WORKER_METRICS_PORT: String(port) }) });
    this.workers.push(worker);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 120_000, (s) => s === 200);
    return worker;
  }

  /** SIGKILL: no shutdown hook, no heartbeat, no cleanup. */
  async killWorker(worker: ManagedProcess): Promise<void> {
    worker.child.kill('SIGKILL');
    await worker.exited;
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  async restartTemporal(downMs: number): Promise<void> {
    await this.temporalServer.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.startTemporal();
  }

  async restartPostgres(downMs: number): Promise<void> {
    await this.pg.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.startPostgres();
    await waitForPort(this.pgPort, 30_000);
  }

  /** A local git repository of `files` JavaScript modules with findings in each, cloned by the worker. */
  async gitRepository(name: string, files: number): Promise<{ repositoryId: string }> {
    const dir = path.join(this.tmp, 'repos', name);
    await mkdir(path.join(dir, 'src'), { recursive: true });
    for (let i = 0; i < files; i++) {
      await writeFile(path.join(dir, 'src', `module${i}.js`), `export function handler${i}(input) {\n  if (input == null) return eval(input);\n  const unused${i} = 1;\n  return input;\n}\n`);
    }
    await run('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    await run('git', ['add', '-A'], { cwd: dir });
    await run('git', ['-c', 'user.email=c@example.test', '-c', 'user.name=C', 'commit', '-qm', 'modules'], { cwd: dir });
    const repo = await insertRepository(this.knex, { workspaceId: this.workspaceId, provider: 'git', fullName: `chaos/${name}`, cloneUrl: `file://${dir}` });
    return { repositoryId: repo.id };
  }

  /** Resident memory of a process in MB, from /proc. */
  static rssMb(pid: number): number {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }

  async stop(): Promise<void> {
    for (const w of [...this.workers]) await w.stop(3000);
    await this.api.stop(5000);
    await this.temporalConnection.close().catch(() => {});
    await this.knex.destroy();
    await this.temporalServer.stop();
    await this.pg.stop();
    await rm(this.tmp, { recursive: true, force: true });
  }
}

// --- HTTP load against the API ---

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
// When each pooled socket was last released: a reset on a reused socket says how long it had been idle.
const freedAt = new WeakMap<object, number>();
agent.on('free', (socket) => freedAt.set(socket, performance.now()));

/** Status 0: no answer (`error` says why: a reset, a refused connection, the 15 s timeout). */
export function request(port: number, opts: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; ms: number; body: string; error?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method, agent, headers: { ...(opts.body ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString() }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    let idleMs: number | undefined;
    req.on('socket', (socket) => {
      const at = freedAt.get(socket);
      idleMs = req.reusedSocket && at !== undefined ? started - at : undefined;
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, ms: performance.now() - started, body: '', error: `${err.code ?? err.message}${idleMs === undefined ? '' : ` (socket reused after ${idleMs.toFixed(0)} ms idle)`}` }));
    req.end(opts.body);
  });
}

export function githubPush(port: number, body: string, deliveryId: string) {
  const signature = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
  return request(port, { method: 'POST', path: '/webhooks/github', body, headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature } });
}

/** Sends `rate` requests a second for `seconds` (open loop), calling `make(i)` for each; returns every answer. */
export async function openLoop<T>(rate: number, seconds: number, make: (i: number) => Promise<T>, onTick?: (elapsedS: number) => void): Promise<T[]> {
  const results: Promise<T>[] = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const elapsed = (performance.now() - start) / 1000;
      onTick?.(elapsed);
      const due = Math.min(total, Math.floor(elapsed * rate));
      for (; i < due; i++) results.push(make(i));
      if (i >= total) resolve();
      else setTimeout(tick, 5);
    };
    tick();
  });
  return Promise.all(results);
}

