import Stripe from 'stripe';
import { createStripeClient } from '@argus/activities';
import {
  deletePaymentMethodByStripeId,
  findInvoiceById,
  findInvoiceByPaymentIntent,
  findSubscriptionByStripeCustomer,
  markInvoicePaid,
  markStripeEventFailed,
  markStripeEventProcessed,
  recordInvoiceRefund,
  recordPaymentFailure,
  recordStripeEvent,
  findStripeEvent,
  upsertPaymentMethod,
  type InvoiceRow,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import { BadRequestError, ConflictError, NotFoundError, ServiceUnavailableError } from '../http/errors';
import { workflowClient } from '../temporal/workflow-client';
import { lifecycleInput } from './billing.service';

/** Stripe's default and recommended tolerance for the timestamp in Stripe-Signature. */
const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

// Stripe delivers an event more than once and in any order. Each event is recorded under its id (a repeat is
// acknowledged and ignored) and applied by the object's state, never by arrival order: an invoice's payment only
// moves forward (paid is final, a late "failed" is ignored), refunds only grow.

type Outcome = { received: true; duplicate: boolean; outcome: string };

function webhooks(deps: AppDeps) {
  return (createStripeClient(deps.config) ?? new Stripe('sk_unused_manual_mode')).webhooks;
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

async function invoiceForIntent(deps: AppDeps, intent: Stripe.PaymentIntent): Promise<InvoiceRow | undefined> {
  const byMetadata = intent.metadata?.invoice_id;
  if (byMetadata && /^[0-9a-f-]{36}$/i.test(byMetadata)) {
    const invoice = await findInvoiceById(deps.knex, byMetadata);
    if (invoice) return invoice;
  }
  return findInvoiceByPaymentIntent(deps.knex, intent.id);
}

async function apply(deps: AppDeps, event: Stripe.Event): Promise<string> {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      const invoice = await invoiceForIntent(deps, intent);
      if (!invoice) return 'ignored: no Argus invoice for this payment';
      const moved = await markInvoicePaid(deps.knex, invoice.id, { paymentIntentId: intent.id });
      await workflowClient.signalPaymentSettled(deps, lifecycleInput(deps, invoice.workspaceId), { invoiceId: invoice.id, outcome: 'paid' });
      return moved ? `invoice ${invoice.number} paid` : `invoice ${invoice.number} was already ${invoice.status}`;
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const invoice = await invoiceForIntent(deps, intent);
      if (!invoice) return 'ignored: no Argus invoice for this payment';
      if (!['sent', 'failed', 'draft'].includes(invoice.status)) return `ignored: invoice ${invoice.number} is ${invoice.status} (a late failure)`;
      // A failure of an older attempt says nothing about the newer one.
      if (invoice.stripePaymentIntentId && invoice.stripePaymentIntentId !== intent.id) return `ignored: a newer payment of invoice ${invoice.number} is under way`;
      const message = intent.last_payment_error?.message ?? 'The card was declined.';
      await recordPaymentFailure(deps.knex, invoice.id, { attempt: Math.max(Number(intent.metadata?.attempt ?? 0) || 0, invoice.paymentAttempts, 1), error: message, paymentIntentId: intent.id });
      await workflowClient.signalPaymentSettled(deps, lifecycleInput(deps, invoice.workspaceId), { invoiceId: invoice.id, outcome: 'failed', error: message });
      return `invoice ${invoice.number} payment failed`;
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const intentId = idOf(charge.payment_intent);
      const invoice = intentId ? await findInvoiceByPaymentIntent(deps.knex, intentId) : undefined;
      if (!invoice) return 'ignored: no Argus invoice for this charge';
      const row = await recordInvoiceRefund(deps.knex, invoice.id, charge.amount_refunded);
      return row ? `invoice ${invoice.number}: ${row.amountRefundedCents} cents refunded` : `ignored: invoice ${invoice.number} is ${invoice.status}`;
    }
    case 'setup_intent.succeeded': {
      const intent = event.data.object;
      const customer = idOf(intent.customer);
      const methodId = idOf(intent.payment_method);
      const sub = customer ? await findSubscriptionByStripeCustomer(deps.knex, customer) : undefined;
      if (!sub || !methodId) return 'ignored: no Argus customer or card';
      // The event names the card; its brand and last four digits come from Stripe.
      const method = typeof intent.payment_method === 'object' && intent.payment_method ? intent.payment_method : await createStripeClient(deps.config)?.paymentMethods.retrieve(methodId);
      await upsertPaymentMethod(deps.knex, {
        workspaceId: sub.workspaceId,
        stripePaymentMethodId: methodId,
        brand: method?.card?.brand ?? 'card',
        last4: method?.card?.last4 ?? '',
        expMonth: method?.card?.exp_month ?? null,
        expYear: method?.card?.exp_year ?? null,
      });
      return 'card saved';
    }
    case 'payment_method.detached': {
      const removed = await deletePaymentMethodByStripeId(deps.knex, event.data.object.id);
      return removed ? 'card removed' : 'ignored: card unknown';
    }
    default:
      // Argus keeps subscriptions and invoices itself; Stripe Billing's own events do not apply.
      return `ignored: ${event.type} is not used by Argus`;
  }
}

