import { z } from 'zod';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { WORKSPACE_ROLES } from '../access/permissions';
import { createTeam, getTeam, listTeams, updateTeam } from './teams.service';

// ----- schemas (request validation and OpenAPI); the team resources (members, invitations, activity) share some -----

const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
const ZName = z.string().trim().min(1).max(100).regex(NO_CONTROL_CHARS, 'must not contain control characters');
const ZDescription = z.string().trim().max(2000);
const ZSlug = z
  .string()
  .trim()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes (e.g. "platform-team")');
export const ZRole = z.enum(WORKSPACE_ROLES);

export const ZWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  kind: z.enum(['personal', 'team']),
  role: ZRole,
  memberCount: z.number().int(),
  settings: z.object({ maxRepositories: z.number().int(), maxConcurrentRuns: z.number().int() }),
});

// Ids are plain strings here: a malformed id answers 404 like an unknown one (requireWorkspace / the service).
export const ZTeamParams = z.object({ teamId: z.string() });

const ZUpdateTeam = z.object({
  name: ZName.optional(),
  description: ZDescription.optional(),
  settings: z
    .object({
      maxRepositories: z.number().int().min(1).max(10_000).optional(),
      maxConcurrentRuns: z.number().int().min(1).max(100).optional(),
    })
    .optional(),
});

export const problem = (description: string) => ({ description });

export const teamRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/teams',
    summary: 'Workspaces the caller belongs to (personal one included)',
    tags: ['teams'],
    auth: 'user',
    responses: { 200: { description: 'the caller’s workspaces', schema: z.array(ZWorkspace) } },
    handler: ({ deps, auth }) => listTeams(deps, auth),
  }),
  defineRoute({
    method: 'post',
    path: '/api/teams',
    summary: 'Create a team; the caller becomes its admin',
    tags: ['teams'],
    auth: 'user',
    body: z.object({ name: ZName, slug: ZSlug.optional(), description: ZDescription.optional() }),
    responses: { 201: { description: 'the new team', schema: ZWorkspace }, 409: problem('the slug is taken') },
    handler: ({ deps, req, auth, body }) => createTeam(deps, req, auth, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/teams/:teamId',
    summary: 'One workspace',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    responses: { 200: { description: 'the workspace', schema: ZWorkspace }, 404: problem('not a member, or no such team') },
    handler: async ({ deps, auth, params }) => {
      const access = await requireWorkspace(deps, auth, params.teamId, 'results:view', 'team');
      return getTeam(deps, access.workspaceId, access.role);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/teams/:teamId',
    summary: 'Rename a team, change its description or settings (admin)',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    body: ZUpdateTeam,
    responses: { 200: { description: 'the updated workspace', schema: ZWorkspace }, 403: problem('not an admin') },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.teamId, 'settings:change', 'team');
      return updateTeam(deps, req, auth, params.teamId, body);
    },
  }),
];
