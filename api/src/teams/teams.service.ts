import type { Request, Response } from 'express';
import type { Knex } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { recordActivity } from '../audit/activity-log';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import { uniqueSlug } from '../auth/accounts';
import { can, weakerRole, type WorkspacePermission, type WorkspaceRole } from '../access/permissions';
import { isUuid } from '../access/workspace-access';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../http/errors';
import { csvRow, writeChunk } from './csv';

export const INVITATION_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------------------
// Views (the shapes of docs/api-contract.md)
// ---------------------------------------------------------------------------------------------------------

export interface WorkspaceView {
  id: string;
  name: string;
  slug: string;
  description: string;
  kind: 'personal' | 'team';
  role: WorkspaceRole;
  memberCount: number;
  settings: { maxRepositories: number; maxConcurrentRuns: number };
}

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
export interface InvitationView {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: { id: string; name: string } | null;
}

export interface ActivityView {
  id: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

function toWorkspace(row: any, role: WorkspaceRole): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description ?? '',
    kind: row.kind,
    role,
    memberCount: Number(row.memberCount ?? 0),
    settings: { maxRepositories: row.maxRepositories, maxConcurrentRuns: row.maxConcurrentRuns },
  };
}

function toInvitation(row: any, now = new Date()): InvitationView {
  const status: InvitationStatus = row.status === 'pending' && new Date(row.expiresAt) <= now ? 'expired' : row.status;
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    invitedBy: row.inviterId ? { id: row.inviterId, name: row.inviterName } : null,
  };
}

function toMember(row: any): MemberView {
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, joinedAt: row.joinedAt };
}

function toActivity(row: any): ActivityView {
  return {
    id: String(row.id),
    actor: row.actorId ? { id: row.actorId, name: row.actorName, email: row.actorEmail } : null,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId ?? null,
    ip: row.ip ?? null,
    userAgent: row.userAgent ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: row.createdAt,
  };
}

const memberCount = (db: Knex) => db.raw('(select count(*)::int from workspace_members mc where mc.workspace_id = w.id) as member_count');

async function loadWorkspaceView(db: Knex, workspaceId: string, role: WorkspaceRole): Promise<WorkspaceView> {
  const row = await db('workspaces as w').where('w.id', workspaceId).first('w.*', memberCount(db));
  if (!row) throw teamNotFound();
  return toWorkspace(row, role);
}

function invitationQuery(db: Knex) {
  return db('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invitedBy')
    .select('i.id', 'i.email', 'i.role', 'i.status', 'i.expiresAt', 'i.createdAt', 'u.id as inviterId', 'u.name as inviterName');
}

async function loadInvitation(db: Knex, invitationId: string): Promise<InvitationView> {
  return toInvitation(await invitationQuery(db).where('i.id', invitationId).first());
}

function memberQuery(db: Knex, workspaceId: string) {
  return db('workspace_members as m')
    .join('users as u', 'u.id', 'm.userId')
    .where('m.workspaceId', workspaceId)
    .select('m.userId', 'u.email', 'u.name', 'm.role', 'm.joinedAt');
}

// ---------------------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------------------

const teamNotFound = () => new NotFoundError('No team with that id exists in your workspaces.');
const memberNotFound = () => new NotFoundError('No member with that id in this team.');
const invitationNotFound = () => new NotFoundError('No invitation with that id in this team.');

/**
 * Inside a state-changing transaction: lock the workspace row (so membership changes of one team run one
 * after the other, which makes the "last admin" rule race-free) and re-check the caller's role under it.
 * The route already ran requireWorkspace; this repeats the check where it cannot go stale.
 */
async function lockWorkspace(trx: Knex.Transaction, auth: AuthContext, workspaceId: string, permission: WorkspacePermission) {
  const workspace = await trx('workspaces').where({ id: workspaceId }).forUpdate().first();
  if (!workspace) throw teamNotFound();
  const member = await trx('workspace_members').where({ workspaceId, userId: auth.userId }).first('role');
  if (!member) throw teamNotFound();
  const role = auth.tokenRole ? weakerRole(auth.tokenRole, member.role) : (member.role as WorkspaceRole);
  if (!can(role, permission)) throw new ForbiddenError(`Your role in this workspace (${role}) does not allow this (${permission}).`);
  return { workspace, role };
}

async function adminCount(trx: Knex.Transaction, workspaceId: string): Promise<number> {
  const row = await trx('workspace_members').where({ workspaceId, role: 'admin' }).count('* as n').first();
  return Number(row?.n ?? 0);
}

