import type { Knex } from '@argus/db';
import {
  addPendingInvoiceItem,
  advanceSubscriptionPeriods,
  appendActivities,
  appendActivity,
  attachUsageToInvoices,
  availableCreditOf,
  claimUnbilledUsage,
  claimUnbilledUsageOf,
  consumeCredit,
  ensureSubscription,
  findInvoiceForPeriod,
  findTierById,
  findTierByName,
  insertInvoicesWithItems,
  listPendingInvoiceItemsOf,
  lockDueSubscriptions,
  lockSubscription,
  planPeriodAdvance,
  recordPlanChange,
  setCancelAtPeriodEnd,
  setPendingTier,
  setSubscriptionTier,
  startPaidPeriod,
  syncUsageRecords,
  syncUsageRecordsOf,
  type Db,
  type InvoiceRow,
  type SubscriptionRow,
  type TierRow,
} from '@argus/db';
import type { BillingChangeResult, CancelRequest, PlanChangeRequest, ReactivateRequest, SubscriptionSnapshot } from '@argus/workflows/contract';
import { composePeriodInvoice, describePortion, formatCents, taxRateFor, upgradeProration } from './pricing';
import type { BillingSettings } from './settings';

// The billing engine: every change of a subscription and every invoice, each in one transaction that holds the
// subscription's row lock. The subscription workflow and the invoicing run both call it, so whichever comes first
// does the work and the other finds it done.

/** Tiers change rarely; a run of thousands of invoices reads each one once. */
export class TierCache {
  private readonly byId = new Map<string, TierRow>();
  private readonly byName = new Map<string, TierRow>();
  async get(db: Db, id: string): Promise<TierRow> {
    let tier = this.byId.get(id);
    if (!tier) {
      tier = await findTierById(db, id);
      if (!tier) throw new Error(`tier ${id} does not exist`);
      this.byId.set(id, tier);
    }
    return tier;
  }
  async named(db: Db, name: string): Promise<TierRow | undefined> {
    let tier = this.byName.get(name);
    if (!tier) {
      tier = await findTierByName(db, name);
      if (tier) this.byName.set(name, tier);
    }
    return tier;
  }
}

export async function snapshotOf(db: Db, sub: SubscriptionRow, tiers = new TierCache()): Promise<SubscriptionSnapshot> {
  return {
    subscriptionId: sub.id,
    workspaceId: sub.workspaceId,
    status: sub.status,
    tier: (await tiers.get(db, sub.tierId)).name,
    pendingTier: sub.pendingTierId ? (await tiers.get(db, sub.pendingTierId)).name : null,
    currentPeriodStart: new Date(sub.currentPeriodStart).toISOString(),
    currentPeriodEnd: new Date(sub.currentPeriodEnd).toISOString(),
    trialEnd: sub.trialEnd ? new Date(sub.trialEnd).toISOString() : null,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    cancelledAt: sub.cancelledAt ? new Date(sub.cancelledAt).toISOString() : null,
    pastDueSince: sub.pastDueSince ? new Date(sub.pastDueSince).toISOString() : null,
    restricted: Boolean(sub.restrictedAt),
  };
}

const audit = (db: Db, sub: Pick<SubscriptionRow, 'id' | 'workspaceId'>, action: string, actorId: string | null, before: unknown, after: unknown) =>
  appendActivity(db, { workspaceId: sub.workspaceId, actorId, actorKind: actorId ? 'user' : 'system', action, resourceType: 'subscription', resourceId: sub.id, before, after });

const brief = (s: SubscriptionRow, tiers: Map<string, string>) => ({
  status: s.status,
  tier: tiers.get(s.tierId) ?? s.tierId,
  pendingTier: s.pendingTierId ? (tiers.get(s.pendingTierId) ?? s.pendingTierId) : null,
  cancelAtPeriodEnd: s.cancelAtPeriodEnd,
  currentPeriodEnd: new Date(s.currentPeriodEnd).toISOString(),
});

