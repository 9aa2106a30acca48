import { Model } from 'objection';
import type { Db } from '../knex';

// Owner of `billing_credit`: credits support grants; invoices consume them oldest first, in their own transaction.

export interface BillingCreditRow {
  id: string;
  workspaceId: string;
  amountCents: number;
  remainingCents: number;
  reason: string;
  grantedBy: string | null;
  createdAt: Date;
}

export interface BillingCreditModel extends BillingCreditRow {}
export class BillingCreditModel extends Model {
  static tableName = 'billing_credit';
}

export async function grantCredit(db: Db, credit: { workspaceId: string; amountCents: number; reason: string; grantedBy: string | null }): Promise<BillingCreditRow> {
  const [row] = await db('billing_credit').insert({ ...credit, remainingCents: credit.amountCents }).returning('*');
  return row as BillingCreditRow;
}

export async function listCredits(db: Db, workspaceId: string): Promise<BillingCreditRow[]> {
  return BillingCreditModel.query(db).where({ workspaceId }).orderBy('createdAt', 'desc');
}

/** Unused credit of a workspace; `forUpdate` locks those rows until the transaction ends. */
export async function availableCredit(db: Db, workspaceId: string, opts: { forUpdate?: boolean } = {}): Promise<number> {
  const query = BillingCreditModel.query(db).where({ workspaceId }).where('remainingCents', '>', 0).select('remainingCents');
  if (opts.forUpdate) query.forUpdate();
  return (await query).reduce((sum, c) => sum + c.remainingCents, 0);
}

/** Unused credit per workspace (only workspaces that have some), locking those rows until the transaction ends. */
export async function availableCreditOf(db: Db, workspaceIds: string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  if (!workspaceIds.length) return totals;
  const rows = await BillingCreditModel.query(db).whereIn('workspaceId', workspaceIds).where('remainingCents', '>', 0).select('workspaceId', 'remainingCents').forUpdate();
  for (const r of rows) totals.set(r.workspaceId, (totals.get(r.workspaceId) ?? 0) + r.remainingCents);
  return totals;
}

/** Consumes `amountCents` of the workspace's credit, oldest first. Call it after availableCredit(…, { forUpdate }). */
export async function consumeCredit(db: Db, workspaceId: string, amountCents: number): Promise<void> {
  let left = amountCents;
  const credits = await BillingCreditModel.query(db).where({ workspaceId }).where('remainingCents', '>', 0).orderBy('createdAt').forUpdate();
  for (const c of credits) {
    if (left <= 0) break;
    const take = Math.min(c.remainingCents, left);
    await db('billing_credit').where({ id: c.id }).update({ remainingCents: c.remainingCents - take });
    left -= take;
  }
  if (left > 0) throw new Error(`workspace ${workspaceId} has ${amountCents - left} cents of credit, not ${amountCents}`);
}
