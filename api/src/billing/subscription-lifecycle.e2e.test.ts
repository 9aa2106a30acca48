import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { workflowIds, type SubscriptionState } from '@argus/workflows/contract';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { eventually, signedStripeEvent, stripeEnv } from '../../../e2e/support/billing';

// The whole lifecycle on the real Temporal dev server, with stripe-mock as Stripe and periods of seconds:
// trial → active → upgrade (prorated) → failed payment → dunning → restricted → paid → active → cancel at period end.
// stripe-mock answers every off-session charge with requires_payment_method, i.e. a decline; the payment that
// finally succeeds arrives the way Stripe reports it, as a signed webhook.

const PERIOD_MS = 8000;
let env: TestEnv;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;
let developer: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;

const as = (who: { authHeader: string }) => ({
  get: (url: string) => request(env.app).get(url).set('authorization', who.authHeader),
  post: (url: string, body: object = {}) => request(env.app).post(url).set('authorization', who.authHeader).send(body),
  patch: (url: string, body: object) => request(env.app).patch(url).set('authorization', who.authHeader).send(body),
});
const current = async () => (await as(admin).get(`/api/subscriptions/current?workspaceId=${workspaceId}`).expect(200)).body;
const mails = async (template: string) => (await env.knex('outbox_emails').where({ template }).count('* as n').first()) as { n: number };

beforeAll(async () => {
  env = await createTestEnv({
    ...stripeEnv(),
    BILLING_DEFAULT_TIER: 'free',
    BILLING_PERIOD: `${PERIOD_MS / 1000} seconds`,
    BILLING_TRIAL_PERIOD: '2 seconds',
    BILLING_DUNNING_DELAYS: '1 second,1 second',
    BILLING_TAX_RATES: 'DE:1900,*:0',
  });
  admin = await createUserWithToken(env.knex, env.config.jwtSecret);
  developer = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Lifecycle GmbH', slug: `lifecycle-${Date.now()}`, kind: 'team', ownerId: admin.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert([
    { workspaceId, userId: admin.user.id, role: 'admin' },
    { workspaceId, userId: developer.user.id, role: 'developer' },
  ]);
  await env.startWorker();
}, 180_000);
afterAll(async () => {
  await env.temporal.workflow.getHandle(workflowIds.subscription(workspaceId)).terminate('test over').catch(() => {});
  await env?.close();
});

