import { z } from 'zod';
import { ADMIN_REPOSITORY_SORT, ADMIN_WORKSPACE_SORT, findRepositoryForAdmin, findWorkspaceForAdmin, listRepositoriesForAdmin, listWorkspacesForAdmin } from '@argus/db';
import { defineRoute } from '../../http/route';
import { isUuid } from '../../access/workspace-access';
import { ZIdParams, ZSimpleRestQuery, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// The console's "workspaces" and "repositories" resources (admin-ui/src/workspaces, admin-ui/src/repositories).
// Their runs are the "runs" resource filtered by workspaceId / repositoryId, each linking to the Temporal UI.

const ZAdminWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  kind: z.enum(['personal', 'team']),
  ownerId: z.string(),
  ownerEmail: z.string().nullable(),
  memberCount: z.number().int(),
  repositoryCount: z.number().int(),
  runCount: z.number().int(),
  lastRunAt: z.string().nullable(),
  tierName: z.string().nullable(),
  subscriptionStatus: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  createdAt: z.string(),
});
const ZAdminWorkspaceDetail = ZAdminWorkspace.extend({ members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string() })) });

const ZAdminRepository = z.object({
  id: z.string(),
  fullName: z.string(),
  provider: z.enum(['github', 'git']),
  workspaceId: z.string().nullable(),
  workspaceName: z.string().nullable(),
  defaultBranch: z.string(),
  analysisSchedule: z.string().nullable(),
  removedAt: z.string().nullable(),
  runCount: z.number().int(),
  lastRunAt: z.string().nullable(),
  lastRunStatus: z.string().nullable(),
  createdAt: z.string(),
});

const workspaceList = {
  sortable: ADMIN_WORKSPACE_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z.object({ id: idFilter(ZUuid), q: ZText.optional(), kind: z.enum(['personal', 'team']).optional(), memberId: ZUuid.optional() }).strict(),
};
const repositoryList = {
  sortable: ADMIN_REPOSITORY_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({ id: idFilter(ZUuid), q: ZText.optional(), workspaceId: ZUuid.optional(), provider: z.enum(['github', 'git']).optional(), removed: z.boolean().optional() })
    .strict(),
};

const staff = { tags: ['admin'], auth: 'staff' as const, staffPermission: 'workspaces:read' as const };

export const adminWorkspaceRoutes = [
  defineRoute({
    ...staff,
    method: 'get',
    path: '/api/admin/workspaces',
    summary: 'Every workspace (filters: q on name/slug, kind, memberId, id)',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAdminWorkspace, 'workspaces'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, workspaceList);
      return sendList(res, 'workspaces', params, await listWorkspacesForAdmin(deps.knex, params.filter, params), (r) => r);
    },
  }),
  defineRoute({
    ...staff,
    method: 'get',
    path: '/api/admin/workspaces/:id',
    summary: 'One workspace with its members',
    params: ZIdParams,
    responses: { 200: { description: 'the workspace', schema: ZAdminWorkspaceDetail } },
    handler: async ({ deps, params }) => {
      const row = isUuid(params.id) ? await findWorkspaceForAdmin(deps.knex, params.id) : undefined;
      if (!row) throw notFound('workspace');
      return row;
    },
  }),
  defineRoute({
    ...staff,
    method: 'get',
    path: '/api/admin/repositories',
    summary: 'Every repository (filters: q on full name, workspaceId, provider, removed, id)',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAdminRepository, 'repositories'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, repositoryList);
      return sendList(res, 'repositories', params, await listRepositoriesForAdmin(deps.knex, params.filter, params), (r) => ({ ...r, analysisSchedule: r.analysisSchedule ?? null }));
    },
  }),
  defineRoute({
    ...staff,
    method: 'get',
    path: '/api/admin/repositories/:id',
    summary: 'One repository',
    params: ZIdParams,
    responses: { 200: { description: 'the repository', schema: ZAdminRepository } },
    handler: async ({ deps, params }) => {
      const row = isUuid(params.id) ? await findRepositoryForAdmin(deps.knex, params.id) : undefined;
      if (!row) throw notFound('repository');
      return row;
    },
  }),
];