function sessionOnly(auth: AuthContext, what: string) {
  if (auth.via !== 'session') throw new ForbiddenError(`API tokens are limited to one workspace and cannot ${what}. Log in to do this.`);
}

// ---------------------------------------------------------------------------------------------------------
// Teams
// ---------------------------------------------------------------------------------------------------------

export async function listTeams(deps: AppDeps, auth: AuthContext): Promise<WorkspaceView[]> {
  const query = deps.knex('workspaces as w')
    .join('workspace_members as m', 'm.workspaceId', 'w.id')
    .where('m.userId', auth.userId)
    .select('w.*', 'm.role', memberCount(deps.knex))
    .orderByRaw(`case when w.kind = 'personal' then 0 else 1 end, lower(w.name), w.id`);
  if (auth.tokenWorkspaceId) query.where('w.id', auth.tokenWorkspaceId);
  const rows = await query;
  return rows.map((row: any) => toWorkspace(row, auth.tokenRole ? weakerRole(auth.tokenRole, row.role) : row.role));
}

export async function getTeam(deps: AppDeps, workspaceId: string, role: WorkspaceRole): Promise<WorkspaceView> {
  return loadWorkspaceView(deps.knex, workspaceId, role);
}

export async function createTeam(
  deps: AppDeps,
  req: Request,
  auth: AuthContext,
  input: { name: string; slug?: string; description?: string },
): Promise<WorkspaceView> {
  sessionOnly(auth, 'create teams');
  return deps.knex.transaction(async (trx) => {
    const slug = input.slug ?? (await uniqueSlug(trx, input.name));
    if (await trx('workspaces').where({ slug }).first('id')) {
      throw new ConflictError(`The slug "${slug}" is already taken. Choose another one.`, { errors: [{ path: 'body.slug', message: 'already taken' }] });
    }
    const description = input.description ?? '';
    const [workspace] = await trx('workspaces').insert({ name: input.name, slug, description, kind: 'team', ownerId: auth.userId }).returning('*');
    await trx('workspace_members').insert({ workspaceId: workspace.id, userId: auth.userId, role: 'admin' });
    await recordActivity(trx, req, {
      workspaceId: workspace.id,
      action: 'team.created',
      resourceType: 'team',
      resourceId: workspace.id,
      after: { name: workspace.name, slug, description },
    });
    return toWorkspace({ ...workspace, memberCount: 1 }, 'admin');
  });
}

