import { Model } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';

// Owner of `payment_method`: cards saved through Stripe SetupIntents. At most one default per workspace.

export interface PaymentMethodRow {
  id: string;
  workspaceId: string;
  stripePaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
  createdAt: Date;
}

export interface PaymentMethodModel extends PaymentMethodRow {}
export class PaymentMethodModel extends Model {
  static tableName = 'payment_method';
}

function inTransaction<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return (db as Knex.Transaction).isTransaction ? fn(db as Knex.Transaction) : db.transaction(fn);
}

/** Default first, then newest. */
export async function listPaymentMethods(db: Db, workspaceId: string): Promise<PaymentMethodRow[]> {
  return PaymentMethodModel.query(db).where({ workspaceId }).orderBy([{ column: 'isDefault', order: 'desc' }, { column: 'createdAt', order: 'desc' }]);
}

export async function findPaymentMethod(db: Db, id: string): Promise<PaymentMethodRow | undefined> {
  return PaymentMethodModel.query(db).findById(id);
}

export async function findDefaultPaymentMethod(db: Db, workspaceId: string): Promise<PaymentMethodRow | undefined> {
  return PaymentMethodModel.query(db).where({ workspaceId }).orderBy([{ column: 'isDefault', order: 'desc' }, { column: 'createdAt', order: 'desc' }]).first();
}

/**
 * Records a card once (a webhook and the portal may both report it). The first card of a workspace, or one added
 * with `makeDefault`, becomes the default.
 */
export async function upsertPaymentMethod(
  db: Db,
  card: { workspaceId: string; stripePaymentMethodId: string; brand: string; last4: string; expMonth: number | null; expYear: number | null; makeDefault?: boolean },
): Promise<PaymentMethodRow> {
  return inTransaction(db, async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`payment_method:${card.workspaceId}`]);
    const { makeDefault, ...fields } = card;
    await trx('payment_method').insert(fields).onConflict('stripe_payment_method_id').ignore();
    const row = (await PaymentMethodModel.query(trx).findOne({ stripePaymentMethodId: card.stripePaymentMethodId }))!;
    const hasDefault = await PaymentMethodModel.query(trx).where({ workspaceId: card.workspaceId, isDefault: true }).first();
    if (makeDefault || !hasDefault) return setDefaultPaymentMethod(trx, row.workspaceId, row.id);
    return row;
  });
}

export async function setDefaultPaymentMethod(db: Db, workspaceId: string, id: string): Promise<PaymentMethodRow> {
  return inTransaction(db, async (trx) => {
    await trx('payment_method').where({ workspaceId, isDefault: true }).whereNot({ id }).update({ isDefault: false });
    const [row] = await trx('payment_method').where({ workspaceId, id }).update({ isDefault: true }).returning('*');
    return row as PaymentMethodRow;
  });
}

/** Removes a card; when it was the default, the newest remaining card becomes the default. */
export async function deletePaymentMethod(db: Db, id: string): Promise<PaymentMethodRow | undefined> {
  return inTransaction(db, async (trx) => {
    const [row] = (await trx('payment_method').where({ id }).delete().returning('*')) as PaymentMethodRow[];
    if (row?.isDefault) {
      const next = await PaymentMethodModel.query(trx).where({ workspaceId: row.workspaceId }).orderBy('createdAt', 'desc').first();
      if (next) await setDefaultPaymentMethod(trx, row.workspaceId, next.id);
    }
    return row;
  });
}

export async function deletePaymentMethodByStripeId(db: Db, stripePaymentMethodId: string): Promise<PaymentMethodRow | undefined> {
  const row = await PaymentMethodModel.query(db).findOne({ stripePaymentMethodId });
  return row ? deletePaymentMethod(db, row.id) : undefined;
}
