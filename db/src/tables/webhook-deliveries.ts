import { Model } from 'objection';
import type { Db } from '../knex';

// Owner of `webhook_deliveries`: every webhook delivery Argus received, keyed by (source, delivery id) for
// idempotency. A `pending` row is the durable promise to start its workflow; the relay keeps that promise.

export type DeliveryStatus = 'pending' | 'started' | 'ignored' | 'processed' | 'failed';

export interface WebhookDeliveryRow {
  id: string;
  source: string;
  deliveryId: string;
  event: string;
  action: string | null;
  status: DeliveryStatus;
  workflowId: string | null;
  /** What the relay needs to start the workflow later (JSON). */
  startRequest: unknown;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  startedAt: Date | null;
}

export interface WebhookDeliveryModel extends WebhookDeliveryRow {}
export class WebhookDeliveryModel extends Model {
  static tableName = 'webhook_deliveries';
  static jsonAttributes = ['startRequest'];
}

export interface NewDelivery {
  source: string;
  deliveryId: string;
  event: string;
  action: string | null;
  status: DeliveryStatus;
  lastError?: string;
  workflowId?: string;
  startRequest?: unknown;
}

/** Records a delivery once per (source, delivery id). Returns false for a delivery already recorded (a redelivery). */
export async function recordDelivery(db: Db, delivery: NewDelivery): Promise<boolean> {
  const { startRequest, ...rest } = delivery;
  const rows = await db('webhook_deliveries')
    .insert({ ...rest, ...(startRequest === undefined ? {} : { startRequest: JSON.stringify(startRequest) }) })
    .onConflict(['source', 'delivery_id'])
    .ignore()
    .returning('id');
  return rows.length > 0;
}

/**
 * Records many deliveries in one statement (one commit for a burst). Returns the delivery ids that were new;
 * the others were already recorded. Deliveries must have distinct (source, delivery id) within one call.
 */
export async function recordDeliveries(db: Db, deliveries: NewDelivery[]): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  const rows = deliveries.map(({ startRequest, ...rest }) => ({
    lastError: null,
    workflowId: null,
    ...rest,
    startRequest: startRequest === undefined ? null : JSON.stringify(startRequest),
  }));
  const inserted: { source: string; deliveryId: string }[] = await db('webhook_deliveries').insert(rows).onConflict(['source', 'delivery_id']).ignore().returning(['source', 'deliveryId']);
  return new Set(inserted.map((r) => `${r.source}\u0000${r.deliveryId}`));
}

/**
 * Marks many pending deliveries of a source as started at once (the intake's starts, batched). Rows a relay round
 * holds are skipped, not waited for: that round marks them itself.
 */
export async function markDeliveriesStarted(db: Db, source: string, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const unclaimed = db('webhook_deliveries').select('id').where({ source, status: 'pending' }).whereIn('deliveryId', deliveryIds).forUpdate().skipLocked();
  await db('webhook_deliveries').whereIn('id', unclaimed).where({ status: 'pending' }).update({ status: 'started', startedAt: db.fn.now(), attempts: 1 });
}

/**
 * Claims a batch of deliveries pending for over fifteen seconds (the intake starts fresher ones itself), oldest first.
 * Rows are locked with SKIP LOCKED until the transaction ends, so relays in several processes never take the same
 * row: call it inside a transaction.
 */
export async function claimPendingDeliveries(trx: Db, limit: number): Promise<WebhookDeliveryRow[]> {
  return trx('webhook_deliveries')
    .where({ status: 'pending' })
    .where('receivedAt', '<', trx.raw(`now() - interval '15 seconds'`))
    .orderBy('receivedAt')
    .limit(limit)
    .forUpdate()
    .skipLocked();
}

/** The relay started these deliveries' workflows (by row id); attempts count the relay's try. */
export async function markDeliveriesRelayed(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db('webhook_deliveries').whereIn('id', ids).where({ status: 'pending' }).update({ status: 'started', startedAt: db.fn.now(), attempts: db.raw('attempts + 1') });
}

/** The relay could not start the workflow; the row stays pending for the next round. */
export async function recordDeliveryAttemptFailed(db: Db, id: string, attempts: number, error: string): Promise<void> {
  await db('webhook_deliveries').where({ id }).update({ attempts, lastError: error.slice(0, 500) });
}

/** Which of these delivery ids of a source Argus has a row for. */
export async function knownDeliveryIds(db: Db, source: string, deliveryIds: string[]): Promise<Set<string>> {
  if (deliveryIds.length === 0) return new Set();
  const rows: { deliveryId: string }[] = await db('webhook_deliveries').where({ source }).whereIn('deliveryId', deliveryIds).select('deliveryId');
  return new Set(rows.map((r) => r.deliveryId));
}

export async function countDeliveries(db: Db, filter: { status?: DeliveryStatus } = {}): Promise<number> {
  const { n } = (await db('webhook_deliveries').where(filter).count('* as n').first()) as { n: number };
  return n;
}

/** Every recorded delivery id (benchmarks compare them with what they sent). */
export async function allDeliveryIds(db: Db): Promise<string[]> {
  return (await db('webhook_deliveries').select('deliveryId')).map((r: { deliveryId: string }) => r.deliveryId);
}

/** Forgets every delivery: only for benchmarks and demos that start from an empty intake. */
export async function deleteAllDeliveries(db: Db): Promise<void> {
  await db('webhook_deliveries').delete();
}

/** Status, attempts and last error of some deliveries of a source (diagnostics for the chaos suite). */
export async function deliveryStatuses(db: Db, source: string, deliveryIds: string[]): Promise<Pick<WebhookDeliveryRow, 'deliveryId' | 'status' | 'attempts' | 'lastError'>[]> {
  if (deliveryIds.length === 0) return [];
  return db('webhook_deliveries').where({ source }).whereIn('deliveryId', deliveryIds).select('deliveryId', 'status', 'attempts', 'lastError');
}
