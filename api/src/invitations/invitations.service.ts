import type { Request } from 'express';
import {
  findInvitationByTokenHash,
  findInvitationListRow,
  findMemberByEmail,
  findMembership,
  findOpenInvitationForEmail,
  findUserById,
  findWorkspaceById,
  insertInvitation,
  insertMember,
  listInvitationsOfWorkspace,
  lockInvitation,
  lockWorkspace,
  markInvitationAccepted,
  markInvitationRevoked,
  renewInvitation,
  type Db,
  type InvitationListRow,
} from '@argus/db';
import { formatMailDate } from '@argus/activities';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { recordActivity } from '../audit/activity-log';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { WorkspaceRole } from '../access/permissions';
import { isUuid } from '../access/workspace-access';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../http/errors';
import { assertSeatAvailable } from '../billing/quotas';
import { lockTeam, sessionOnly } from '../teams/team-access';
import { loadWorkspaceView, type WorkspaceView } from '../teams/teams.service';

// Invitations to a team: sent by e-mail with a one-time link, resent with a new link, revoked, accepted.

const INVITATION_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
/** The shape of docs/api-contract.md. */
export interface InvitationView {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: { id: string; name: string } | null;
}

const invitationNotFound = () => new NotFoundError('No invitation with that id in this team.');

function toInvitation(row: InvitationListRow, now = new Date()): InvitationView {
  const status: InvitationStatus = row.status === 'pending' && new Date(row.expiresAt) <= now ? 'expired' : row.status;
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    invitedBy: row.inviterId ? { id: row.inviterId, name: row.inviterName! } : null,
  };
}

async function loadInvitation(db: Db, invitationId: string): Promise<InvitationView> {
  return toInvitation((await findInvitationListRow(db, invitationId))!);
}

async function inviterName(db: Db, userId: string): Promise<string> {
  return (await findUserById(db, userId))?.name ?? 'A team admin';
}

function acceptLink(deps: AppDeps, token: string): string {
  return `${deps.config.PORTAL_URL.replace(/\/+$/, '')}/invitations/accept?token=${encodeURIComponent(token)}`;
}

async function sendInvitationMail(deps: AppDeps, input: { to: string; token: string; teamName: string; inviterName: string; role: string; expiresAt: Date; resent: boolean }) {
  const text = [
    `Hello,`,
    ``,
    `${input.inviterName} ${input.resent ? 'reminds you of the invitation' : 'invited you'} to join the team "${input.teamName}" on Argus as ${input.role}.`,
    ``,
    `Accept the invitation: ${acceptLink(deps, input.token)}`,
    ``,
    `The link works once and expires on ${formatMailDate(input.expiresAt)}.${input.resent ? ' Links from earlier mails no longer work.' : ''}`,
    `If you did not expect this invitation you can ignore this mail.`,
  ].join('\n');
  try {
    await deps.mailer.send({ to: input.to, subject: `You are invited to join ${input.teamName} on Argus`, text, template: 'team-invitation' });
  } catch (err) {
    // The invitation is committed; an admin can resend it. Losing the request over the mail would be worse.
    deps.logger.error({ err }, 'could not queue the invitation mail');
  }
}

export async function listInvitations(deps: AppDeps, workspaceId: string): Promise<InvitationView[]> {
  const rows = await listInvitationsOfWorkspace(deps.knex, workspaceId);
  const now = new Date();
  return rows.map((row) => toInvitation(row, now));
}

export async function inviteMember(
  deps: AppDeps,
  req: Request,
  auth: AuthContext,
  workspaceId: string,
  input: { email: string; role: WorkspaceRole },
): Promise<InvitationView> {
  const token = newOpaqueToken('inv');
  const email = input.email.trim();
  const { invitation, teamName, inviter } = await deps.knex.transaction(async (trx) => {
    const { workspace } = await lockTeam(trx, auth, workspaceId, 'members:invite');
    if (workspace.kind === 'personal') {
      throw new ConflictError('A personal workspace cannot have other members. Create a team to work with others.');
    }
    if (await findMemberByEmail(trx, workspaceId, email)) throw new ConflictError(`${email} is already a member of this team.`);
    const pending = await findOpenInvitationForEmail(trx, workspaceId, email);
    if (pending) {
      throw new ConflictError(`${email} already has a pending invitation to this team. Resend that invitation instead.`, { invitationId: pending.id });
    }
    await assertSeatAvailable(deps, trx, workspaceId, 'invite');
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
    const id = await insertInvitation(trx, { workspaceId, email, role: input.role, tokenHash: hashToken(token), expiresAt, invitedBy: auth.userId });
    await recordActivity(trx, req, {
      workspaceId,
      action: 'member.invited',
      resourceType: 'invitation',
      resourceId: id,
      after: { email, role: input.role, expiresAt: expiresAt.toISOString() },
    });
    return { invitation: await loadInvitation(trx, id), teamName: workspace.name, inviter: await inviterName(trx, auth.userId) };
  });
  await sendInvitationMail(deps, { to: email, token, teamName, inviterName: inviter, role: input.role, expiresAt: invitation.expiresAt, resent: false });
  return invitation;
}

