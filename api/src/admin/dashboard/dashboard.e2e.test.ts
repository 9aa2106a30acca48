import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../../e2e/support/test-env';
import { createUserWithToken } from '../../../../e2e/support/auth';
import { daysAgo, seedRunOnDay } from '../../../../e2e/support/analytics';

// The console dashboard's numbers from real rows (runs, subscriptions, tickets) through the real API and Postgres,
// and what each staff role gets to see of them.
let env: TestEnv;
type User = Awaited<ReturnType<typeof createUserWithToken>>;
let superAdmin: User;
let billing: User;
let support: User;

beforeAll(async () => {
  env = await createTestEnv();
  superAdmin = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
  billing = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'billing_admin' });
  support = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
  const customer = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Customer', slug: `customer-${Date.now()}`, kind: 'team', ownerId: customer.user.id }).returning('id');
  const [repo] = await env.knex('repositories').insert({ workspaceId: ws.id, provider: 'git', fullName: 'customer/app', cloneUrl: 'https://git.example.test/customer/app.git' }).returning('id');
  // Today: two completed runs and a failed one; three days ago: one completed; twenty days ago: outside the chart.
  for (const [day, status] of [[daysAgo(0), 'completed'], [daysAgo(0), 'completed'], [daysAgo(0), 'failed'], [daysAgo(3), 'completed'], [daysAgo(20), 'completed']] as const) {
    await seedRunOnDay(env.knex, { workspaceId: ws.id, repositoryId: repo.id, day, hour: 0, status });
  }
  const pro = (await env.knex('subscription_tier').where({ name: 'professional' }).first('id', 'monthlyPriceCents'))!;
  const now = new Date();
  await env.knex('subscription').insert({ workspaceId: ws.id, tierId: pro.id, periodTierId: pro.id, status: 'active', currentPeriodStart: now, currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000) });
  await env.knex('support_ticket').insert({ workspaceId: ws.id, userId: customer.user.id, subject: 'Help', description: 'Runs fail', priority: 'medium', status: 'open' });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('the console dashboard', () => {
  it('counts runs today and per day for the last 14 days, every day present', async () => {
    const d = (await request(env.app).get('/api/admin/dashboard').set('authorization', superAdmin.authHeader).expect(200)).body;
    expect(d.runs).toMatchObject({ today: 3, failedToday: 1 });
    expect(d.runs.perDay).toHaveLength(14);
    expect(d.runs.perDay.at(-1)).toEqual({ day: daysAgo(0), runs: 3, completed: 2, failed: 1 });
    expect(d.runs.perDay.find((x: { day: string }) => x.day === daysAgo(3))).toEqual({ day: daysAgo(3), runs: 1, completed: 1, failed: 0 });
    expect(d.runs.perDay.reduce((n: number, x: { runs: number }) => n + x.runs, 0)).toBe(4);
    expect(d.subscriptions).toMatchObject({ active: 1, mrrCents: 9900 });
    expect(d.tickets).toMatchObject({ open: 1, unassigned: 1 });
    expect(d.alerts.some((a: { message: string }) => a.message === '1 run(s) failed today')).toBe(true);
  });

  it('shows money only to billing and tickets only to support', async () => {
    const asBilling = (await request(env.app).get('/api/admin/dashboard').set('authorization', billing.authHeader).expect(200)).body;
    expect(asBilling.subscriptions).not.toBeNull();
    expect(asBilling.tickets).toBeNull();
    expect(asBilling.health).toBeNull();
    const asSupport = (await request(env.app).get('/api/admin/dashboard').set('authorization', support.authHeader).expect(200)).body;
    expect(asSupport.subscriptions).toBeNull();
    expect(asSupport.tickets).not.toBeNull();
    await request(env.app).get('/api/admin/dashboard').expect(401);
  });
});
