import { z } from 'zod';
import { FIX_PROVIDERS, FIX_STATUSES } from '@argus/workflows/contract';
import { findFindingWithTriage, findFixWithFinding, fixesOfFinding, latestFixOfFinding, listFixesOfRun } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireResource } from '../access/resource-access';
import { requireWorkspace } from '../access/workspace-access';
import { NotFoundError } from '../http/errors';
import { publicFinding } from '../findings/findings.service';
import {
  listWorkspaceAiKeys,
  markApplied,
  publicFix,
  requestBatchPullRequest,
  requestFix,
  requestPullRequest,
  requireFix,
  setWorkspaceAiKey,
} from './fixes.service';
import { ZAiKeySet, ZAiKeys, ZBatchPullRequestResult, ZCreatePullRequestResult, ZFindingFixes, ZFix, ZFixPage } from './fixes.schemas';

// Seed 000's endpoints. A finding's id is the seed's "result id"; the URLs are the seed's, the parameter names ours.
export const fixRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/fixes/generate/:findingId',
    summary: 'Generate a fix for a finding (builtin, groq or anthropic); a second request returns the same fix',
    tags: ['fixes'],
    auth: 'user',
    successStatus: 202,
    params: z.object({ findingId: z.string() }),
    query: z.object({ provider: z.enum(FIX_PROVIDERS).default('builtin') }),
    responses: {
      200: { description: 'the fix a previous request already started (without `finding`)', schema: ZFix },
      202: { description: 'the new, queued fix (without `finding`)', schema: ZFix },
      409: { description: 'no API key for that provider' },
    },
    handler: async ({ deps, req, res, auth, params, query }) => {
      const { row } = await requireResource(deps, auth, 'finding', params.findingId, 'fixes:generate');
      const { fix, created } = await requestFix(deps, req, row, query.provider, auth.userId);
      // 202 for a fix that starts now; 200 for the one a previous request already started.
      if (!created) return void res.status(200).json(publicFix(deps, fix));
      return publicFix(deps, fix);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/fixes/:findingId',
    summary: 'The latest fix of a finding (any provider)',
    tags: ['fixes'],
    auth: 'user',
    params: z.object({ findingId: z.string() }),
    responses: { 200: { description: 'the fix', schema: ZFix }, 404: { description: 'no fix yet' } },
    handler: async ({ deps, auth, params }) => {
      await requireResource(deps, auth, 'finding', params.findingId, 'results:view');
      const fix = await latestFixOfFinding(deps.knex, params.findingId);
      if (!fix) throw new NotFoundError('No fix has been generated for this finding yet.');
      return publicFix(deps, fix);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/fixes/result/:findingId/all',
    summary: 'A finding and all its fixes, newest first',
    tags: ['fixes'],
    auth: 'user',
    params: z.object({ findingId: z.string() }),
    responses: { 200: { description: 'the finding and its fixes', schema: ZFindingFixes } },
    handler: async ({ deps, auth, params }) => {
      await requireResource(deps, auth, 'finding', params.findingId, 'results:view');
      const [finding, fixes] = await Promise.all([findFindingWithTriage(deps.knex, params.findingId), fixesOfFinding(deps.knex, params.findingId)]);
      return { finding: publicFinding(finding!), fixes: fixes.map((f) => publicFix(deps, f)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/fixes/:fixId/apply',
    summary: 'Mark a fix as applied (idempotent)',
    tags: ['fixes'],
    auth: 'user',
    successStatus: 200,
    params: z.object({ fixId: z.string() }),
    responses: { 200: { description: 'the fix', schema: ZFix }, 409: { description: 'the fix has no patch' } },
    handler: async ({ deps, req, auth, params }) => {
      const fix = await requireFix(deps, auth, params.fixId, 'fixes:generate');
      await markApplied(deps, req, fix, auth.userId);
      return publicFix(deps, (await findFixWithFinding(deps.knex, fix.id))!);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/fixes/:fixId/create-pr',
    summary: 'Open a pull request (or push a branch, for plain git remotes) with a validated fix; 409 otherwise',
    tags: ['fixes'],
    auth: 'user',
    successStatus: 202,
    params: z.object({ fixId: z.string() }),
    responses: {
      200: { description: 'the pull request was already open', schema: ZCreatePullRequestResult },
      202: { description: 'the pull request workflow started', schema: ZCreatePullRequestResult },
      409: { description: 'the fix is not validated' },
    },
    handler: async ({ deps, req, res, auth, params }) => {
      const fix = await requireFix(deps, auth, params.fixId, 'fixes:generate');
      const started = await requestPullRequest(deps, req, fix);
      const body = { fix: publicFix(deps, (await findFixWithFinding(deps.knex, fix.id))!), workflowId: started.workflowId, branch: started.branch };
      if (!started.started) return void res.status(200).json(body);
      return body;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/runs/:runId/fixes',
    summary: 'Fixes of a run, newest first',
    tags: ['fixes'],
    auth: 'user',
    params: z.object({ runId: z.string() }),
    query: z.object({
      status: z.enum(FIX_STATUSES).optional(),
      rule: z.string().max(200).optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'a page of fixes, newest first', schema: ZFixPage } },
    handler: async ({ deps, auth, params, query }) => {
      await requireResource(deps, auth, 'run', params.runId, 'results:view');
      const { rows, total } = await listFixesOfRun(deps.knex, params.runId, query);
      return { items: rows.map((f) => publicFix(deps, f)), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/runs/:runId/fixes/batch',
    summary: 'One branch and pull request with every validated fix of a rule in a run',
    tags: ['fixes'],
    auth: 'user',
    successStatus: 202,
    params: z.object({ runId: z.string() }),
    body: z.object({ ruleId: z.string().trim().min(1).max(200) }),
    responses: { 202: { description: 'the batch pull request workflow started', schema: ZBatchPullRequestResult }, 409: { description: 'no validated fix of that rule' } },
    handler: async ({ deps, req, auth, params, body }) => {
      const { row } = await requireResource(deps, auth, 'run', params.runId, 'fixes:generate');
      return requestBatchPullRequest(deps, req, row, body.ruleId);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/workspaces/:workspaceId/ai-keys',
    summary: 'Which AI providers have a key (the keys themselves are never returned)',
    tags: ['fixes'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    responses: { 200: { description: 'one entry per AI provider', schema: ZAiKeys } },
    handler: async ({ deps, auth, params }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'results:view');
      return listWorkspaceAiKeys(deps, params.workspaceId);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/workspaces/:workspaceId/ai-keys',
    summary: 'Set the workspace’s key for an AI provider (admins; stored encrypted, never returned)',
    tags: ['fixes'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    body: z.object({ provider: z.enum(['groq', 'anthropic']), apiKey: z.string().trim().min(8).max(500) }),
    responses: { 200: { description: 'the provider’s new key status', schema: ZAiKeySet } },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'settings:change');
      return setWorkspaceAiKey(deps, req, params.workspaceId, body.provider, body.apiKey, auth.userId);
    },
  }),
];