export type CloseOutcome =
  | { status: 'closed'; invoice: InvoiceRow | null; created: boolean; subscription: SubscriptionRow }
  | { status: 'already_closed'; invoice: InvoiceRow | null; subscription: SubscriptionRow }
  | { status: 'not_due'; subscription: SubscriptionRow }
  | { status: 'locked' }
  | { status: 'missing' };

export interface CloseOptions {
  /** Periods that ended by this instant are closed. */
  asOf: Date;
  /** The period the caller means; if the subscription has moved past it, the caller gets that period's invoice. */
  expectedPeriodStart?: Date;
  /** Cancel now: the period ends at `asOf`, its base fee prorated to the part used. */
  endNow?: boolean;
  /** Skip a subscription someone else holds (the invoicing run) instead of waiting for it. */
  skipLocked?: boolean;
  actorId?: string | null;
}

interface Closing {
  sub: SubscriptionRow;
  /** Set when a cancellation ends the period now. */
  endedAt?: Date;
}

/**
 * Closes the periods of subscriptions the transaction has locked: bills each period's base fee, overage, prorations
 * and tax minus credits as one invoice (none when nothing is owed), marks the usage it billed, consumes the credits,
 * and opens the next period (a trial becomes active; a pending downgrade or a cancellation takes effect). Set-based:
 * a batch of hundreds costs a dozen statements. The unique (subscription, period start) makes a second invoice
 * impossible even if two callers got this far.
 */
