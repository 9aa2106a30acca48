import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from 'ra-core';
import { workflowIds } from '@argus/workflows/contract';
import { createTestEnv, type TestEnv } from '../../../../e2e/support/test-env';
import { createUserWithToken } from '../../../../e2e/support/auth';
import { consoleClient } from '../../../../e2e/support/console-provider';
import { stripeEnv } from '../../../../e2e/support/billing';

// The console's billing resources over HTTP against the real API and Postgres, driven by ra-data-simple-rest (the
// provider the console uses): subscriptions grouped by tier with churn and MRR, tiers created and edited at seed 004's
// /api/admin/subscriptions/tiers, and "Retry payment" on an invoice (manual mode here; through Stripe below).

interface Served {
  env: TestEnv;
  server: Server;
  base: string;
}

async function serve(vars: Record<string, string> = {}): Promise<Served> {
  const env = await createTestEnv(vars);
  const server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { env, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
async function stop(s: Served | undefined) {
  if (!s) return;
  await new Promise((r) => s.server.close(r));
  await s.env.close();
}

/** The status and problem+json of a refused console request. */
async function refusal(p: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, body: err.body };
    throw err;
  }
  throw new Error('the request was not refused');
}

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function tierId(env: TestEnv, name: string): Promise<string> {
  return (await env.knex('subscription_tier').where({ name }).first('id')).id;
}

/** A team workspace with a subscription in the given state (periods a month long, so nothing falls due). */
async function subscribed(env: TestEnv, ownerId: string, tier: string, status: 'trial' | 'active' | 'past_due' | 'cancelled', extra: Record<string, unknown> = {}) {
  const [ws] = await env.knex('workspaces').insert({ name: `Customer ${randomUUID().slice(0, 6)}`, slug: `c-${randomUUID().slice(0, 12)}`, kind: 'team', ownerId }).returning('id');
  const tid = await tierId(env, tier);
  const [sub] = await env
    .knex('subscription')
    .insert({ workspaceId: ws.id, tierId: tid, periodTierId: tid, status, currentPeriodStart: ago(1), currentPeriodEnd: new Date(Date.now() + 29 * DAY), billingInterval: '1 month', ...extra })
    .returning('*');
  return { workspaceId: ws.id as string, subscriptionId: sub.id as string };
}

/** An invoice of that subscription for its current period, owed or not. */
async function invoiceOf(env: TestEnv, sub: { workspaceId: string; subscriptionId: string }, tier: string, status: 'sent' | 'failed' | 'paid', totalCents = 9900, periodStart = ago(1)) {
  const [invoice] = await env
    .knex('invoice')
    .insert({ subscriptionId: sub.subscriptionId, workspaceId: sub.workspaceId, tierId: await tierId(env, tier), billingPeriodStart: periodStart, billingPeriodEnd: new Date(), subtotalCents: totalCents, totalCents, status, paidAt: status === 'paid' ? new Date() : null })
    .returning('*');
  return invoice as { id: string; number: string };
}

