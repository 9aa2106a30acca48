import type { Request } from 'express';
import {
  findWorkspaceBySlug,
  findWorkspaceWithCount,
  insertWorkspaceWithOwner,
  listWorkspacesOfUser,
  updateWorkspace,
  type Db,
  type WorkspaceChanges,
  type WorkspaceWithCount,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { recordActivity } from '../audit/activity-log';
import { uniqueSlug } from '../auth/accounts';
import { weakerRole, type WorkspaceRole } from '../access/permissions';
import { ConflictError } from '../http/errors';
import { lockTeam, sessionOnly, teamNotFound } from './team-access';

// Teams: the workspaces a user belongs to (their personal one included), created and renamed here.

/** The shape of docs/api-contract.md. */
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

function toWorkspace(row: WorkspaceWithCount, role: WorkspaceRole): WorkspaceView {
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

/** One workspace as a member with `role` sees it (also the answer of accepting an invitation). */
export async function loadWorkspaceView(db: Db, workspaceId: string, role: WorkspaceRole): Promise<WorkspaceView> {
  const row = await findWorkspaceWithCount(db, workspaceId);
  if (!row) throw teamNotFound();
  return toWorkspace(row, role);
}

export async function listTeams(deps: AppDeps, auth: AuthContext): Promise<WorkspaceView[]> {
  const rows = await listWorkspacesOfUser(deps.knex, auth.userId, { workspaceId: auth.tokenWorkspaceId });
  return rows.map((row) => toWorkspace(row, auth.tokenRole ? weakerRole(auth.tokenRole, row.role) : row.role));
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
    if (await findWorkspaceBySlug(trx, slug)) {
      throw new ConflictError(`The slug "${slug}" is already taken. Choose another one.`, { errors: [{ path: 'body.slug', message: 'already taken' }] });
    }
    const description = input.description ?? '';
    const workspace = await insertWorkspaceWithOwner(trx, { name: input.name, slug, description, kind: 'team', ownerId: auth.userId });
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
    const { workspace, role } = await lockTeam(trx, auth, workspaceId, 'settings:change');
    const wanted: WorkspaceChanges = {
      name: input.name,
      description: input.description,
      maxRepositories: input.settings?.maxRepositories,
      maxConcurrentRuns: input.settings?.maxConcurrentRuns,
    };
    const before: Record<string, unknown> = {};
    const after: WorkspaceChanges = {};
    for (const key of Object.keys(wanted) as (keyof WorkspaceChanges)[]) {
      const value = wanted[key];
      if (value === undefined || value === workspace[key]) continue;
      before[key] = workspace[key];
      Object.assign(after, { [key]: value });
    }
    if (Object.keys(after).length) {
      await updateWorkspace(trx, workspaceId, after);
      await recordActivity(trx, req, { workspaceId, action: 'team.updated', resourceType: 'team', resourceId: workspaceId, before, after });
    }
    return loadWorkspaceView(trx, workspaceId, role);
  });
}
