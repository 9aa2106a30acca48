import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { createApp } from '../app';
import { freePort } from '../../../scripts/lib/processes';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('health', () => {
  it('/healthz answers without touching dependencies', async () => {
    const res = await request(env.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz is ready with Postgres and Temporal, and reports that no worker polls yet (degraded, never error text)', async () => {
    const res = await request(env.app).get('/readyz').expect(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`).sort()).toEqual(['postgres:ok', 'temporal:ok', 'worker:down']);
    for (const check of res.body.checks) expect(check).not.toHaveProperty('detail');
  });

  it('/readyz answers 503 naming Temporal when Temporal is unreachable', async () => {
    const deadPort = await freePort();
    const connection = Connection.lazy({ address: `127.0.0.1:${deadPort}`, connectTimeout: '1 second' });
    const app = createApp({ ...env.deps, temporal: new Client({ connection, namespace: 'default' }) });
    const res = await request(app).get('/readyz').expect(503);
    const temporal = res.body.checks.find((c: { name: string }) => c.name === 'temporal');
    expect(temporal.status).toBe('down');
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|deadline/i);
    expect(res.body.checks.find((c: { name: string }) => c.name === 'postgres').status).toBe('ok');
  });

  it('the console health page lists optional dependencies as not configured, for staff only', async () => {
    const staff = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
    const customer = await createUserWithToken(env.knex, env.config.jwtSecret);
    const res = await request(env.app).get('/api/admin/health').set('authorization', staff.authHeader).expect(200);
    expect(res.body.checks.find((c: { name: string }) => c.name === 'typesense').status).toBe('not_configured');
    await request(env.app).get('/api/admin/health').set('authorization', customer.authHeader).expect(403);
    await request(env.app).get('/api/admin/health').expect(401);
  });
});

describe('readiness probe workflow', () => {
  it('runs API → Temporal → worker → Postgres and returns the row the activity wrote', async () => {
    await env.startWorker();
    const staff = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
    const res = await request(env.app).post('/api/probes').set('authorization', staff.authHeader).expect(200);
    const row = await env.knex('probe_results').where({ probeId: res.body.probeId }).first();
    expect(row).toBeDefined();
    expect(row.workflowId).toBe(res.body.workflowId);
    expect(res.body.workerIdentity).toMatch(/^\d+@/);
    // The running worker now shows in readiness and, with its poller count, in the console's health panel.
    const ready = await request(env.app).get('/readyz').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.checks.find((c: { name: string }) => c.name === 'worker').status).toBe('ok');
    const health = await request(env.app).get('/api/admin/health').set('authorization', staff.authHeader).expect(200);
    expect(health.body.checks.find((c: { name: string }) => c.name === 'worker').detail).toMatch(/^1 worker polling /);
    const described = await env.temporal.workflow.getHandle(res.body.workflowId).describe();
    expect(described.status.name).toBe('COMPLETED');
  });
});
