import { findMembership } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { can, describeRefusal, weakerRole, type WorkspacePermission, type WorkspaceRole } from './permissions';

export interface WorkspaceAccess {
  workspaceId: string;
  role: WorkspaceRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The server-side guard for every workspace route. Someone who is not a member gets 404, exactly as for an
 * id that does not exist, so ids of other tenants reveal nothing. A member without the permission gets 403.
 */
export async function requireWorkspace(
  deps: AppDeps,
  auth: AuthContext,
  workspaceId: string,
  permission: WorkspacePermission,
  what = 'workspace',
): Promise<WorkspaceAccess> {
  const notFound = () => new NotFoundError(`No ${what} with that id exists in your workspaces.`);
  if (!UUID.test(workspaceId)) throw notFound();
  if (auth.tokenWorkspaceId && auth.tokenWorkspaceId !== workspaceId) throw notFound();
  const member = await findMembership(deps.knex, workspaceId, auth.userId);
  if (!member) throw notFound();
  const role: WorkspaceRole = auth.tokenRole ? weakerRole(auth.tokenRole, member.role) : member.role;
  if (!can(role, permission)) {
    throw new ForbiddenError(describeRefusal(role, permission));
  }
  return { workspaceId, role };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
