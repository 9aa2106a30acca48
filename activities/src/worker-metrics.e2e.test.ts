import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../e2e/support/test-env';
import { createUserWithToken } from '../../e2e/support/auth';
import { freePort, nodeTsArgs, startProcess, waitForHttp, type ManagedProcess } from '../../scripts/lib/processes';

// The worker process itself (node activities/src/worker.ts, as `npm start` and compose run it) and the
// Prometheus endpoint it serves on WORKER_METRICS_PORT, after it has run a real workflow.
let env: TestEnv;
let worker: ManagedProcess;
let metricsUrl: string;

beforeAll(async () => {
  env = await createTestEnv();
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}`;
  worker = startProcess('worker', process.execPath, nodeTsArgs('activities/src/worker.ts'), {
    quiet: true,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: env.config.databaseUrl,
      TEMPORAL_ADDRESS: env.config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: env.config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: env.taskQueue,
      JWT_SECRET: env.config.jwtSecret,
      ARGUS_ENCRYPTION_KEYS: [...env.config.encryptionKeys].map(([kid, key]) => `${kid}:${key.toString('base64')}`).join(','),
      WORKER_METRICS_PORT: String(port),
    },
  });
  // The worker bundles the workflows at start-up, which takes a while on a busy machine.
  const exited = worker.exited.then((code) => {
    throw new Error(`the worker process exited (code ${code}) before serving /healthz`);
  });
  await Promise.race([waitForHttp(`${metricsUrl}/healthz`, 240_000, (s) => s === 200), exited]);
  exited.catch(() => {});
}, 300_000);
afterAll(async () => {
  await worker?.stop(5000);
  await env?.close();
});

/** One sample line of the Prometheus text exposition format: name{label="value",…} value [timestamp]. */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.]+(e[+-]?\d+)?|NaN|\+Inf|-Inf)( \d+)?$/;

function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const labels = Object.fromEntries([...line.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:\\.|[^"\\])*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { labels, value: Number(line.slice(line.lastIndexOf(' ') + 1)) };
    });
}

describe('the worker process', () => {
  it('answers /healthz (ok once it polls), and 404 elsewhere', async () => {
    // The server is up before the worker runs (it first ensures its schedules): "initialized", then "ok".
    const health = async () => (await (await fetch(`${metricsUrl}/healthz`)).json()) as { status: string };
    await expect.poll(health, { timeout: 60_000 }).toEqual({ status: 'ok' });
    expect((await fetch(`${metricsUrl}/nope`)).status).toBe(404);
  });

  it('serves /metrics as Prometheus text that parses, counting the workflow and activity it ran', async () => {
    // A real workflow through the API, run by the worker process: probeReadiness → recordProbe.
    const staff = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
    await request(env.app).post('/api/probes').set('authorization', staff.authHeader).expect(200);

    const res = await fetch(`${metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const lines = text.split('\n').filter(Boolean);
    for (const line of lines.filter((l) => !l.startsWith('#'))) expect(line).toMatch(SAMPLE);
    for (const line of lines.filter((l) => l.startsWith('#'))) expect(line).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/);
    // Every sample carries the worker's component label.
    const sampleLines = lines.filter((l) => !l.startsWith('#'));
    expect(sampleLines.length).toBeGreaterThan(20);
    for (const line of sampleLines) expect(line).toContain('component="worker"');

    expect(text).toContain('# TYPE argus_workflows_total counter');
    expect(text).toContain('# TYPE argus_activity_duration_seconds histogram');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    const workflows = samples(text, 'argus_workflows_total').filter((s) => s.labels.workflow === 'probeReadiness');
    expect(Object.fromEntries(workflows.map((s) => [s.labels.event, s.value]))).toMatchObject({ started: 1, completed: 1 });
    const activity = samples(text, 'argus_activity_duration_seconds_count').filter((s) => s.labels.activity === 'recordProbe');
    expect(activity).toEqual([{ labels: expect.objectContaining({ outcome: 'completed' }), value: 1 }]);
    const buckets = samples(text, 'argus_activity_duration_seconds_bucket').filter((s) => s.labels.activity === 'recordProbe');
    expect(buckets.at(-1)).toMatchObject({ labels: expect.objectContaining({ le: '+Inf' }), value: 1 });
    // Histogram buckets are cumulative.
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
  });
});
