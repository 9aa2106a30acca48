import { randomUUID } from 'node:crypto';
import { billingSettings, overageCharge, type BillingSettings } from '@argus/activities';
import {
  ensureSubscription,
  findTierById,
  findWorkspaceById,
  listTiers,
  usageOfWorkspaceSince,
  workspaceResourceCounts,
  type InvoiceItemRow,
  type InvoiceRow,
  type SubscriptionRow,
  type TierRow,
} from '@argus/db';
import type { BillingChangeResult, SubscriptionLifecycleInput } from '@argus/workflows/contract';
import type { AppDeps } from '../app-deps';
import type { WorkspaceAccess } from '../access/workspace-access';
import { can } from '../access/permissions';
import { ConflictError, ServiceUnavailableError } from '../http/errors';
import { workflowClient } from '../temporal/workflow-client';

const settingsCache = new WeakMap<object, BillingSettings>();
export function settingsOf(deps: AppDeps): BillingSettings {
  let settings = settingsCache.get(deps.config);
  if (!settings) {
    settings = billingSettings(deps.config);
    settingsCache.set(deps.config, settings);
  }
  return settings;
}

/** The subscription workflow's input: its timers come from the configuration (tests shorten them to seconds). */
export function lifecycleInput(deps: AppDeps, workspaceId: string): SubscriptionLifecycleInput {
  const s = settingsOf(deps);
  return { workspaceId, billingInterval: s.billingInterval, trialPeriod: s.trialPeriod, dunningDelays: s.dunningDelays };
}

export async function subscriptionOf(deps: AppDeps, workspaceId: string): Promise<SubscriptionRow> {
  const s = settingsOf(deps);
  return ensureSubscription(deps.knex, workspaceId, { tierName: s.defaultTier, billingInterval: s.billingInterval });
}

export function publicTier(t: TierRow) {
  return {
    id: t.id,
    name: t.name,
    displayName: t.displayName,
    description: t.description,
    monthlyPriceCents: t.monthlyPriceCents,
    overagePriceCents: t.overagePriceCents,
    overageAllowed: t.overageAllowed,
    includesPrioritySupport: t.includesPrioritySupport,
    includesAdvancedAnalytics: t.includesAdvancedAnalytics,
    limits: {
      analysesPerMonth: t.maxAnalysesPerMonth,
      aiFixesPerMonth: t.maxAiFixesPerMonth,
      seats: t.maxSeats,
      repositories: t.maxProjects,
      storageGb: t.maxStorageGb,
      concurrentRuns: t.maxConcurrentRuns,
      apiRequestsPerMinute: t.apiRequestsPerMinute,
    },
  };
}

export async function listPublicTiers(deps: AppDeps) {
  return { items: (await listTiers(deps.knex)).map(publicTier) };
}

export async function subscriptionView(deps: AppDeps, sub: SubscriptionRow, role: WorkspaceAccess['role'] | null) {
  const [tier, pendingTier, workflow] = await Promise.all([
    findTierById(deps.knex, sub.tierId),
    sub.pendingTierId ? findTierById(deps.knex, sub.pendingTierId) : Promise.resolve(undefined),
    sub.pastDueSince ? workflowClient.querySubscription(deps, sub.workspaceId).catch(() => null) : Promise.resolve(null),
  ]);
  const ends = sub.cancelAtPeriodEnd || sub.status === 'cancelled';
  return {
    id: sub.id,
    workspaceId: sub.workspaceId,
    status: sub.status,
    tier: publicTier(tier!),
    pendingTier: pendingTier ? publicTier(pendingTier) : null,
    currentPeriodStart: sub.currentPeriodStart,
    currentPeriodEnd: sub.currentPeriodEnd,
    renewsAt: ends ? null : sub.currentPeriodEnd,
    trialEnd: sub.trialEnd,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    cancelledAt: sub.cancelledAt,
    pastDueSince: sub.pastDueSince,
    restricted: Boolean(sub.restrictedAt),
    billingEmail: sub.billingEmail,
    billingCountry: sub.billingCountry,
    mode: settingsOf(deps).stripeEnabled ? ('stripe' as const) : ('manual' as const),
    dunning: workflow?.dunning ?? null,
    canManage: role ? can(role, 'billing:manage') : false,
  };
}

type Level = 'ok' | 'warning' | 'exceeded';
function meter(metric: 'analyses' | 'ai_fixes' | 'seats' | 'repositories' | 'concurrent_runs', label: string, used: number, limit: number | null) {
  const percent = limit === null ? null : limit === 0 ? 100 : Math.round((used / limit) * 1000) / 10;
  const level: Level = percent === null ? 'ok' : percent >= 100 ? 'exceeded' : percent >= 80 ? 'warning' : 'ok';
  return { metric, label, used, limit, percent, level };
}

/** The limit that applies: the plan's, or the workspace's own lower cap (workspace admins may only lower it). */
function effectiveLimit(tierLimit: number | null, workspaceCap: number | undefined): number | null {
  if (workspaceCap === undefined) return tierLimit;
  return tierLimit === null ? workspaceCap : Math.min(tierLimit, workspaceCap);
}

