import { ensureSubscription, findTierById, unmeteredWorkOf, usageOfWorkspaceSince, type Db } from '@argus/db';
import type { BillingSettings } from './settings';

export type QuotaMetric = 'analysis' | 'fix';

export type QuotaDecision =
  | { allowed: true; overage: boolean }
  | { allowed: false; reason: 'restricted' | 'limit_reached'; metric: QuotaMetric; limit: number | null; usage: number; tier: string; message: string };

const NOUN: Record<QuotaMetric, [string, string]> = { analysis: ['analysis', 'analyses'], fix: ['AI fix', 'AI fixes'] };

/**
 * Whether the workspace's plan lets one more analysis or fix start now. A restricted workspace (every dunning retry
 * failed) starts no analyses. At the limit, tiers with overage allow analyses and bill them; Free stops. AI fixes
 * have no overage price, so every tier stops at its fix allowance. Work in flight counts, so a burst cannot pass the
 * limit. `excludeRunId`: the run asking (its own row is already queued).
 */
export async function checkQuota(db: Db, settings: BillingSettings, workspaceId: string, metric: QuotaMetric, opts: { excludeRunId?: string } = {}): Promise<QuotaDecision> {
  const sub = await ensureSubscription(db, workspaceId, { tierName: settings.defaultTier, billingInterval: settings.billingInterval });
  const tier = (await findTierById(db, sub.tierId))!;
  const [one, many] = NOUN[metric];
  if (metric === 'analysis' && sub.restrictedAt) {
    return { allowed: false, reason: 'restricted', metric, limit: tier.maxAnalysesPerMonth, usage: 0, tier: tier.name, message: 'New analyses are paused because an invoice is unpaid. Pay it on the Billing page and analyses resume at once; nothing was deleted.' };
  }
  const limit = metric === 'analysis' ? tier.maxAnalysesPerMonth : tier.maxAiFixesPerMonth;
  if (limit === null) return { allowed: true, overage: false };
  const metered = await usageOfWorkspaceSince(db, workspaceId, sub.currentPeriodStart);
  const unmetered = await unmeteredWorkOf(db, workspaceId, opts);
  const usage = metered[metric] + unmetered[metric];
  if (usage < limit) return { allowed: true, overage: false };
  if (metric === 'analysis' && tier.overageAllowed) return { allowed: true, overage: true };
  const renews = new Date(sub.currentPeriodEnd).toISOString().slice(0, 10);
  return {
    allowed: false,
    reason: 'limit_reached',
    metric,
    limit,
    usage,
    tier: tier.name,
    message: `${tier.displayName} includes ${limit} ${limit === 1 ? one : many} per period and this workspace has used ${usage}. Upgrade for more, or wait until the period renews on ${renews}.`,
  };
}
