import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import {
  subscriptionHandlers,
  type BillingChangeResult,
  type CancelRequest,
  type DunningState,
  type PaymentSettledSignal,
  type PlanChangeRequest,
  type ReactivateRequest,
  type RetryPaymentRequest,
  type RetryPaymentResult,
  type SubscriptionLifecycleInput,
  type SubscriptionSnapshot,
  type SubscriptionState,
} from './contract';

export const subscriptionStateQuery = defineQuery<SubscriptionState>(subscriptionHandlers.state);
export const changePlanUpdate = defineUpdate<BillingChangeResult, [PlanChangeRequest]>(subscriptionHandlers.changePlan);
export const cancelSubscriptionUpdate = defineUpdate<BillingChangeResult, [CancelRequest]>(subscriptionHandlers.cancel);
export const reactivateSubscriptionUpdate = defineUpdate<BillingChangeResult, [ReactivateRequest]>(subscriptionHandlers.reactivate);
export const retryPaymentUpdate = defineUpdate<RetryPaymentResult, [RetryPaymentRequest]>(subscriptionHandlers.retryPayment);
export const paymentSettledSignal = defineSignal<[PaymentSettledSignal]>(subscriptionHandlers.paymentSettled);
/** Something changed the subscription outside the workflow (a billing admin, an invoicing run): read it again. */
export const refreshSubscriptionSignal = defineSignal(subscriptionHandlers.refresh);

const billing = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

/** Milliseconds of a Temporal duration string such as "3 days" (workflow code cannot import `ms`). */
function durationMs(text: string): number {
  const m = /^\s*(\d+)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)\s*$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = m[2]!;
  const factor = unit.startsWith('ms') || unit.startsWith('milli') ? 1 : unit.startsWith('s') ? 1000 : unit.startsWith('m') ? 60_000 : unit.startsWith('h') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * factor;
}

/**
 * One workspace's subscription, for as long as it lives: trial → active → renews each period; upgrades apply now
 * (prorated), downgrades and cancellations at the period end; a failed payment makes it past due, dunning retries
 * after each of `dunningDelays`, and after the last failure the workspace is restricted until an invoice is paid.
 * The database is the record (the invoicing run may close a period first); the workflow holds the timers.
 */
