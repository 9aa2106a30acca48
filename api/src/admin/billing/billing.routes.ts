import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { BillingError, createStripeClient, refundInvoice } from '@argus/activities';
import {
  ADMIN_INVOICE_SORT,
  ADMIN_SUBSCRIPTION_SORT,
  findInvoiceWithItems,
  findSubscriptionById,
  grantCredit,
  listCredits,
  listInvoicesForAdmin,
  listSubscriptionsForAdmin,
  listTiers,
  findTierById,
  findTierByName,
  insertTier,
  markInvoicePaid,
  summarizeSubscriptionsByTier,
  updateTier,
  type AdminInvoiceRow,
  type AdminSubscriptionRow,
  type TierRow,
} from '@argus/db';
import { INVOICE_STATUSES, SUBSCRIPTION_STATUSES } from '@argus/workflows/contract';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { recordActivity } from '../../audit/activity-log';
import { isUuid } from '../../access/workspace-access';
import { BadRequestError, ConflictError, RequestValidationError, ServiceUnavailableError } from '../../http/errors';
import { workflowClient } from '../../temporal/workflow-client';
import { applyChange, lifecycleInput, publicInvoice, publicInvoiceItem } from '../../billing/billing.service';
import { ZInvoice, ZInvoiceSummary, ZPaymentRetry, ZSubscriptionChange } from '../../billing/billing.schemas';
import { ZIdParams, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// The console's billing resources (admin-ui/src/invoices, subscriptions, tiers): billing admins mark invoices paid in
// manual mode, refund, grant credits, change a workspace's plan for support and edit the tiers.

const ZAdminInvoice = ZInvoiceSummary.extend({ workspaceName: z.string(), stripePaymentIntentId: z.string().nullable() }).meta({ id: 'AdminInvoice' });
const ZAdminSubscription = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    workspaceName: z.string(),
    workspaceSlug: z.string(),
    tier: z.string(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    currentPeriodStart: z.string(),
    currentPeriodEnd: z.string(),
    cancelAtPeriodEnd: z.boolean(),
    restricted: z.boolean(),
    pastDueSince: z.string().nullable(),
    stripeCustomerId: z.string().nullable(),
    creditCents: z.number().int().optional(),
  })
  .meta({ id: 'AdminSubscription' });

const ZAdminTier = z
  .object({
    id: z.string(),
    name: z.string(),
    displayName: z.string(),
    description: z.string(),
    monthlyPriceCents: z.number().int(),
    overagePriceCents: z.number().int(),
    overageAllowed: z.boolean(),
    maxAnalysesPerMonth: z.number().int().nullable(),
    maxAiFixesPerMonth: z.number().int().nullable(),
    maxSeats: z.number().int().nullable(),
    maxProjects: z.number().int().nullable(),
    maxStorageGb: z.number().int().nullable(),
    maxConcurrentRuns: z.number().int().nullable(),
    includesPrioritySupport: z.boolean(),
    includesAdvancedAnalytics: z.boolean(),
    apiRequestsPerMinute: z.number().int(),
    isPublic: z.boolean(),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'AdminTier' });
const toAdminTier = (t: TierRow) => ({
  id: t.id,
  name: t.name,
  displayName: t.displayName,
  description: t.description,
  monthlyPriceCents: t.monthlyPriceCents,
  overagePriceCents: t.overagePriceCents,
  overageAllowed: t.overageAllowed,
  maxAnalysesPerMonth: t.maxAnalysesPerMonth,
  maxAiFixesPerMonth: t.maxAiFixesPerMonth,
  maxSeats: t.maxSeats,
  maxProjects: t.maxProjects,
  maxStorageGb: t.maxStorageGb,
  maxConcurrentRuns: t.maxConcurrentRuns,
  includesPrioritySupport: t.includesPrioritySupport,
  includesAdvancedAnalytics: t.includesAdvancedAnalytics,
  apiRequestsPerMinute: t.apiRequestsPerMinute,
  isPublic: t.isPublic,
  sortOrder: t.sortOrder,
});

