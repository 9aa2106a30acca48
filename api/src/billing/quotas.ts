import { checkQuota, type QuotaMetric } from '@argus/activities';
import { ensureSubscription, findTierById, workspaceResourceCounts, type Db } from '@argus/db';
import type { AppDeps } from '../app-deps';
import { PaymentRequiredError } from '../http/errors';
import { settingsOf } from './billing.service';

/**
 * 402 problem+json when the plan does not cover one more analysis or fix: with the limit, the usage, the plan and
 * where to upgrade, so the portal can show an upgrade prompt.
 */
export async function assertQuota(deps: AppDeps, workspaceId: string, metric: QuotaMetric): Promise<void> {
  const decision = await checkQuota(deps.knex, settingsOf(deps), workspaceId, metric);
  if (decision.allowed) return;
  throw new PaymentRequiredError(decision.message, {
    metric: decision.metric === 'analysis' ? 'analyses' : 'ai_fixes',
    reason: decision.reason,
    limit: decision.limit,
    usage: decision.usage,
    tier: decision.tier,
    upgrade: { url: `${deps.config.PORTAL_URL.replace(/\/$/, '')}/billing`, hint: decision.reason === 'restricted' ? 'Pay the open invoice on the Billing page.' : 'Compare the plans on the Billing page: paid plans include more, and bill analyses over their allowance instead of stopping.' },
  });
}

/**
 * 402 when the plan has no seat left: on invitation, members and open invitations count; on acceptance, members.
 * Pass the transaction that holds the workspace lock, so two acceptances cannot both take the last seat.
 */
export async function assertSeatAvailable(deps: AppDeps, trx: Db, workspaceId: string, moment: 'invite' | 'accept'): Promise<void> {
  // In the caller's transaction: it holds the workspace row, which a subscription's insert (its foreign key) waits for.
  const settings = settingsOf(deps);
  const sub = await ensureSubscription(trx, workspaceId, { tierName: settings.defaultTier, billingInterval: settings.billingInterval });
  const tier = await findTierById(trx, sub.tierId);
  if (!tier || tier.maxSeats === null) return;
  const counts = await workspaceResourceCounts(trx, workspaceId);
  const taken = counts.seats + (moment === 'invite' ? counts.pendingInvitations : 0);
  if (taken < tier.maxSeats) return;
  throw new PaymentRequiredError(
    `${tier.displayName} includes ${tier.maxSeats} ${tier.maxSeats === 1 ? 'seat' : 'seats'}${moment === 'invite' ? ', counting open invitations,' : ''} and all are taken. A workspace admin can upgrade the plan on the Billing page${moment === 'invite' ? ' or revoke an open invitation' : ''}.`,
    { metric: 'seats', reason: 'limit_reached', limit: tier.maxSeats, usage: taken, tier: tier.name, upgrade: { url: `${deps.config.PORTAL_URL.replace(/\/$/, '')}/billing`, hint: 'Compare the plans on the Billing page.' } },
  );
}
