import { z } from 'zod';
import { ADMIN_RUN_SORT, findRunForAdmin, listRunsForAdmin, type AdminRunRow } from '@argus/db';
import { RUN_STATUSES } from '@argus/workflows/contract';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { ZIdParams, ZInstantFilter, ZSimpleRestQuery, ZText, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// The console's "runs" resource (admin-ui/src/runs): every workspace's analysis runs, each linked to its
// workflow in the Temporal UI. The Temporal UI shows every tenant's workflows, so only staff get these links.

const ZAdminRun = z.object({
  id: z.string(),
  workflowId: z.string(),
  temporalUrl: z.string().meta({ description: 'The workflow in the Temporal UI (staff only)' }),
  workspaceId: z.string(),
  workspaceName: z.string(),
  repositoryId: z.string(),
  repositoryName: z.string(),
  trigger: z.string(),
  status: z.string(),
  commitSha: z.string().nullable(),
  ref: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toAdminRun(deps: AppDeps, row: AdminRunRow) {
  return {
    ...row,
    temporalUrl: `${deps.config.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(deps.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(row.workflowId)}`,
    createdAt: iso(row.createdAt)!,
    finishedAt: iso(row.finishedAt),
  };
}

const ZUuid = z.uuid();
const runList = {
  sortable: ADMIN_RUN_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZUuid),
      status: z.union([z.enum(RUN_STATUSES), z.array(z.enum(RUN_STATUSES)).max(5)]).optional(),
      workspaceId: ZUuid.optional(),
      repositoryId: ZUuid.optional(),
      q: ZText.optional(),
      from: ZInstantFilter.optional(),
      to: ZInstantFilter.optional(),
    })
    .strict(),
};

export const adminRunRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/runs',
    summary: 'Every workspace’s analysis runs, with Temporal UI links (filters: status, workspaceId, repositoryId, q, from, to)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAdminRun, 'runs'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, runList);
      return sendList(res, 'runs', params, await listRunsForAdmin(deps.knex, params.filter, params), (row) => toAdminRun(deps, row));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/runs/:id',
    summary: 'One run, with its Temporal UI link',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    params: ZIdParams,
    responses: { 200: { description: 'the run', schema: ZAdminRun } },
    handler: async ({ deps, params }) => {
      const row = ZUuid.safeParse(params.id).success ? await findRunForAdmin(deps.knex, params.id) : undefined;
      if (!row) throw notFound('run');
      return toAdminRun(deps, row);
    },
  }),
];
