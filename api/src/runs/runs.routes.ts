import { z } from 'zod';
import { findRepositoryById } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { requireResource } from '../access/resource-access';
import { recordActivity } from '../audit/activity-log';
import { ConflictError } from '../http/errors';
import { listRuns, publicRun } from './runs.service';
import { workflowClient } from '../temporal/workflow-client';
import { ZRun, ZRunCancelled, ZRunPage } from './runs.schemas';

export const runRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/workspaces/:workspaceId/runs',
    summary: 'Analysis runs of a workspace, newest first',
    tags: ['runs'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    query: z.object({
      repositoryId: z.uuid().optional(),
      status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']).optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(25),
    }),
    responses: { 200: { description: 'a page of runs, newest first', schema: ZRunPage } },
    handler: async ({ deps, auth, params, query }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'results:view');
      return listRuns(deps, params.workspaceId, query);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/runs/:runId',
    summary: 'One run: status, progress, summary, gate and a link to its workflow',
    tags: ['runs'],
    auth: 'user',
    params: z.object({ runId: z.string() }),
    responses: { 200: { description: 'the run', schema: ZRun } },
    handler: async ({ deps, auth, params }) => {
      const { row } = await requireResource(deps, auth, 'run', params.runId, 'results:view');
      const repo = await findRepositoryById(deps.knex, row.repositoryId);
      return publicRun(deps, { ...row, repositoryName: repo?.fullName });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/runs/:runId/cancel',
    summary: 'Cancel a queued or running analysis',
    tags: ['runs'],
    auth: 'user',
    successStatus: 202,
    params: z.object({ runId: z.string() }),
    responses: { 202: { description: 'cancellation requested', schema: ZRunCancelled }, 409: { description: 'the run already finished' } },
    handler: async ({ deps, req, auth, params }) => {
      const { row } = await requireResource(deps, auth, 'run', params.runId, 'analysis:run');
      if (!['queued', 'running'].includes(row.status)) throw new ConflictError(`The run is already ${row.status}.`);
      await workflowClient.cancel(deps, row.workflowId);
      await recordActivity(deps.knex, req, { workspaceId: row.workspaceId, action: 'run.cancelled', resourceType: 'run', resourceId: row.id });
      return { status: 'cancelling' };
    },
  }),
];