const toAdminInvoice = (r: AdminInvoiceRow) => ({ ...publicInvoice(r, r.tierName), workspaceName: r.workspaceName, stripePaymentIntentId: r.stripePaymentIntentId });
const toAdminSubscription = (r: AdminSubscriptionRow) => ({
  id: r.id,
  workspaceId: r.workspaceId,
  workspaceName: r.workspaceName,
  workspaceSlug: r.workspaceSlug,
  tier: r.tierName,
  status: r.status,
  currentPeriodStart: r.currentPeriodStart,
  currentPeriodEnd: r.currentPeriodEnd,
  cancelAtPeriodEnd: r.cancelAtPeriodEnd,
  restricted: Boolean(r.restrictedAt),
  pastDueSince: r.pastDueSince,
  stripeCustomerId: r.stripeCustomerId,
});

const invoiceList = {
  sortable: ADMIN_INVOICE_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z.object({ id: idFilter(ZUuid), status: z.enum(INVOICE_STATUSES).optional(), workspaceId: ZUuid.optional(), q: ZText.optional() }).strict(),
};
const subscriptionList = {
  sortable: ADMIN_SUBSCRIPTION_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z.object({ id: idFilter(ZUuid), status: z.enum(SUBSCRIPTION_STATUSES).optional(), tier: ZText.optional(), restricted: z.boolean().optional(), q: ZText.optional() }).strict(),
};

async function adminInvoice(deps: AppDeps, id: string) {
  if (!isUuid(id)) throw notFound('invoice');
  const invoice = await findInvoiceWithItems(deps.knex, id);
  if (!invoice) throw notFound('invoice');
  return invoice;
}

async function invoiceBody(deps: AppDeps, id: string) {
  const invoice = await adminInvoice(deps, id);
  const page = await listInvoicesForAdmin(deps.knex, { id }, { sortColumn: ADMIN_INVOICE_SORT.id, sortOrder: 'asc', start: 0, limit: 1 });
  return { ...toAdminInvoice(page.rows[0]!), items: invoice.items.map(publicInvoiceItem) };
}

// A tier's prices (integer cents) and limits (null: unlimited), as billing admins create and edit them.
const tierFields = {
  displayName: z.string().trim().min(1).max(50),
  description: z.string().trim().max(500),
  monthlyPriceCents: z.number().int().min(0).max(100_000_000),
  overagePriceCents: z.number().int().min(0).max(100_000),
  overageAllowed: z.boolean(),
  maxAnalysesPerMonth: z.number().int().min(0).max(10_000_000).nullable(),
  maxAiFixesPerMonth: z.number().int().min(0).max(10_000_000).nullable(),
  maxSeats: z.number().int().min(1).max(100_000).nullable(),
  maxProjects: z.number().int().min(1).max(100_000).nullable(),
  maxStorageGb: z.number().int().min(0).max(1_000_000).nullable(),
  maxConcurrentRuns: z.number().int().min(1).max(1000).nullable(),
  includesPrioritySupport: z.boolean(),
  includesAdvancedAnalytics: z.boolean(),
  apiRequestsPerMinute: z.number().int().min(1).max(1_000_000),
  isPublic: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
};

/** The tier's key: what BILLING_DEFAULT_TIER, the portal and the API name it by. It never changes once created. */
const ZTierKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,29}$/, 'must be 2–30 lowercase letters, digits, "-" or "_", starting with a letter');