async function closeLockedPeriods(trx: Knex.Transaction, settings: BillingSettings, closing: Closing[], tiers: TierCache, actorId: string | null): Promise<Map<string, { invoice: InvoiceRow | null; subscription: SubscriptionRow }>> {
  const results = new Map<string, { invoice: InvoiceRow | null; subscription: SubscriptionRow }>();
  if (!closing.length) return results;
  // One connection per transaction: its queries run one after the other.
  const free = await tiers.named(trx, 'free');
  for (const id of new Set(closing.flatMap(({ sub }) => [sub.tierId, sub.periodTierId, ...(sub.pendingTierId ? [sub.pendingTierId] : [])]))) await tiers.get(trx, id);
  const subs = closing.map((c) => c.sub);
  await syncUsageRecordsOf(trx, subs);
  const usage = await claimUnbilledUsageOf(trx, closing.map(({ sub, endedAt }) => ({ subscriptionId: sub.id, before: endedAt ?? new Date(sub.currentPeriodEnd) })));
  const pending = new Map<string, Awaited<ReturnType<typeof listPendingInvoiceItemsOf>>>();
  for (const item of await listPendingInvoiceItemsOf(trx, subs.map((s) => s.id))) pending.set(item.subscriptionId, [...(pending.get(item.subscriptionId) ?? []), item]);
  const credits = await availableCreditOf(trx, subs.map((s) => s.workspaceId));

  const entries: Parameters<typeof insertInvoicesWithItems>[1] = [];
  const creditUse: { workspaceId: string; cents: number }[] = [];
  for (const { sub, endedAt } of closing) {
    const periodTier = await tiers.get(trx, sub.periodTierId);
    const tier = await tiers.get(trx, sub.tierId);
    const taxRateBps = taxRateFor(settings.taxRates, sub.billingCountry);
    const composed = composePeriodInvoice({
      tierName: periodTier.displayName,
      basePriceCents: periodTier.monthlyPriceCents,
      periodStart: new Date(sub.currentPeriodStart),
      periodEnd: new Date(sub.currentPeriodEnd),
      endedAt,
      trial: sub.status === 'trial',
      analysesUsed: usage.get(sub.id)!.totals.analysis,
      analysesAllowance: tier.maxAnalysesPerMonth,
      overagePriceCents: tier.overagePriceCents,
      overageAllowed: tier.overageAllowed,
      pendingItems: (pending.get(sub.id) ?? []).map((p) => ({ type: p.itemType, description: p.description, totalCents: p.totalCents, ref: p.id })),
      creditsAvailableCents: credits.get(sub.workspaceId) ?? 0,
      taxRateBps,
      currency: settings.currency,
    });
    if (!composed.lines.some((l) => l.totalCents !== 0)) continue;
    if (composed.creditsAppliedCents > 0) creditUse.push({ workspaceId: sub.workspaceId, cents: composed.creditsAppliedCents });
    entries.push({
      invoice: {
        subscriptionId: sub.id,
        workspaceId: sub.workspaceId,
        tierId: periodTier.id,
        billingPeriodStart: new Date(sub.currentPeriodStart),
        billingPeriodEnd: endedAt ?? new Date(sub.currentPeriodEnd),
        currency: settings.currency,
        subtotalCents: composed.subtotalCents,
        taxCents: composed.taxCents,
        taxRateBps,
        taxCountry: sub.billingCountry,
        totalCents: composed.totalCents,
        overageChargesCents: composed.overageCents,
        creditsAppliedCents: composed.creditsAppliedCents,
        status: composed.totalCents > 0 ? 'sent' : 'paid',
      },
      lines: composed.lines.map((l) => ({ type: l.type, description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents, totalCents: l.totalCents, pendingItemId: l.ref })),
    });
  }
  const invoices = new Map<string, InvoiceRow>();
  for (const { invoice, created } of await insertInvoicesWithItems(trx, entries)) {
    // The row lock says this period is open; an invoice for it means the data were changed by hand.
    if (!created) throw new Error(`subscription ${invoice.subscriptionId} already has invoice ${invoice.number} for its open period`);
    invoices.set(invoice.subscriptionId, invoice);
  }
  await attachUsageToInvoices(trx, [...invoices.values()].map((inv) => ({ ids: usage.get(inv.subscriptionId)!.ids, invoiceId: inv.id })));
  for (const use of creditUse) await consumeCredit(trx, use.workspaceId, use.cents);
  const advanced = await advanceSubscriptionPeriods(trx, closing.map(({ sub, endedAt }) => planPeriodAdvance(sub, { fallbackTierId: free?.id ?? sub.tierId, endedAt })));
  const byId = new Map(advanced.map((s) => [s.id, s]));

  const names = new Map<string, string>();
  const nameOf = async (id: string) => names.get(id) ?? names.set(id, (await tiers.get(trx, id)).name).get(id)!;
  const audits: Parameters<typeof appendActivities>[1] = [];
  for (const { sub } of closing) {
    const next = byId.get(sub.id)!;
    const invoice = invoices.get(sub.id) ?? null;
    results.set(sub.id, { invoice, subscription: next });
    if (next.status === sub.status && next.tierId === sub.tierId && !invoice) continue;
    for (const id of [sub.tierId, next.tierId, ...(sub.pendingTierId ? [sub.pendingTierId] : [])]) await nameOf(id);
    const action = next.status === 'cancelled' && sub.status !== 'cancelled' ? 'subscription.cancelled' : sub.status === 'trial' ? 'subscription.trial_ended' : 'subscription.renewed';
    audits.push({
      workspaceId: sub.workspaceId,
      actorId,
      actorKind: actorId ? 'user' : 'system',
      action,
      resourceType: 'subscription',
      resourceId: sub.id,
      before: brief(sub, names),
      after: { ...brief(next, names), invoice: invoice ? { id: invoice.id, number: invoice.number, totalCents: invoice.totalCents } : null },
    });
  }
  await appendActivities(trx, audits);
  return results;
}

/**
 * Closes one subscription's current period if it ended (or now, for a cancellation), in one transaction under its
 * row lock: a crash leaves all of it or none.
 */