describe('the subscription lifecycle, compressed to seconds', () => {
  it('goes trial → active → upgrade → failed payment → dunning → restricted → paid → active → cancelled at period end', async () => {
    // Free, until someone chooses a plan; developers read the plan but cannot change it.
    expect(await current()).toMatchObject({ status: 'active', tier: { name: 'free' }, mode: 'stripe', canManage: true });
    const devView = (await as(developer).get(`/api/subscriptions/current?workspaceId=${workspaceId}`).expect(200)).body;
    expect(devView.canManage).toBe(false);
    await as(developer).post('/api/subscriptions/upgrade', { workspaceId, tier: 'professional' }).expect(403);

    await as(admin).patch('/api/subscriptions/billing-details', { workspaceId, billingCountry: 'de', billingEmail: 'billing@lifecycle.example' }).expect(200);
    // A card, through a SetupIntent and stripe-mock (Elements would confirm it in the browser).
    const intent = (await as(admin).post('/api/billing/setup-intents', { workspaceId }).expect(201)).body;
    expect(intent.clientSecret).toMatch(/^seti_/);
    const card = (await as(admin).post('/api/billing/payment-methods', { workspaceId, paymentMethodId: 'pm_card_visa' }).expect(201)).body;
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', isDefault: true });

    // Trial of Professional, then active.
    const started = (await as(admin).post('/api/subscriptions/upgrade', { workspaceId, tier: 'professional' }).expect(200)).body;
    expect(started.subscription).toMatchObject({ status: 'trial', tier: { name: 'professional' } });
    const active = await eventually('trial ends', async () => ((await current()).status === 'active' ? current() : null), 15_000);
    expect(active.tier.name).toBe('professional');
    expect(await env.knex('invoice').where({ workspaceId }).count('* as n').first()).toEqual({ n: 0 });

    // Upgrade mid-period: the preview and the change price the rest of the period the same way.
    const preview = (await as(admin).get(`/api/subscriptions/preview?workspaceId=${workspaceId}&tier=enterprise`).expect(200)).body;
    expect(preview).toMatchObject({ allowed: true, effective: 'now', startsTrial: false });
    const periodStart = Date.parse(active.currentPeriodStart);
    const upgraded = (await as(admin).post('/api/subscriptions/upgrade', { workspaceId, tier: 'enterprise' }).expect(200)).body;
    expect(upgraded.subscription.tier.name).toBe('enterprise');
    expect(upgraded.prorationCents).toBeGreaterThan(0);
    expect(upgraded.prorationCents).toBeLessThanOrEqual(preview.prorationCents);
    const elapsed = Date.now() - periodStart;
    expect(Math.abs(upgraded.prorationCents - (40000 * (PERIOD_MS - elapsed)) / PERIOD_MS)).toBeLessThan(40000 * 0.25);
    await as(admin).post('/api/subscriptions/upgrade', { workspaceId, tier: 'enterprise' }).expect(409);
    await as(admin).post('/api/subscriptions/downgrade', { workspaceId, tier: 'enterprise' }).expect(409);

    // The period ends: one invoice (base fee + proration + 19 % tax), the charge is declined → past due, dunning.
    const restricted = await eventually('dunning exhausts its retries', async () => {
      const s = await current();
      return s.restricted ? s : null;
    }, PERIOD_MS + 15_000);
    expect(restricted.status).toBe('past_due');
    const [invoice] = await env.knex('invoice').where({ workspaceId });
    const items = await env.knex('invoice_item').where({ invoiceId: invoice.id }).orderBy('position');
    expect(items.map((i: { itemType: string }) => i.itemType)).toEqual(['subscription', 'proration']);
    expect(items[0].totalCents).toBe(9900);
    expect(items[1].totalCents).toBe(upgraded.prorationCents);
    expect(invoice.subtotalCents).toBe(9900 + upgraded.prorationCents);
    expect(invoice.taxCents).toBe(Math.floor((2 * invoice.subtotalCents * 1900 + 10_000) / 20_000));
    expect(invoice.totalCents).toBe(invoice.subtotalCents + invoice.taxCents);
    expect(invoice).toMatchObject({ status: 'failed', paymentAttempts: 3, taxCountry: 'DE' });
    expect(invoice.lastPaymentError).toBeTruthy();
    expect((await mails('billing.payment_failed')).n).toBe(3);
    expect((await mails('billing.restricted')).n).toBe(1);
    expect((await mails('billing.invoice')).n).toBe(1);
    const detail = (await as(developer).get(`/api/billing/invoices/${invoice.id}`).expect(200)).body;
    expect(detail.items.reduce((s: number, i: { totalCents: number }) => s + i.totalCents, 0)).toBe(detail.subtotalCents);
    const pdf = await as(developer).get(`/api/billing/invoices/${invoice.id}/pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    // "Retry payment" charges the card once more, now: stripe-mock declines again. Developers cannot retry.
    await as(developer).post(`/api/billing/invoices/${invoice.id}/retry`).expect(403);
    const retried = (await as(admin).post(`/api/billing/invoices/${invoice.id}/retry`).expect(200)).body;
    expect(retried).toMatchObject({ outcome: 'failed', invoice: { status: 'failed', paymentAttempts: 4 } });
    const retriedInvoice = await env.knex('invoice').where({ id: invoice.id }).first();

    // The customer pays (Stripe reports it by webhook): paid → active, unrestricted. A repeat changes nothing,
    // and a failure that arrives late for the same payment is ignored.
    const paidEvent = signedStripeEvent('payment_intent.succeeded', { id: retriedInvoice.stripePaymentIntentId, object: 'payment_intent', status: 'succeeded', amount: invoice.totalCents, metadata: { invoice_id: invoice.id } });
    const ack = await request(env.app).post('/api/billing/stripe-webhook').set('stripe-signature', paidEvent.header).set('content-type', 'application/json').send(paidEvent.payload).expect(200);
    expect(ack.body).toMatchObject({ received: true, duplicate: false });
    const again = await request(env.app).post('/api/billing/stripe-webhook').set('stripe-signature', paidEvent.header).set('content-type', 'application/json').send(paidEvent.payload).expect(200);
    expect(again.body.duplicate).toBe(true);
    const late = signedStripeEvent('payment_intent.payment_failed', { id: retriedInvoice.stripePaymentIntentId, object: 'payment_intent', status: 'requires_payment_method', metadata: { invoice_id: invoice.id }, last_payment_error: { message: 'late' } }, { created: Math.floor(Date.now() / 1000) - 60 });
    expect((await request(env.app).post('/api/billing/stripe-webhook').set('stripe-signature', late.header).set('content-type', 'application/json').send(late.payload).expect(200)).body.outcome).toMatch(/ignored/);
    const recovered = await eventually('paid invoice reactivates', async () => {
      const s = await current();
      return s.status === 'active' && !s.restricted ? s : null;
    });
    expect(recovered.tier.name).toBe('enterprise');
    expect((await env.knex('invoice').where({ id: invoice.id }).first()).status).toBe('paid');

    // Cancel at the period end: reversible until then, then the workspace is on Free.
    const cancelling = (await as(admin).post('/api/subscriptions/cancel', { workspaceId, atPeriodEnd: true }).expect(200)).body;
    expect(cancelling).toMatchObject({ effective: 'period_end', subscription: { cancelAtPeriodEnd: true, renewsAt: null } });
    await as(admin).post('/api/subscriptions/reactivate', { workspaceId }).expect(200);
    expect((await current()).cancelAtPeriodEnd).toBe(false);
    await as(admin).post('/api/subscriptions/cancel', { workspaceId, atPeriodEnd: true }).expect(200);
    const ended = await eventually('cancellation takes effect', async () => {
      const s = await current();
      return s.status === 'cancelled' ? s : null;
    }, PERIOD_MS + 10_000);
    expect(ended).toMatchObject({ tier: { name: 'free' }, cancelAtPeriodEnd: false });
    expect(ended.cancelledAt).toBeTruthy();
    // The cancelled period was still invoiced once, at Enterprise's price.
    const invoices = await env.knex('invoice').where({ workspaceId }).orderBy('billingPeriodStart');
    expect(invoices).toHaveLength(2);
    expect(invoices[1].subtotalCents).toBe(49900);
    const audit = (await env.knex('activity_log').where({ workspaceId, resourceType: 'subscription' }).select('action')).map((r: { action: string }) => r.action);
    for (const action of ['subscription.upgraded', 'subscription.trial_ended', 'subscription.renewed', 'subscription.past_due', 'subscription.restricted', 'subscription.settled', 'subscription.cancel_scheduled', 'subscription.reactivated', 'subscription.cancelled']) {
      expect(audit).toContain(action);
    }
  }, 90_000);

  it('carries its state across continueAsNew', async () => {
    const [ws] = await env.knex('workspaces').insert({ name: 'Long lived', slug: `long-${Date.now()}`, kind: 'team', ownerId: admin.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: admin.user.id, role: 'admin' });
    const handle = await env.temporal.workflow.start('subscriptionLifecycle', {
      taskQueue: env.taskQueue,
      workflowId: workflowIds.subscription(ws.id),
      args: [{ workspaceId: ws.id, billingInterval: '1 second', trialPeriod: null, dunningDelays: [], continueAsNewAfterEvents: 12 }],
    });
    const state = await eventually('the workflow continues as new', async () => {
      const s = await handle.query<SubscriptionState>('subscriptionState').catch(() => null);
      return s && s.generation >= 1 ? s : null;
    }, 20_000);
    expect(state.snapshot).toMatchObject({ workspaceId: ws.id, tier: 'free', status: 'active' });
    await handle.terminate('test over');
  }, 30_000);
});
