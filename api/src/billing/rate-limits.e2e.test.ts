import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { createApp } from '../app';
import { clearApiRateLimitCache } from './api-rate-limits';

// Per-tier API rate limits, held in Postgres: two API processes (two app instances on one database) share the count.

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ BILLING_DEFAULT_TIER: 'free' });
}, 120_000);
afterAll(() => env?.close());

describe('API rate limits per tier', () => {
  it('meter API tokens per token and per workspace, answer 429 with Retry-After and RateLimit headers, and agree across processes', async () => {
    await env.knex('subscription_tier').where({ name: 'free' }).update({ apiRequestsPerMinute: 4 });
    clearApiRateLimitCache();
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    const [ws] = await env.knex('workspaces').insert({ name: 'Limited', slug: `limited-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: owner.user.id, role: 'admin' });
    const token = async (name: string) => (await request(env.app).post('/api/tokens').set('authorization', owner.authHeader).send({ name, workspaceId: ws.id, role: 'viewer' }).expect(201)).body.token as string;
    const [first, second] = [await token('ci one'), await token('ci two')];
    // Wait for a fresh minute window unless there is room for the five requests below.
    const secondsLeft = 60 - new Date().getUTCSeconds();
    if (secondsLeft < 8) await new Promise((r) => setTimeout(r, secondsLeft * 1000 + 200));

    const otherProcess = createApp(env.deps);
    const call = (app: Parameters<typeof request>[0], t: string) => request(app).get(`/api/subscriptions/current?workspaceId=${ws.id}`).set('authorization', `Bearer ${t}`);
    const a = await call(env.app, first).expect(200);
    expect(a.headers).toMatchObject({ 'ratelimit-limit': '4', 'ratelimit-remaining': '3', 'ratelimit-policy': '4;w=60' });
    await call(otherProcess, first).expect(200);
    await call(env.app, second).expect(200);
    const last = await call(otherProcess, second).expect(200);
    expect(last.headers['ratelimit-remaining']).toBe('0');
    // The workspace's budget is spent, whichever token and process asks next.
    const refused = await call(env.app, first).expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.body.detail).toMatch(/allows 4 API requests a minute/);
    // Sessions (the portal) are not metered.
    await request(env.app).get(`/api/subscriptions/current?workspaceId=${ws.id}`).set('authorization', owner.authHeader).expect(200);
  });
});