export async function closeBillingPeriod(knex: Knex, settings: BillingSettings, subscriptionId: string, opts: CloseOptions, tiers = new TierCache()): Promise<CloseOutcome> {
  return knex.transaction(async (trx) => {
    const sub = await lockSubscription(trx, subscriptionId, { skipLocked: opts.skipLocked });
    if (!sub) return opts.skipLocked ? { status: 'locked' as const } : { status: 'missing' as const };
    if (opts.expectedPeriodStart && new Date(sub.currentPeriodStart).getTime() !== opts.expectedPeriodStart.getTime()) {
      return { status: 'already_closed' as const, invoice: (await findInvoiceForPeriod(trx, sub.id, opts.expectedPeriodStart)) ?? null, subscription: sub };
    }
    if (!opts.endNow && new Date(sub.currentPeriodEnd) > opts.asOf) return { status: 'not_due' as const, subscription: sub };
    const closed = (await closeLockedPeriods(trx, settings, [{ sub, endedAt: opts.endNow ? opts.asOf : undefined }], tiers, opts.actorId ?? null)).get(sub.id)!;
    return { status: 'closed' as const, invoice: closed.invoice, created: Boolean(closed.invoice), subscription: closed.subscription };
  });
}

/**
 * The invoicing run's step: closes, in one transaction, the periods of those of `ids` that ended by `asOf`.
 * Subscriptions someone else holds are skipped (a workflow is closing them); a crash rolls the whole batch back.
 */
export async function closeDuePeriods(knex: Knex, settings: BillingSettings, ids: string[], asOf: Date, tiers = new TierCache()): Promise<{ closed: number; invoicesCreated: number }> {
  return knex.transaction(async (trx) => {
    const subs = await lockDueSubscriptions(trx, ids, asOf);
    const results = await closeLockedPeriods(trx, settings, subs.map((sub) => ({ sub })), tiers, null);
    return { closed: results.size, invoicesCreated: [...results.values()].filter((r) => r.invoice).length };
  });
}

const refuse = (code: Extract<BillingChangeResult, { ok: false }>['code'], message: string): BillingChangeResult => ({ ok: false, code, message });

async function lockEnsured(trx: Knex.Transaction, settings: BillingSettings, workspaceId: string): Promise<SubscriptionRow> {
  const sub = await ensureSubscription(trx, workspaceId, { tierName: settings.defaultTier, billingInterval: settings.billingInterval });
  return (await lockSubscription(trx, sub.id))!;
}

export interface PlanPreview {
  ok: boolean;
  code?: 'unknown_tier' | 'same_tier' | 'not_an_upgrade' | 'not_a_downgrade';
  message: string;
  effective: 'now' | 'period_end';
  prorationCents: number;
  /** What starts now instead of a proration: a trial, or a fresh paid period. */
  startsTrial: boolean;
  from: TierRow;
  to: TierRow | null;
}