const ZNewTier = z.strictObject(
  {
    name: ZTierKey,
    ...tierFields,
    description: tierFields.description.default(''),
    // The database's defaults, stated here so that the documented body says what a new tier gets.
    overagePriceCents: tierFields.overagePriceCents.default(10),
    overageAllowed: tierFields.overageAllowed.default(true),
    maxAnalysesPerMonth: tierFields.maxAnalysesPerMonth.default(null),
    maxAiFixesPerMonth: tierFields.maxAiFixesPerMonth.default(null),
    maxSeats: tierFields.maxSeats.default(null),
    maxProjects: tierFields.maxProjects.default(null),
    maxStorageGb: tierFields.maxStorageGb.default(null),
    maxConcurrentRuns: tierFields.maxConcurrentRuns.default(null),
    includesPrioritySupport: tierFields.includesPrioritySupport.default(false),
    includesAdvancedAnalytics: tierFields.includesAdvancedAnalytics.default(false),
    apiRequestsPerMinute: tierFields.apiRequestsPerMinute.default(600),
    isPublic: tierFields.isPublic.default(true),
    sortOrder: tierFields.sortOrder.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has fields a new tier does not take: ${issue.keys.join(', ')}${issue.keys.includes('id') ? ' (Argus gives a new tier its id; to edit a tier, PUT /api/admin/subscriptions/tiers/{id})' : ''}`
        : undefined,
  },
);

// react-admin's edit form sends the whole record back; the id and the key may come along but never change.
const tierChanges = z
  .object(tierFields)
  .partial()
  .extend({ id: z.string().optional(), name: z.string().optional() })
  .strict();

type TierChangeBody = z.infer<typeof tierChanges>;

async function editTier(deps: AppDeps, req: Request, id: string, body: TierChangeBody) {
  if (!isUuid(id)) throw notFound('tier');
  const before = await findTierById(deps.knex, id);
  if (!before) throw notFound('tier');
  const { id: _id, name, ...changes } = body;
  if (name !== undefined && name !== before.name) {
    throw new RequestValidationError([{ path: 'body.name', message: `cannot change: the tier's key stays "${before.name}" (subscriptions, BILLING_DEFAULT_TIER and the portal name it); create a new tier instead` }]);
  }
  const tier = (await updateTier(deps.knex, id, changes))!;
  await recordActivity(deps.knex, req, { action: 'tier.updated', resourceType: 'subscription_tier', resourceId: tier.id, before: toAdminTier(before), after: toAdminTier(tier) });
  return toAdminTier(tier);
}

const ZTierSummary = z.object({
  tier: z.string(),
  displayName: z.string(),
  monthlyPriceCents: z.number().int(),
  isPublic: z.boolean(),
  active: z.number().int(),
  trialing: z.number().int(),
  pastDue: z.number().int(),
  cancelled: z.number().int().meta({ description: 'Cancelled within the window (and not resubscribed), on the tier they left' }),
  churnRate: z.number().meta({ description: 'cancelled ÷ (cancelled + active + trialing + past due), in percent with one decimal' }),
  mrrCents: z.number().int().meta({ description: '(active + past due) × the monthly price, integer cents' }),
});
const ZSubscriptionSummary = z
  .object({
    windowDays: z.number().int(),
    since: z.string(),
    tiers: z.array(ZTierSummary),
    totals: ZTierSummary.omit({ tier: true, displayName: true, monthlyPriceCents: true, isPublic: true }),
  })
  .meta({ id: 'AdminSubscriptionSummary' });

const churnRate = (cancelled: number, live: number) => (cancelled + live === 0 ? 0 : Math.round((1000 * cancelled) / (cancelled + live)) / 10);

