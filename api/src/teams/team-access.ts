import { findMembership, lockWorkspace, type Knex, type Workspace } from '@argus/db';
import type { AuthContext } from '../auth/auth-context';
import { can, describeRefusal, weakerRole, type WorkspacePermission, type WorkspaceRole } from '../access/permissions';
import { ForbiddenError, NotFoundError } from '../http/errors';

// Guards shared by the team resources (teams, members, invitations).

export const teamNotFound = () => new NotFoundError('No team with that id exists in your workspaces.');

/**
 * Inside a state-changing transaction: lock the workspace row (so membership changes of one team run one
 * after the other, which makes the "last admin" rule race-free) and re-check the caller's role under it.
 * The route already ran requireWorkspace; this repeats the check where it cannot go stale.
 */
export async function lockTeam(
  trx: Knex.Transaction,
  auth: AuthContext,
  workspaceId: string,
  permission: WorkspacePermission,
): Promise<{ workspace: Workspace; role: WorkspaceRole }> {
  const workspace = await lockWorkspace(trx, workspaceId);
  if (!workspace) throw teamNotFound();
  const member = await findMembership(trx, workspaceId, auth.userId);
  if (!member) throw teamNotFound();
  const role: WorkspaceRole = auth.tokenRole ? weakerRole(auth.tokenRole, member.role) : member.role;
  if (!can(role, permission)) throw new ForbiddenError(describeRefusal(role, permission));
  return { workspace, role };
}

/** For what an API token (limited to one workspace) must not do. */
export function sessionOnly(auth: AuthContext, what: string) {
  if (auth.via !== 'session') throw new ForbiddenError(`API tokens are limited to one workspace and cannot ${what}. Log in to do this.`);
}
