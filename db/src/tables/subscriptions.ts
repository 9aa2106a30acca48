import { Model } from 'objection';
import type { Db } from '../knex';

// Owner of `subscription` (seed 004): one per workspace. The subscription workflow and the invoicing run change it
// only through these functions, each one a named transition; callers lock the row first (lockSubscription) so that
// a workflow's update and an overlapping invoicing run take turns.

export type SubscriptionStatus = 'trial' | 'active' | 'past_due' | 'cancelled';

export interface SubscriptionRow {
  id: string;
  workspaceId: string;
  tierId: string;
  periodTierId: string;
  pendingTierId: string | null;
  status: SubscriptionStatus;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  billingInterval: string;
  trialEnd: Date | null;
  trialUsed: boolean;
  cancelAtPeriodEnd: boolean;
  cancelledAt: Date | null;
  pastDueSince: Date | null;
  restrictedAt: Date | null;
  billingEmail: string | null;
  billingCountry: string | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  lastPlanChangeId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubscriptionModel extends SubscriptionRow {}
export class SubscriptionModel extends Model {
  static tableName = 'subscription';
}

/**
 * The workspace's subscription, created on first use on the given tier (an installation's default tier) with a
 * period starting now. Safe to call concurrently: the unique workspace id makes the first insert win.
 */
export async function ensureSubscription(db: Db, workspaceId: string, defaults: { tierName: string; billingInterval: string }): Promise<SubscriptionRow> {
  const existing = await SubscriptionModel.query(db).findOne({ workspaceId });
  if (existing) return existing;
  await db.raw(
    `insert into subscription (workspace_id, tier_id, period_tier_id, status, current_period_start, current_period_end, billing_interval)
     select ?, t.id, t.id, 'active', now(), now() + ?::interval, ? from subscription_tier t
     where t.name = coalesce((select name from subscription_tier where name = ?), 'free')
     on conflict (workspace_id) do nothing`,
    [workspaceId, defaults.billingInterval, defaults.billingInterval, defaults.tierName],
  );
  const row = await SubscriptionModel.query(db).findOne({ workspaceId });
  if (!row) throw new Error(`no subscription could be created for workspace ${workspaceId}`);
  return row;
}

export async function findSubscriptionOfWorkspace(db: Db, workspaceId: string): Promise<SubscriptionRow | undefined> {
  return SubscriptionModel.query(db).findOne({ workspaceId });
}

export async function findSubscriptionById(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  return SubscriptionModel.query(db).findById(id);
}

export async function findSubscriptionByStripeCustomer(db: Db, stripeCustomerId: string): Promise<SubscriptionRow | undefined> {
  return SubscriptionModel.query(db).findOne({ stripeCustomerId });
}

/**
 * Locks the subscription row until the transaction ends. `skipLocked` answers undefined instead of waiting when
 * someone else holds it (the invoicing run moves on; whoever holds it is closing the period already).
 */
export async function lockSubscription(db: Db, id: string, opts: { skipLocked?: boolean } = {}): Promise<SubscriptionRow | undefined> {
  const query = SubscriptionModel.query(db).findById(id).forUpdate();
  if (opts.skipLocked) query.skipLocked();
  return query;
}

async function patch(db: Db, id: string, changes: Record<string, unknown>): Promise<SubscriptionRow> {
  const [row] = await db('subscription').where({ id }).update({ ...changes, updatedAt: db.fn.now() }).returning('*');
  if (!row) throw new Error(`subscription ${id} does not exist`);
  return row as SubscriptionRow;
}

/**
 * Leaving Free (or a cancelled subscription) for a paid tier: a fresh period starts now, as a trial when one is
 * offered and the workspace never had one.
 */
export async function startPaidPeriod(db: Db, id: string, input: { tierId: string; trialInterval: string | null }): Promise<SubscriptionRow> {
  const length = input.trialInterval ? db.raw('now() + ?::interval', [input.trialInterval]) : db.raw('now() + billing_interval::interval');
  return patch(db, id, {
    tierId: input.tierId,
    periodTierId: input.tierId,
    pendingTierId: null,
    status: input.trialInterval ? 'trial' : 'active',
    currentPeriodStart: db.fn.now(),
    currentPeriodEnd: length,
    trialEnd: input.trialInterval ? length : null,
    trialUsed: input.trialInterval ? true : db.raw('trial_used'),
    cancelAtPeriodEnd: false,
    cancelledAt: null,
  });
}

/** An upgrade: the new tier's limits apply now (its proration is a pending invoice item). */
export async function setSubscriptionTier(db: Db, id: string, tierId: string): Promise<SubscriptionRow> {
  return patch(db, id, { tierId, pendingTierId: null, cancelAtPeriodEnd: false });
}

/** Remembers the plan change just applied, in its transaction. */
export async function recordPlanChange(db: Db, id: string, requestId: string): Promise<SubscriptionRow> {
  return patch(db, id, { lastPlanChangeId: requestId });
}

/** A downgrade waits for the end of the period; null withdraws it. */
export async function setPendingTier(db: Db, id: string, tierId: string | null): Promise<SubscriptionRow> {
  return patch(db, id, { pendingTierId: tierId });
}

export async function setCancelAtPeriodEnd(db: Db, id: string, cancel: boolean): Promise<SubscriptionRow> {
  return patch(db, id, { cancelAtPeriodEnd: cancel, ...(cancel ? { pendingTierId: null } : {}) });
}

/**
 * Closes the current period and opens the next one (at `endedAt` for a cancellation that takes effect now):
 * a trial becomes active, a pending downgrade or a cancellation takes effect (a cancelled subscription falls
 * back to `fallbackTierId`, normally Free), and the new period is billed at the tier it starts on.
 */
export async function advanceSubscriptionPeriod(db: Db, sub: SubscriptionRow, input: { fallbackTierId: string; endedAt?: Date }): Promise<SubscriptionRow> {
  const start = input.endedAt ?? sub.currentPeriodEnd;
  const cancelling = sub.cancelAtPeriodEnd || Boolean(input.endedAt);
  const tierId = cancelling ? input.fallbackTierId : (sub.pendingTierId ?? sub.tierId);
  return patch(db, sub.id, {
    currentPeriodStart: start,
    currentPeriodEnd: db.raw('?::timestamptz + billing_interval::interval', [start]),
    tierId,
    periodTierId: tierId,
    pendingTierId: null,
    cancelAtPeriodEnd: false,
    ...(cancelling ? { status: 'cancelled', cancelledAt: db.fn.now(), pastDueSince: null } : sub.status === 'trial' ? { status: 'active' } : {}),
  });
}

/** A payment failed: past due from the first failure on (a cancelled subscription keeps its status). */
export async function markSubscriptionPastDue(db: Db, id: string): Promise<SubscriptionRow> {
  return patch(db, id, {
    status: db.raw(`case when status = 'cancelled' then status else 'past_due' end`),
    pastDueSince: db.raw('coalesce(past_due_since, now())'),
  });
}

/** The last dunning retry failed: no new analyses until an invoice is paid. */
export async function markSubscriptionRestricted(db: Db, id: string): Promise<SubscriptionRow> {
  return patch(db, id, { restrictedAt: db.raw('coalesce(restricted_at, now())') });
}

/** Everything owed is paid: active again and unrestricted. */
export async function markSubscriptionSettled(db: Db, id: string): Promise<SubscriptionRow> {
  return patch(db, id, {
    status: db.raw(`case when status = 'past_due' then 'active' else status end`),
    pastDueSince: null,
    restrictedAt: null,
  });
}

/** Records the Stripe customer once; a concurrent second customer is never stored over the first. */
export async function setStripeCustomerId(db: Db, id: string, stripeCustomerId: string): Promise<string> {
  await db('subscription').where({ id }).whereNull('stripeCustomerId').update({ stripeCustomerId, updatedAt: db.fn.now() });
  const row = await SubscriptionModel.query(db).findById(id).select('stripeCustomerId');
  return row!.stripeCustomerId!;
}

export async function setBillingDetails(db: Db, id: string, details: { billingEmail?: string | null; billingCountry?: string | null }): Promise<SubscriptionRow> {
  return patch(db, id, details);
}

/** Ids of subscriptions whose period ended by `asOf`, in id order after `afterId` (the invoicing run's cursor). */
export async function listDueSubscriptionIds(db: Db, asOf: Date, opts: { afterId?: string; limit: number }): Promise<string[]> {
  const query = SubscriptionModel.query(db).where('currentPeriodEnd', '<=', asOf).orderBy('id').limit(opts.limit).select('id');
  if (opts.afterId) query.where('id', '>', opts.afterId);
  return (await query).map((r) => r.id);
}

export async function countDueSubscriptions(db: Db, asOf: Date): Promise<number> {
  return SubscriptionModel.query(db).where('currentPeriodEnd', '<=', asOf).resultSize();
}