export const adminBillingRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/invoices',
    summary: 'Every invoice (filters: status, workspaceId, q on number or workspace name)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    responses: listResponses(ZAdminInvoice, 'invoices'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, invoiceList);
      return sendList(res, 'invoices', params, await listInvoicesForAdmin(deps.knex, params.filter, params), toAdminInvoice);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/invoices/:id',
    summary: 'One invoice with its line items',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    params: ZIdParams,
    responses: { 200: { description: 'the invoice', schema: ZAdminInvoice.extend({ items: ZInvoice.shape.items }) } },
    handler: ({ deps, params }) => invoiceBody(deps, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/invoices/:id/mark-paid',
    summary: 'Record a payment received outside Stripe (manual mode: bank transfer, cheque)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    successStatus: 200,
    params: ZIdParams,
    body: z.object({ note: z.string().trim().max(500).optional() }).default({}),
    responses: { 200: { description: 'the paid invoice', schema: ZAdminInvoice.extend({ items: ZInvoice.shape.items }) }, 409: { description: 'the invoice is not owed' } },
    handler: async ({ deps, req, params, body }) => {
      const invoice = await adminInvoice(deps, params.id);
      if (!(await markInvoicePaid(deps.knex, invoice.id))) throw new ConflictError(`Invoice ${invoice.number} is ${invoice.status}; there is nothing to mark paid.`);
      await recordActivity(deps.knex, req, { workspaceId: invoice.workspaceId, action: 'invoice.marked_paid', resourceType: 'invoice', resourceId: invoice.id, before: { status: invoice.status }, after: { status: 'paid', note: body.note ?? null } });
      try {
        await workflowClient.signalPaymentSettled(deps, lifecycleInput(deps, invoice.workspaceId), { invoiceId: invoice.id, outcome: 'paid' });
      } catch (err) {
        // The invoice is paid either way; the subscription catches up when its workflow next wakes.
        deps.logger.warn({ err, invoiceId: invoice.id }, 'could not tell the subscription workflow about a manual payment');
      }
      return invoiceBody(deps, invoice.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/invoices/:id/refund',
    summary: 'Refund all or part of a paid invoice (through Stripe when it was paid there)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    successStatus: 200,
    params: ZIdParams,
    body: z.object({ amountCents: z.number().int().min(1).max(100_000_000), reason: z.string().trim().min(1).max(500), requestId: z.string().trim().min(8).max(100).optional() }),
    responses: { 200: { description: 'the invoice after the refund', schema: ZAdminInvoice.extend({ items: ZInvoice.shape.items }) }, 400: { description: 'not refundable, or more than is left' } },
    handler: async ({ deps, req, params, body }) => {
      const invoice = await adminInvoice(deps, params.id);
      try {
        await refundInvoice(createStripeClient(deps.config), deps.knex, invoice, body.amountCents, body.requestId ?? randomUUID());
      } catch (err) {
        if (err instanceof BillingError) throw new BadRequestError(err.message);
        if ((err as { type?: string }).type?.startsWith('Stripe')) throw new ServiceUnavailableError('Stripe could not make the refund right now; nothing was refunded. Try again in a minute.', {}, { cause: err });
        throw err;
      }
      await recordActivity(deps.knex, req, { workspaceId: invoice.workspaceId, action: 'invoice.refunded', resourceType: 'invoice', resourceId: invoice.id, after: { amountCents: body.amountCents, reason: body.reason } });
      return invoiceBody(deps, invoice.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/invoices/:id/retry',
    summary: "Charge a sent or failed invoice again now, with the workspace's default card (through its subscription workflow, as dunning would)",
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    successStatus: 200,
    params: ZIdParams,
    body: z
      .object({ requestId: z.string().trim().min(8).max(100).optional().meta({ description: 'The same id again (a repeated click or request) answers the first attempt instead of charging twice' }) })
      .default({}),
    responses: {
      200: { description: 'what the attempt did, and the invoice after it', schema: ZPaymentRetry.extend({ invoice: ZAdminInvoice.extend({ items: ZInvoice.shape.items }) }).meta({ id: 'AdminPaymentRetry' }) },
      409: { description: 'the invoice is not owed, or billing is in manual mode' },
      503: { description: 'billing could not take the retry right now' },
    },
    handler: async ({ deps, req, params, body }) => {
      const invoice = await adminInvoice(deps, params.id);
      if (!['sent', 'failed'].includes(invoice.status)) throw new ConflictError(`Invoice ${invoice.number} is ${invoice.status}; there is no payment to retry.`);
      if (!deps.config.STRIPE_SECRET_KEY) {
        throw new ConflictError(`Billing runs in manual mode (no Stripe keys), so there is no card to charge for invoice ${invoice.number}. When the money arrives, use "Mark paid".`);
      }
      const requestId = body.requestId ?? randomUUID();
      let result;
      try {
        result = await workflowClient.updateSubscription(deps, lifecycleInput(deps, invoice.workspaceId), 'retryPayment', { invoiceId: invoice.id }, { updateId: `admin-retry-${invoice.id}-${requestId}` });
      } catch (err) {
        deps.logger.warn({ err, invoiceId: invoice.id }, 'payment retry by staff failed');
        throw new ServiceUnavailableError('Billing could not take the retry right now; nothing was charged by this request. Try again in a minute.', {}, { cause: err });
      }
      const after = await invoiceBody(deps, invoice.id);
      // A repeated request id is answered with the first attempt's result; only an attempt that happened is audited.
      if (after.paymentAttempts !== invoice.paymentAttempts || after.status !== invoice.status) {
        await recordActivity(deps.knex, req, { workspaceId: invoice.workspaceId, action: 'invoice.payment_retried', resourceType: 'invoice', resourceId: invoice.id, before: { status: invoice.status, paymentAttempts: invoice.paymentAttempts }, after: { outcome: result.outcome, status: after.status, paymentAttempts: after.paymentAttempts, requestId, by: 'staff' } });
      }
      return { ...result, invoice: after };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/subscriptions',
    summary: 'All subscriptions with status (filters: status, tier, restricted, q on workspace)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    responses: listResponses(ZAdminSubscription, 'subscriptions'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, subscriptionList);
      return sendList(res, 'subscriptions', params, await listSubscriptionsForAdmin(deps.knex, params.filter, params), toAdminSubscription);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/subscriptions/summary',
    summary: 'Subscriptions grouped by tier: active, trialing, past due, cancelled in the window, churn rate and MRR (integer cents)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30).meta({ description: 'The churn window: cancellations in the last N days' }) }),
    responses: { 200: { description: 'one row per tier, hidden ones included, and the totals', schema: ZSubscriptionSummary } },
    handler: async ({ deps, query }) => {
      const since = new Date(Date.now() - query.days * 86_400_000);
      const rows = await summarizeSubscriptionsByTier(deps.knex, since);
      const tiers = rows.map((r) => ({
        tier: r.tier,
        displayName: r.displayName,
        monthlyPriceCents: r.monthlyPriceCents,
        isPublic: r.isPublic,
        active: r.active,
        trialing: r.trialing,
        pastDue: r.pastDue,
        cancelled: r.cancelled,
        churnRate: churnRate(r.cancelled, r.active + r.trialing + r.pastDue),
        mrrCents: r.mrrCents,
      }));
      const sum = (k: 'active' | 'trialing' | 'pastDue' | 'cancelled' | 'mrrCents') => tiers.reduce((n, t) => n + t[k], 0);
      const totals = { active: sum('active'), trialing: sum('trialing'), pastDue: sum('pastDue'), cancelled: sum('cancelled'), mrrCents: sum('mrrCents') };
      return { windowDays: query.days, since: since.toISOString(), tiers, totals: { ...totals, churnRate: churnRate(totals.cancelled, totals.active + totals.trialing + totals.pastDue) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/subscriptions/tiers',
    summary: 'Every tier, hidden ones included',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    responses: { 200: { description: 'the tiers; Content-Range: tiers', schema: z.array(ZAdminTier) } },
    handler: async ({ deps, res }) => {
      const tiers = await listTiers(deps.knex, { includeHidden: true });
      res.setHeader('Content-Range', tiers.length ? `tiers 0-${tiers.length - 1}/${tiers.length}` : 'tiers */0');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
      return tiers.map(toAdminTier);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/subscriptions/tiers',
    summary: 'Create a tier: its key, prices in integer cents and limits (null: unlimited). Edit one with PUT /api/admin/subscriptions/tiers/{id}',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    body: ZNewTier,
    responses: { 201: { description: 'the new tier', schema: ZAdminTier }, 409: { description: 'a tier with that key exists' } },
    handler: async ({ deps, req, body: input }) => {
      if (await findTierByName(deps.knex, input.name)) throw new ConflictError(`A tier with the key "${input.name}" already exists; edit it, or choose another key.`);
      const tier = await insertTier(deps.knex, input);
      await recordActivity(deps.knex, req, { action: 'tier.created', resourceType: 'subscription_tier', resourceId: tier.id, after: toAdminTier(tier) });
      return toAdminTier(tier);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/subscriptions/tiers/:id',
    summary: 'One tier',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    params: ZIdParams,
    responses: { 200: { description: 'the tier', schema: ZAdminTier } },
    handler: async ({ deps, params }) => {
      if (!isUuid(params.id)) throw notFound('tier');
      const tier = await findTierById(deps.knex, params.id);
      if (!tier) throw notFound('tier');
      return toAdminTier(tier);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/admin/subscriptions/tiers/:id',
    summary: "Edit a tier's prices or limits (applies to every subscription on it from the next period's invoice on)",
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    params: ZIdParams,
    body: tierChanges,
    responses: { 200: { description: 'the tier', schema: ZAdminTier } },
    handler: ({ deps, req, params, body }) => editTier(deps, req, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/subscriptions/:id',
    summary: 'One subscription, with its unused credit',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    params: ZIdParams,
    responses: { 200: { description: 'the subscription', schema: ZAdminSubscription } },
    handler: async ({ deps, params }) => {
      if (!isUuid(params.id)) throw notFound('subscription');
      const page = await listSubscriptionsForAdmin(deps.knex, { id: params.id }, { sortColumn: ADMIN_SUBSCRIPTION_SORT.id, sortOrder: 'asc', start: 0, limit: 1 });
      const row = page.rows[0];
      if (!row) throw notFound('subscription');
      const credits = await listCredits(deps.knex, row.workspaceId);
      return { ...toAdminSubscription(row), creditCents: credits.reduce((s, c) => s + c.remainingCents, 0) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/subscriptions/:id/credit',
    summary: 'Apply account credit (consumed by the next invoices, oldest credit first)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    params: ZIdParams,
    body: z.object({ amountCents: z.number().int().min(1).max(10_000_000), reason: z.string().trim().min(1).max(500) }),
    responses: { 201: { description: 'the credit', schema: z.object({ id: z.string(), amountCents: z.number().int(), remainingCents: z.number().int(), reason: z.string() }) } },
    handler: async ({ deps, req, auth, params, body }) => {
      if (!isUuid(params.id)) throw notFound('subscription');
      const sub = await findSubscriptionById(deps.knex, params.id);
      if (!sub) throw notFound('subscription');
      const credit = await grantCredit(deps.knex, { workspaceId: sub.workspaceId, amountCents: body.amountCents, reason: body.reason, grantedBy: auth.userId });
      await recordActivity(deps.knex, req, { workspaceId: sub.workspaceId, action: 'credit.granted', resourceType: 'subscription', resourceId: sub.id, after: { amountCents: body.amountCents, reason: body.reason } });
      return { id: credit.id, amountCents: credit.amountCents, remainingCents: credit.remainingCents, reason: credit.reason };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/subscriptions/:id/upgrade',
    summary: "Change a workspace's plan for support (upgrades now, prorated; downgrades at the period end)",
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    successStatus: 200,
    params: ZIdParams,
    body: z.object({ tier: z.string().trim().min(1).max(50), direction: z.enum(['upgrade', 'downgrade']).default('upgrade') }),
    responses: { 200: { description: 'the change', schema: ZSubscriptionChange }, 409: { description: 'refused' } },
    handler: async ({ deps, req, auth, params, body }) => {
      if (!isUuid(params.id)) throw notFound('subscription');
      const sub = await findSubscriptionById(deps.knex, params.id);
      if (!sub) throw notFound('subscription');
      const result = await applyChange(deps, 'admin', sub.workspaceId, (lifecycle) => workflowClient.updateSubscription(deps, lifecycle, 'changePlan', { tier: body.tier, direction: body.direction, requestId: randomUUID(), actorId: auth.userId }));
      await recordActivity(deps.knex, req, { workspaceId: sub.workspaceId, action: 'subscription.changed_by_staff', resourceType: 'subscription', resourceId: sub.id, after: { tier: body.tier, direction: body.direction } });
      return result;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/billing/invoicing-runs',
    summary: 'Invoice every subscription whose period ended, now (safe beside the Schedule: each period is invoiced once)',
    tags: ['admin', 'billing'],
    auth: 'staff',
    staffPermission: 'billing:manage',
    successStatus: 202,
    responses: { 202: { description: 'the run', schema: z.object({ workflowId: z.string() }) } },
    handler: async ({ deps, req }) => {
      const handle = await workflowClient.startInvoicingRun(deps, randomUUID(), {});
      await recordActivity(deps.knex, req, { action: 'invoicing.started', resourceType: 'invoicing_run', resourceId: handle.workflowId });
      return { workflowId: handle.workflowId };
    },
  }),
];