export async function resendInvitation(deps: AppDeps, req: Request, auth: AuthContext, workspaceId: string, invitationId: string): Promise<InvitationView> {
  if (!isUuid(invitationId)) throw invitationNotFound();
  const token = newOpaqueToken('inv');
  const { invitation, teamName, inviter } = await deps.knex.transaction(async (trx) => {
    const { workspace } = await lockTeam(trx, auth, workspaceId, 'members:invite');
    const current = await lockInvitation(trx, invitationId, workspaceId);
    if (!current) throw invitationNotFound();
    if (current.status === 'accepted') throw new ConflictError('This invitation was already accepted; there is nothing to resend.');
    if (current.status === 'revoked') throw new ConflictError('This invitation was revoked and cannot be resent. Send a new invitation instead.');
    if (await findMemberByEmail(trx, workspaceId, current.email)) throw new ConflictError(`${current.email} is already a member of this team.`);
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
    // A new secret replaces the old one, so links from earlier mails stop working.
    await renewInvitation(trx, invitationId, { tokenHash: hashToken(token), expiresAt });
    await recordActivity(trx, req, {
      workspaceId,
      action: 'invitation.resent',
      resourceType: 'invitation',
      resourceId: invitationId,
      before: { expiresAt: new Date(current.expiresAt).toISOString() },
      after: { email: current.email, expiresAt: expiresAt.toISOString() },
    });
    return { invitation: await loadInvitation(trx, invitationId), teamName: workspace.name, inviter: await inviterName(trx, auth.userId) };
  });
  await sendInvitationMail(deps, { to: invitation.email, token, teamName, inviterName: inviter, role: invitation.role, expiresAt: invitation.expiresAt, resent: true });
  return invitation;
}

export async function revokeInvitation(deps: AppDeps, req: Request, auth: AuthContext, workspaceId: string, invitationId: string): Promise<void> {
  if (!isUuid(invitationId)) throw invitationNotFound();
  await deps.knex.transaction(async (trx) => {
    await lockTeam(trx, auth, workspaceId, 'members:invite');
    const current = await lockInvitation(trx, invitationId, workspaceId);
    if (!current) throw invitationNotFound();
    if (current.status === 'accepted') throw new ConflictError('This invitation was already accepted. Remove the member instead.');
    if (current.status === 'revoked') return; // idempotent
    await markInvitationRevoked(trx, invitationId);
    await recordActivity(trx, req, {
      workspaceId,
      action: 'invitation.revoked',
      resourceType: 'invitation',
      resourceId: invitationId,
      before: { email: current.email, role: current.role, status: 'pending' },
      after: { status: 'revoked' },
    });
  });
}

/** What an invitation link is an invitation to, for the page that asks whether to accept it. */
export interface InvitationPreview {
  teamName: string;
  invitedBy: string | null;
  role: WorkspaceRole;
  email: string;
  expiresAt: Date;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  /** Whether the signed-in user is the invited address (only they can accept). */
  forYou: boolean;
}

export async function previewInvitation(deps: AppDeps, auth: AuthContext, token: string): Promise<InvitationPreview> {
  const invitation = await findInvitationByTokenHash(deps.knex, hashToken(token));
  const workspace = invitation && (await findWorkspaceById(deps.knex, invitation.workspaceId));
  if (!invitation || !workspace) {
    throw new NotFoundError('This invitation link is not valid. It may have been replaced by a newer invitation mail; ask a team admin to resend it.');
  }
  const [inviter, user] = await Promise.all([findUserById(deps.knex, invitation.invitedBy), findUserById(deps.knex, auth.userId)]);
  const expired = invitation.status === 'pending' && new Date(invitation.expiresAt) <= new Date();
  return {
    teamName: workspace.name,
    invitedBy: inviter?.name ?? null,
    role: invitation.role,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
    status: expired ? 'expired' : invitation.status,
    forYou: user?.email.trim().toLowerCase() === invitation.email.trim().toLowerCase(),
  };
}

export async function acceptInvitation(deps: AppDeps, req: Request, auth: AuthContext, token: string): Promise<WorkspaceView> {
  sessionOnly(auth, 'accept invitations');
  const tokenHash = hashToken(token);
  const found = await findInvitationByTokenHash(deps.knex, tokenHash);
  const invalid = () =>
    new NotFoundError('This invitation link is not valid. It may have been replaced by a newer invitation mail; ask a team admin to resend it.');
  if (!found) throw invalid();
  return deps.knex.transaction(async (trx) => {
    // Same lock order as every other membership change: the workspace first, then the invitation.
    const workspace = await lockWorkspace(trx, found.workspaceId);
    const invitation = await findInvitationByTokenHash(trx, tokenHash, { forUpdate: true });
    if (!workspace || !invitation) throw invalid();
    const user = await findUserById(trx, auth.userId);
    if (!user || user.email.trim().toLowerCase() !== invitation.email.trim().toLowerCase()) {
      throw new ForbiddenError('This invitation was sent to a different email address. Log in with the invited address to accept it.');
    }
    if (invitation.status === 'accepted') throw new ConflictError('This invitation has already been accepted.');
    if (invitation.status === 'revoked') throw new GoneError('This invitation was revoked by a team admin. Ask them for a new one.');
    if (new Date(invitation.expiresAt) <= new Date()) throw new GoneError('This invitation has expired. Ask a team admin to resend it.');
    if (await findMembership(trx, invitation.workspaceId, auth.userId)) {
      throw new ConflictError('You are already a member of this team.');
    }
    await assertSeatAvailable(deps, trx, invitation.workspaceId, 'accept');
    await insertMember(trx, { workspaceId: invitation.workspaceId, userId: auth.userId, role: invitation.role });
    await markInvitationAccepted(trx, invitation.id, auth.userId);
    await recordActivity(trx, req, {
      workspaceId: invitation.workspaceId,
      action: 'invitation.accepted',
      resourceType: 'invitation',
      resourceId: invitation.id,
      after: { userId: auth.userId, email: invitation.email, role: invitation.role },
    });
    return loadWorkspaceView(trx, invitation.workspaceId, invitation.role);
  });
}