/** What a plan change would do, priced exactly as the change itself prices it. */
export async function previewPlanChange(db: Db, sub: SubscriptionRow, tierName: string, direction: 'upgrade' | 'downgrade', trialPeriod: string | null, at: Date): Promise<PlanPreview> {
  const from = (await findTierById(db, sub.tierId))!;
  const to = await findTierByName(db, tierName);
  const base = { from, to: to ?? null, prorationCents: 0, startsTrial: false, effective: 'now' as const };
  if (!to || !to.isPublic) return { ...base, ok: false, code: 'unknown_tier', message: `There is no plan named "${tierName}".` };
  const leavingFree = from.monthlyPriceCents === 0 || sub.status === 'cancelled';
  if (to.id === sub.tierId && !sub.pendingTierId && !sub.cancelAtPeriodEnd && sub.status !== 'cancelled') return { ...base, ok: false, code: 'same_tier', message: `You are already on ${to.displayName}.` };
  const isUpgrade = to.monthlyPriceCents > from.monthlyPriceCents || (leavingFree && to.monthlyPriceCents > 0);
  if (direction === 'upgrade' && !isUpgrade && to.id !== sub.tierId) return { ...base, ok: false, code: 'not_an_upgrade', message: `${to.displayName} costs less than ${from.displayName}; downgrade instead (it takes effect at the end of the period).` };
  if (direction === 'downgrade' && (isUpgrade || to.id === sub.tierId)) return { ...base, ok: false, code: 'not_a_downgrade', message: `${to.displayName} is not cheaper than ${from.displayName}; upgrade instead.` };
  if (to.id === sub.tierId) return { ...base, ok: true, message: `You stay on ${to.displayName}; the scheduled change is withdrawn.` };
  if (direction === 'downgrade') {
    return { ...base, ok: true, effective: 'period_end', message: `You move to ${to.displayName} on ${new Date(sub.currentPeriodEnd).toISOString().slice(0, 10)}, the end of the current period. Until then ${from.displayName} stays in effect.` };
  }
  if (leavingFree) {
    const startsTrial = Boolean(trialPeriod) && !sub.trialUsed;
    return { ...base, ok: true, startsTrial, message: startsTrial ? `Your ${trialPeriod} trial of ${to.displayName} starts now; then ${formatCents(to.monthlyPriceCents)} per period.` : `${to.displayName} starts now at ${formatCents(to.monthlyPriceCents)} per period.` };
  }
  if (sub.status === 'trial') return { ...base, ok: true, message: `Your trial continues on ${to.displayName}.` };
  const { amountCents, remainingMs, periodMs } = upgradeProration({ fromPriceCents: from.monthlyPriceCents, toPriceCents: to.monthlyPriceCents, periodStart: new Date(sub.currentPeriodStart), periodEnd: new Date(sub.currentPeriodEnd), at });
  return {
    ...base,
    ok: true,
    prorationCents: amountCents,
    message: `${to.displayName} starts now. For the remaining ${describePortion(remainingMs, periodMs)} of this period you pay the difference, ${formatCents(amountCents)}, on your next invoice.`,
  };
}

/** Upgrade now (prorated) or downgrade at the period end. Applying the same request twice answers the first result. */
export async function changePlan(knex: Knex, settings: BillingSettings, input: PlanChangeRequest & { workspaceId: string; trialPeriod: string | null }, at = new Date()): Promise<BillingChangeResult> {
  return knex.transaction(async (trx) => {
    const tiers = new TierCache();
    const sub = await lockEnsured(trx, settings, input.workspaceId);
    if (sub.lastPlanChangeId === input.requestId) return { ok: true, effective: sub.pendingTierId ? 'period_end' : 'now', prorationCents: 0, invoiceId: null, subscription: await snapshotOf(trx, sub, tiers) };
    const preview = await previewPlanChange(trx, sub, input.tier, input.direction, input.trialPeriod, at);
    if (!preview.ok || !preview.to) return refuse(preview.code ?? 'unknown_tier', preview.message);
    const to = preview.to;
    let next: SubscriptionRow;
    if (to.id === sub.tierId) {
      next = await setPendingTier(trx, sub.id, null);
      if (sub.cancelAtPeriodEnd) next = await setCancelAtPeriodEnd(trx, sub.id, false);
    } else if (preview.effective === 'period_end') {
      next = await setPendingTier(trx, sub.id, to.id);
    } else if (preview.from.monthlyPriceCents === 0 || sub.status === 'cancelled') {
      // The free period ends here; what it used was within Free's allowance and is never billed.
      await syncUsageRecords(trx, sub);
      await claimUnbilledUsage(trx, sub.id, at);
      next = await startPaidPeriod(trx, sub.id, { tierId: to.id, trialInterval: preview.startsTrial ? input.trialPeriod : null });
    } else {
      if (preview.prorationCents > 0) {
        await addPendingInvoiceItem(trx, {
          subscriptionId: sub.id,
          type: 'proration',
          description: `Upgrade from ${preview.from.displayName} to ${to.displayName} on ${at.toISOString().slice(0, 10)} (${describePortion(new Date(sub.currentPeriodEnd).getTime() - at.getTime(), new Date(sub.currentPeriodEnd).getTime() - new Date(sub.currentPeriodStart).getTime())} left)`,
          totalCents: preview.prorationCents,
          idempotencyKey: `proration:${sub.id}:${input.requestId}`,
        });
      }
      next = await setSubscriptionTier(trx, sub.id, to.id);
    }
    next = await recordPlanChange(trx, sub.id, input.requestId);
    const names = new Map([[preview.from.id, preview.from.name], [to.id, to.name]]);
    await audit(trx, sub, input.direction === 'upgrade' ? 'subscription.upgraded' : 'subscription.downgraded', input.actorId, brief(sub, names), { ...brief(next, names), prorationCents: preview.prorationCents });
    return { ok: true, effective: preview.effective, prorationCents: preview.prorationCents, invoiceId: null, subscription: await snapshotOf(trx, next, tiers) };
  });
}