export async function updateTeam(
  deps: AppDeps,
  req: Request,
  auth: AuthContext,
  workspaceId: string,
  input: { name?: string; description?: string; settings?: { maxRepositories?: number; maxConcurrentRuns?: number } },
): Promise<WorkspaceView> {
  return deps.knex.transaction(async (trx) => {
    const { workspace, role } = await lockWorkspace(trx, auth, workspaceId, 'settings:change');
    const wanted: Record<string, unknown> = {
      name: input.name,
      description: input.description,
      maxRepositories: input.settings?.maxRepositories,
      maxConcurrentRuns: input.settings?.maxConcurrentRuns,
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(wanted)) {
      if (value === undefined || value === workspace[key]) continue;
      before[key] = workspace[key];
      after[key] = value;
    }
    if (Object.keys(after).length) {
      await trx('workspaces').where({ id: workspaceId }).update({ ...after, updatedAt: trx.fn.now() });
      await recordActivity(trx, req, { workspaceId, action: 'team.updated', resourceType: 'team', resourceId: workspaceId, before, after });
    }
    return loadWorkspaceView(trx, workspaceId, role);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------------------

export async function listMembers(deps: AppDeps, workspaceId: string): Promise<MemberView[]> {
  const rows = await memberQuery(deps.knex, workspaceId).orderBy([{ column: 'm.joinedAt' }, { column: 'u.email' }]);
  return rows.map(toMember);
}

export async function changeMemberRole(
  deps: AppDeps,
  req: Request,
  auth: AuthContext,
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
): Promise<MemberView> {
  if (!isUuid(userId)) throw memberNotFound();
  return deps.knex.transaction(async (trx) => {
    await lockWorkspace(trx, auth, workspaceId, 'members:manage');
    const target = await trx('workspace_members').where({ workspaceId, userId }).first('role');
    if (!target) throw memberNotFound();
    if (target.role !== role) {
      if (target.role === 'admin' && (await adminCount(trx, workspaceId)) <= 1) {
        throw new ConflictError(
          userId === auth.userId
            ? 'You are the last admin of this team and cannot demote yourself. Make another member admin first.'
            : 'This member is the last admin of this team and cannot be demoted. Make another member admin first.',
        );
      }
      await trx('workspace_members').where({ workspaceId, userId }).update({ role });
      await recordActivity(trx, req, {
        workspaceId,
        action: 'member.role_changed',
        resourceType: 'member',
        resourceId: userId,
        before: { role: target.role },
        after: { role },
      });
    }
    return toMember(await memberQuery(trx, workspaceId).where('m.userId', userId).first());
  });
}

/** Removes a member (admin), or the caller themself (= leave, any role). */
export async function removeMember(deps: AppDeps, req: Request, auth: AuthContext, workspaceId: string, userId: string): Promise<void> {
  if (!isUuid(userId)) throw memberNotFound();
  const leaving = userId === auth.userId;
  await deps.knex.transaction(async (trx) => {
    const { workspace } = await lockWorkspace(trx, auth, workspaceId, leaving ? 'members:view' : 'members:manage');
    const target = await trx('workspace_members as m').join('users as u', 'u.id', 'm.userId').where({ 'm.workspaceId': workspaceId, 'm.userId': userId }).first('m.role', 'u.email');
    if (!target) throw memberNotFound();
    if (workspace.kind === 'personal' && workspace.ownerId === userId) {
      throw new ConflictError(leaving ? 'You cannot leave your personal workspace.' : 'The owner cannot be removed from their personal workspace.');
    }
    if (target.role === 'admin' && (await adminCount(trx, workspaceId)) <= 1) {
      throw new ConflictError(
        leaving
          ? 'You are the last admin of this team and cannot leave it. Make another member admin first.'
          : 'This member is the last admin of this team and cannot be removed. Make another member admin first.',
      );
    }
    await trx('workspace_members').where({ workspaceId, userId }).delete();
    // Their API tokens for this workspace would stop working anyway; revoking them keeps a re-join from reviving them.
    await trx('api_tokens').where({ workspaceId, userId }).whereNull('revokedAt').update({ revokedAt: trx.fn.now() });
    await recordActivity(trx, req, {
      workspaceId,
      action: leaving ? 'member.left' : 'member.removed',
      resourceType: 'member',
      resourceId: userId,
      before: { role: target.role, email: target.email },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Invitations
// ---------------------------------------------------------------------------------------------------------

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
    `The link works once and expires on ${input.expiresAt.toISOString()}.${input.resent ? ' Links from earlier mails no longer work.' : ''}`,
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
  const rows = await invitationQuery(deps.knex).where('i.workspaceId', workspaceId).orderBy([{ column: 'i.createdAt', order: 'desc' }, { column: 'i.id' }]);
  const now = new Date();
  return rows.map((row: any) => toInvitation(row, now));
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
  const { invitation, teamName, inviterName } = await deps.knex.transaction(async (trx) => {
    const { workspace } = await lockWorkspace(trx, auth, workspaceId, 'members:invite');
    if (workspace.kind === 'personal') {
      throw new ConflictError('A personal workspace cannot have other members. Create a team to work with others.');
    }
    const member = await trx('workspace_members as m')
      .join('users as u', 'u.id', 'm.userId')
      .where('m.workspaceId', workspaceId)
      .whereRaw('lower(u.email) = lower(?)', [email])
      .first('m.userId');
    if (member) throw new ConflictError(`${email} is already a member of this team.`);
    const pending = await trx('invitations')
      .where({ workspaceId, status: 'pending' })
      .whereRaw('lower(email) = lower(?)', [email])
      .where('expiresAt', '>', trx.fn.now())
      .first('id');
    if (pending) {
      throw new ConflictError(`${email} already has a pending invitation to this team. Resend that invitation instead.`, { invitationId: pending.id });
    }
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
    const [row] = await trx('invitations')
      .insert({ workspaceId, email, role: input.role, tokenHash: hashToken(token), expiresAt, invitedBy: auth.userId })
      .returning('id');
    await recordActivity(trx, req, {
      workspaceId,
      action: 'member.invited',
      resourceType: 'invitation',
      resourceId: row.id,
      after: { email, role: input.role, expiresAt: expiresAt.toISOString() },
    });
    const inviter = await trx('users').where({ id: auth.userId }).first('name');
    return { invitation: await loadInvitation(trx, row.id), teamName: workspace.name as string, inviterName: (inviter?.name as string) ?? 'A team admin' };
  });
  await sendInvitationMail(deps, { to: email, token, teamName, inviterName, role: input.role, expiresAt: invitation.expiresAt, resent: false });
  return invitation;
}

export async function resendInvitation(deps: AppDeps, req: Request, auth: AuthContext, workspaceId: string, invitationId: string): Promise<InvitationView> {
  if (!isUuid(invitationId)) throw invitationNotFound();
  const token = newOpaqueToken('inv');
  const { invitation, teamName, inviterName } = await deps.knex.transaction(async (trx) => {
    const { workspace } = await lockWorkspace(trx, auth, workspaceId, 'members:invite');
    const current = await trx('invitations').where({ id: invitationId, workspaceId }).forUpdate().first();
    if (!current) throw invitationNotFound();
    if (current.status === 'accepted') throw new ConflictError('This invitation was already accepted; there is nothing to resend.');
    if (current.status === 'revoked') throw new ConflictError('This invitation was revoked and cannot be resent. Send a new invitation instead.');
    const alreadyMember = await trx('workspace_members as m')
      .join('users as u', 'u.id', 'm.userId')
      .where('m.workspaceId', workspaceId)
      .whereRaw('lower(u.email) = lower(?)', [current.email])
      .first('m.userId');
    if (alreadyMember) throw new ConflictError(`${current.email} is already a member of this team.`);
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
    // A new secret replaces the old one, so links from earlier mails stop working.
    await trx('invitations').where({ id: invitationId }).update({ tokenHash: hashToken(token), expiresAt });
    await recordActivity(trx, req, {
      workspaceId,
      action: 'invitation.resent',
      resourceType: 'invitation',
      resourceId: invitationId,
      before: { expiresAt: new Date(current.expiresAt).toISOString() },
      after: { email: current.email, expiresAt: expiresAt.toISOString() },
    });
    const inviter = await trx('users').where({ id: auth.userId }).first('name');
    return { invitation: await loadInvitation(trx, invitationId), teamName: workspace.name as string, inviterName: (inviter?.name as string) ?? 'A team admin' };
  });
  await sendInvitationMail(deps, { to: invitation.email, token, teamName, inviterName, role: invitation.role, expiresAt: invitation.expiresAt, resent: true });
  return invitation;
}

export async function revokeInvitation(deps: AppDeps, req: Request, auth: AuthContext, workspaceId: string, invitationId: string): Promise<void> {
  if (!isUuid(invitationId)) throw invitationNotFound();
  await deps.knex.transaction(async (trx) => {
    await lockWorkspace(trx, auth, workspaceId, 'members:invite');
    const current = await trx('invitations').where({ id: invitationId, workspaceId }).forUpdate().first();
    if (!current) throw invitationNotFound();
    if (current.status === 'accepted') throw new ConflictError('This invitation was already accepted. Remove the member instead.');
    if (current.status === 'revoked') return; // idempotent
    await trx('invitations').where({ id: invitationId }).update({ status: 'revoked', revokedAt: trx.fn.now() });
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

export async function acceptInvitation(deps: AppDeps, req: Request, auth: AuthContext, token: string): Promise<WorkspaceView> {
  sessionOnly(auth, 'accept invitations');
  const tokenHash = hashToken(token);
  const found = await deps.knex('invitations').where({ tokenHash }).first('workspaceId');
  const invalid = () =>
    new NotFoundError('This invitation link is not valid. It may have been replaced by a newer invitation mail; ask a team admin to resend it.');
  if (!found) throw invalid();
  return deps.knex.transaction(async (trx) => {
    // Same lock order as every other membership change: the workspace first, then the invitation.
    const workspace = await trx('workspaces').where({ id: found.workspaceId }).forUpdate().first('id');
    const invitation = await trx('invitations').where({ tokenHash }).forUpdate().first();
    if (!workspace || !invitation) throw invalid();
    const user = await trx('users').where({ id: auth.userId }).first('email');
    if (!user || user.email.trim().toLowerCase() !== invitation.email.trim().toLowerCase()) {
      throw new ForbiddenError('This invitation was sent to a different email address. Log in with the invited address to accept it.');
    }
    if (invitation.status === 'accepted') throw new ConflictError('This invitation has already been accepted.');
    if (invitation.status === 'revoked') throw new GoneError('This invitation was revoked by a team admin. Ask them for a new one.');
    if (new Date(invitation.expiresAt) <= new Date()) throw new GoneError('This invitation has expired. Ask a team admin to resend it.');
    if (await trx('workspace_members').where({ workspaceId: invitation.workspaceId, userId: auth.userId }).first('role')) {
      throw new ConflictError('You are already a member of this team.');
    }
    await trx('workspace_members').insert({ workspaceId: invitation.workspaceId, userId: auth.userId, role: invitation.role });
    await trx('invitations').where({ id: invitation.id }).update({ status: 'accepted', acceptedBy: auth.userId, acceptedAt: trx.fn.now() });
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

// ---------------------------------------------------------------------------------------------------------
// Activity feed
// ---------------------------------------------------------------------------------------------------------

export interface ActivityFilters {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `action` is exact, or a prefix when it ends with "." or ".*" (e.g. "team." or "member.*"). */
export function applyActionFilter(query: Knex.QueryBuilder, column: string, action: string) {
  const prefix = action.endsWith('.*') ? action.slice(0, -1) : action.endsWith('.') ? action : null;
  if (prefix === null) query.where(column, action);
  else query.whereLike(column, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

function activityQuery(db: Knex, workspaceId: string, filters: ActivityFilters) {
  const query = db('activity_log as al').leftJoin('users as u', 'u.id', 'al.actorId').where('al.workspaceId', workspaceId);
  if (filters.actor) query.where('al.actorId', filters.actor);
  if (filters.action) applyActionFilter(query, 'al.action', filters.action);
  if (filters.from) query.where('al.createdAt', '>=', new Date(DATE_ONLY.test(filters.from) ? `${filters.from}T00:00:00Z` : filters.from));
  if (filters.to) {
    // A bare date means "up to the end of that day"; an instant is inclusive.
    if (DATE_ONLY.test(filters.to)) query.where('al.createdAt', '<', new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS));
    else query.where('al.createdAt', '<=', new Date(filters.to));
  }
  return query;
}

const ACTIVITY_COLUMNS = [
  'al.id',
  'al.actorId',
  'u.name as actorName',
  'u.email as actorEmail',
  'al.action',
  'al.resourceType',
  'al.resourceId',
  'al.ip',
  'al.userAgent',
  'al.before',
  'al.after',
  'al.createdAt',
];

export async function listActivity(
  deps: AppDeps,
  workspaceId: string,
  filters: ActivityFilters,
  page: number,
  pageSize: number,
): Promise<{ items: ActivityView[]; total: number; page: number; pageSize: number }> {
  const base = activityQuery(deps.knex, workspaceId, filters);
  const [countRow, rows] = await Promise.all([
    base.clone().clearSelect().count('* as total').first(),
    base
      .clone()
      .select(ACTIVITY_COLUMNS)
      .orderBy([{ column: 'al.createdAt', order: 'desc' }, { column: 'al.id', order: 'desc' }])
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  return { items: rows.map(toActivity), total: Number(countRow?.total ?? 0), page, pageSize };
}

const CSV_HEADER = ['id', 'createdAt', 'actorId', 'actorName', 'actorEmail', 'action', 'resourceType', 'resourceId', 'ip', 'userAgent', 'before', 'after'];
const CSV_BATCH = 500;

/**
 * Streams every matching entry (pagination does not apply) as CSV, newest first, in keyset batches so a
 * large log never sits in memory. The cursor is the exact Postgres timestamp text plus the id.
 */
export async function streamActivityCsv(deps: AppDeps, res: Response, workspace: { id: string; slug: string }, filters: ActivityFilters): Promise<void> {
  let cursor: { at: string; id: number } | null = null;
  const fetchBatch = () => {
    const query = activityQuery(deps.knex, workspace.id, filters)
      .select([...ACTIVITY_COLUMNS, deps.knex.raw('al.created_at::text as cursor_at')])
      .orderBy([{ column: 'al.createdAt', order: 'desc' }, { column: 'al.id', order: 'desc' }])
      .limit(CSV_BATCH);
    if (cursor) query.whereRaw('(al.created_at, al.id) < (?::timestamptz, ?)', [cursor.at, cursor.id]);
    return query;
  };
  let rows: any[] = await fetchBatch();
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="activity-${workspace.slug.replace(/[^a-z0-9-]/gi, '')}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  try {
    await writeChunk(res, csvRow(CSV_HEADER));
    while (rows.length && !res.destroyed) {
      let chunk = '';
      for (const row of rows) {
        const a = toActivity(row);
        chunk += csvRow([a.id, a.createdAt, a.actor?.id, a.actor?.name, a.actor?.email, a.action, a.resourceType, a.resourceId, a.ip, a.userAgent, a.before, a.after]);
      }
      await writeChunk(res, chunk);
      if (rows.length < CSV_BATCH) break;
      const last = rows[rows.length - 1];
      cursor = { at: last.cursorAt, id: Number(last.id) };
      rows = await fetchBatch();
    }
    res.end();
  } catch (err) {
    // The status line is gone already; cutting the connection is the only honest signal left.
    deps.logger.error({ err }, 'activity CSV export failed mid-stream');
    res.destroy(err as Error);
  }
}
