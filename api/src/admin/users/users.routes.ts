import { z } from 'zod';
import { ADMIN_USER_SORT, listUsersForAdmin } from '@argus/db';
import { defineRoute } from '../../http/route';
import { isUuid } from '../../access/workspace-access';
import { STAFF_ROLES } from '../../access/permissions';
import { ZIdParams, ZSimpleRestQuery, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';
import { loadAdminUser, setUserStatus, toAdminUser } from './users.service';

// The console's "users" resource (admin-ui/src/users). Staff roles are granted in staff-grants.routes.ts.

const ZAdminUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  emailVerifiedAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  staffRole: z.enum(STAFF_ROLES).nullable(),
  workspaceCount: z.number().int(),
});

const usersList = {
  sortable: ADMIN_USER_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZUuid),
      q: ZText.optional(),
      staffRole: z.enum([...STAFF_ROLES, 'none']).optional(),
      status: z.enum(['active', 'suspended']).optional(),
    })
    .strict(),
};

export const adminUserRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/users',
    summary: 'Users (filters: q on email/name, staffRole, status, id)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAdminUser, 'users'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, usersList);
      return sendList(res, 'users', params, await listUsersForAdmin(deps.knex, params.filter, params), toAdminUser);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/users/:id',
    summary: 'One user',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:read',
    params: ZIdParams,
    responses: { 200: { description: 'the user', schema: ZAdminUser } },
    handler: ({ deps, params }) => {
      if (!isUuid(params.id)) throw notFound('user');
      return loadAdminUser(deps.knex, params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/suspend',
    summary: 'Suspend a user: every session and API token stops working',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    params: ZIdParams,
    body: z.object({ reason: z.string().trim().max(500).optional() }).optional(),
    successStatus: 200,
    responses: { 200: { description: 'the user', schema: ZAdminUser }, 409: { description: 'suspending yourself' } },
    handler: ({ deps, req, auth, params, body }) => setUserStatus(deps, { req, auth }, params.id, 'suspended', body?.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/reactivate',
    summary: 'Reactivate a suspended user',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    params: ZIdParams,
    body: z.object({ reason: z.string().trim().max(500).optional() }).optional(),
    successStatus: 200,
    responses: { 200: { description: 'the user', schema: ZAdminUser }, 409: { description: 'reactivating yourself' } },
    handler: ({ deps, req, auth, params, body }) => setUserStatus(deps, { req, auth }, params.id, 'active', body?.reason),
  }),
];
