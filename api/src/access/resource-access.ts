import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { NotFoundError } from '../http/errors';
import type { WorkspacePermission } from './permissions';
import { isUuid, requireWorkspace, type WorkspaceAccess } from './workspace-access';

const RESOURCES = {
  repository: { table: 'repositories', extra: (q: any) => q.whereNull('removedAt') },
  run: { table: 'analysisRuns', extra: (q: any) => q },
  finding: { table: 'findings', extra: (q: any) => q },
} as const;

/**
 * Loads a workspace-owned row by id and checks the caller's role in its workspace. A row in a workspace the
 * caller does not belong to is reported exactly like a missing one (404).
 */
export async function requireResource<T extends Record<string, any>>(
  deps: AppDeps,
  auth: AuthContext,
  kind: keyof typeof RESOURCES,
  id: string,
  permission: WorkspacePermission,
): Promise<{ row: T; access: WorkspaceAccess }> {
  const missing = () => new NotFoundError(`No ${kind} with that id exists in your workspaces.`);
  if (!isUuid(id)) throw missing();
  const { table, extra } = RESOURCES[kind];
  const row = await extra(deps.knex(table).where({ id })).first();
  if (!row?.workspaceId) throw missing();
  const access = await requireWorkspace(deps, auth, row.workspaceId, permission, kind);
  return { row: row as T, access };
}
