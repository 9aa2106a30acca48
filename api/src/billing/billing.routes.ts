import { z } from 'zod';
import { createSetupIntent, createStripeClient, detachPaymentMethod, ensureStripeCustomer, renderInvoicePdf, savePaymentMethod, BillingError } from '@argus/activities';
import {
  deletePaymentMethod,
  findInvoiceWithItems,
  findPaymentMethod,
  findTierById,
  findUserById,
  findWorkspaceById,
  listInvoicesOfWorkspace,
  listPaymentMethods,
  setDefaultPaymentMethod,
  type PaymentMethodRow,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { defineRoute } from '../http/route';
import { isUuid, requireWorkspace } from '../access/workspace-access';
import type { WorkspacePermission } from '../access/permissions';
import { recordActivity } from '../audit/activity-log';
import { BadRequestError, ConflictError, NotFoundError, ServiceUnavailableError } from '../http/errors';
import { workflowClient } from '../temporal/workflow-client';
import { lifecycleInput, publicInvoice, publicInvoiceItem, settingsOf, subscriptionOf, tierNames } from './billing.service';
import { receiveStripeEvent } from './stripe-webhook.service';
import { ZInvoice, ZInvoicePage, ZPaymentMethod, ZPaymentMethodList, ZPaymentRetry, ZSetupIntent, ZStripeWebhookAck } from './billing.schemas';

const ZWorkspaceQuery = z.object({ workspaceId: z.string().max(100) });

/** An invoice of one of the caller's workspaces; another tenant's invoice is reported like a missing one. */
async function requireInvoice(deps: AppDeps, auth: AuthContext, id: string, permission: WorkspacePermission) {
  const missing = () => new NotFoundError('No invoice with that id exists in your workspaces.');
  if (!isUuid(id)) throw missing();
  const invoice = await findInvoiceWithItems(deps.knex, id);
  if (!invoice) throw missing();
  const access = await requireWorkspace(deps, auth, invoice.workspaceId, permission, 'invoice');
  return { invoice, access };
}

async function requirePaymentMethod(deps: AppDeps, auth: AuthContext, id: string) {
  const missing = () => new NotFoundError('No payment method with that id exists in your workspaces.');
  if (!isUuid(id)) throw missing();
  const method = await findPaymentMethod(deps.knex, id);
  if (!method) throw missing();
  await requireWorkspace(deps, auth, method.workspaceId, 'billing:manage', 'payment method');
  return method;
}

function stripeOrRefuse(deps: AppDeps) {
  const stripe = createStripeClient(deps.config);
  if (!stripe) throw new ConflictError('Cards need Stripe, and this installation bills manually (no STRIPE_SECRET_KEY): invoices are paid by bank transfer and marked paid by a billing admin.');
  return stripe;
}

/** Stripe being down is our problem to report, not a bug: 503 with a plain message. */
async function viaStripe<T>(deps: AppDeps, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BillingError) throw new BadRequestError(err.message);
    if ((err as { type?: string }).type?.startsWith('Stripe')) {
      deps.logger.warn({ err }, 'Stripe call failed');
      throw new ServiceUnavailableError('Stripe could not be reached or refused the request; try again in a minute.', {}, { cause: err });
    }
    throw err;
  }
}

const publicMethod = (m: PaymentMethodRow) => ({ id: m.id, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear, isDefault: m.isDefault, createdAt: m.createdAt });

async function invoiceBody(deps: AppDeps, id: string) {
  const invoice = (await findInvoiceWithItems(deps.knex, id))!;
  const tier = await findTierById(deps.knex, invoice.tierId);
  return { ...publicInvoice(invoice, tier?.displayName ?? ''), items: invoice.items.map(publicInvoiceItem) };
}

