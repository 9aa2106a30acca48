import { z } from 'zod';
import { ADMIN_ACTIVITY_SORT, findActivityForAdmin, listActivityForAdmin, type AdminActivityRow } from '@argus/db';
import { defineRoute } from '../../http/route';
import { ZBigId, ZIdParams, ZInstantFilter, ZSimpleRestQuery, ZText, ZUuid, bigIdOrNotFound, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// The console's "audit-logs" resource (admin-ui/src/audit-logs): the activity log across all workspaces.

const ZAuditLog = z.object({
  id: z.string(),
  workspaceId: z.string().nullable(),
  workspaceName: z.string().nullable(),
  actorId: z.string().nullable(),
  actorKind: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  /** The customer a staff actor was impersonating: the entry reads "<actor> as <actingAs.email>". */
  actingAs: z.object({ id: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});

function toAuditLog(row: AdminActivityRow) {
  return {
    id: String(row.id),
    workspaceId: row.workspaceId ?? null,
    workspaceName: row.workspaceName ?? null,
    actorId: row.actorId ?? null,
    actorKind: row.actorKind,
    actor: row.actorId ? { id: row.actorId, name: row.actorName!, email: row.actorEmail! } : null,
    actingAs: row.actingAsId ? { id: row.actingAsId, email: row.actingAsEmail ?? '' } : null,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId ?? null,
    ip: row.ip ?? null,
    userAgent: row.userAgent ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: row.createdAt,
  };
}

const auditList = {
  sortable: ADMIN_ACTIVITY_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZBigId),
      action: ZText.optional(),
      workspaceId: ZUuid.optional(),
      actorId: ZUuid.optional(),
      actorKind: z.enum(['user', 'staff', 'system', 'api_token']).optional(),
      resourceType: ZText.optional(),
      impersonated: z.boolean().optional(),
      from: ZInstantFilter.optional(),
      to: ZInstantFilter.optional(),
    })
    .strict(),
};

export const auditLogRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/audit-logs',
    summary: 'The activity log across all workspaces (filters: action (exact, or prefix ending in "."), workspaceId, actorId, impersonated, …)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'audit:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAuditLog, 'audit-logs'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, auditList);
      return sendList(res, 'audit-logs', params, await listActivityForAdmin(deps.knex, params.filter, params), toAuditLog);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/audit-logs/:id',
    summary: 'One activity-log entry',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'audit:read',
    params: ZIdParams,
    responses: { 200: { description: 'the entry', schema: ZAuditLog } },
    handler: async ({ deps, params }) => {
      const row = await findActivityForAdmin(deps.knex, bigIdOrNotFound(params.id, 'audit-log entry'));
      if (!row) throw notFound('audit-log entry');
      return toAuditLog(row);
    },
  }),
];
