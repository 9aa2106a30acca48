import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { startGitHubApiLoopback } from '../../../e2e/support/github-loopback';
import { createLogger } from '@argus/activities';
import { DELIVERY_RECONCILER_SCHEDULE, ensureWorkerSchedules } from '../../../activities/src/worker/schedules';

// GitHub is the loopback server speaking GitHub's REST API (e2e/support/github-loopback.ts); the listed
// deliveries have the shape of GET /app/hook/deliveries in GitHub's REST documentation.
let env: TestEnv;
let github: Awaited<ReturnType<typeof startGitHubApiLoopback>>;

beforeAll(async () => {
  github = await startGitHubApiLoopback();
  env = await createTestEnv({ GITHUB_APP_ID: '777', GITHUB_APP_PRIVATE_KEY: github.privateKeyPem, GITHUB_API_URL: github.url });
  await env.startWorker();
}, 180_000);
afterAll(async () => {
  await env.close();
  await github.close();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const delivery = (id: number, guid: string, statusCode: number, deliveredAt: string) => ({
  id,
  guid,
  delivered_at: deliveredAt,
  redelivery: false,
  duration: 0.27,
  status: statusCode < 300 ? 'OK' : 'Service Unavailable',
  status_code: statusCode,
  event: 'push',
  action: null,
  installation_id: 123,
  repository_id: 456,
});

describe('webhook delivery reconciler', () => {
  it('asks GitHub to redeliver only failed deliveries that never reached Argus, within the lookback', async () => {
    github.hookDeliveries.push(
      delivery(9, 'retried-ok', 202, hoursAgo(1)),
      delivery(8, 'ok-1', 202, hoursAgo(2)),
      delivery(7, 'lost-1', 503, hoursAgo(3)),
      delivery(6, 'retried-ok', 502, hoursAgo(4)),
      delivery(5, 'known-failed', 502, hoursAgo(5)),
      delivery(4, 'too-old', 500, hoursAgo(80)),
    );
    // A delivery Argus did record (its 2xx may simply not have reached GitHub) is not asked for again.
    await env.knex('webhook_deliveries').insert({ source: 'github', deliveryId: 'known-failed', event: 'push', status: 'started' });
    const result = await env.temporal.workflow.execute('reconcileWebhookDeliveries', { taskQueue: env.taskQueue, workflowId: `reconcile-${Date.now()}`, args: [{ lookbackHours: 72 }] });
    expect(result).toEqual({ examined: 5, failed: 2, redelivered: ['lost-1'] });
    expect(github.redeliveries).toEqual([7]);
    const appCalls = github.calls.filter((c) => c.path.startsWith('/app/hook/deliveries'));
    expect(appCalls.every((c) => /^bearer /i.test(c.authorization ?? ''))).toBe(true);
  });

  it('runs every 15 minutes on a Temporal Schedule that the worker creates once', async () => {
    const { logger } = createLogger({ level: 'silent', component: 'test' });
    await ensureWorkerSchedules(env.config, logger);
    await ensureWorkerSchedules(env.config, logger);
    const described = await env.temporal.schedule.getHandle(DELIVERY_RECONCILER_SCHEDULE).describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconcileWebhookDeliveries' });
    expect(described.spec.intervals?.[0]?.every).toBe(15 * 60_000);
    await env.temporal.schedule.getHandle(DELIVERY_RECONCILER_SCHEDULE).delete();
  });
});
