import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { billingSettings, checkQuota } from '@argus/activities';
import { workflowIds } from '@argus/workflows/contract';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { workflowClient } from '../temporal/workflow-client';

// Quotas: Free stops at its allowance with 402 problem+json (limit, usage, upgrade hint); paid tiers accrue
// overage; a restricted workspace starts nothing; a webhook-started analysis over quota is recorded as skipped.

let env: TestEnv;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;

async function freeWorkspace(opts: { analyses?: number; fixes?: number } = {}) {
  const [ws] = await env.knex('workspaces').insert({ name: 'Quota', slug: `quota-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: admin.user.id }).returning('id');
  await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: admin.user.id, role: 'admin' });
  // The subscription (on Free, the default here) starts its period when first read; usage counts from then on.
  await request(env.app).get(`/api/subscriptions/current?workspaceId=${ws.id}`).set('authorization', admin.authHeader).expect(200);
  const events = [
    ...Array.from({ length: opts.analyses ?? 0 }, (_, i) => ({ workspaceId: ws.id, kind: 'analysis', idempotencyKey: `q:${ws.id}:a${i}` })),
    ...Array.from({ length: opts.fixes ?? 0 }, (_, i) => ({ workspaceId: ws.id, kind: 'fix', idempotencyKey: `q:${ws.id}:f${i}` })),
  ];
  if (events.length) await env.knex('usage_events').insert(events);
  const githubRepoId = Math.floor(Math.random() * 1e9);
  const [repo] = await env.knex('repositories').insert({ workspaceId: ws.id, provider: 'github', fullName: `acme/quota-${githubRepoId}`, cloneUrl: `https://github.com/acme/quota-${githubRepoId}.git`, githubRepoId }).returning('*');
  return { workspaceId: ws.id as string, repo };
}

beforeAll(async () => {
  env = await createTestEnv({ BILLING_DEFAULT_TIER: 'free' });
  admin = await createUserWithToken(env.knex, env.config.jwtSecret);
}, 120_000);
afterAll(() => env?.close());

describe('quotas', () => {
  it('answers 402 with the limit, the usage and an upgrade hint when Free has used its analyses', async () => {
    const { repo } = await freeWorkspace({ analyses: 10 });
    const res = await request(env.app).post(`/api/repositories/${repo.id}/analyze`).set('authorization', admin.authHeader).send({}).expect(402);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 402, title: 'Payment Required', metric: 'analyses', reason: 'limit_reached', limit: 10, usage: 10, tier: 'free', upgrade: { url: expect.stringMatching(/\/billing$/) } });
    expect(res.body.detail).toMatch(/Free includes 10 analyses per period and this workspace has used 10/);
    expect(res.body.errorId).toBeTruthy();
    expect(await env.knex('analysis_runs').where({ repositoryId: repo.id })).toHaveLength(0);
  });

  it('answers 402 for AI fixes over the allowance', async () => {
    const { workspaceId, repo } = await freeWorkspace({ fixes: 3 });
    const [run] = await env.knex('analysis_runs').insert({ workspaceId, repositoryId: repo.id, workflowId: `q-${randomUUID()}`, trigger: 'manual', status: 'completed' }).returning('id');
    const [finding] = await env.knex('findings').insert({ runId: run.id, repositoryId: repo.id, workspaceId, tool: 'eslint', ruleId: 'eslint/no-eval', category: 'security', severity: 'high', path: 'a.js', startLine: 1, startColumn: 1, endLine: 1, endColumn: 5, message: 'eval', snippet: 'eval(x)', fingerprint: `fp-${randomUUID()}` }).returning('id');
    const res = await request(env.app).post(`/api/fixes/generate/${finding.id}?provider=builtin`).set('authorization', admin.authHeader).send({}).expect(402);
    expect(res.body).toMatchObject({ metric: 'ai_fixes', limit: 3, usage: 3 });
  });

  it('lets paid tiers go over their allowance (billed as overage) and stops a restricted workspace', async () => {
    const { workspaceId } = await freeWorkspace({ analyses: 12 });
    const settings = billingSettings(env.config);
    expect(await checkQuota(env.knex, settings, workspaceId, 'analysis')).toMatchObject({ allowed: false, limit: 10, usage: 12 });
    await env.knex('subscription').where({ workspaceId }).update({ tierId: env.knex('subscription_tier').where({ name: 'professional' }).select('id') });
    // Professional includes 500; over it, analyses continue and are billed at $0.10.
    await env.knex('usage_events').insert(Array.from({ length: 500 }, (_, i) => ({ workspaceId, kind: 'analysis', idempotencyKey: `q:${workspaceId}:p${i}` })));
    expect(await checkQuota(env.knex, settings, workspaceId, 'analysis')).toEqual({ allowed: true, overage: true });
    const usage = (await request(env.app).get(`/api/subscriptions/usage?workspaceId=${workspaceId}`).set('authorization', admin.authHeader).expect(200)).body;
    expect(usage.meters.find((m: { metric: string }) => m.metric === 'analyses')).toMatchObject({ used: 512, limit: 500, level: 'exceeded' });
    expect(usage.overage).toEqual({ analyses: 12, estimatedCents: 120 });
    await env.knex('subscription').where({ workspaceId }).update({ restrictedAt: new Date() });
    const restricted = await checkQuota(env.knex, settings, workspaceId, 'analysis');
    expect(restricted).toMatchObject({ allowed: false, reason: 'restricted' });
  });

  it('answers 402 when the plan has no seat left for an invitation', async () => {
    const { workspaceId } = await freeWorkspace();
    const res = await request(env.app).post(`/api/teams/${workspaceId}/members`).set('authorization', admin.authHeader).send({ email: 'second@example.test', role: 'developer' }).expect(402);
    expect(res.body).toMatchObject({ metric: 'seats', limit: 1, usage: 1, tier: 'free' });
    await env.knex('subscription').where({ workspaceId }).update({ tierId: env.knex('subscription_tier').where({ name: 'professional' }).select('id') });
    await request(env.app).post(`/api/teams/${workspaceId}/members`).set('authorization', admin.authHeader).send({ email: 'second@example.test', role: 'developer' }).expect(201);
  });

  it('records a webhook-started analysis over quota as a skipped run with the reason', async () => {
    await env.startWorker();
    const { workspaceId, repo } = await freeWorkspace({ analyses: 10 });
    const deliveryId = randomUUID();
    const runId = randomUUID();
    // What the webhook intake does once the delivery is recorded.
    const handle = await workflowClient.startDeliveryAnalysis(env.deps, deliveryId, { runId, trigger: 'push', githubRepoId: Number(repo.githubRepoId), commitSha: 'a'.repeat(40), ref: 'refs/heads/main' }, { deliveryId }, 5000);
    const result = await handle.result();
    expect(result).toMatchObject({ runId, status: 'skipped' });
    const run = await env.knex('analysis_runs').where({ id: runId }).first();
    expect(run).toMatchObject({ workspaceId, status: 'skipped', trigger: 'push' });
    expect(run.error).toMatch(/Free includes 10 analyses/);
    expect(run.finishedAt).toBeTruthy();
    const listed = (await request(env.app).get(`/api/runs/${runId}`).set('authorization', admin.authHeader).expect(200)).body;
    expect(listed).toMatchObject({ status: 'skipped' });
    expect(workflowIds.analysisForDelivery(deliveryId)).toBe(handle.workflowId);
    // No usage for a run that never ran.
    expect(((await env.knex('usage_events').where({ workspaceId }).count('* as n').first()) as { n: number }).n).toBe(10);
  }, 60_000);
});
