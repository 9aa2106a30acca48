import { findActiveRepository, findFindingById, findRunById, type Db, type FindingRow, type RepositoryRow, type RunRow } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { NotFoundError } from '../http/errors';
import type { WorkspacePermission } from './permissions';
import { isUuid, requireWorkspace, type WorkspaceAccess } from './workspace-access';

interface Resources {
  repository: RepositoryRow;
  run: RunRow;
  finding: FindingRow;
}

/** How each kind is loaded: a removed repository counts as missing. */
const LOADERS: { [K in keyof Resources]: (db: Db, id: string) => Promise<Resources[K] | undefined> } = {
  repository: findActiveRepository,
  run: findRunById,
  finding: findFindingById,
};

/**
 * Loads a workspace-owned row by id and checks the caller's role in its workspace. A row in a workspace the
 * caller does not belong to is reported exactly like a missing one (404).
 */
export async function requireResource<K extends keyof Resources>(
  deps: AppDeps,
  auth: AuthContext,
  kind: K,
  id: string,
  permission: WorkspacePermission,
): Promise<{ row: Resources[K] & { workspaceId: string }; access: WorkspaceAccess }> {
  const missing = () => new NotFoundError(`No ${kind} with that id exists in your workspaces.`);
  if (!isUuid(id)) throw missing();
  const row = await LOADERS[kind](deps.knex, id);
  if (!row?.workspaceId) throw missing();
  const access = await requireWorkspace(deps, auth, row.workspaceId, permission, kind);
  return { row: row as Resources[K] & { workspaceId: string }, access };
}
