import { Context } from '@temporalio/activity';
import type { Knex } from '@argus/db';
import type Stripe from 'stripe';
import {
  appendActivity,
  ensureSubscription,
  findInvoiceById,
  findRunById,
  markRunSkipped,
  findSubscriptionById,
  listDueSubscriptionIds,
  listUnpaidInvoicesOfSubscription,
  lockUnannouncedInvoices,
  markInvoicesAnnounced,
  markSubscriptionPastDue,
  markSubscriptionRestricted,
  markSubscriptionSettled,
  type InvoiceRow,
  type SubscriptionRow,
} from '@argus/db';
import type {
  BillingChangeResult,
  CancelRequest,
  PaymentOutcome,
  PlanChangeRequest,
  ReactivateRequest,
  RetryPaymentResult,
  SubscriptionSnapshot,
} from '@argus/workflows/contract';
import type { Mailer } from '../platform/mailer';
import { cancelSubscription, changePlan, closeBillingPeriod, closeDuePeriods, reactivateSubscription, snapshotOf, TierCache } from './engine';
import { sendBillingNotice, sendInvoiceAnnouncements } from './notices';
import { checkQuota } from './quotas';
import { publishEvent } from '../events';
import { chargeInvoice } from './payments';
import type { BillingSettings } from './settings';

export interface BillingActivityDeps {
  knex: Knex;
  settings: BillingSettings;
  stripe: Stripe | null;
  mailer: Mailer;
  portalUrl: string;
}

