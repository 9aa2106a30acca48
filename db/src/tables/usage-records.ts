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
 * Copies the workspace's usage events that have no record yet. Events arrive in time order (occurred_at is the
 * insert time), so only the last hour before the newest record needs a second look.
 */
export async function syncUsageRecords(db: Db, subscription: { id: string; workspaceId: string }): Promise<number> {
  const result = await db.raw(
    `insert into usage_record (subscription_id, workspace_id, metric_type, metric_value, recorded_at, idempotency_key)
     select ?, e.workspace_id, e.kind, e.quantity, e.occurred_at, e.idempotency_key
     from usage_events e
     where e.workspace_id = ?
       and e.occurred_at >= coalesce((select max(r.recorded_at) - interval '1 hour' from usage_record r where r.subscription_id = ?), '-infinity')
     on conflict (idempotency_key) do nothing`,
    [subscription.id, subscription.workspaceId, subscription.id],
  );
  return (result as { rowCount?: number }).rowCount ?? 0;
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
 * Marks every unbilled record of the subscription recorded before `before` as billed and answers them, so the
 * caller prices exactly the records it claimed. Run it in the invoice's transaction.
 */
export async function claimUnbilledUsage(db: Db, subscriptionId: string, before: Date): Promise<{ ids: string[]; totals: UsageTotals }> {
  const rows = (await db('usage_record')
    .where({ subscriptionId, billed: false })
    .where('recordedAt', '<', before)
    .update({ billed: true })
    .returning(['id', 'metricType', 'metricValue'])) as { id: string; metricType: UsageKind; metricValue: number }[];
  const totals: UsageTotals = { analysis: 0, fix: 0 };
  for (const r of rows) totals[r.metricType] += r.metricValue;
  return { ids: rows.map((r) => r.id), totals };
}

/** Links claimed records to the invoice that billed them. */
export async function attachUsageToInvoice(db: Db, ids: string[], invoiceId: string): Promise<void> {
  if (ids.length) await db('usage_record').whereIn('id', ids).update({ invoiceId });
}

export async function countUsageRecords(db: Db, filter: { subscriptionId?: string; billed?: boolean } = {}): Promise<number> {
  const query = UsageRecordModel.query(db);
  if (filter.subscriptionId) query.where({ subscriptionId: filter.subscriptionId });
  if (filter.billed !== undefined) query.where({ billed: filter.billed });
  return query.resultSize();
}