export const billingRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/billing/invoices',
    summary: "List the workspace's invoices, newest period first",
    tags: ['billing'],
    auth: 'user',
    query: ZWorkspaceQuery.extend({ page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(25) }),
    responses: { 200: { description: 'a page of invoices', schema: ZInvoicePage } },
    handler: async ({ deps, auth, query }) => {
      const access = await requireWorkspace(deps, auth, query.workspaceId, 'billing:view');
      const [{ rows, total }, names] = await Promise.all([listInvoicesOfWorkspace(deps.knex, access.workspaceId, query), tierNames(deps)]);
      return { items: rows.map((r) => publicInvoice(r, names.get(r.tierId) ?? '')), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/billing/invoices/:invoiceId',
    summary: 'One invoice with its line items',
    tags: ['billing'],
    auth: 'user',
    params: z.object({ invoiceId: z.string() }),
    responses: { 200: { description: 'the invoice', schema: ZInvoice } },
    handler: async ({ deps, auth, params }) => {
      const { invoice } = await requireInvoice(deps, auth, params.invoiceId, 'billing:view');
      return invoiceBody(deps, invoice.id);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/billing/invoices/:invoiceId/pdf',
    summary: 'The invoice as a PDF',
    tags: ['billing'],
    auth: 'user',
    params: z.object({ invoiceId: z.string() }),
    responses: { 200: { description: 'the PDF', contentType: 'application/pdf' } },
    handler: async ({ deps, auth, params, res }) => {
      const { invoice } = await requireInvoice(deps, auth, params.invoiceId, 'billing:view');
      const [workspace, tier] = await Promise.all([findWorkspaceById(deps.knex, invoice.workspaceId), findTierById(deps.knex, invoice.tierId)]);
      const pdf = await renderInvoicePdf(invoice, { workspaceName: workspace?.name ?? '', tierName: tier?.displayName ?? '' });
      res.status(200).type('application/pdf').setHeader('content-disposition', `attachment; filename="argus-invoice-${invoice.number}.pdf"`);
      res.send(pdf);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/billing/invoices/:invoiceId/retry',
    summary: 'Retry the payment of a failed invoice now, with the default card',
    tags: ['billing'],
    auth: 'user',
    successStatus: 200,
    params: z.object({ invoiceId: z.string() }),
    responses: { 200: { description: 'what the attempt did', schema: ZPaymentRetry }, 409: { description: 'the invoice is not owed' }, 503: { description: 'billing could not take the retry right now' } },
    handler: async ({ deps, req, auth, params }) => {
      const { invoice } = await requireInvoice(deps, auth, params.invoiceId, 'billing:manage');
      if (!['sent', 'failed'].includes(invoice.status)) throw new ConflictError(`Invoice ${invoice.number} is ${invoice.status}; there is nothing to pay.`);
      let result;
      try {
        result = await workflowClient.updateSubscription(deps, lifecycleInput(deps, invoice.workspaceId), 'retryPayment', { invoiceId: invoice.id });
      } catch (err) {
        deps.logger.warn({ err, invoiceId: invoice.id }, 'payment retry failed');
        throw new ServiceUnavailableError('Billing could not take the retry right now; try again in a minute.', {}, { cause: err });
      }
      await recordActivity(deps.knex, req, { workspaceId: invoice.workspaceId, action: 'invoice.payment_retried', resourceType: 'invoice', resourceId: invoice.id, after: { outcome: result.outcome } });
      return { ...result, invoice: await invoiceBody(deps, invoice.id) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/billing/payment-methods',
    summary: 'List the saved cards (default first)',
    tags: ['billing'],
    auth: 'user',
    query: ZWorkspaceQuery,
    responses: { 200: { description: 'the cards, and whether Stripe is configured', schema: ZPaymentMethodList } },
    handler: async ({ deps, auth, query }) => {
      const access = await requireWorkspace(deps, auth, query.workspaceId, 'billing:view');
      const settings = settingsOf(deps);
      return { mode: settings.stripeEnabled ? ('stripe' as const) : ('manual' as const), publishableKey: settings.stripePublishableKey, items: (await listPaymentMethods(deps.knex, access.workspaceId)).map(publicMethod) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/billing/setup-intents',
    summary: 'Start saving a card: a SetupIntent for Stripe Elements to confirm in the browser',
    tags: ['billing'],
    auth: 'user',
    body: z.object({ workspaceId: z.string().max(100) }),
    responses: { 201: { description: 'the SetupIntent', schema: ZSetupIntent }, 409: { description: 'this installation bills manually (no Stripe)' } },
    handler: async ({ deps, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const stripe = stripeOrRefuse(deps);
      const sub = await subscriptionOf(deps, access.workspaceId);
      const user = await findUserById(deps.knex, auth.userId);
      const intent = await viaStripe(deps, async () => createSetupIntent(stripe, await ensureStripeCustomer(stripe, deps.knex, sub, { email: user?.email, name: (await findWorkspaceById(deps.knex, sub.workspaceId))?.name }), `${sub.id}-${Date.now()}`));
      return { setupIntentId: intent.id, clientSecret: intent.clientSecret, publishableKey: settingsOf(deps).stripePublishableKey };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/billing/payment-methods',
    summary: 'Save a card confirmed through a SetupIntent (attaches it to the customer)',
    tags: ['billing'],
    auth: 'user',
    body: z.object({ workspaceId: z.string().max(100), paymentMethodId: z.string().trim().regex(/^pm_[A-Za-z0-9_]{1,200}$/, 'must be a Stripe payment method id (pm_…)'), makeDefault: z.boolean().default(true) }),
    responses: { 201: { description: 'the saved card', schema: ZPaymentMethod }, 409: { description: 'this installation bills manually (no Stripe)' } },
    handler: async ({ deps, req, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const stripe = stripeOrRefuse(deps);
      const sub = await subscriptionOf(deps, access.workspaceId);
      const method = await viaStripe(deps, async () => savePaymentMethod(stripe, deps.knex, sub, await ensureStripeCustomer(stripe, deps.knex, sub), body.paymentMethodId, body.makeDefault));
      await recordActivity(deps.knex, req, { workspaceId: sub.workspaceId, action: 'payment_method.added', resourceType: 'payment_method', resourceId: method.id, after: { brand: method.brand, last4: method.last4, isDefault: method.isDefault } });
      return publicMethod(method);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/billing/payment-methods/:paymentMethodId/default',
    summary: 'Make a saved card the one invoices are charged to',
    tags: ['billing'],
    auth: 'user',
    successStatus: 200,
    params: z.object({ paymentMethodId: z.string() }),
    responses: { 200: { description: 'the card', schema: ZPaymentMethod } },
    handler: async ({ deps, req, auth, params }) => {
      const method = await requirePaymentMethod(deps, auth, params.paymentMethodId);
      const updated = await setDefaultPaymentMethod(deps.knex, method.workspaceId, method.id);
      await recordActivity(deps.knex, req, { workspaceId: method.workspaceId, action: 'payment_method.made_default', resourceType: 'payment_method', resourceId: method.id });
      return publicMethod(updated);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/billing/payment-methods/:paymentMethodId',
    summary: 'Remove a saved card (detaches it in Stripe)',
    tags: ['billing'],
    auth: 'user',
    params: z.object({ paymentMethodId: z.string() }),
    responses: { 204: { description: 'removed' } },
    handler: async ({ deps, req, auth, params }) => {
      const method = await requirePaymentMethod(deps, auth, params.paymentMethodId);
      const stripe = createStripeClient(deps.config);
      if (stripe) await viaStripe(deps, () => detachPaymentMethod(stripe, method.stripePaymentMethodId));
      await deletePaymentMethod(deps.knex, method.id);
      await recordActivity(deps.knex, req, { workspaceId: method.workspaceId, action: 'payment_method.removed', resourceType: 'payment_method', resourceId: method.id, before: { brand: method.brand, last4: method.last4 } });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/billing/stripe-webhook',
    summary: 'Stripe webhook: signature over the raw body, deduplicated on event.id, applied in any order',
    tags: ['billing', 'webhooks'],
    auth: 'public',
    rawBody: true,
    successStatus: 200,
    responses: { 200: { description: 'recorded and applied (or a repeat)', schema: ZStripeWebhookAck }, 400: { description: 'bad or stale signature' }, 503: { description: 'recorded but not applied yet; Stripe delivers it again' } },
    handler: ({ deps, req }) => receiveStripeEvent(deps, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.get('stripe-signature')),
  }),
];
