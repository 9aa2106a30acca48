import { z } from 'zod';
import { deleteStaffGrant, findStaffGrant, findUserById, upsertStaffGrant } from '@argus/db';
import { defineRoute } from '../../http/route';
import { ConflictError, NotFoundError } from '../../http/errors';
import { isUuid } from '../../access/workspace-access';
import { STAFF_ROLES } from '../../access/permissions';
import { recordActivity } from '../../audit/activity-log';

const ZParams = z.object({ id: z.string() });
const ZGrant = z.object({ userId: z.string(), role: z.enum(STAFF_ROLES), grantedBy: z.string().nullable(), grantedBySystem: z.string().nullable(), grantedAt: z.string() });

/** Staff status exists only through an explicit grant by a super_admin, recorded with who granted it. */
export const staffGrantRoutes = [
  defineRoute({
    method: 'put',
    path: '/api/admin/users/:id/staff-role',
    summary: 'Grant or change a staff role (super_admin only)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'staff:grant',
    params: ZParams,
    body: z.object({ role: z.enum(STAFF_ROLES) }),
    responses: { 200: { description: 'the grant', schema: ZGrant } },
    successStatus: 200,
    handler: async ({ deps, req, auth, params, body }) => {
      if (!isUuid(params.id) || !(await findUserById(deps.knex, params.id))) throw new NotFoundError('No user with that id.');
      if (params.id === auth.userId) throw new ConflictError('You cannot change your own staff role.');
      return deps.knex.transaction(async (trx) => {
        const existing = await findStaffGrant(trx, params.id);
        const before = existing ? { role: existing.role } : undefined;
        const grant = await upsertStaffGrant(trx, { userId: params.id, role: body.role, grantedBy: auth.userId });
        await recordActivity(trx, req, { action: before ? 'staff.role_changed' : 'staff.granted', resourceType: 'user', resourceId: params.id, before: before ?? null, after: { role: body.role } });
        return { userId: grant.userId, role: grant.role, grantedBy: grant.grantedBy, grantedBySystem: grant.grantedBySystem, grantedAt: new Date(grant.grantedAt).toISOString() };
      });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/admin/users/:id/staff-role',
    summary: 'Revoke a staff role (super_admin only)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'staff:grant',
    params: ZParams,
    handler: async ({ deps, req, auth, params }) => {
      if (!isUuid(params.id)) throw new NotFoundError('No user with that id.');
      if (params.id === auth.userId) throw new ConflictError('You cannot revoke your own staff role; ask another super_admin.');
      await deps.knex.transaction(async (trx) => {
        const removed = await deleteStaffGrant(trx, params.id);
        if (!removed) throw new NotFoundError('That user has no staff role.');
        await recordActivity(trx, req, { action: 'staff.revoked', resourceType: 'user', resourceId: params.id, before: { role: removed.role }, after: null });
      });
    },
  }),
];
