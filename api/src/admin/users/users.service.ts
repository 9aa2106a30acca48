import type { Request } from 'express';
import { findStaffGrant, findUserForAdmin, lockUser, revokeRefreshTokensOfUser, updateUserStatus, type AdminUserRow, type Db } from '@argus/db';
import type { AppDeps } from '../../app-deps';
import type { AuthContext } from '../../auth/auth-context';
import type { StaffRole } from '../../access/permissions';
import { isUuid } from '../../access/workspace-access';
import { recordActivity } from '../../audit/activity-log';
import { ConflictError, ForbiddenError } from '../../http/errors';
import { notFound } from '../simple-rest';

// The console's users: look them up, suspend and reactivate them.

export interface AdminUserView {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'suspended';
  emailVerifiedAt: Date | null;
  lastLoginAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  staffRole: StaffRole | null;
  workspaceCount: number;
}

export function toAdminUser(row: AdminUserRow): AdminUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    emailVerifiedAt: row.emailVerifiedAt ?? null,
    lastLoginAt: row.lastLoginAt ?? null,
    lockedUntil: row.lockedUntil ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    staffRole: row.staffRole ?? null,
    workspaceCount: Number(row.workspaceCount ?? 0),
  };
}

export async function loadAdminUser(db: Db, id: string): Promise<AdminUserView> {
  const row = await findUserForAdmin(db, id);
  if (!row) throw notFound('user');
  return toAdminUser(row);
}

export async function setUserStatus(deps: AppDeps, ctx: { req: Request; auth: AuthContext }, id: string, status: 'active' | 'suspended', reason?: string) {
  if (!isUuid(id)) throw notFound('user');
  if (id === ctx.auth.userId) throw new ConflictError(status === 'suspended' ? 'You cannot suspend your own account.' : 'You cannot reactivate your own account.');
  await deps.knex.transaction(async (trx) => {
    const user = await lockUser(trx, id);
    if (!user) throw notFound('user');
    const grant = await findStaffGrant(trx, id);
    if (grant && ctx.auth.staffRole !== 'super_admin') {
      throw new ForbiddenError('Only a super admin can suspend or reactivate a staff member.');
    }
    if (user.status === status) return; // idempotent: nothing changes, nothing to audit
    await updateUserStatus(trx, id, status);
    if (status === 'suspended') {
      // Access tokens die at the next request (authenticate checks the status); end the refresh sessions too.
      await revokeRefreshTokensOfUser(trx, id, 'user_suspended');
    }
    await recordActivity(trx, ctx.req, {
      workspaceId: null,
      action: status === 'suspended' ? 'user.suspended' : 'user.reactivated',
      resourceType: 'user',
      resourceId: id,
      before: { status: user.status, email: user.email },
      after: { status, ...(reason ? { reason } : {}) },
    });
  });
  return loadAdminUser(deps.knex, id);
}
