import { z } from 'zod';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { problem, ZRole, ZTeamParams } from '../teams/teams.routes';
import { changeMemberRole, listMembers, removeMember } from './members.service';

// Inviting a member (POST /api/teams/:teamId/members) creates an invitation: see invitations.routes.ts.

const ZMember = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: ZRole, joinedAt: z.string() });
const ZMemberParams = z.object({ teamId: z.string(), userId: z.string() });

export const memberRoutes = [
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
];
