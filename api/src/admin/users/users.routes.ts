import { z } from 'zod';
import { ADMIN_USER_SORT, findUserHistory, iterateUsersForExport, listUsersForAdmin } from '@argus/db';
import { defineRoute } from '../../http/route';
import { recordActivity } from '../../audit/activity-log';
import { isUuid } from '../../access/workspace-access';
import { STAFF_ROLES } from '../../access/permissions';
import { ZIdParams, ZSimpleRestQuery, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';
import { loadAdminUser, setUserStatus, toAdminUser } from './users.service';
import { bulkSuspend, deleteUserAccount, deletionPreview, importUsers, IMPORT_MAX_ROWS, sendPasswordReset, unlockAccount } from './users.actions';
import { toCsvLine } from './csv';

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

const ZReason = z.string().trim().min(1, 'must say why').max(500);
const ZOptionalReason = z.object({ reason: z.string().trim().max(500).optional() }).optional();
const ZImportReport = z.object({
  dryRun: z.boolean(),
  accepted: z.number().int(),
  created: z.array(z.object({ line: z.number().int(), email: z.string(), id: z.string() })),
  rejected: z.array(z.object({ line: z.number().int(), email: z.string(), reason: z.string() })),
});

export const adminUserRoutes = [
  // Before GET /:id, which would take "export" for an id.
  defineRoute({
    method: 'get',
    path: '/api/admin/users/export',
    summary: 'The users matching a filter, as CSV (same filters as the list; at most 50,000 rows)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    query: z.object({ filter: z.string().optional().describe('JSON object of filters') }),
    responses: { 200: { description: 'text/csv', contentType: 'text/csv' } },
    handler: async ({ deps, req, res }) => {
      const { filter } = parseListParams({ filter: req.query.filter }, usersList);
      const lines = [toCsvLine(['id', 'email', 'name', 'status', 'staff_role', 'email_verified_at', 'last_login_at', 'created_at', 'workspace_count'])];
      let count = 0;
      for await (const batch of iterateUsersForExport(deps.knex, filter)) {
        for (const u of batch) lines.push(toCsvLine([u.id, u.email, u.name, u.status, u.staffRole, u.emailVerifiedAt, u.lastLoginAt, u.createdAt, u.workspaceCount]));
        count += batch.length;
      }
      await recordActivity(deps.knex, req, { action: 'user.exported', resourceType: 'user', after: { filter, rows: count } });
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="argus-users-${new Date().toISOString().slice(0, 10)}.csv"`);
      res.status(200).send(lines.join(''));
    },
  }),
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
  defineRoute({
    method: 'get',
    path: '/api/admin/users/:id/history',
    summary: "A user's workspaces (with plan), recent runs, logins and tickets",
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:read',
    params: ZIdParams,
    responses: {
      200: {
        description: 'the history',
        schema: z.object({
          workspaces: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), role: z.string(), tierName: z.string().nullable(), subscriptionStatus: z.string().nullable(), joinedAt: z.string() })),
          runs: z.array(z.object({ id: z.string(), workspaceId: z.string(), repositoryName: z.string(), status: z.string(), workflowId: z.string(), createdAt: z.string(), temporalUrl: z.string() })),
          logins: z.array(z.object({ at: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable() })),
          tickets: z.array(z.object({ id: z.string(), number: z.number().int(), subject: z.string(), status: z.string(), priority: z.string(), createdAt: z.string() })),
        }),
      },
    },
    handler: async ({ deps, params }) => {
      if (!isUuid(params.id)) throw notFound('user');
      await loadAdminUser(deps.knex, params.id);
      const history = await findUserHistory(deps.knex, params.id);
      const ui = deps.config.TEMPORAL_UI_URL.replace(/\/$/, '');
      return {
        ...history,
        runs: history.runs.map((r) => ({ ...r, temporalUrl: `${ui}/namespaces/${encodeURIComponent(deps.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(r.workflowId)}` })),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/reset-password',
    summary: 'Mail the user a password-reset link (their password stays until they use it)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    params: ZIdParams,
    body: ZOptionalReason,
    successStatus: 200,
    responses: { 200: { description: 'sent', schema: z.object({ sentTo: z.string() }) }, 409: { description: 'suspended, or your own account' } },
    handler: ({ deps, req, auth, params, body }) => sendPasswordReset(deps, { req, auth }, params.id, body?.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/unlock',
    summary: 'End a lockout after too many failed logins',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    params: ZIdParams,
    successStatus: 200,
    responses: { 200: { description: 'the user', schema: ZAdminUser } },
    handler: async ({ deps, req, auth, params }) => {
      await unlockAccount(deps, { req, auth }, params.id);
      return loadAdminUser(deps.knex, params.id);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/users/:id/deletion-preview',
    summary: 'What deleting the account would do to its data (for the confirmation)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:delete',
    params: ZIdParams,
    responses: {
      200: {
        description: 'the consequences',
        schema: z.object({
          email: z.string(),
          isStaff: z.boolean(),
          deletedWorkspaces: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
          keptTeams: z.array(z.object({ id: z.string(), name: z.string(), ownershipPasses: z.boolean() })),
          blockingTeams: z.array(z.object({ id: z.string(), name: z.string() })),
          consequences: z.array(z.string()),
        }),
      },
    },
    handler: ({ deps, req, auth, params }) => deletionPreview(deps, { req, auth }, params.id),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/admin/users/:id',
    summary: 'Delete an account: its personal workspace and sole-member teams go with all their data; teams with other members keep theirs',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:delete',
    params: ZIdParams,
    body: z.object({ reason: ZReason, confirmEmail: z.string().trim().min(1).max(254) }),
    successStatus: 200,
    responses: {
      200: { description: 'deleted', schema: z.object({ id: z.string(), deletedWorkspaceIds: z.array(z.string()) }) },
      409: { description: 'a staff account, your own, or the last admin of a team with other members' },
    },
    handler: async ({ deps, req, auth, params, body }) => ({ id: params.id, ...(await deleteUserAccount(deps, { req, auth }, params.id, body)) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/bulk-suspend',
    summary: 'Suspend many users at once (each is audited; staff and yourself are skipped unless allowed)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    body: z.object({ ids: z.array(ZUuid).min(1).max(100), reason: ZReason }),
    successStatus: 200,
    responses: { 200: { description: 'what was suspended and what was skipped, with why', schema: z.object({ suspended: z.array(z.string()), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) }) } },
    handler: ({ deps, req, auth, body }) => bulkSuspend(deps, { req, auth }, body.ids, body.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/import',
    summary: `Import users from CSV (header "email,name", at most ${IMPORT_MAX_ROWS} rows): each gets an account and a mail to set a password; rejected rows are reported`,
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    body: z.object({ csv: z.string().min(1).max(500_000), dryRun: z.boolean().default(false) }),
    successStatus: 200,
    responses: { 200: { description: 'the report', schema: ZImportReport } },
    handler: ({ deps, req, auth, body }) => importUsers(deps, { req, auth }, body),
  }),
];
