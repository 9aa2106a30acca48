import { Model } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, type Page, type PageRequest } from '../paging';

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
  return (await advanceSubscriptionPeriods(db, [planPeriodAdvance(sub, input)]))[0]!;
}

/** Locks those of `ids` whose period ended by `asOf`, skipping rows someone else holds (they are being closed). */
export async function lockDueSubscriptions(db: Db, ids: string[], asOf: Date): Promise<SubscriptionRow[]> {
  if (!ids.length) return [];
  return SubscriptionModel.query(db).whereIn('id', ids).where('currentPeriodEnd', '<=', asOf).orderBy('id').forUpdate().skipLocked();
}

/** What closing a period does to its subscription (see advanceSubscriptionPeriod). */
export interface PeriodAdvance {
  id: string;
  /** Start of the next period: the end of the closed one, or the moment of a cancellation that took effect now. */
  nextStart: Date;
  tierId: string;
  status: SubscriptionStatus;
  cancelled: boolean;
}

/** Decides the next period of a subscription whose current one closes (`endedAt`: cancelled now). */
export function planPeriodAdvance(sub: SubscriptionRow, input: { fallbackTierId: string; endedAt?: Date }): PeriodAdvance {
  const cancelled = sub.cancelAtPeriodEnd || Boolean(input.endedAt);
  return {
    id: sub.id,
    nextStart: input.endedAt ?? new Date(sub.currentPeriodEnd),
    tierId: cancelled ? input.fallbackTierId : (sub.pendingTierId ?? sub.tierId),
    status: cancelled ? 'cancelled' : sub.status === 'trial' ? 'active' : sub.status,
    cancelled: cancelled && sub.status !== 'cancelled',
  };
}

/** Opens the next period of many subscriptions in one statement; answers them as they are now. */
export async function advanceSubscriptionPeriods(db: Db, advances: PeriodAdvance[]): Promise<SubscriptionRow[]> {
  if (!advances.length) return [];
  const { rows } = (await db.raw(
    `update subscription s set
       current_period_start = a.next_start,
       current_period_end = a.next_start + s.billing_interval::interval,
       tier_id = a.tier_id,
       period_tier_id = a.tier_id,
       pending_tier_id = null,
       cancel_at_period_end = false,
       status = a.status,
       cancelled_at = case when a.cancelled then now() else s.cancelled_at end,
       past_due_since = case when a.cancelled then null else s.past_due_since end,
       updated_at = now()
     from unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::text[], ?::boolean[]) as a(id, next_start, tier_id, status, cancelled)
     where s.id = a.id
     returning s.id`,
    [advances.map((a) => a.id), advances.map((a) => a.nextStart), advances.map((a) => a.tierId), advances.map((a) => a.status), advances.map((a) => a.cancelled)],
  )) as { rows: { id: string }[] };
  return SubscriptionModel.query(db).whereIn('id', rows.map((r) => r.id));
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

/** Who hears about each subscription's bills: its billing address, or else its workspace's admins. */
export async function billingContactsOf(db: Db, subscriptionIds: string[]): Promise<Map<string, { workspaceId: string; workspaceName: string; recipients: string[] }>> {
  const contacts = new Map<string, { workspaceId: string; workspaceName: string; recipients: string[] }>();
  if (!subscriptionIds.length) return contacts;
  const { rows } = (await db.raw(
    `select s.id, s.workspace_id, w.name, s.billing_email,
            coalesce((select array_agg(u.email order by u.email) from workspace_members m join users u on u.id = m.user_id where m.workspace_id = s.workspace_id and m.role = 'admin'), '{}') as admins
     from subscription s join workspaces w on w.id = s.workspace_id where s.id = any(?)`,
    [subscriptionIds],
  )) as { rows: { id: string; workspace_id: string; name: string; billing_email: string | null; admins: string[] }[] };
  for (const r of rows) contacts.set(r.id, { workspaceId: r.workspace_id, workspaceName: r.name, recipients: r.billing_email ? [r.billing_email] : r.admins });
  return contacts;
}

/**
 * The plan's caps on repositories and concurrent runs for a workspace (null: unlimited), or undefined when it has no
 * subscription yet. The workspace's own settings may only lower them.
 */
export async function planCapsOf(db: Db, workspaceId: string): Promise<{ repositories: number | null; concurrentRuns: number | null } | undefined> {
  const row = (await db('subscription as s').join('subscription_tier as t', 't.id', 's.tierId').where('s.workspaceId', workspaceId).first('t.maxProjects', 't.maxConcurrentRuns')) as { maxProjects: number | null; maxConcurrentRuns: number | null } | undefined;
  return row ? { repositories: row.maxProjects, concurrentRuns: row.maxConcurrentRuns } : undefined;
}

/** The lower of a workspace setting and its plan's cap. */
export function cappedLimit(setting: number, cap: number | null | undefined): number {
  return cap === null || cap === undefined ? setting : Math.min(setting, cap);
}

// ----- the ops console's list -----

export interface AdminSubscriptionFilter {
  id?: string | string[];
  status?: SubscriptionStatus;
  tier?: string;
  restricted?: boolean;
  /** Contained in the workspace's name or slug, case-insensitively. */
  q?: string;
}

export type AdminSubscriptionRow = SubscriptionRow & { workspaceName: string; workspaceSlug: string; tierName: string };

export const ADMIN_SUBSCRIPTION_SORT = {
  id: 's.id',
  createdAt: 's.created_at',
  currentPeriodEnd: 's.current_period_end',
  status: 's.status',
  workspaceName: 'lower(w.name)',
} as const;

const selectAdminSubscription = (q: Knex.QueryBuilder) => q.select('s.*', 'w.name as workspaceName', 'w.slug as workspaceSlug', 't.name as tierName');

export async function listSubscriptionsForAdmin(db: Db, filter: AdminSubscriptionFilter, page: PageRequest): Promise<Page<AdminSubscriptionRow>> {
  const query = db('subscription as s').join('workspaces as w', 'w.id', 's.workspaceId').join('subscription_tier as t', 't.id', 's.tierId');
  if (filter.id) query.whereIn('s.id', asList(filter.id));
  if (filter.status) query.where('s.status', filter.status);
  if (filter.tier) query.where('t.name', filter.tier);
  if (filter.restricted !== undefined) filter.restricted ? query.whereNotNull('s.restrictedAt') : query.whereNull('s.restrictedAt');
  if (filter.q) {
    const pattern = likeContains(filter.q);
    query.where((w) => w.whereILike('w.name', pattern).orWhereILike('w.slug', pattern));
  }
  return fetchPage<AdminSubscriptionRow>(query, page, ADMIN_SUBSCRIPTION_SORT, selectAdminSubscription, 's.id');
}
