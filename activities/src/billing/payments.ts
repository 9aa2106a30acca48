import type Stripe from 'stripe';
import {
  findDefaultPaymentMethod,
  findInvoiceById,
  findSubscriptionById,
  markInvoicePaid,
  recordInvoiceRefund,
  recordPaymentFailure,
  recordPaymentStarted,
  setStripeCustomerId,
  upsertPaymentMethod,
  type Db,
  type InvoiceRow,
  type PaymentMethodRow,
  type SubscriptionRow,
} from '@argus/db';
import type { PaymentOutcome } from '@argus/workflows/contract';

// Argus keeps its own invoices and charges each one with a PaymentIntent (one per attempt, keyed by invoice and
// attempt, so a retried activity never charges twice). Stripe Invoices would be a second ledger of the same money
// that Argus would have to mirror, and stripe-mock keeps no state to test that mirroring against.

export class BillingError extends Error {
  constructor(
    message: string,
    readonly code: 'no_customer' | 'not_found' | 'not_refundable' | 'stripe_refused',
  ) {
    super(message);
    this.name = 'BillingError';
  }
}

/** The workspace's Stripe customer, created once (the idempotency key makes a concurrent second create return the first). */
export async function ensureStripeCustomer(stripe: Stripe, db: Db, sub: SubscriptionRow, who: { email?: string | null; name?: string | null } = {}): Promise<string> {
  if (sub.stripeCustomerId) return sub.stripeCustomerId;
  const customer = await stripe.customers.create(
    { email: sub.billingEmail ?? who.email ?? undefined, name: who.name ?? undefined, metadata: { workspace_id: sub.workspaceId, subscription_id: sub.id } },
    { idempotencyKey: `argus-customer-${sub.id}` },
  );
  return setStripeCustomerId(db, sub.id, customer.id);
}

/** Step one of saving a card: the browser confirms this SetupIntent with Stripe Elements. */
export async function createSetupIntent(stripe: Stripe, customerId: string, requestId: string): Promise<{ id: string; clientSecret: string }> {
  const intent = await stripe.setupIntents.create({ customer: customerId, usage: 'off_session' }, { idempotencyKey: `argus-setup-${requestId}` });
  return { id: intent.id, clientSecret: intent.client_secret ?? '' };
}

/** Step two: attach the confirmed card to the customer and remember it (brand, last 4, expiry). */
export async function savePaymentMethod(stripe: Stripe, db: Db, sub: SubscriptionRow, customerId: string, paymentMethodId: string, makeDefault: boolean): Promise<PaymentMethodRow> {
  let method: Stripe.PaymentMethod;
  try {
    method = await stripe.paymentMethods.attach(paymentMethodId, { customer: customerId });
  } catch (err) {
    if ((err as { type?: string }).type === 'StripeInvalidRequestError' || (err as { type?: string }).type === 'StripeCardError') {
      throw new BillingError(`Stripe refused the card: ${(err as Error).message}`, 'stripe_refused');
    }
    throw err;
  }
  if (makeDefault) await stripe.customers.update(customerId, { invoice_settings: { default_payment_method: method.id } }, { idempotencyKey: `argus-default-${sub.id}-${method.id}` });
  return upsertPaymentMethod(db, {
    workspaceId: sub.workspaceId,
    stripePaymentMethodId: method.id,
    brand: method.card?.brand ?? method.type,
    last4: method.card?.last4 ?? '',
    expMonth: method.card?.exp_month ?? null,
    expYear: method.card?.exp_year ?? null,
    makeDefault,
  });
}

export async function detachPaymentMethod(stripe: Stripe, stripePaymentMethodId: string): Promise<void> {
  try {
    await stripe.paymentMethods.detach(stripePaymentMethodId);
  } catch (err) {
    // Already detached (or removed in Stripe's dashboard): forgetting it here is all that is left to do.
    if ((err as { type?: string }).type !== 'StripeInvalidRequestError') throw err;
  }
}

function declineMessage(intent: Stripe.PaymentIntent): string {
  const reason = intent.last_payment_error?.message;
  if (reason) return reason;
  if (intent.status === 'requires_action') return 'The bank asks the card holder to authenticate this payment; retry it from the Billing page.';
  return 'The card was declined.';
}

