import type { Request } from 'express';
import { z } from 'zod';
import { createSecretBox } from '@argus/activities';
import { markRepositoryRemoved, updateRepository, type RepositoryPatch } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { requireResource } from '../access/resource-access';
import { recordActivity } from '../audit/activity-log';
import { connectRepository, listRepositories, publicRepository, startManualAnalysis } from './repositories.service';
import { workflowClient } from '../temporal/workflow-client';
import { ZAnalysisStarted, ZRepository, ZRepositoryPage } from './repositories.schemas';

const ZPage = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(25) };
// Five-field cron (minute hour day month weekday), e.g. "0 3 * * 1-5".
const ZCron = z.string().trim().regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression, e.g. "0 3 * * *"');
const ZBranch = z.string().trim().min(1).max(200).regex(/^[\w./-]+$/, 'must be a branch name');

export const repositoryRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/workspaces/:workspaceId/repositories',
    summary: 'List the repositories of a workspace, with their latest run',
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    query: z.object({ ...ZPage, q: z.string().max(200).optional() }),
    responses: { 200: { description: 'a page of repositories by name, each with its newest run', schema: ZRepositoryPage } },
    handler: async ({ deps, auth, params, query }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'results:view');
      return listRepositories(deps, params.workspaceId, query.page, query.pageSize, query.q);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workspaces/:workspaceId/repositories',
    summary: 'Connect any git remote by URL (https, ssh or, when allowed, file)',
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    body: z.object({
      cloneUrl: z.string().trim().min(1).max(2000),
      name: z.string().trim().min(1).max(200).optional(),
      defaultBranch: ZBranch.default('main'),
      credential: z.string().min(1).max(4000).optional(),
    }),
    responses: { 201: { description: 'the connected repository', schema: ZRepository }, 409: { description: 'already connected, or the workspace is at its repository limit' } },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'settings:change');
      return connectRepository(deps, req, params.workspaceId, body);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/repositories/:repositoryId',
    summary: 'One repository',
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ repositoryId: z.string() }),
    responses: { 200: { description: 'the repository (lastRun is null here)', schema: ZRepository } },
    handler: async ({ deps, auth, params }) => {
      const { row } = await requireResource(deps, auth, 'repository', params.repositoryId, 'results:view');
      return publicRepository(row);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/repositories/:repositoryId',
    summary: 'Change the default branch, the stored credential or the analysis schedule',
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ repositoryId: z.string() }),
    body: z.object({ defaultBranch: ZBranch.optional(), credential: z.string().min(1).max(4000).nullable().optional(), analysisSchedule: ZCron.nullable().optional() }),
    responses: { 200: { description: 'the updated repository (lastRun is null here)', schema: ZRepository } },
    handler: async ({ deps, req, auth, params, body }) => {
      const { row } = await requireResource(deps, auth, 'repository', params.repositoryId, 'settings:change');
      const secrets = createSecretBox(deps.config.encryptionKeys, deps.config.activeEncryptionKeyId);
      const patch: RepositoryPatch = {};
      if (body.defaultBranch) patch.defaultBranch = body.defaultBranch;
      if (body.credential !== undefined) patch.credentialSealed = body.credential === null ? null : secrets.encrypt(body.credential, `repository:${row.id}`);
      if (body.analysisSchedule !== undefined) {
        await workflowClient.applyAnalysisSchedule(deps, row, body.analysisSchedule);
        patch.analysisSchedule = body.analysisSchedule;
      }
      const updated = await updateRepository(deps.knex, row.id, patch);
      await recordActivity(deps.knex, req, {
        workspaceId: row.workspaceId,
        action: 'repository.updated',
        resourceType: 'repository',
        resourceId: row.id,
        before: { defaultBranch: row.defaultBranch, hasCredential: Boolean(row.credentialSealed), analysisSchedule: row.analysisSchedule },
        after: { defaultBranch: updated.defaultBranch, hasCredential: Boolean(updated.credentialSealed), analysisSchedule: updated.analysisSchedule },
      });
      return publicRepository(updated);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/repositories/:repositoryId',
    summary: 'Disconnect a repository (its past runs stay readable in the audit log)',
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ repositoryId: z.string() }),
    responses: { 204: { description: 'disconnected' } },
    handler: async ({ deps, req, auth, params }) => {
      const { row } = await requireResource(deps, auth, 'repository', params.repositoryId, 'settings:change');
      if (row.analysisSchedule) await workflowClient.applyAnalysisSchedule(deps, row, null);
      await markRepositoryRemoved(deps.knex, row.id);
      await recordActivity(deps.knex, req, { workspaceId: row.workspaceId, action: 'repository.removed', resourceType: 'repository', resourceId: row.id, before: { fullName: row.fullName } });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/repositories/:repositoryId/analyze',
    summary: 'Analyze now: starts the analyzeRepository workflow',
    tags: ['repositories', 'runs'],
    auth: 'user',
    successStatus: 202,
    params: z.object({ repositoryId: z.string() }),
    body: z.object({ ref: ZBranch.optional(), commitSha: z.string().regex(/^[0-9a-f]{7,40}$/i, 'must be a commit SHA').optional() }).default({}),
    responses: { 202: { description: 'the run and its workflow', schema: ZAnalysisStarted } },
    handler: async ({ deps, req, auth, params, body }) => {
      const { row } = await requireResource(deps, auth, 'repository', params.repositoryId, 'analysis:run');
      return startManualAnalysis(deps, req as Request, row, body, auth.userId);
    },
  }),
];
