import { z } from 'zod';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { WORKSPACE_ROLES } from '../access/permissions';
import {
  acceptInvitation,
  changeMemberRole,
  createTeam,
  getTeam,
  inviteMember,
  listActivity,
  listInvitations,
  listMembers,
  listTeams,
  removeMember,
  resendInvitation,
  revokeInvitation,
  streamActivityCsv,
  updateTeam,
} from './teams.service';

// ----- schemas (request validation and OpenAPI) -----

const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
const ZName = z.string().trim().min(1).max(100).regex(NO_CONTROL_CHARS, 'must not contain control characters');
const ZDescription = z.string().trim().max(2000);
const ZSlug = z
  .string()
  .trim()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes (e.g. "platform-team")');
const ZRole = z.enum(WORKSPACE_ROLES);

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
export const ZMember = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: ZRole, joinedAt: z.string() });
export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
  createdAt: z.string(),
  invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export const ZActivity = z.object({
  id: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});

// Ids are plain strings here: a malformed id answers 404 like an unknown one (requireWorkspace / the service).
const ZTeamParams = z.object({ teamId: z.string() });
const ZMemberParams = z.object({ teamId: z.string(), userId: z.string() });
const ZInvitationParams = z.object({ teamId: z.string(), invitationId: z.string() });

/** Empty query values (`?actor=`) mean "no filter", as browsers send them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const ZIsoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z)' });

const ZActivityQuery = z
  .object({
    page: optional(z.coerce.number().int().min(1).max(1_000_000)),
    pageSize: optional(z.coerce.number().int().min(1).max(100)),
    actor: optional(z.uuid()),
    action: optional(z.string().trim().min(1).max(200)),
    from: optional(ZIsoDate),
    to: optional(ZIsoDate),
    format: optional(z.enum(['json', 'csv'])),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to), {
    message: '"from" must not be after "to"',
    path: ['from'],
  });

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

const problem = (description: string) => ({ description });

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
  defineRoute({
    method: 'get',
    path: '/api/teams/:teamId/members',
    summary: 'Members of a team',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    responses: { 200: { description: 'members, oldest first', schema: z.array(ZMember) } },
    handler: async ({ deps, auth, params }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:view', 'team');
      return listMembers(deps, params.teamId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/teams/:teamId/members',
    summary: 'Invite someone by email (admin); the mail holds a one-time link valid for 7 days',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    body: z.object({ email: z.email().max(320), role: ZRole }),
    responses: {
      201: { description: 'the invitation', schema: ZInvitation },
      409: problem('already a member, already invited, or a personal workspace'),
    },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:invite', 'team');
      return inviteMember(deps, req, auth, params.teamId, body);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/teams/:teamId/members/:userId',
    summary: 'Change a member’s role (admin)',
    tags: ['teams'],
    auth: 'user',
    params: ZMemberParams,
    body: z.object({ role: ZRole }),
    responses: { 200: { description: 'the member', schema: ZMember }, 409: problem('it would demote the last admin') },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:manage', 'team');
      return changeMemberRole(deps, req, auth, params.teamId, params.userId, body.role);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/teams/:teamId/members/:userId',
    summary: 'Remove a member (admin), or leave the team (own user id)',
    tags: ['teams'],
    auth: 'user',
    params: ZMemberParams,
    responses: { 204: { description: 'removed' }, 409: problem('the last admin cannot leave or be removed') },
    handler: async ({ deps, req, auth, params }) => {
      const self = params.userId === auth.userId;
      await requireWorkspace(deps, auth, params.teamId, self ? 'members:view' : 'members:manage', 'team');
      await removeMember(deps, req, auth, params.teamId, params.userId);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/teams/:teamId/invitations',
    summary: 'Invitations of a team, newest first (admin)',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    responses: { 200: { description: 'invitations', schema: z.array(ZInvitation) } },
    handler: async ({ deps, auth, params }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:invite', 'team');
      return listInvitations(deps, params.teamId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/teams/:teamId/invitations/:invitationId/resend',
    summary: 'Send a pending or expired invitation again, with a new link and a new 7-day expiry (admin)',
    tags: ['teams'],
    auth: 'user',
    params: ZInvitationParams,
    successStatus: 200,
    responses: { 200: { description: 'the invitation', schema: ZInvitation }, 409: problem('accepted or revoked') },
    handler: async ({ deps, req, auth, params }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:invite', 'team');
      return resendInvitation(deps, req, auth, params.teamId, params.invitationId);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/teams/:teamId/invitations/:invitationId',
    summary: 'Revoke an invitation (admin)',
    tags: ['teams'],
    auth: 'user',
    params: ZInvitationParams,
    responses: { 204: { description: 'revoked' }, 409: problem('already accepted') },
    handler: async ({ deps, req, auth, params }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:invite', 'team');
      await revokeInvitation(deps, req, auth, params.teamId, params.invitationId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/invitations/accept',
    summary: 'Accept an invitation as the invited (logged-in) user',
    tags: ['teams'],
    auth: 'user',
    body: z.object({ token: z.string().trim().min(1).max(200) }),
    successStatus: 200,
    responses: {
      200: { description: 'the joined workspace', schema: ZWorkspace },
      403: problem('the invitation is for another email address'),
      404: problem('unknown token (or replaced by a resend)'),
      409: problem('already accepted, or already a member'),
      410: problem('revoked or expired'),
    },
    handler: ({ deps, req, auth, body }) => acceptInvitation(deps, req, auth, body.token),
  }),
  defineRoute({
    method: 'get',
    path: '/api/teams/:teamId/activity',
    summary: 'The team’s activity log, newest first; format=csv exports every match',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    query: ZActivityQuery,
    responses: {
      200: {
        description: 'a page of activity (or text/csv with format=csv)',
        schema: z.object({ items: z.array(ZActivity), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
      },
    },
    handler: async ({ deps, auth, params, query, res }) => {
      const access = await requireWorkspace(deps, auth, params.teamId, 'activity:view', 'team');
      const filters = { actor: query.actor, action: query.action, from: query.from, to: query.to };
      if (query.format === 'csv') {
        const workspace = await deps.knex('workspaces').where({ id: access.workspaceId }).first('id', 'slug');
        await streamActivityCsv(deps, res, workspace, filters);
        return;
      }
      return listActivity(deps, access.workspaceId, filters, query.page ?? 1, query.pageSize ?? 50);
    },
  }),
];