/**
 * POST /api/billing/stripe-webhook. The signature is checked over the raw body (300 s tolerance); the event is
 * recorded before it is applied and marked processed only after its effect (rows and the workflow signal) is
 * durable. Anything else answers 503, so Stripe delivers it again.
 */
export async function receiveStripeEvent(deps: AppDeps, rawBody: Buffer, signature: string | undefined): Promise<Outcome> {
  const secret = deps.config.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new NotFoundError('Stripe webhooks are not configured on this installation (STRIPE_WEBHOOK_SECRET is unset).');
  if (!signature) throw new BadRequestError('The Stripe-Signature header is missing.');
  let event: Stripe.Event;
  try {
    event = webhooks(deps).constructEvent(rawBody, signature, secret, STRIPE_SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    deps.metrics.webhookIntake.inc({ source: 'stripe', outcome: 'bad_signature' });
    throw new BadRequestError(`The Stripe-Signature header does not match the body, or it is older than ${STRIPE_SIGNATURE_TOLERANCE_SECONDS} seconds.`);
  }
  if (typeof event?.id !== 'string' || typeof event.type !== 'string' || !event.data?.object) throw new BadRequestError('The body is not a Stripe event.');

  const recorded = {
    id: event.id,
    type: event.type,
    objectId: idOf(event.data.object as { id: string }),
    createdAt: new Date((Number(event.created) || Math.floor(Date.now() / 1000)) * 1000),
    payload: event,
  };
  await recordStripeEvent(deps.knex, recorded);
  try {
    // Stripe may deliver one event several times at once. The first copy takes a per-event lock (held by one
    // connection for as long as it applies the event); a copy that finds it taken is answered 409 at once, without
    // waiting on a pooled connection, and Stripe delivers it again later, when it finds the event processed.
    const applied = await deps.knex.transaction(async (trx) => {
      const { rows } = (await trx.raw('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [`stripe-event:${event.id}`])) as { rows: { locked: boolean }[] };
      if (!rows[0]?.locked) throw new ConflictError('Another delivery of this Stripe event is being applied right now. Stripe delivers it again; that delivery will find it done.');
      if ((await findStripeEvent(trx, event.id))?.processedAt) return null;
      const outcome = await apply(deps, event);
      await markStripeEventProcessed(deps.knex, event.id, outcome);
      return outcome;
    });
    if (applied === null) {
      deps.metrics.webhookIntake.inc({ source: 'stripe', outcome: 'duplicate' });
      return { received: true, duplicate: true, outcome: 'already processed' };
    }
    deps.metrics.webhookIntake.inc({ source: 'stripe', outcome: 'processed' });
    return { received: true, duplicate: false, outcome: applied };
  } catch (err) {
    if (err instanceof ConflictError) {
      deps.metrics.webhookIntake.inc({ source: 'stripe', outcome: 'in_progress' });
      throw err;
    }
    deps.logger.warn({ err, eventId: event.id, type: event.type }, 'applying a Stripe event failed; Stripe will deliver it again');
    await markStripeEventFailed(deps.knex, event.id, (err as Error).message).catch(() => {});
    deps.metrics.webhookIntake.inc({ source: 'stripe', outcome: 'unavailable' });
    throw new ServiceUnavailableError('The event was recorded but could not be applied yet; deliver it again.', {}, { cause: err });
  }
}
