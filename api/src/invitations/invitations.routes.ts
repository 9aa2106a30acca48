import { z } from 'zod';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { requireVerifiedEmail } from '../auth/auth-context';
import { problem, ZRole, ZTeamParams, ZWorkspace } from '../teams/teams.routes';
import { acceptInvitation, previewInvitation, inviteMember, listInvitations, resendInvitation, revokeInvitation } from './invitations.service';

const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
  createdAt: z.string(),
  invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
const ZInvitationPreview = z
  .object({
    teamName: z.string(),
    invitedBy: z.string().nullable(),
    role: ZRole,
    email: z.string(),
    expiresAt: z.string(),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    forYou: z.boolean().meta({ description: 'The signed-in user is the invited address (only they can accept)' }),
  })
  .meta({ id: 'InvitationPreview' });
const ZInvitationParams = z.object({ teamId: z.string(), invitationId: z.string() });

export const invitationRoutes = [
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
      403: problem('not an admin, or the inviter’s e-mail address is not confirmed yet'),
      409: problem('already a member, already invited, or a personal workspace'),
    },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:invite', 'team');
      requireVerifiedEmail(auth, 'invite others');
      return inviteMember(deps, req, auth, params.teamId, body);
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
    responses: { 200: { description: 'the invitation', schema: ZInvitation }, 403: problem('not an admin, or the e-mail address is not confirmed yet'), 409: problem('accepted or revoked') },
    handler: async ({ deps, req, auth, params }) => {
      await requireWorkspace(deps, auth, params.teamId, 'members:invite', 'team');
      requireVerifiedEmail(auth, 'invite others');
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
    path: '/api/invitations/preview',
    summary: 'What an invitation link invites to (team, role, who sent it), before accepting it; the token stays out of URLs',
    tags: ['teams'],
    auth: 'user',
    body: z.object({ token: z.string().trim().min(1).max(200) }),
    successStatus: 200,
    responses: { 200: { description: 'the invitation', schema: ZInvitationPreview }, 404: problem('unknown token (or replaced by a resend)') },
    handler: ({ deps, auth, body }) => previewInvitation(deps, auth, body.token),
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
];
