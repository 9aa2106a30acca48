import { Model } from 'objection';
import type { Db } from '../knex';

// Owner of `subscription_tier` (seed 004): prices and limits are data, edited by billing admins. A null limit is unlimited.

export interface TierRow {
  id: string;
  name: string;
  displayName: string;
  description: string;
  monthlyPriceCents: number;
  maxAnalysesPerMonth: number | null;
  maxAiFixesPerMonth: number | null;
  maxSeats: number | null;
  maxProjects: number | null;
  maxStorageGb: number | null;
  maxConcurrentRuns: number | null;
  includesPrioritySupport: boolean;
  includesAdvancedAnalytics: boolean;
  overagePriceCents: number;
  overageAllowed: boolean;
  apiRequestsPerMinute: number;
  sortOrder: number;
  isPublic: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface TierModel extends TierRow {}
export class TierModel extends Model {
  static tableName = 'subscription_tier';
}

/** Public tiers, cheapest first. */
export async function listTiers(db: Db, opts: { includeHidden?: boolean } = {}): Promise<TierRow[]> {
  const query = TierModel.query(db).orderBy([{ column: 'sortOrder' }, { column: 'monthlyPriceCents' }]);
  if (!opts.includeHidden) query.where({ isPublic: true });
  return query;
}

export async function findTierById(db: Db, id: string): Promise<TierRow | undefined> {
  return TierModel.query(db).findById(id);
}

export async function findTierByName(db: Db, name: string): Promise<TierRow | undefined> {
  return TierModel.query(db).findOne({ name });
}

export type TierChanges = Partial<Omit<TierRow, 'id' | 'name' | 'createdAt' | 'updatedAt'>>;

/** A billing admin's edit of prices or limits; applies to every subscription on the tier from now on. */
export async function updateTier(db: Db, id: string, changes: TierChanges): Promise<TierRow | undefined> {
  const [row] = await db('subscription_tier').where({ id }).update({ ...changes, updatedAt: db.fn.now() }).returning('*');
  return row as TierRow | undefined;
}

export type NewTier = Pick<TierRow, 'name' | 'displayName' | 'monthlyPriceCents'> & Partial<Omit<TierRow, 'id' | 'name' | 'displayName' | 'monthlyPriceCents' | 'createdAt' | 'updatedAt'>>;

/** A billing admin's new tier; without a sort order it is listed after every existing one. */
export async function insertTier(db: Db, tier: NewTier): Promise<TierRow> {
  const sortOrder = tier.sortOrder ?? db.raw('(select coalesce(max(sort_order), -1) + 1 from subscription_tier)');
  const [row] = await db('subscription_tier').insert({ ...tier, sortOrder }).returning('*');
  return row as TierRow;
}