/**
 * Charges the invoice once for this attempt (`idempotencyKey` is the same for every retry of one attempt): 'paid', 'failed' (declined, no card), 'pending' (Stripe settles it
 * later and tells the webhook) or 'manual' (no Stripe: a billing admin marks it paid). Network errors throw, so the
 * activity retries with the same idempotency key.
 */
export async function chargeInvoice(stripe: Stripe | null, db: Db, invoiceId: string, attempt: number, idempotencyKey: string): Promise<{ outcome: PaymentOutcome; message: string; invoice: InvoiceRow }> {
  const invoice = await findInvoiceById(db, invoiceId);
  if (!invoice) throw new BillingError(`invoice ${invoiceId} does not exist`, 'not_found');
  if (!['sent', 'failed', 'draft'].includes(invoice.status)) return { outcome: 'not_owed', message: `Invoice ${invoice.number} is ${invoice.status}.`, invoice };
  if (invoice.totalCents === 0) {
    await markInvoicePaid(db, invoice.id);
    return { outcome: 'paid', message: 'Nothing was owed.', invoice };
  }
  if (!stripe) return { outcome: 'manual', message: `Invoice ${invoice.number} waits for payment; a billing admin marks it paid.`, invoice };
  const sub = (await findSubscriptionById(db, invoice.subscriptionId))!;
  const customer = await ensureStripeCustomer(stripe, db, sub);
  const card = await findDefaultPaymentMethod(db, sub.workspaceId);
  if (!card) {
    const message = 'There is no card on file. Add a payment method on the Billing page.';
    await recordPaymentFailure(db, invoice.id, { attempt, error: message });
    return { outcome: 'failed', message, invoice };
  }
  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe.paymentIntents.create(
      {
        amount: invoice.totalCents,
        currency: invoice.currency,
        customer,
        payment_method: card.stripePaymentMethodId,
        off_session: true,
        confirm: true,
        description: `Argus invoice ${invoice.number}`,
        metadata: { invoice_id: invoice.id, workspace_id: invoice.workspaceId, attempt: String(attempt) },
      },
      { idempotencyKey: `argus-charge-${idempotencyKey}` },
    );
  } catch (err) {
    const e = err as { type?: string; message?: string; raw?: { payment_intent?: { id?: string } } };
    if (e.type === 'StripeCardError') {
      const message = e.message ?? 'The card was declined.';
      await recordPaymentFailure(db, invoice.id, { attempt, error: message, paymentIntentId: e.raw?.payment_intent?.id ?? null });
      return { outcome: 'failed', message, invoice };
    }
    throw err;
  }
  if (intent.status === 'succeeded') {
    await markInvoicePaid(db, invoice.id, { paymentIntentId: intent.id });
    return { outcome: 'paid', message: `Paid with ${card.brand} ending ${card.last4}.`, invoice };
  }
  if (intent.status === 'processing' || intent.status === 'requires_capture') {
    await recordPaymentStarted(db, invoice.id, { attempt, paymentIntentId: intent.id });
    return { outcome: 'pending', message: 'The payment is processing; Stripe confirms it shortly.', invoice };
  }
  const message = declineMessage(intent);
  await recordPaymentFailure(db, invoice.id, { attempt, error: message, paymentIntentId: intent.id });
  return { outcome: 'failed', message, invoice };
}

/** A billing admin's refund (whole or part) of a paid invoice. Refunds only add up, never past the total. */
export async function refundInvoice(stripe: Stripe | null, db: Db, invoice: InvoiceRow, amountCents: number, requestId: string): Promise<InvoiceRow> {
  if (!['paid', 'refunded'].includes(invoice.status)) throw new BillingError(`Invoice ${invoice.number} is ${invoice.status}; only a paid invoice can be refunded.`, 'not_refundable');
  const left = invoice.totalCents - invoice.amountRefundedCents;
  if (amountCents <= 0 || amountCents > left) throw new BillingError(`At most ${left} cents of invoice ${invoice.number} can still be refunded.`, 'not_refundable');
  if (stripe) {
    if (!invoice.stripePaymentIntentId) throw new BillingError(`Invoice ${invoice.number} was paid outside Stripe; refund it there and record it manually.`, 'not_refundable');
    await stripe.refunds.create({ payment_intent: invoice.stripePaymentIntentId, amount: amountCents, metadata: { invoice_id: invoice.id } }, { idempotencyKey: `argus-refund-${requestId}` });
  }
  return (await recordInvoiceRefund(db, invoice.id, invoice.amountRefundedCents + amountCents))!;
}
