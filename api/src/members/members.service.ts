import type { Request } from 'express';
import { countWorkspaceAdmins, deleteMember, findMember, findMembership, listMembers as listMemberRows, revokeApiTokensOfMember, updateMemberRole, type MemberRow } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { recordActivity } from '../audit/activity-log';
import type { WorkspaceRole } from '../access/permissions';
import { isUuid } from '../access/workspace-access';
import { ConflictError, NotFoundError } from '../http/errors';
import { lockTeam } from '../teams/team-access';

// Members of a team: their roles, and leaving or being removed. The "last admin" rule holds under the team lock.

/** The shape of docs/api-contract.md. */
export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

const memberNotFound = () => new NotFoundError('No member with that id in this team.');

function toMember(row: MemberRow): MemberView {
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, joinedAt: row.joinedAt };
}

export async function listMembers(deps: AppDeps, workspaceId: string): Promise<MemberView[]> {
  return (await listMemberRows(deps.knex, workspaceId)).map(toMember);
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
    await lockTeam(trx, auth, workspaceId, 'members:manage');
    const target = await findMembership(trx, workspaceId, userId);
    if (!target) throw memberNotFound();
    if (target.role !== role) {
      if (target.role === 'admin' && (await countWorkspaceAdmins(trx, workspaceId)) <= 1) {
        throw new ConflictError(
          userId === auth.userId
            ? 'You are the last admin of this team and cannot demote yourself. Make another member admin first.'
            : 'This member is the last admin of this team and cannot be demoted. Make another member admin first.',
        );
      }
      await updateMemberRole(trx, workspaceId, userId, role);
      await recordActivity(trx, req, {
        workspaceId,
        action: 'member.role_changed',
        resourceType: 'member',
        resourceId: userId,
        before: { role: target.role },
        after: { role },
      });
    }
    return toMember((await findMember(trx, workspaceId, userId))!);
  });
}

/** Removes a member (admin), or the caller themself (= leave, any role). */
export async function removeMember(deps: AppDeps, req: Request, auth: AuthContext, workspaceId: string, userId: string): Promise<void> {
  if (!isUuid(userId)) throw memberNotFound();
  const leaving = userId === auth.userId;
  await deps.knex.transaction(async (trx) => {
    const { workspace } = await lockTeam(trx, auth, workspaceId, leaving ? 'members:view' : 'members:manage');
    const target = await findMember(trx, workspaceId, userId);
    if (!target) throw memberNotFound();
    if (workspace.kind === 'personal' && workspace.ownerId === userId) {
      throw new ConflictError(leaving ? 'You cannot leave your personal workspace.' : 'The owner cannot be removed from their personal workspace.');
    }
    if (target.role === 'admin' && (await countWorkspaceAdmins(trx, workspaceId)) <= 1) {
      throw new ConflictError(
        leaving
          ? 'You are the last admin of this team and cannot leave it. Make another member admin first.'
          : 'This member is the last admin of this team and cannot be removed. Make another member admin first.',
      );
    }
    await deleteMember(trx, workspaceId, userId);
    // Their API tokens for this workspace would stop working anyway; revoking them keeps a re-join from reviving them.
    await revokeApiTokensOfMember(trx, workspaceId, userId);
    await recordActivity(trx, req, {
      workspaceId,
      action: leaving ? 'member.left' : 'member.removed',
      resourceType: 'member',
      resourceId: userId,
      before: { role: target.role, email: target.email },
    });
  });
}
