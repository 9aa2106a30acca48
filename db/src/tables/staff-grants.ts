import { Model, type JSONSchema } from 'objection';
import type { Db } from '../knex';
import type { User } from './users';
import { modelNamed, registerModel } from '../model-registry';

// Owner of `staff_grants`: a user is Argus staff only through an explicit grant that records who (or what) granted
// it. Nothing outside this module writes the table.

/** The roles the table's check constraint allows (the API's permission matrix names what each may do). */
export type StaffRoleName = 'super_admin' | 'billing_admin' | 'support_admin' | 'analytics_admin';

export class StaffGrant extends Model {
  static tableName = 'staff_grants';
  id!: string;
  userId!: string;
  role!: StaffRoleName;
  permissions!: Record<string, unknown>;
  grantedBy!: string | null;
  grantedBySystem!: string | null;
  grantedAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      userId: { type: 'string' },
      role: { type: 'string', enum: ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'] },
      permissions: { type: 'object' },
      grantedBy: { type: ['string', 'null'] },
      grantedBySystem: { type: ['string', 'null'] },
    },
  };

  static relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: modelNamed('User'), join: { from: 'staff_grants.userId', to: 'users.id' } },
    granter: { relation: Model.BelongsToOneRelation, modelClass: modelNamed('User'), join: { from: 'staff_grants.grantedBy', to: 'users.id' } },
  });
}

export async function findStaffGrant(db: Db, userId: string): Promise<StaffGrant | undefined> {
  return StaffGrant.query(db).where({ userId }).first();
}

/** Grants a role, or changes it; either way the grant is now attributed to `grantedBy`. */
export async function upsertStaffGrant(db: Db, input: { userId: string; role: StaffRoleName; grantedBy: string }): Promise<StaffGrant> {
  const [grant] = (await db('staffGrants')
    .insert({ userId: input.userId, role: input.role, grantedBy: input.grantedBy })
    .onConflict('user_id')
    .merge({ role: input.role, grantedBy: input.grantedBy, grantedBySystem: null, grantedAt: db.fn.now() })
    .returning('*')) as StaffGrant[];
  return grant!;
}

/** A grant made by Argus itself (the demo seed, test fixtures): attributed to the system, not to a person. */
export async function insertSystemStaffGrant(db: Db, input: { userId: string; role: StaffRoleName; grantedBySystem: string }): Promise<void> {
  await StaffGrant.query(db).insert(input);
}

/** Removes a grant; returns the role it had, or undefined if there was none. */
export async function deleteStaffGrant(db: Db, userId: string): Promise<Pick<StaffGrant, 'role'> | undefined> {
  const [removed] = (await db('staffGrants').where({ userId }).delete().returning('role')) as Pick<StaffGrant, 'role'>[];
  return removed;
}

registerModel('StaffGrant', StaffGrant);

/** The e-mail addresses of active staff holding one of `roles` (e.g. who hears of a new support ticket). */
export async function listStaffEmails(db: Db, roles: StaffRoleName[]): Promise<string[]> {
  if (!roles.length) return [];
  const rows = (await db('staff_grants as g').join('users as u', 'u.id', 'g.userId').whereIn('g.role', roles).where('u.status', 'active').orderBy('u.email').select('u.email')) as { email: string }[];
  return rows.map((r) => r.email);
}
