import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { seedDueSubscriptions, signedStripeEvent, stripeEnv } from '../../../e2e/support/billing';

// Stripe through stripe-mock (every call is validated against Stripe's OpenAPI spec), the webhook's signature,
// tolerance, dedupe and ordering, refunds, and manual mode without Stripe keys.

let stripe: TestEnv;
let manual: TestEnv;

async function fixture(env: TestEnv, opts: { status?: string; paymentIntent?: string } = {}) {
  const admin = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [subscriptionId] = await seedDueSubscriptions(env.knex, { ownerId: admin.user.id, count: 1 });
  const sub = await env.knex('subscription').where({ id: subscriptionId }).first();
  await env.knex('workspace_members').insert({ workspaceId: sub.workspaceId, userId: admin.user.id, role: 'admin' });
  const [invoice] = await env.knex('invoice').insert({ subscriptionId, workspaceId: sub.workspaceId, tierId: sub.tierId, billingPeriodStart: sub.currentPeriodStart, billingPeriodEnd: sub.currentPeriodEnd, subtotalCents: 9900, totalCents: 9900, status: opts.status ?? 'failed', stripePaymentIntentId: opts.paymentIntent ?? null }).returning('*');
  return { admin, workspaceId: sub.workspaceId as string, subscriptionId: subscriptionId!, invoice };
}

const post = (env: TestEnv, event: { payload: string; header: string }) => request(env.app).post('/api/billing/stripe-webhook').set('stripe-signature', event.header).set('content-type', 'application/json').send(event.payload);

beforeAll(async () => {
  [stripe, manual] = await Promise.all([createTestEnv({ ...stripeEnv(), BILLING_DEFAULT_TIER: 'free' }), createTestEnv({ BILLING_DEFAULT_TIER: 'free' })]);
}, 120_000);
afterAll(async () => {
  await stripe?.close();
  await manual?.close();
});

