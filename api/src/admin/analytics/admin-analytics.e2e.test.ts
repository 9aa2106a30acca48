import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../../e2e/support/test-env';
import { createUserWithToken } from '../../../../e2e/support/auth';
import { daysAgo, seedRunOnDay } from '../../../../e2e/support/analytics';

// The console's platform analytics through the real API and Postgres: who may read them, and revenue computed
// from real subscription, tier and invoice rows.
let env: TestEnv;
type User = Awaited<ReturnType<typeof createUserWithToken>>;
let analytics: User;
let superAdmin: User;
let billing: User;
let support: User;
let customer: User;

const tierId = async (name: string) => (await env.knex('subscription_tier').where({ name }).first('id')).id as string;

beforeAll(async () => {
  env = await createTestEnv();
  analytics = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'analytics_admin' });
  superAdmin = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
  billing = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'billing_admin' });
  support = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
  customer = await createUserWithToken(env.knex, env.config.jwtSecret);
  const pro = await tierId('professional');
  const ent = await tierId('enterprise');
  const free = await tierId('free');
  const periodStart = new Date(`${daysAgo(3)}T00:00:00Z`);
  const periodEnd = new Date(periodStart.getTime() + 30 * 86_400_000);
  const subs: { tier: string; status: string; cancelledAt?: Date; left?: string }[] = [
    { tier: ent, status: 'active' },
    { tier: pro, status: 'active' },
    { tier: pro, status: 'past_due' },
    // Cancelled: the subscription fell back to Free; its audit entry names the tier it left.
    { tier: free, status: 'cancelled', cancelledAt: new Date(`${daysAgo(2)}T09:00:00Z`), left: 'professional' },
    { tier: pro, status: 'trial' },
    { tier: free, status: 'active' },
  ];
  const ids: string[] = [];
  for (const [i, s] of subs.entries()) {
    const [ws] = await env.knex('workspaces').insert({ name: `Customer ${i}`, slug: `customer-${i}-${Date.now()}`, kind: 'team', ownerId: customer.user.id }).returning('id');
    const [sub] = await env.knex('subscription').insert({ workspaceId: ws.id, tierId: s.tier, periodTierId: s.tier, status: s.status, currentPeriodStart: periodStart, currentPeriodEnd: periodEnd, cancelledAt: s.cancelledAt ?? null }).returning('id');
    ids.push(sub.id);
    if (s.left) {
      await env.knex('activity_log').insert({ workspaceId: ws.id, actorKind: 'system', action: 'subscription.cancelled', resourceType: 'subscription', resourceId: sub.id, before: { status: 'active', tier: s.left }, after: { status: 'cancelled', tier: 'free' } });
    }
    if (i === 0) {
      // Upgraded from Professional to Enterprise: consecutive invoices at the two prices (expansion 40,000 cents).
      await env.knex('invoice').insert([
        { subscriptionId: sub.id, workspaceId: ws.id, tierId: pro, billingPeriodStart: new Date(`${daysAgo(40)}T00:00:00Z`), billingPeriodEnd: new Date(`${daysAgo(10)}T00:00:00Z`), subtotalCents: 9900, totalCents: 9900, status: 'paid', paidAt: new Date() },
        { subscriptionId: sub.id, workspaceId: ws.id, tierId: ent, billingPeriodStart: new Date(`${daysAgo(10)}T00:00:00Z`), billingPeriodEnd: new Date(`${daysAgo(-20)}T00:00:00Z`), subtotalCents: 49900, totalCents: 49900, status: 'paid', paidAt: new Date(), amountRefundedCents: 900 },
      ]);
    }
    if (i === 1) {
      const [repo] = await env.knex('repositories').insert({ workspaceId: ws.id, provider: 'git', fullName: 'customer/app', cloneUrl: 'https://git.example.test/customer/app.git' }).returning('id');
      await seedRunOnDay(env.knex, { workspaceId: ws.id, repositoryId: repo.id, day: daysAgo(1), findings: [{ ruleId: 'eslint/no-eval', path: 'a.js', category: 'security', severity: 'high' }] });
      await seedRunOnDay(env.knex, { workspaceId: ws.id, repositoryId: repo.id, day: daysAgo(1), status: 'failed' });
      await env.knex('analytics_event').insert([
        { eventType: 'login', userId: customer.user.id, workspaceId: ws.id, dedupeKey: 'login:1', occurredAt: new Date() },
        { eventType: 'login', userId: analytics.user.id, workspaceId: ws.id, dedupeKey: 'login:2', occurredAt: new Date(Date.now() - 10 * 86_400_000) },
        { eventType: 'login', userId: support.user.id, workspaceId: ws.id, dedupeKey: 'login:3', occurredAt: new Date(Date.now() - 40 * 86_400_000) },
        { eventType: 'login', userId: customer.user.id, workspaceId: ws.id, dedupeKey: 'login:4', occurredAt: new Date(Date.now() - 45 * 86_400_000) },
      ]);
    }
  }
  void ids;
}, 120_000);
afterAll(async () => {
  await env?.close();
});