export async function subscriptionLifecycle(input: SubscriptionLifecycleInput): Promise<SubscriptionState> {
  // Handlers are registered before the first await, so an update that started this workflow is never refused.
  let loaded = false;
  let snapshot = undefined as unknown as SubscriptionSnapshot;
  let dunning: DunningState | null = input.carried?.dunning ?? null;
  let generation = input.carried?.generation ?? 0;
  const settled: PaymentSettledSignal[] = [];
  let refresh = false;
  let chargeSeq = 0;
  // Plan changes, cancellations and charges take turns, so no two of them interleave their reads and writes.
  let busy = false;
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !busy && loaded);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }
  const attemptKey = () => `${workflowInfo().runId}-${++chargeSeq}`;

  setHandler(subscriptionStateQuery, () => {
    if (!loaded) throw new Error('The subscription is still loading; ask again in a moment.');
    return { snapshot, dunning, generation };
  });
  setHandler(
    changePlanUpdate,
    (request) =>
      exclusive(async () => {
        const result = await billing.changeSubscriptionPlan({ ...request, workspaceId: input.workspaceId, trialPeriod: input.trialPeriod });
        if (result.ok) snapshot = result.subscription;
        return result;
      }),
    {
      validator: (request) => {
        if (!request?.tier || !request.requestId) throw new Error('A plan change needs a tier and a request id.');
      },
    },
  );
  setHandler(cancelSubscriptionUpdate, (request) =>
    exclusive(async () => {
      const result = await billing.cancelSubscription({ ...request, workspaceId: input.workspaceId });
      if (result.ok) {
        snapshot = result.subscription;
        // Cancelling now issues a final invoice for the part of the period used; collect it at once.
        if (result.invoiceId) await collect();
      }
      return result;
    }),
  );
  setHandler(reactivateSubscriptionUpdate, (request) =>
    exclusive(async () => {
      const result = await billing.reactivateSubscription({ ...request, workspaceId: input.workspaceId });
      if (result.ok) snapshot = result.subscription;
      return result;
    }),
  );
  setHandler(retryPaymentUpdate, (request) =>
    exclusive(async () => {
      const result = await billing.collectInvoice({ invoiceId: request.invoiceId, attempt: (dunning?.attempt ?? 0) + 1, attemptKey: attemptKey() });
      if (result.outcome === 'paid') await settleIfPaid();
      else if (result.outcome === 'failed' && !dunning) await startDunning();
      return result;
    }),
  );
  setHandler(paymentSettledSignal, (event) => {
    settled.push(event);
  });
  setHandler(refreshSubscriptionSignal, () => {
    refresh = true;
  });

  snapshot = await billing.loadSubscription({ workspaceId: input.workspaceId, billingInterval: input.billingInterval });
  loaded = true;

  async function settleIfPaid() {
    snapshot = await billing.setDunningState({ subscriptionId: snapshot.subscriptionId, state: 'settled' });
    if (!snapshot.pastDueSince && !snapshot.restricted) dunning = null;
  }

  async function startDunning() {
    snapshot = await billing.setDunningState({ subscriptionId: snapshot.subscriptionId, state: 'past_due' });
    dunning = { attempt: 1, nextAttemptAt: nextRetryAt(1) };
    if (!dunning.nextAttemptAt) snapshot = await billing.setDunningState({ subscriptionId: snapshot.subscriptionId, state: 'restricted' });
  }

  /** When attempt `made`+1 is due, or null when `made` attempts were the last. */
  function nextRetryAt(made: number): string | null {
    const delay = input.dunningDelays[made - 1];
    return delay === undefined ? null : new Date(Date.now() + durationMs(delay)).toISOString();
  }

  /** Charges whatever is owed. A first failure starts dunning; a failure of the last retry restricts the workspace. */
  async function collect(): Promise<void> {
    const attempt = (dunning?.attempt ?? 0) + 1;
    const next = dunning ? nextRetryAt(attempt) : nextRetryAt(1);
    const result = await billing.collectOpenInvoices({ subscriptionId: snapshot.subscriptionId, attempt, attemptKey: attemptKey(), nextAttemptAt: next });
    if (result.outcome === 'paid' || result.outcome === 'none') {
      if (dunning || snapshot.pastDueSince || snapshot.restricted) await settleIfPaid();
      return;
    }
    if (result.outcome !== 'failed') return; // pending (Stripe tells the webhook) or manual (a billing admin marks it paid)
    if (!dunning) return startDunning();
    dunning = { attempt, nextAttemptAt: next };
    if (!next) snapshot = await billing.setDunningState({ subscriptionId: snapshot.subscriptionId, state: 'restricted' });
  }

  for (;;) {
    const periodEnd = Date.parse(snapshot.currentPeriodEnd);
    const retryAt = dunning?.nextAttemptAt ? Date.parse(dunning.nextAttemptAt) : Infinity;
    const wakeAt = Math.min(periodEnd, retryAt);
    if (wakeAt > Date.now()) await condition(() => settled.length > 0 || refresh, wakeAt - Date.now());

    let notDue = false;
    await exclusive(async () => {
      if (refresh) {
        refresh = false;
        snapshot = await billing.loadSubscription({ workspaceId: input.workspaceId, billingInterval: input.billingInterval });
      }
      while (settled.length) {
        const event = settled.shift()!;
        if (event.outcome === 'paid') await settleIfPaid();
        else if (!dunning) await startDunning();
      }
      if (Date.now() >= Date.parse(snapshot.currentPeriodEnd)) {
        const closed = await billing.closeSubscriptionPeriod({ subscriptionId: snapshot.subscriptionId, periodStart: snapshot.currentPeriodStart });
        snapshot = closed.subscription;
        // The database's clock may trail the workflow's by a moment: look again shortly rather than spin.
        if (closed.outcome === 'not_due') notDue = true;
        if (closed.invoiceId && closed.totalCents > 0) await collect();
      }
      if (dunning?.nextAttemptAt && Date.now() >= Date.parse(dunning.nextAttemptAt)) await collect();
    });

    if (notDue) await sleep('1 second');
    const info = workflowInfo();
    if (info.continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && info.historyLength > input.continueAsNewAfterEvents)) {
      await condition(allHandlersFinished);
      generation++;
      await continueAsNew<typeof subscriptionLifecycle>({ ...input, carried: { dunning, generation } });
    }
  }
}
