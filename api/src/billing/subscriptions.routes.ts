import { z } from 'zod';
import { previewPlanChange } from '@argus/activities';
import { setBillingDetails } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { recordActivity } from '../audit/activity-log';
import { workflowClient } from '../temporal/workflow-client';
import { applyChange, listPublicTiers, newRequestId, publicTier, settingsOf, subscriptionOf, subscriptionView, usageView } from './billing.service';
import { ZPlanPreview, ZSubscription, ZSubscriptionChange, ZTierList, ZUsage } from './billing.schemas';

// Seed 004's subscription endpoints. The workspace is named in the query (GET) or the body (POST): a personal
// workspace is its own customer, a team is one customer.

const ZWorkspaceQuery = z.object({ workspaceId: z.string().max(100) });
const ZTierName = z.string().trim().min(1).max(50);
const ZRequestId = z.string().trim().min(8).max(100).optional().meta({ description: 'Makes a retried request a no-op: send the same id again' });
const changed = { 200: { description: 'the change and the subscription after it', schema: ZSubscriptionChange }, 409: { description: 'refused: not an upgrade, same plan, nothing to cancel…' }, 503: { description: 'billing could not take the change right now' } };

export const subscriptionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/subscriptions/tiers',
    summary: 'List all pricing tiers with their prices and limits',
    tags: ['billing'],
    auth: 'user',
    responses: { 200: { description: 'the public tiers, cheapest first', schema: ZTierList } },
    handler: ({ deps }) => listPublicTiers(deps),
  }),
  defineRoute({
    method: 'get',
    path: '/api/subscriptions/current',
    summary: "The workspace's subscription: plan, status, period and renewal",
    tags: ['billing'],
    auth: 'user',
    query: ZWorkspaceQuery,
    responses: { 200: { description: 'the subscription (a workspace that never chose a plan is on the default tier)', schema: ZSubscription } },
    handler: async ({ deps, auth, query }) => {
      const access = await requireWorkspace(deps, auth, query.workspaceId, 'billing:view');
      return subscriptionView(deps, await subscriptionOf(deps, access.workspaceId), access.role);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/subscriptions/usage',
    summary: 'Usage this period against every limit of the plan',
    tags: ['billing'],
    auth: 'user',
    query: ZWorkspaceQuery,
    responses: { 200: { description: 'one meter per limited metric, with warning levels at 80 % and 100 %', schema: ZUsage } },
    handler: async ({ deps, auth, query }) => {
      const access = await requireWorkspace(deps, auth, query.workspaceId, 'billing:view');
      return usageView(deps, await subscriptionOf(deps, access.workspaceId));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/subscriptions/preview',
    summary: 'What changing to a tier would cost now: the prorated amount, or when a downgrade takes effect',
    tags: ['billing'],
    auth: 'user',
    query: ZWorkspaceQuery.extend({ tier: ZTierName, direction: z.enum(['upgrade', 'downgrade']).default('upgrade') }),
    responses: { 200: { description: 'the preview, priced exactly as the change will be', schema: ZPlanPreview } },
    handler: async ({ deps, auth, query }) => {
      const access = await requireWorkspace(deps, auth, query.workspaceId, 'billing:view');
      const sub = await subscriptionOf(deps, access.workspaceId);
      const p = await previewPlanChange(deps.knex, sub, query.tier, query.direction, settingsOf(deps).trialPeriod, new Date());
      return { allowed: p.ok, message: p.message, effective: p.effective, prorationCents: p.prorationCents, startsTrial: p.startsTrial, from: publicTier(p.from), to: p.to ? publicTier(p.to) : null };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subscriptions/upgrade',
    summary: 'Upgrade now; the difference for the rest of the period is prorated onto the next invoice',
    tags: ['billing'],
    auth: 'user',
    successStatus: 200,
    body: z.object({ workspaceId: z.string().max(100), tier: ZTierName, requestId: ZRequestId }),
    responses: changed,
    handler: async ({ deps, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const requestId = body.requestId ?? newRequestId();
      return applyChange(deps, access.role, access.workspaceId, (lifecycle) => workflowClient.updateSubscription(deps, lifecycle, 'changePlan', { tier: body.tier, direction: 'upgrade', requestId, actorId: auth.userId }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subscriptions/downgrade',
    summary: 'Downgrade at the end of the current period (the current plan stays until then)',
    tags: ['billing'],
    auth: 'user',
    successStatus: 200,
    body: z.object({ workspaceId: z.string().max(100), tier: ZTierName, requestId: ZRequestId }),
    responses: changed,
    handler: async ({ deps, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const requestId = body.requestId ?? newRequestId();
      return applyChange(deps, access.role, access.workspaceId, (lifecycle) => workflowClient.updateSubscription(deps, lifecycle, 'changePlan', { tier: body.tier, direction: 'downgrade', requestId, actorId: auth.userId }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subscriptions/cancel',
    summary: 'Cancel at the end of the period (reversible until then), or now (the part used is invoiced)',
    tags: ['billing'],
    auth: 'user',
    successStatus: 200,
    body: z.object({ workspaceId: z.string().max(100), atPeriodEnd: z.boolean().default(true), requestId: ZRequestId }),
    responses: changed,
    handler: async ({ deps, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const requestId = body.requestId ?? newRequestId();
      return applyChange(deps, access.role, access.workspaceId, (lifecycle) => workflowClient.updateSubscription(deps, lifecycle, 'cancel', { atPeriodEnd: body.atPeriodEnd, requestId, actorId: auth.userId }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subscriptions/reactivate',
    summary: 'Withdraw a cancellation or a scheduled downgrade before the period ends',
    tags: ['billing'],
    auth: 'user',
    successStatus: 200,
    body: z.object({ workspaceId: z.string().max(100), requestId: ZRequestId }),
    responses: changed,
    handler: async ({ deps, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const requestId = body.requestId ?? newRequestId();
      return applyChange(deps, access.role, access.workspaceId, (lifecycle) => workflowClient.updateSubscription(deps, lifecycle, 'reactivate', { requestId, actorId: auth.userId }));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/subscriptions/billing-details',
    summary: 'The address invoices are mailed to and the country that decides the tax rate',
    tags: ['billing'],
    auth: 'user',
    body: z.object({
      workspaceId: z.string().max(100),
      billingEmail: z.email().max(320).nullable().optional(),
      billingCountry: z.string().trim().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code (ISO 3166-1), e.g. DE').transform((c) => c.toUpperCase()).nullable().optional(),
    }),
    responses: { 200: { description: 'the subscription', schema: ZSubscription } },
    handler: async ({ deps, req, auth, body }) => {
      const access = await requireWorkspace(deps, auth, body.workspaceId, 'billing:manage');
      const sub = await subscriptionOf(deps, access.workspaceId);
      const next = await setBillingDetails(deps.knex, sub.id, { ...(body.billingEmail !== undefined ? { billingEmail: body.billingEmail } : {}), ...(body.billingCountry !== undefined ? { billingCountry: body.billingCountry } : {}) });
      await recordActivity(deps.knex, req, { workspaceId: sub.workspaceId, action: 'subscription.billing_details_changed', resourceType: 'subscription', resourceId: sub.id, before: { billingEmail: sub.billingEmail, billingCountry: sub.billingCountry }, after: { billingEmail: next.billingEmail, billingCountry: next.billingCountry } });
      return subscriptionView(deps, next, access.role);
    },
  }),
];