const get = (user: User, path: string) => request(env.app).get(path).set('authorization', user.authHeader);

describe('platform analytics', () => {
  it('is for analytics staff and super admins only', async () => {
    for (const path of ['users', 'platform', 'revenue', 'quality']) {
      await get(analytics, `/api/admin/analytics/${path}`).expect(200);
      await get(superAdmin, `/api/admin/analytics/${path}?days=7`).expect(200);
      await get(billing, `/api/admin/analytics/${path}`).expect(403);
      await get(support, `/api/admin/analytics/${path}`).expect(403);
      await get(customer, `/api/admin/analytics/${path}`).expect(403);
      await request(env.app).get(`/api/admin/analytics/${path}`).expect(401);
    }
    await get(analytics, '/api/admin/analytics/users?days=0').expect(400);
    await request(env.app).post('/api/admin/analytics/rebuilds').set('authorization', billing.authHeader).send({ from: daysAgo(1), to: daysAgo(0) }).expect(403);
    await request(env.app).post('/api/admin/analytics/rebuilds').set('authorization', analytics.authHeader).send({ from: daysAgo(0), to: daysAgo(3) }).expect(400);
  });

  it('revenue from subscriptions, tiers and invoices, in integer cents', async () => {
    const res = await get(analytics, '/api/admin/analytics/revenue').expect(200);
    // Active and past-due paid subscriptions: 49,900 + 9,900 + 9,900.
    expect(res.body).toMatchObject({ mrrCents: 69_700, arrCents: 836_400, payingSubscriptions: 3, trialSubscriptions: 1, churnedSubscriptions: 1, churnedMrrCents: 9900, expansionMrrCents: 40_000, contractionMrrCents: 0, netNewMrrCents: 30_100 });
    expect(res.body.byTier.find((t: { tier: string }) => t.tier === 'professional')).toMatchObject({ subscriptions: 2, mrrCents: 19_800 });
    expect(res.body.collectedCents).toBe(59_800);
    expect(res.body.refundedCents).toBe(900);
  });

  it('users, platform load and quality', async () => {
    const users = await get(analytics, '/api/admin/analytics/users').expect(200);
    expect(users.body).toMatchObject({ dau: 1, wau: 1, mau: 2, stickiness: 50 });
    // Active 31–60 days ago: support and customer; only customer came back → churn 50%.
    expect(users.body.churnRate).toBe(50);
    expect(users.body.signups).toHaveLength(30);
    expect(users.body.totalUsers).toBeGreaterThanOrEqual(5);

    const platform = await get(analytics, '/api/admin/analytics/platform').expect(200);
    expect(platform.body.totals).toMatchObject({ runs: 2, completed: 1, failed: 1, findings: 1, activeWorkspaces: 1 });
    expect(platform.body.queue).toMatchObject({ runsQueued: 0, runsRunning: 0 });
    expect(platform.body.daily).toHaveLength(30);

    const quality = await get(analytics, '/api/admin/analytics/quality').expect(200);
    expect(quality.body.topRules[0]).toMatchObject({ ruleId: 'eslint/no-eval', count: 1, repositories: 1 });
    expect(quality.body.daily.find((d: { day: string }) => d.day === daysAgo(1)).bySeverity).toMatchObject({ high: 1 });
  });
});