/** Cancel at the period end (reversible until then) or now (the period is invoiced for the part used). */
export async function cancelSubscription(knex: Knex, settings: BillingSettings, input: CancelRequest & { workspaceId: string }, at = new Date()): Promise<BillingChangeResult> {
  const tiers = new TierCache();
  const prepared = await knex.transaction(async (trx) => {
    const sub = await lockEnsured(trx, settings, input.workspaceId);
    const tier = await tiers.get(trx, sub.tierId);
    if (sub.status === 'cancelled' || (tier.monthlyPriceCents === 0 && sub.status !== 'trial')) return { refusal: refuse('nothing_to_cancel', `This workspace is on ${tier.displayName}; there is no paid plan to cancel.`) };
    if (!input.atPeriodEnd) return { sub };
    if (sub.cancelAtPeriodEnd) return { done: await snapshotOf(trx, sub, tiers) };
    const next = await setCancelAtPeriodEnd(trx, sub.id, true);
    await audit(trx, sub, 'subscription.cancel_scheduled', input.actorId, { cancelAtPeriodEnd: false }, { cancelAtPeriodEnd: true, currentPeriodEnd: new Date(sub.currentPeriodEnd).toISOString() });
    return { done: await snapshotOf(trx, next, tiers) };
  });
  if ('refusal' in prepared) return prepared.refusal!;
  if ('done' in prepared) return { ok: true, effective: 'period_end', prorationCents: 0, invoiceId: null, subscription: prepared.done! };
  const closed = await closeBillingPeriod(knex, settings, prepared.sub!.id, { asOf: at, endNow: true, actorId: input.actorId }, tiers);
  if (closed.status !== 'closed') throw new Error(`cancelling subscription ${prepared.sub!.id} found it ${closed.status}`);
  return { ok: true, effective: 'now', prorationCents: 0, invoiceId: closed.invoice?.id ?? null, subscription: await snapshotOf(knex, closed.subscription, tiers) };
}

/** Withdraws a cancellation (or a scheduled downgrade) before the period ends. */
export async function reactivateSubscription(knex: Knex, settings: BillingSettings, input: ReactivateRequest & { workspaceId: string }): Promise<BillingChangeResult> {
  return knex.transaction(async (trx) => {
    const tiers = new TierCache();
    const sub = await lockEnsured(trx, settings, input.workspaceId);
    if (!sub.cancelAtPeriodEnd && !sub.pendingTierId) {
      return refuse('not_cancelling', sub.status === 'cancelled' ? 'The subscription has ended; choose a plan to subscribe again.' : 'Nothing is scheduled to change; the subscription simply renews.');
    }
    let next = await setCancelAtPeriodEnd(trx, sub.id, false);
    next = await setPendingTier(trx, sub.id, null);
    await audit(trx, sub, 'subscription.reactivated', input.actorId, { cancelAtPeriodEnd: sub.cancelAtPeriodEnd, pendingTierId: sub.pendingTierId }, { cancelAtPeriodEnd: false, pendingTierId: null });
    return { ok: true, effective: 'now', prorationCents: 0, invoiceId: null, subscription: await snapshotOf(trx, next, tiers) };
  });
}