describe('the Stripe webhook', () => {
  it('checks the signature over the raw body, with a 300 second tolerance', async () => {
    const { invoice } = await fixture(stripe, { paymentIntent: 'pi_sig_test' });
    const event = signedStripeEvent('payment_intent.succeeded', { id: 'pi_sig_test', object: 'payment_intent', metadata: { invoice_id: invoice.id } });
    await request(stripe.app).post('/api/billing/stripe-webhook').set('content-type', 'application/json').send(event.payload).expect(400);
    const tampered = event.payload.replace('pi_sig_test', 'pi_sig_tesT');
    expect((await request(stripe.app).post('/api/billing/stripe-webhook').set('stripe-signature', event.header).set('content-type', 'application/json').send(tampered).expect(400)).body.detail).toMatch(/does not match/);
    await post(stripe, signedStripeEvent('payment_intent.succeeded', { id: 'pi_sig_test', object: 'payment_intent' }, { secret: 'whsec_someone_else' })).expect(400);
    const stale = signedStripeEvent('payment_intent.succeeded', { id: 'pi_sig_test', object: 'payment_intent', metadata: { invoice_id: invoice.id } }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await post(stripe, stale).expect(400)).body.detail).toMatch(/older than 300 seconds/);
    const recent = signedStripeEvent('payment_intent.succeeded', { id: 'pi_sig_test', object: 'payment_intent', metadata: { invoice_id: invoice.id } }, { timestamp: Math.floor(Date.now() / 1000) - 250 });
    expect((await post(stripe, recent).expect(200)).body).toMatchObject({ received: true, duplicate: false, outcome: expect.stringMatching(/paid$/) });
    expect((await stripe.knex('invoice').where({ id: invoice.id }).first()).status).toBe('paid');
  });

  it('deduplicates on event.id and applies events by state, not arrival order', async () => {
    const { invoice } = await fixture(stripe, { status: 'sent', paymentIntent: 'pi_order_test' });
    // The success is delivered first, then the (older) failure of the same payment, then the success again.
    const succeeded = signedStripeEvent('payment_intent.succeeded', { id: 'pi_order_test', object: 'payment_intent', metadata: { invoice_id: invoice.id } }, { id: 'evt_order_success' });
    const failed = signedStripeEvent('payment_intent.payment_failed', { id: 'pi_order_test', object: 'payment_intent', metadata: { invoice_id: invoice.id }, last_payment_error: { message: 'Your card was declined.' } }, { id: 'evt_order_failure', created: Math.floor(Date.now() / 1000) - 30 });
    await post(stripe, succeeded).expect(200);
    expect((await post(stripe, failed).expect(200)).body.outcome).toMatch(/ignored: invoice .* is paid/);
    expect((await post(stripe, succeeded).expect(200)).body).toMatchObject({ duplicate: true });
    expect(await stripe.knex('invoice').where({ id: invoice.id }).first()).toMatchObject({ status: 'paid', lastPaymentError: null });
    expect(await stripe.knex('stripe_event').whereIn('id', ['evt_order_success', 'evt_order_failure']).select('id', 'attempts').orderBy('id')).toEqual([
      { id: 'evt_order_failure', attempts: 1 },
      { id: 'evt_order_success', attempts: 2 },
    ]);

    // The other order: the failure first, then the success. Paid either way.
    const other = await fixture(stripe, { status: 'sent', paymentIntent: 'pi_order_two' });
    await post(stripe, signedStripeEvent('payment_intent.payment_failed', { id: 'pi_order_two', object: 'payment_intent', metadata: { invoice_id: other.invoice.id }, last_payment_error: { message: 'Insufficient funds.' } })).expect(200);
    expect(await stripe.knex('invoice').where({ id: other.invoice.id }).first()).toMatchObject({ status: 'failed', lastPaymentError: 'Insufficient funds.' });
    await post(stripe, signedStripeEvent('payment_intent.succeeded', { id: 'pi_order_two', object: 'payment_intent', metadata: { invoice_id: other.invoice.id } })).expect(200);
    expect((await stripe.knex('invoice').where({ id: other.invoice.id }).first()).status).toBe('paid');
  });

  it('records refunds from charge.refunded, never shrinking them, and ignores events Argus does not use', async () => {
    const { invoice } = await fixture(stripe, { status: 'paid', paymentIntent: 'pi_refund_event' });
    await post(stripe, signedStripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_refund_event', amount_refunded: 4000 })).expect(200);
    await post(stripe, signedStripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_refund_event', amount_refunded: 1000 }, { created: Math.floor(Date.now() / 1000) - 100 })).expect(200);
    expect(await stripe.knex('invoice').where({ id: invoice.id }).first()).toMatchObject({ amountRefundedCents: 4000, status: 'paid' });
    await post(stripe, signedStripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_refund_event', amount_refunded: 9900 })).expect(200);
    expect((await stripe.knex('invoice').where({ id: invoice.id }).first()).status).toBe('refunded');
    expect((await post(stripe, signedStripeEvent('customer.subscription.updated', { id: 'sub_1', object: 'subscription' })).expect(200)).body.outcome).toMatch(/not used by Argus/);
  });
});

describe('cards reported by webhook', () => {
  it('records a card confirmed in Stripe (setup_intent.succeeded) once, and forgets a detached one', async () => {
    const { workspaceId, subscriptionId } = await fixture(stripe);
    await stripe.knex('subscription').where({ id: subscriptionId }).update({ stripeCustomerId: 'cus_hooked' });
    const saved = signedStripeEvent('setup_intent.succeeded', { id: 'seti_hooked', object: 'setup_intent', customer: 'cus_hooked', payment_method: 'pm_hooked', status: 'succeeded' });
    expect((await post(stripe, saved).expect(200)).body.outcome).toBe('card saved');
    await post(stripe, signedStripeEvent('setup_intent.succeeded', { id: 'seti_hooked', object: 'setup_intent', customer: 'cus_hooked', payment_method: 'pm_hooked' })).expect(200);
    const cards = await stripe.knex('payment_method').where({ workspaceId });
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ stripePaymentMethodId: 'pm_hooked', brand: 'visa', last4: '4242', isDefault: true });
    await post(stripe, signedStripeEvent('payment_method.detached', { id: 'pm_hooked', object: 'payment_method' })).expect(200);
    expect(await stripe.knex('payment_method').where({ workspaceId })).toHaveLength(0);
  });
});

describe('payment methods through SetupIntents', () => {
  it('adds, lists, switches the default and removes cards (stripe-mock), for workspace admins only', async () => {
    const { admin, workspaceId } = await fixture(stripe);
    const viewer = await createUserWithToken(stripe.knex, stripe.config.jwtSecret);
    await stripe.knex('workspace_members').insert({ workspaceId, userId: viewer.user.id, role: 'viewer' });
    const as = (who: { authHeader: string }) => ({
      get: (url: string) => request(stripe.app).get(url).set('authorization', who.authHeader),
      post: (url: string, body: object = {}) => request(stripe.app).post(url).set('authorization', who.authHeader).send(body),
      delete: (url: string) => request(stripe.app).delete(url).set('authorization', who.authHeader),
    });
    const intent = (await as(admin).post('/api/billing/setup-intents', { workspaceId }).expect(201)).body;
    expect(intent).toMatchObject({ setupIntentId: expect.stringMatching(/^seti_/), clientSecret: expect.stringContaining('_secret_'), publishableKey: 'pk_test_argus' });
    expect((await stripe.knex('subscription').where({ workspaceId }).first()).stripeCustomerId).toMatch(/^cus_/);
    await as(viewer).post('/api/billing/setup-intents', { workspaceId }).expect(403);
    await as(admin).post('/api/billing/payment-methods', { workspaceId, paymentMethodId: 'not-a-card' }).expect(400);
    const first = (await as(admin).post('/api/billing/payment-methods', { workspaceId, paymentMethodId: 'pm_card_visa' }).expect(201)).body;
    const second = (await as(admin).post('/api/billing/payment-methods', { workspaceId, paymentMethodId: 'pm_card_mastercard', makeDefault: false }).expect(201)).body;
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    const listed = (await as(viewer).get(`/api/billing/payment-methods?workspaceId=${workspaceId}`).expect(200)).body;
    expect(listed).toMatchObject({ mode: 'stripe', items: [{ id: first.id, isDefault: true }, { id: second.id }] });
    await as(admin).post(`/api/billing/payment-methods/${second.id}/default`).expect(200);
    await as(admin).delete(`/api/billing/payment-methods/${second.id}`).expect(204);
    // Removing the default promotes the newest remaining card.
    expect((await as(admin).get(`/api/billing/payment-methods?workspaceId=${workspaceId}`).expect(200)).body.items).toMatchObject([{ id: first.id, isDefault: true }]);
    await as(viewer).delete(`/api/billing/payment-methods/${first.id}`).expect(403);
  });
});

