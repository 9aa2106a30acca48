import { Model } from 'objection';
import type { Db } from '../knex';

// Owner of `stripe_event`: the ledger of Stripe webhook events. Stripe delivers an event more than once; its id is
// the primary key, and `processed_at` is set only after its effect is durable, so a retry redoes unfinished work.

export interface StripeEventRow {
  id: string;
  type: string;
  objectId: string | null;
  stripeCreatedAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
  outcome: string | null;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

export interface StripeEventModel extends StripeEventRow {}
export class StripeEventModel extends Model {
  static tableName = 'stripe_event';
  static jsonAttributes = ['payload'];
}

/** Records the event (once) and answers whether it still needs processing. */
export async function recordStripeEvent(db: Db, event: { id: string; type: string; objectId: string | null; createdAt: Date; payload: unknown }): Promise<{ alreadyProcessed: boolean }> {
  await db('stripe_event')
    .insert({ id: event.id, type: event.type, objectId: event.objectId, stripeCreatedAt: event.createdAt, payload: JSON.stringify(event.payload) })
    .onConflict('id')
    .ignore();
  const [row] = (await db('stripe_event').where({ id: event.id }).update({ attempts: db.raw('attempts + 1') }).returning(['processedAt'])) as { processedAt: Date | null }[];
  return { alreadyProcessed: Boolean(row?.processedAt) };
}

export async function markStripeEventProcessed(db: Db, id: string, outcome: string): Promise<void> {
  await db('stripe_event').where({ id }).update({ processedAt: db.fn.now(), outcome, lastError: null });
}

export async function markStripeEventFailed(db: Db, id: string, error: string): Promise<void> {
  await db('stripe_event').where({ id }).update({ lastError: error.slice(0, 1000) });
}

export async function findStripeEvent(db: Db, id: string): Promise<StripeEventRow | undefined> {
  return StripeEventModel.query(db).findById(id);
}
