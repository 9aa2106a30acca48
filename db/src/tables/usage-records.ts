import { Model } from 'objection';
import type { UsageKind } from '@argus/workflows/contract';
import type { Db } from '../knex';

// Owner of `usage_record` (seed 004): billing's copy of `usage_events`, one record per event (same idempotency key),
// so an event is billed at most once. `billed` flips in the transaction that creates the invoice billing it.

export interface UsageRecordRow {
  id: string;
  subscriptionId: string;
  workspaceId: string;
  metricType: UsageKind;
  metricValue: number;
  billed: boolean;
  invoiceId: string | null;
  recordedAt: Date;
  idempotencyKey: string;
}

export interface UsageRecordModel extends UsageRecordRow {}
export class UsageRecordModel extends Model {
  static tableName = 'usage_record';
}

/**
 * Copies the usage events of the subscriptions' workspaces that have no record yet, in one statement. Events arrive
 * in time order (occurred_at is the insert time), so only the hour before each subscription's newest record needs a
 * second look.
 */
export async function syncUsageRecordsOf(db: Db, subscriptions: { id: string; workspaceId: string }[]): Promise<number> {
  if (!subscriptions.length) return 0;
  const result = await db.raw(
    `insert into usage_record (subscription_id, workspace_id, metric_type, metric_value, recorded_at, idempotency_key)
     select s.id, e.workspace_id, e.kind, e.quantity, e.occurred_at, e.idempotency_key
     from unnest(?::uuid[], ?::uuid[]) as s(id, workspace_id)
     join usage_events e on e.workspace_id = s.workspace_id
     where e.occurred_at >= coalesce((select max(r.recorded_at) - interval '1 hour' from usage_record r where r.subscription_id = s.id), '-infinity')
     on conflict (idempotency_key) do nothing`,
    [subscriptions.map((x) => x.id), subscriptions.map((x) => x.workspaceId)],
  );
  return (result as { rowCount?: number }).rowCount ?? 0;
}

export async function syncUsageRecords(db: Db, subscription: { id: string; workspaceId: string }): Promise<number> {
  return syncUsageRecordsOf(db, [subscription]);
}

export type UsageTotals = Record<UsageKind, number>;

/** What the workspace used since `since` (the current period's start), straight from the metered events. */
export async function usageOfWorkspaceSince(db: Db, workspaceId: string, since: Date): Promise<UsageTotals> {
  const rows = (await db('usage_events').where({ workspaceId }).where('occurredAt', '>=', since).groupBy('kind').select('kind').sum({ total: 'quantity' })) as { kind: UsageKind; total: number | string }[];
  const totals: UsageTotals = { analysis: 0, fix: 0 };
  for (const r of rows) totals[r.kind] = Number(r.total);
  return totals;
}

/**
 * Marks every unbilled record of each subscription recorded before its cutoff as billed, in one statement, and
 * answers them per subscription, so the caller prices exactly the records it claimed. Run it in the invoice's
 * transaction.
 */
export async function claimUnbilledUsageOf(db: Db, cutoffs: { subscriptionId: string; before: Date }[]): Promise<Map<string, { ids: string[]; totals: UsageTotals }>> {
  const claimed = new Map<string, { ids: string[]; totals: UsageTotals }>(cutoffs.map((c) => [c.subscriptionId, { ids: [], totals: { analysis: 0, fix: 0 } }]));
  if (!cutoffs.length) return claimed;
  const { rows } = (await db.raw(
    `update usage_record u set billed = true
     from unnest(?::uuid[], ?::timestamptz[]) as c(subscription_id, before)
     where u.subscription_id = c.subscription_id and not u.billed and u.recorded_at < c.before
     returning u.id, u.subscription_id, u.metric_type, u.metric_value`,
    [cutoffs.map((c) => c.subscriptionId), cutoffs.map((c) => c.before)],
  )) as { rows: { id: string; subscription_id: string; metric_type: UsageKind; metric_value: number }[] };
  for (const r of rows) {
    const entry = claimed.get(r.subscription_id)!;
    entry.ids.push(r.id);
    entry.totals[r.metric_type] += r.metric_value;
  }
  return claimed;
}

export async function claimUnbilledUsage(db: Db, subscriptionId: string, before: Date): Promise<{ ids: string[]; totals: UsageTotals }> {
  return (await claimUnbilledUsageOf(db, [{ subscriptionId, before }])).get(subscriptionId)!;
}

/** Links claimed records to the invoices that billed them. */
export async function attachUsageToInvoices(db: Db, links: { ids: string[]; invoiceId: string }[]): Promise<void> {
  const ids = links.flatMap((l) => l.ids);
  if (!ids.length) return;
  const invoices = links.flatMap((l) => l.ids.map(() => l.invoiceId));
  await db.raw(`update usage_record u set invoice_id = m.invoice_id from unnest(?::uuid[], ?::uuid[]) as m(id, invoice_id) where u.id = m.id`, [ids, invoices]);
}

export async function countUsageRecords(db: Db, filter: { subscriptionId?: string; billed?: boolean } = {}): Promise<number> {
  const query = UsageRecordModel.query(db);
  if (filter.subscriptionId) query.where({ subscriptionId: filter.subscriptionId });
  if (filter.billed !== undefined) query.where({ billed: filter.billed });
  return query.resultSize();
}

/**
 * What a workspace holds now, for its usage meters: members (seats), open invitations (seats being filled),
 * connected repositories and running analyses.
 */
export async function workspaceResourceCounts(db: Db, workspaceId: string): Promise<{ seats: number; pendingInvitations: number; repositories: number; runningRuns: number }> {
  const row = (await db
    .select(
      db.raw('(select count(*)::int from workspace_members m where m.workspace_id = ?) as seats', [workspaceId]),
      db.raw(`(select count(*)::int from invitations i where i.workspace_id = ? and i.status = 'pending' and i.expires_at > now()) as pending_invitations`, [workspaceId]),
      db.raw('(select count(*)::int from repositories r where r.workspace_id = ? and r.removed_at is null) as repositories', [workspaceId]),
      db.raw(`(select count(*)::int from analysis_runs a where a.workspace_id = ? and a.status = 'running') as running_runs`, [workspaceId]),
    )
    .first()) as { seats: number; pendingInvitations: number; repositories: number; runningRuns: number };
  return row;
}

/** Analyses and fixes started but not yet metered (they record their usage when they finish). */
export async function unmeteredWorkOf(db: Db, workspaceId: string, opts: { excludeRunId?: string } = {}): Promise<UsageTotals> {
  const row = (await db
    .select(
      db.raw(`(select count(*)::int from analysis_runs a where a.workspace_id = ? and a.status in ('queued', 'running') and a.id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')) as analysis`, [workspaceId, opts.excludeRunId ?? null]),
      db.raw(`(select count(*)::int from fixes f where f.workspace_id = ? and f.status in ('queued', 'generating')) as fix`, [workspaceId]),
    )
    .first()) as UsageTotals;
  return row;
}
