import { z } from 'zod';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { completeSetup, listInstallationRepositories, releaseInstallation, setRepositoryActive, startInstall, workspaceGitHub } from './github-app.service';
import {
  ZGitHubInstallationRepositoryPage,
  ZGitHubInstallStart,
  ZGitHubRepositoryActivation,
  ZGitHubSetupResult,
  ZWorkspaceGitHub,
} from './github-app.schemas';

const ZGitHubId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const githubAppRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/workspaces/:workspaceId/github',
    summary: 'Whether the GitHub App can be installed here, and the installations linked to the workspace',
    tags: ['github'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    responses: { 200: { description: 'the App’s availability and the linked installations', schema: ZWorkspaceGitHub } },
    handler: async ({ deps, auth, params }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'results:view');
      return workspaceGitHub(deps, params.workspaceId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workspaces/:workspaceId/github/install',
    summary: 'Start installing the GitHub App for this workspace: a single-use state and the App’s install page',
    tags: ['github'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    successStatus: 200,
    responses: { 200: { description: 'where to send the browser (valid for 30 minutes, once)', schema: ZGitHubInstallStart }, 409: { description: 'the GitHub App is not configured' } },
    handler: async ({ deps, auth, params }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'settings:change');
      return startInstall(deps, auth, params.workspaceId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/github/setup',
    summary: 'Finish the install: GitHub’s callback parameters; links the installation once GitHub confirms the user can access it',
    tags: ['github'],
    auth: 'user',
    successStatus: 200,
    body: z.object({
      state: z.string().min(16).max(200),
      code: z.string().min(1).max(200).optional(),
      installationId: ZGitHubId.optional(),
      setupAction: z.enum(['install', 'update', 'request']).default('install'),
    }),
    responses: {
      200: { description: 'linked (or, for setup_action=request, waiting for an organization owner)', schema: ZGitHubSetupResult },
      400: { description: 'the state is unknown, used or expired, or GitHub refused the code' },
      403: { description: 'the state is another user’s, or the user’s GitHub account cannot access the installation' },
      409: { description: 'the installation is linked to another workspace, or the App is not configured' },
    },
    handler: ({ deps, req, auth, body }) => completeSetup(deps, req, auth, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/github/installations/:installationId/repositories',
    summary: 'The repositories the installation grants on GitHub, a page at a time, each with whether Argus analyzes it',
    tags: ['github'],
    auth: 'user',
    params: z.object({ installationId: z.string() }),
    query: z.object({ page: z.coerce.number().int().min(1).max(1000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(30) }),
    responses: { 200: { description: 'a page of the installation’s repositories', schema: ZGitHubInstallationRepositoryPage }, 409: { description: 'the installation is suspended or uninstalled' } },
    handler: ({ deps, auth, params, query }) => listInstallationRepositories(deps, auth, params.installationId, query.page, query.pageSize),
  }),
  defineRoute({
    method: 'put',
    path: '/api/github/installations/:installationId/repositories/:githubRepoId',
    summary: 'Activate or deactivate one repository of the installation (only active ones are analyzed)',
    tags: ['github'],
    auth: 'user',
    params: z.object({ installationId: z.string(), githubRepoId: ZGitHubId }),
    body: z.object({ active: z.boolean() }),
    responses: { 200: { description: 'the repository’s new state', schema: ZGitHubRepositoryActivation }, 409: { description: 'at the repository limit, analyzed elsewhere, or the installation is unusable' } },
    handler: ({ deps, req, auth, params, body }) => setRepositoryActive(deps, req, auth, params.installationId, params.githubRepoId, body.active),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/github/installations/:installationId',
    summary: 'Unlink the installation from its workspace (its repositories are deactivated; runs and findings stay)',
    tags: ['github'],
    auth: 'user',
    params: z.object({ installationId: z.string() }),
    responses: { 204: { description: 'unlinked' } },
    handler: ({ deps, req, auth, params }) => releaseInstallation(deps, req, auth, params.installationId),
  }),
];