describe('subscriptions by tier, tiers and invoice retries in the console (manual billing)', () => {
  let s: Served;
  let billing: ReturnType<typeof consoleClient>;
  let billingUserId: string;
  const others: Record<'support' | 'analytics' | 'customer', ReturnType<typeof consoleClient>> = {} as never;
  let superAdmin: ReturnType<typeof consoleClient>;
  let ownerId: string;

  beforeAll(async () => {
    s = await serve({ BILLING_DEFAULT_TIER: 'free' });
    const b = await createUserWithToken(s.env.knex, s.env.config.jwtSecret, { email: 'bill@staff.example.test', staffRole: 'billing_admin' });
    billingUserId = b.user.id;
    billing = consoleClient(s.base, b.token);
    superAdmin = consoleClient(s.base, (await createUserWithToken(s.env.knex, s.env.config.jwtSecret, { staffRole: 'super_admin' })).token);
    others.support = consoleClient(s.base, (await createUserWithToken(s.env.knex, s.env.config.jwtSecret, { staffRole: 'support_admin' })).token);
    others.analytics = consoleClient(s.base, (await createUserWithToken(s.env.knex, s.env.config.jwtSecret, { staffRole: 'analytics_admin' })).token);
    const customer = await createUserWithToken(s.env.knex, s.env.config.jwtSecret);
    others.customer = consoleClient(s.base, customer.token);
    ownerId = customer.user.id;
  });
  afterAll(() => stop(s));

  it('summarizes subscriptions by tier: active, trialing, past due, cancelled in the window on the tier they left, churn and MRR in cents', async () => {
    for (const status of ['active', 'active', 'past_due', 'trial'] as const) await subscribed(s.env, ownerId, 'professional', status);
    await subscribed(s.env, ownerId, 'enterprise', 'active');
    // Cancelled subscriptions have fallen back to Free; the tier they left is in their cancellation entry …
    const leftEnterprise = await subscribed(s.env, ownerId, 'free', 'cancelled', { cancelledAt: ago(3) });
    await s.env.knex('activity_log').insert({ workspaceId: leftEnterprise.workspaceId, actorKind: 'system', action: 'subscription.cancelled', resourceType: 'subscription', resourceId: leftEnterprise.subscriptionId, before: { status: 'active', tier: 'enterprise' }, after: { status: 'cancelled', tier: 'free' }, createdAt: ago(3) });
    // … or, without one, on their last invoice.
    const leftProfessional = await subscribed(s.env, ownerId, 'free', 'cancelled', { cancelledAt: ago(5) });
    await invoiceOf(s.env, leftProfessional, 'professional', 'paid', 9900, ago(35));
    // Outside a 30-day window, inside a 90-day one.
    const longGone = await subscribed(s.env, ownerId, 'free', 'cancelled', { cancelledAt: ago(60) });
    await s.env.knex('activity_log').insert({ workspaceId: longGone.workspaceId, actorKind: 'system', action: 'subscription.cancelled', resourceType: 'subscription', resourceId: longGone.subscriptionId, before: { status: 'active', tier: 'professional' }, createdAt: ago(60) });

    const { json: summary, status } = await billing.send('/api/admin/subscriptions/summary');
    expect(status).toBe(200);
    expect(summary.windowDays).toBe(30);
    expect(summary.tiers.map((t: { tier: string }) => t.tier)).toEqual(['free', 'professional', 'enterprise']);
    const byTier = Object.fromEntries(summary.tiers.map((t: { tier: string }) => [t.tier, t]));
    expect(byTier.professional).toEqual({ tier: 'professional', displayName: 'Professional', monthlyPriceCents: 9900, isPublic: true, active: 2, trialing: 1, pastDue: 1, cancelled: 1, churnRate: 20, mrrCents: 3 * 9900 });
    expect(byTier.enterprise).toMatchObject({ active: 1, trialing: 0, pastDue: 0, cancelled: 1, churnRate: 50, mrrCents: 49900 });
    expect(byTier.free).toMatchObject({ active: 0, cancelled: 0, churnRate: 0, mrrCents: 0 });
    expect(summary.totals).toEqual({ active: 3, trialing: 1, pastDue: 1, cancelled: 2, churnRate: 28.6, mrrCents: 3 * 9900 + 49900 });
    expect(Number.isInteger(summary.totals.mrrCents)).toBe(true);

    const wider = (await billing.send('/api/admin/subscriptions/summary?days=90')).json;
    expect(wider.tiers.find((t: { tier: string }) => t.tier === 'professional')).toMatchObject({ cancelled: 2, churnRate: 33.3 });
    const bad = await refusal(billing.send('/api/admin/subscriptions/summary?days=0'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.days' })]);

    // The list beside it keeps working through ra-data-simple-rest, and its tier filter matches the summary's rows.
    const list = await billing.dataProvider.getList('subscriptions', { pagination: { page: 1, perPage: 10 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { tier: 'professional' } });
    expect(list.total).toBe(4);
    expect(list.data.map((r) => r.status).sort()).toEqual(['active', 'active', 'past_due', 'trial']);
    expect((await superAdmin.send('/api/admin/subscriptions/summary')).status).toBe(200);
    for (const who of ['support', 'analytics', 'customer'] as const) expect((await refusal(others[who].send('/api/admin/subscriptions/summary'))).status).toBe(403);
  });

  it('creates a tier at /api/admin/subscriptions/tiers (validated, unique key, audited) and edits it', async () => {
    const { dataProvider: dp } = billing;
    const created = await dp.create('subscriptions/tiers', {
      data: { name: 'team', displayName: 'Team', description: 'For small teams', monthlyPriceCents: 4900, maxSeats: 10, maxProjects: 20, maxAnalysesPerMonth: 2000, isPublic: false },
    });
    expect(created.data).toMatchObject({ name: 'team', displayName: 'Team', monthlyPriceCents: 4900, maxSeats: 10, maxAiFixesPerMonth: null, overagePriceCents: 10, overageAllowed: true, apiRequestsPerMinute: 600, isPublic: false, sortOrder: 3 });
    const id = created.data.id as string;
    const list = await dp.getList('subscriptions/tiers', { pagination: { page: 1, perPage: 25 }, sort: { field: 'sortOrder', order: 'ASC' }, filter: {} });
    expect(list.total).toBe(4);
    expect(list.data.map((t) => t.name)).toEqual(['free', 'professional', 'enterprise', 'team']);
    expect((await dp.getOne('subscriptions/tiers', { id })).data.displayName).toBe('Team');

    // Refusals a person can act on: money in integer cents, limits in range, a key that is free and well formed.
    const cents = await refusal(dp.create('subscriptions/tiers', { data: { name: 'half', displayName: 'Half', monthlyPriceCents: 49.5 } }));
    expect(cents.status).toBe(400);
    expect(cents.body.errors).toEqual([expect.objectContaining({ path: 'body.monthlyPriceCents' })]);
    const limits = await refusal(dp.create('subscriptions/tiers', { data: { name: 'tiny', displayName: 'Tiny', monthlyPriceCents: 100, maxSeats: 0, maxConcurrentRuns: 5000 } }));
    expect(limits.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.maxConcurrentRuns', 'body.maxSeats']);
    const key = await refusal(dp.create('subscriptions/tiers', { data: { name: 'Team Plus!', displayName: 'Team plus', monthlyPriceCents: 100 } }));
    expect(key.body.errors).toEqual([expect.objectContaining({ path: 'body.name', message: expect.stringMatching(/lowercase letters/) })]);
    const duplicate = await refusal(dp.create('subscriptions/tiers', { data: { name: 'professional', displayName: 'Pro again', monthlyPriceCents: 100 } }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toBe('A tier with the key "professional" already exists; edit it, or choose another key.');
    expect(await s.env.knex('subscription_tier').count('* as n').first()).toEqual({ n: 4 });

    // Editing sends the whole record back (react-admin's edit form); the key cannot change.
    const edited = await dp.update('subscriptions/tiers', { id, data: { ...created.data, monthlyPriceCents: 5900, maxSeats: null, isPublic: true }, previousData: created.data });
    expect(edited.data).toMatchObject({ id, name: 'team', monthlyPriceCents: 5900, maxSeats: null, isPublic: true });
    const rename = await refusal(dp.update('subscriptions/tiers', { id, data: { ...edited.data, name: 'squad' }, previousData: edited.data }));
    expect(rename.status).toBe(400);
    expect(rename.body.errors[0]).toMatchObject({ path: 'body.name', message: expect.stringMatching(/stays "team"/) });
    expect((await refusal(dp.update('subscriptions/tiers', { id: randomUUID(), data: { monthlyPriceCents: 1 }, previousData: {} as never }))).status).toBe(404);

    const audit = await s.env.knex('activity_log').where({ resourceType: 'subscription_tier', resourceId: id }).orderBy('id');
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['tier.created', 'tier.updated']);
    expect(audit[0]).toMatchObject({ actorId: billingUserId, actorKind: 'staff' });
    expect(audit[1].before).toMatchObject({ monthlyPriceCents: 4900, maxSeats: 10 });
    expect(audit[1].after).toMatchObject({ monthlyPriceCents: 5900, maxSeats: null });

    // The portal offers the tier now that it is public.
    expect((await s.env.knex('subscription_tier').where({ name: 'team' }).first()).isPublic).toBe(true);
    for (const who of ['support', 'analytics', 'customer'] as const) {
      expect((await refusal(others[who].dataProvider.create('subscriptions/tiers', { data: { name: 'sneaky', displayName: 'Sneaky', monthlyPriceCents: 0 } }))).status).toBe(403);
      expect((await refusal(others[who].dataProvider.getList('subscriptions/tiers', { pagination: { page: 1, perPage: 5 }, sort: { field: 'id', order: 'ASC' }, filter: {} }))).status).toBe(403);
    }
  });

  it('refuses to retry a payment in manual mode, or of an invoice that is not owed', async () => {
    const sub = await subscribed(s.env, ownerId, 'professional', 'past_due');
    const failed = await invoiceOf(s.env, sub, 'professional', 'failed');
    const manual = await refusal(billing.send(`/api/admin/invoices/${failed.id}/retry`, { method: 'POST', body: JSON.stringify({}) }));
    expect(manual.status).toBe(409);
    expect(manual.body.detail).toMatch(/manual mode.*Mark paid/);
    const paid = await invoiceOf(s.env, sub, 'professional', 'paid', 9900, ago(40));
    const notOwed = await refusal(billing.send(`/api/admin/invoices/${paid.id}/retry`, { method: 'POST', body: JSON.stringify({}) }));
    expect(notOwed.status).toBe(409);
    expect(notOwed.body.detail).toBe(`Invoice ${paid.number} is paid; there is no payment to retry.`);
    expect((await refusal(billing.send(`/api/admin/invoices/${randomUUID()}/retry`, { method: 'POST', body: JSON.stringify({}) }))).status).toBe(404);
    for (const who of ['support', 'analytics', 'customer'] as const) expect((await refusal(others[who].send(`/api/admin/invoices/${failed.id}/retry`, { method: 'POST', body: JSON.stringify({}) }))).status).toBe(403);
    expect(await s.env.knex('activity_log').where({ action: 'invoice.payment_retried' })).toHaveLength(0);
  });
});

describe('"Retry payment" through Stripe (stripe-mock) and the subscription workflow', () => {
  let s: Served;
  let billing: ReturnType<typeof consoleClient>;
  let workspaceId: string;

  beforeAll(async () => {
    s = await serve({ ...stripeEnv(), BILLING_DEFAULT_TIER: 'free' });
    const b = await createUserWithToken(s.env.knex, s.env.config.jwtSecret, { staffRole: 'billing_admin' });
    billing = consoleClient(s.base, b.token);
    await s.env.startWorker();
  }, 180_000);
  afterAll(async () => {
    if (workspaceId) await s.env.temporal.workflow.getHandle(workflowIds.subscription(workspaceId)).terminate('test over').catch(() => {});
    await stop(s);
  });

  it('charges the default card again once per request id, records the attempt and audits it', async () => {
    const owner = await createUserWithToken(s.env.knex, s.env.config.jwtSecret);
    const sub = await subscribed(s.env, owner.user.id, 'professional', 'past_due', { pastDueSince: ago(2) });
    workspaceId = sub.workspaceId;
    await s.env.knex('payment_method').insert({ workspaceId, stripePaymentMethodId: 'pm_card_visa', brand: 'visa', last4: '4242', isDefault: true });
    const invoice = await invoiceOf(s.env, sub, 'professional', 'failed');
    await s.env.knex('invoice').where({ id: invoice.id }).update({ paymentAttempts: 1 });

    // stripe-mock declines every off-session charge (requires_payment_method): a second failed attempt.
    const requestId = randomUUID();
    const retry = () => billing.send(`/api/admin/invoices/${invoice.id}/retry`, { method: 'POST', body: JSON.stringify({ requestId }) });
    const first = (await retry()).json;
    expect(first).toMatchObject({ outcome: 'failed', invoice: { id: invoice.id, status: 'failed', paymentAttempts: 2 } });
    expect(first.message).toBeTruthy();
    expect(first.invoice.stripePaymentIntentId).toMatch(/^pi_/);
    // The same request again (a double click, a retried request) is answered, not charged again.
    const again = (await retry()).json;
    expect(again).toMatchObject({ outcome: 'failed', invoice: { paymentAttempts: 2 } });
    // A new request is a new attempt.
    const next = (await billing.send(`/api/admin/invoices/${invoice.id}/retry`, { method: 'POST', body: JSON.stringify({ requestId: randomUUID() }) })).json;
    expect(next.invoice.paymentAttempts).toBe(3);

    const audit = await s.env.knex('activity_log').where({ action: 'invoice.payment_retried', resourceId: invoice.id }).orderBy('id');
    // One entry per attempt that happened: the repeated request is not a second one.
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorKind: 'staff', workspaceId, before: { status: 'failed', paymentAttempts: 1 }, after: { outcome: 'failed', paymentAttempts: 2, requestId, by: 'staff' } });
  }, 60_000);
});
