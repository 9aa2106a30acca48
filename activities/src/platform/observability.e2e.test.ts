import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { startSentrySink } from '../../../e2e/support/sentry-sink';
import { createApp } from '../../../api/src/app';
import { createArgusWorker } from '../worker/create-worker';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { flushSentry, initSentry } from './sentry';

// Sentry: the real @sentry/node SDK sending to a loopback server that speaks the envelope protocol.
let env: TestEnv;
let sink: Awaited<ReturnType<typeof startSentrySink>>;
let worker: Worker;
let workerRun: Promise<void>;
const SECRET = 'sk_live_51Hsecretvalue0123456789';
const WORKSPACE = '11111111-2222-4333-8444-555555555555';

beforeAll(async () => {
  sink = await startSentrySink();
  env = await createTestEnv({ SENTRY_DSN: sink.dsn, SENTRY_ENVIRONMENT: 'test-env', SENTRY_RELEASE: 'argus@test', LOG_LEVEL: 'warn' });
  initSentry(env.config, 'api');
  const bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../../../e2e/fixtures/failing-workflows.ts', import.meta.url)),
    workflowInterceptorModules: [fileURLToPath(import.meta.resolve('@argus/workflows/interceptors'))],
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  const { logger } = createLogger({ level: 'silent', component: 'worker' });
  const created = await createArgusWorker({
    config: env.config,
    taskQueue: env.taskQueue,
    knex: env.knex,
    logger,
    metrics: createMetrics('worker'),
    workflowBundle: bundle,
  });
  worker = created.worker;
  workerRun = worker.run();
});
afterAll(async () => {
  worker.shutdown();
  await workerRun;
  await env.close();
  await sink.close();
});

async function eventsMatching(predicate: (e: { payload: Record<string, unknown> }) => boolean, atLeast = 1) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await flushSentry(500);
    const found = sink.events().filter(predicate);
    if (found.length >= atLeast) {
      await new Promise((r) => setTimeout(r, 500));
      await flushSentry(500);
      return sink.events().filter(predicate);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return sink.events().filter(predicate);
}
const tags = (e: { payload: Record<string, unknown> }) => (e.payload.tags ?? {}) as Record<string, string>;

describe('Sentry reporting', () => {
  it('reports an API 500 exactly once, tagged, with the error id the user sees, and no secrets', async () => {
    const { logger, attachSystemLog } = createLogger({ level: 'warn', component: 'api' });
    const systemLog = attachSystemLog(env.knex, { maxPerMinute: 100 });
    const user = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'victim@example.com' });
    // A real failure: the query hits a table that does not exist.
    await env.knex.raw('alter table workspace_members rename to workspace_members_gone');
    try {
      const app = createApp({ ...env.deps, logger });
      const res = await request(app).get('/api/me').set('authorization', user.authHeader).expect(500);
      const errorId = res.body.errorId as string;
      const events = await eventsMatching((e) => tags(e).error_id === errorId);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event!.payload.event_id).toBe(errorId);
      expect(event!.payload.release).toBe('argus@test');
      expect(event!.payload.environment).toBe('test-env');
      expect(tags(event!)).toMatchObject({ component: 'api', workspace_id: 'none' });
      expect(event!.raw).not.toContain(user.token);
      expect(event!.raw).not.toContain('victim@example.com');
      await systemLog.flush();
      const row = await env.knex('system_log').where({ level: 'error', component: 'api' }).whereRaw(`context->>'errorId' = ?`, [errorId]).first();
      expect(row, 'a system_log row for the failed request').toBeDefined();
      expect(row.stackTrace).toContain('workspace_members');
    } finally {
      await env.knex.raw('alter table workspace_members_gone rename to workspace_members');
      await systemLog.stop();
    }
  });

  it('reports a failing activity once (not once per retry) and the workflow failure once, both scrubbed', async () => {
    const handle = await env.temporal.workflow.start('recordUsageForMissingWorkspace', {
      taskQueue: env.taskQueue,
      workflowId: `obs-activity-${Date.now()}`,
      args: [{ workspaceId: WORKSPACE, secret: SECRET }],
      memo: { workspaceId: WORKSPACE },
    });
    await expect(handle.result()).rejects.toThrow();
    const activityEvents = await eventsMatching((e) => tags(e).activity === 'recordUsage');
    expect(activityEvents).toHaveLength(1);
    expect(tags(activityEvents[0]!)).toMatchObject({ workspace_id: WORKSPACE, attempt: '1', workflow_id: handle.workflowId });
    const workflowEvents = await eventsMatching((e) => tags(e).workflow_id === handle.workflowId && tags(e).workflow === 'recordUsageForMissingWorkspace');
    expect(workflowEvents).toHaveLength(1);
    expect(tags(workflowEvents[0]!).workspace_id).toBe(WORKSPACE);
    for (const e of [...activityEvents, ...workflowEvents]) {
      expect(e.raw).not.toContain(SECRET);
      expect(e.raw).not.toContain('leak@example.com');
      expect(e.payload.release).toBe('argus@test');
    }
  });

  it('reports a workflow that fails by itself exactly once', async () => {
    const handle = await env.temporal.workflow.start('failInWorkflow', {
      taskQueue: env.taskQueue,
      workflowId: `obs-workflow-${Date.now()}`,
      args: [{ workspaceId: WORKSPACE }],
      memo: { workspaceId: WORKSPACE },
    });
    await expect(handle.result()).rejects.toThrow();
    const events = await eventsMatching((e) => tags(e).workflow_id === handle.workflowId);
    expect(events).toHaveLength(1);
    expect(tags(events[0]!)).toMatchObject({ workflow: 'failInWorkflow', failure_type: 'DemoBusinessFailure', workspace_id: WORKSPACE });
    expect(events[0]!.raw).not.toContain('owner@example.com');
  });
});

describe('/metrics', () => {
  it('exposes Prometheus text that parses, with route-labelled latency histograms', async () => {
    await request(env.app).get('/healthz').expect(200);
    await request(env.app).get('/api/nope').expect(404);
    const res = await request(env.app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.]+(e[+-]?\d+)?|NaN|\+Inf|-Inf)( \d+)?$/;
    for (const line of res.text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(sample);
    expect(res.text).toMatch(/argus_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    expect(res.text).toContain('# TYPE argus_errors_total counter');
  });
});