describe('refunds', () => {
  it('lets a billing admin refund part or all of a paid invoice through Stripe, never more than was paid', async () => {
    const { invoice } = await fixture(stripe, { status: 'paid', paymentIntent: 'pi_refund_admin' });
    const billing = await createUserWithToken(stripe.knex, stripe.config.jwtSecret, { staffRole: 'billing_admin' });
    const support = await createUserWithToken(stripe.knex, stripe.config.jwtSecret, { staffRole: 'support_admin' });
    const refund = (who: { authHeader: string }, amountCents: number) => request(stripe.app).post(`/api/admin/invoices/${invoice.id}/refund`).set('authorization', who.authHeader).send({ amountCents, reason: 'goodwill' });
    await refund(support, 100).expect(403);
    expect((await refund(billing, 2500).expect(200)).body).toMatchObject({ amountRefundedCents: 2500, status: 'paid' });
    expect((await refund(billing, 7401).expect(400)).body.detail).toMatch(/At most 7400 cents/);
    expect((await refund(billing, 7400).expect(200)).body).toMatchObject({ amountRefundedCents: 9900, status: 'refunded' });
    const open = await fixture(stripe, { status: 'sent' });
    expect((await request(stripe.app).post(`/api/admin/invoices/${open.invoice.id}/refund`).set('authorization', billing.authHeader).send({ amountCents: 1, reason: 'x' }).expect(400)).body.detail).toMatch(/only a paid invoice/);
  });
});

describe('manual mode (no Stripe keys)', () => {
  it('issues invoices a billing admin marks paid, says plainly that cards need Stripe, and refuses the webhook', async () => {
    const { admin, workspaceId, invoice } = await fixture(manual, { status: 'sent' });
    const current = (await request(manual.app).get(`/api/subscriptions/current?workspaceId=${workspaceId}`).set('authorization', admin.authHeader).expect(200)).body;
    expect(current.mode).toBe('manual');
    expect((await request(manual.app).get(`/api/billing/payment-methods?workspaceId=${workspaceId}`).set('authorization', admin.authHeader).expect(200)).body).toMatchObject({ mode: 'manual', publishableKey: null, items: [] });
    expect((await request(manual.app).post('/api/billing/setup-intents').set('authorization', admin.authHeader).send({ workspaceId }).expect(409)).body.detail).toMatch(/bills manually/);
    const billing = await createUserWithToken(manual.knex, manual.config.jwtSecret, { staffRole: 'billing_admin' });
    await request(manual.app).post(`/api/admin/invoices/${invoice.id}/mark-paid`).set('authorization', admin.authHeader).send({}).expect(403);
    const paid = (await request(manual.app).post(`/api/admin/invoices/${invoice.id}/mark-paid`).set('authorization', billing.authHeader).send({ note: 'bank transfer 2026-12-01' }).expect(200)).body;
    expect(paid).toMatchObject({ status: 'paid', items: [] });
    await request(manual.app).post(`/api/admin/invoices/${invoice.id}/mark-paid`).set('authorization', billing.authHeader).send({}).expect(409);
    // A refund in manual mode is recorded (the money went back outside Argus).
    expect((await request(manual.app).post(`/api/admin/invoices/${invoice.id}/refund`).set('authorization', billing.authHeader).send({ amountCents: 9900, reason: 'duplicate transfer' }).expect(200)).body.status).toBe('refunded');
    const list = await request(manual.app).get('/api/admin/invoices?filter={"status":"refunded"}').set('authorization', billing.authHeader).expect(200);
    expect(list.headers['content-range']).toMatch(/^invoices 0-0\/1$/);
    await request(manual.app).post('/api/billing/stripe-webhook').set('stripe-signature', 't=1,v1=x').send('{}').expect(404);
  });
});