export async function usageView(deps: AppDeps, sub: SubscriptionRow) {
  const [tier, used, counts, workspace] = await Promise.all([
    findTierById(deps.knex, sub.tierId),
    usageOfWorkspaceSince(deps.knex, sub.workspaceId, sub.currentPeriodStart),
    workspaceResourceCounts(deps.knex, sub.workspaceId),
    findWorkspaceById(deps.knex, sub.workspaceId),
  ]);
  const t = tier!;
  const overage = sub.status === 'trial' ? { quantity: 0, totalCents: 0 } : overageCharge({ used: used.analysis, allowance: t.maxAnalysesPerMonth, unitPriceCents: t.overagePriceCents, allowed: t.overageAllowed });
  return {
    workspaceId: sub.workspaceId,
    periodStart: sub.currentPeriodStart,
    periodEnd: sub.currentPeriodEnd,
    meters: [
      meter('analyses', 'Analyses this period', used.analysis, t.maxAnalysesPerMonth),
      meter('ai_fixes', 'AI fixes this period', used.fix, t.maxAiFixesPerMonth),
      meter('seats', 'Seats', counts.seats, t.maxSeats),
      meter('repositories', 'Repositories', counts.repositories, effectiveLimit(t.maxProjects, workspace?.maxRepositories)),
      meter('concurrent_runs', 'Analyses running now', counts.runningRuns, effectiveLimit(t.maxConcurrentRuns, workspace?.maxConcurrentRuns)),
    ],
    overage: { analyses: overage.quantity, estimatedCents: overage.totalCents },
  };
}

/**
 * Sends a change to the subscription workflow and turns its answer into a response: refusals are 409 with the
 * workflow's message, an unreachable worker is 503.
 */
export async function applyChange(deps: AppDeps, role: WorkspaceAccess['role'], workspaceId: string, send: (input: SubscriptionLifecycleInput) => Promise<BillingChangeResult>) {
  let result: BillingChangeResult;
  try {
    result = await send(lifecycleInput(deps, workspaceId));
  } catch (err) {
    deps.logger.warn({ err, workspaceId }, 'subscription update failed');
    throw new ServiceUnavailableError('Billing could not take the change right now. Nothing was changed; try again in a minute.', {}, { cause: err });
  }
  if (!result.ok) throw new ConflictError(result.message, { code: result.code });
  const sub = await subscriptionOf(deps, workspaceId);
  return {
    effective: result.effective,
    prorationCents: result.prorationCents,
    message: describeChange(result),
    invoiceId: result.invoiceId,
    subscription: await subscriptionView(deps, sub, role),
  };
}

function describeChange(result: Extract<BillingChangeResult, { ok: true }>): string {
  const s = result.subscription;
  if (s.status === 'cancelled' && result.effective === 'now') return 'The subscription is cancelled; the part of the period used is on a final invoice.';
  if (s.cancelAtPeriodEnd) return `The subscription ends on ${s.currentPeriodEnd.slice(0, 10)}.`;
  if (s.pendingTier) return `You move to ${s.pendingTier} on ${s.currentPeriodEnd.slice(0, 10)}.`;
  if (s.status === 'trial') return `Your trial of ${s.tier} runs until ${s.trialEnd?.slice(0, 10) ?? s.currentPeriodEnd.slice(0, 10)}.`;
  return `You are on ${s.tier}${result.prorationCents ? `; the prorated difference is added to your next invoice` : ''}.`;
}

export const newRequestId = () => randomUUID();

export function publicInvoice(invoice: InvoiceRow, tierName: string) {
  return {
    id: invoice.id,
    number: invoice.number,
    workspaceId: invoice.workspaceId,
    tierName,
    billingPeriodStart: invoice.billingPeriodStart,
    billingPeriodEnd: invoice.billingPeriodEnd,
    currency: invoice.currency,
    subtotalCents: invoice.subtotalCents,
    taxCents: invoice.taxCents,
    taxRateBps: invoice.taxRateBps,
    totalCents: invoice.totalCents,
    overageChargesCents: invoice.overageChargesCents,
    creditsAppliedCents: invoice.creditsAppliedCents,
    amountRefundedCents: invoice.amountRefundedCents,
    status: invoice.status,
    paidAt: invoice.paidAt,
    paymentAttempts: invoice.paymentAttempts,
    lastPaymentError: invoice.lastPaymentError,
    createdAt: invoice.createdAt,
  };
}

export function publicInvoiceItem(item: InvoiceItemRow) {
  return { id: item.id, type: item.itemType, description: item.description, quantity: item.quantity, unitPriceCents: item.unitPriceCents, totalCents: item.totalCents };
}

/** Tier display names by id, for invoice lists. */
export async function tierNames(deps: AppDeps): Promise<Map<string, string>> {
  return new Map((await listTiers(deps.knex, { includeHidden: true })).map((t) => [t.id, t.displayName]));
}