/** Runs `fn` over `items`, at most `concurrency` at a time. */
async function eachLimited<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/** Activities of the subscription lifecycle and of the invoicing run. All of them are safe to run twice. */
export function createBillingActivities({ knex, settings, stripe, mailer, portalUrl }: BillingActivityDeps) {
  const notify = (sub: Pick<SubscriptionRow, 'workspaceId' | 'billingEmail'>, notice: Parameters<typeof sendBillingNotice>[4]) => sendBillingNotice(knex, mailer, portalUrl, sub, notice);

  /** Mails unannounced invoices (these, or the next 500), once: the rows stay locked until they are marked. */
  async function announce(invoiceIds?: string[]): Promise<number> {
    return knex.transaction(async (trx) => {
      const locked = await lockUnannouncedInvoices(trx, invoiceIds ? invoiceIds.length : 500, invoiceIds);
      await sendInvoiceAnnouncements(knex, mailer, portalUrl, locked);
      await markInvoicesAnnounced(trx, locked.map((i) => i.id));
      return locked.length;
    });
  }

  async function snapshot(sub: SubscriptionRow): Promise<SubscriptionSnapshot> {
    return snapshotOf(knex, sub);
  }

  return {
    /** The workspace's subscription (created on the default tier if it has none) as the workflow sees it. */
    async loadSubscription({ workspaceId, billingInterval }: { workspaceId: string; billingInterval: string }): Promise<SubscriptionSnapshot> {
      return snapshot(await ensureSubscription(knex, workspaceId, { tierName: settings.defaultTier, billingInterval }));
    },

    /**
     * Closes the period the workflow was waiting for, unless the invoicing run did already: either way it answers
     * that period's invoice (null when nothing was owed) and the subscription as it is now.
     */
    async closeSubscriptionPeriod({ subscriptionId, periodStart }: { subscriptionId: string; periodStart: string }): Promise<{ outcome: 'closed' | 'already_closed' | 'not_due'; invoiceId: string | null; totalCents: number; subscription: SubscriptionSnapshot }> {
      const before = await findSubscriptionById(knex, subscriptionId);
      const result = await closeBillingPeriod(knex, settings, subscriptionId, { asOf: new Date(), expectedPeriodStart: new Date(periodStart) });
      if (result.status === 'missing' || result.status === 'locked') throw new Error(`subscription ${subscriptionId} is ${result.status}`);
      const invoice = 'invoice' in result ? result.invoice : null;
      if (result.status === 'closed') {
        if (invoice && result.created) await announce([invoice.id]);
        if (before?.status === 'trial') await notify(result.subscription, { kind: 'trial_ended', summary: `The trial ended; ${(await snapshot(result.subscription)).tier} continues as a paid plan.` });
        if (before && before.status !== 'cancelled' && result.subscription.status === 'cancelled') await notify(result.subscription, { kind: 'cancelled', summary: 'The subscription ended at the close of its period, as requested. The workspace is on Free now.' });
      }
      return { outcome: result.status, invoiceId: invoice?.id ?? null, totalCents: invoice?.totalCents ?? 0, subscription: await snapshot(result.subscription) };
    },

    async changeSubscriptionPlan(input: PlanChangeRequest & { workspaceId: string; trialPeriod: string | null }): Promise<BillingChangeResult> {
      const result = await changePlan(knex, settings, input);
      if (result.ok) {
        const sub = (await findSubscriptionById(knex, result.subscription.subscriptionId))!;
        await notify(sub, {
          kind: 'plan_changed',
          summary: result.effective === 'now' ? `The workspace is on ${result.subscription.tier} now${result.prorationCents ? `; the prorated difference is on the next invoice` : ''}.` : `The workspace moves to ${result.subscription.pendingTier} at the end of the current period.`,
        });
      }
      return result;
    },

    async cancelSubscription(input: CancelRequest & { workspaceId: string }): Promise<BillingChangeResult> {
      const result = await cancelSubscription(knex, settings, input);
      if (result.ok) {
        const sub = (await findSubscriptionById(knex, result.subscription.subscriptionId))!;
        if (result.invoiceId) await announce([result.invoiceId]);
        await notify(sub, {
          kind: 'cancelled',
          summary: result.effective === 'now' ? 'The subscription is cancelled as of now; the part of the period used is on a final invoice. The workspace is on Free now.' : `The subscription ends on ${result.subscription.currentPeriodEnd.slice(0, 10)}, at the end of the period. You can reactivate it until then.`,
        });
      }
      return result;
    },

    async reactivateSubscription(input: ReactivateRequest & { workspaceId: string }): Promise<BillingChangeResult> {
      return reactivateSubscription(knex, settings, input);
    },

    /**
     * Charges every invoice the subscription still owes, once for this attempt. The outcome is the worst of them:
     * failed, then pending, then manual; 'paid' only when nothing is owed any more.
     */
    async collectOpenInvoices({ subscriptionId, attempt, attemptKey, nextAttemptAt }: { subscriptionId: string; attempt: number; attemptKey: string; nextAttemptAt: string | null }): Promise<{ outcome: PaymentOutcome | 'none'; message: string; failedInvoiceIds: string[] }> {
      const sub = (await findSubscriptionById(knex, subscriptionId))!;
      const open = await listUnpaidInvoicesOfSubscription(knex, subscriptionId);
      if (!open.length) return { outcome: 'none', message: 'Nothing is owed.', failedInvoiceIds: [] };
      const outcomes: { invoice: InvoiceRow; outcome: PaymentOutcome; message: string }[] = [];
      for (const invoice of open) {
        const charged = await chargeInvoice(stripe, knex, invoice.id, attempt, `${attemptKey}-${invoice.id}`);
        outcomes.push({ invoice, outcome: charged.outcome, message: charged.message });
        if (charged.outcome === 'failed') await notify(sub, { kind: 'payment_failed', invoice, message: charged.message, nextAttemptAt });
        if (charged.outcome === 'paid') await notify(sub, { kind: 'payment_succeeded', invoice });
      }
      const failed = outcomes.filter((o) => o.outcome === 'failed');
      const worst = failed[0] ?? outcomes.find((o) => o.outcome === 'pending') ?? outcomes.find((o) => o.outcome === 'manual');
      return { outcome: worst?.outcome ?? 'paid', message: worst?.message ?? 'Every invoice is paid.', failedInvoiceIds: failed.map((f) => f.invoice.id) };
    },

    /** One invoice, now (the portal's "Retry payment"). */
    async collectInvoice({ invoiceId, attempt, attemptKey }: { invoiceId: string; attempt: number; attemptKey: string }): Promise<RetryPaymentResult> {
      const invoice = await findInvoiceById(knex, invoiceId);
      if (!invoice) return { outcome: 'not_owed', message: 'There is no such invoice.' };
      const charged = await chargeInvoice(stripe, knex, invoiceId, Math.max(attempt, invoice.paymentAttempts + 1), attemptKey);
      const sub = (await findSubscriptionById(knex, invoice.subscriptionId))!;
      if (charged.outcome === 'paid') await notify(sub, { kind: 'payment_succeeded', invoice });
      return { outcome: charged.outcome, message: charged.message };
    },

    /** Dunning's marks on the subscription: past due, restricted, or settled once nothing is owed. */
    async setDunningState({ subscriptionId, state }: { subscriptionId: string; state: 'past_due' | 'restricted' | 'settled' }): Promise<SubscriptionSnapshot> {
      const result = await knex.transaction(async (trx) => {
        const before = (await findSubscriptionById(trx, subscriptionId))!;
        if (state === 'settled' && (await listUnpaidInvoicesOfSubscription(trx, subscriptionId)).length) return { before, after: before, changed: false };
        const after = state === 'past_due' ? await markSubscriptionPastDue(trx, subscriptionId) : state === 'restricted' ? await markSubscriptionRestricted(trx, subscriptionId) : await markSubscriptionSettled(trx, subscriptionId);
        const changed = after.status !== before.status || Boolean(after.restrictedAt) !== Boolean(before.restrictedAt);
        if (changed) {
          await appendActivity(trx, {
            workspaceId: before.workspaceId,
            actorKind: 'system',
            action: `subscription.${state}`,
            resourceType: 'subscription',
            resourceId: subscriptionId,
            before: { status: before.status, restricted: Boolean(before.restrictedAt) },
            after: { status: after.status, restricted: Boolean(after.restrictedAt) },
          });
        }
        return { before, after, changed };
      });
      if (result.changed && state === 'restricted') {
        const [oldest] = await listUnpaidInvoicesOfSubscription(knex, subscriptionId);
        await notify(result.after, { kind: 'restricted', invoice: oldest ?? null });
      }
      return snapshot(result.after);
    },

    /**
     * One batch of the invoicing run: closes the period of every subscription (after `afterId`, in id order) whose
     * period ended by `asOf`, in transactions of up to 100 subscriptions, `concurrency` at a time. Subscriptions
     * someone else holds are skipped; they are being closed already.
     */
    async invoiceDueBatch({ asOf, afterId, limit, concurrency }: { asOf: string; afterId: string | null; limit: number; concurrency: number }): Promise<{ processed: number; closed: number; invoicesCreated: number; lastId: string | null; done: boolean }> {
      const ctx = Context.current();
      const at = new Date(asOf);
      const ids = await listDueSubscriptionIds(knex, at, { afterId: afterId ?? undefined, limit });
      const tiers = new TierCache();
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
      let closed = 0;
      let invoicesCreated = 0;
      await eachLimited(chunks, concurrency, async (chunk) => {
        const result = await closeDuePeriods(knex, settings, chunk, at, tiers);
        closed += result.closed;
        invoicesCreated += result.invoicesCreated;
        ctx.heartbeat({ afterId });
      });
      return { processed: ids.length, closed, invoicesCreated, lastId: ids.at(-1) ?? afterId, done: ids.length < limit };
    },

    /**
     * Before a run takes a slot: does the plan cover it? If not (Free at its limit, or a restricted workspace) the run
     * is recorded as skipped with the reason, never dropped. A retried call answers the same.
     */
    async admitRun({ runId, workspaceId }: { runId: string; workspaceId: string; repositoryId: string }): Promise<{ admitted: true } | { admitted: false; reason: string }> {
      const run = await findRunById(knex, runId);
      if (run?.status === 'skipped') return { admitted: false, reason: run.error ?? 'The plan does not cover this analysis.' };
      if (run && run.status !== 'queued') return { admitted: true };
      const decision = await checkQuota(knex, settings, workspaceId, 'analysis', { excludeRunId: runId });
      if (decision.allowed) return { admitted: true };
      const skipped = await markRunSkipped(knex, runId, decision.message);
      if (skipped) await publishEvent(knex, { type: 'run.updated', runId, workspaceId, repositoryId: skipped.repositoryId, status: skipped.status, progress: skipped.progress });
      return { admitted: false, reason: decision.message };
    },

    /** Mails every invoice nobody announced yet, a batch at a time; answers how many. */
    async announceInvoices(): Promise<{ announced: number }> {
      return { announced: await announce() };
    },
  };
}

type BillingActivities = ReturnType<typeof createBillingActivities>;
