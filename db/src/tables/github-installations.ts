import { Model, type RelationMappings } from 'objection';
import type { Db } from '../knex';
import type { RepositoryModel } from './repositories';
import { modelNamed, registerModel } from '../model-registry';

// Owner of `github_installations` (the GitHub App's installations, kept current by installation webhooks, each
// linked to at most one workspace) and `github_setup_states` (the single-use, expiring `state` of one "Install the
// GitHub App" click, stored as its SHA-256, bound to the user and workspace that started it).

export interface GitHubInstallationRow {
  id: string;
  installationId: number;
  accountLogin: string;
  accountType: string;
  workspaceId: string | null;
  /** Who linked it to its workspace (after GitHub confirmed they can access it), and when. */
  claimedBy: string | null;
  claimedAt: Date | null;
  suspendedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface GitHubInstallationModel extends GitHubInstallationRow {}
export class GitHubInstallationModel extends Model {
  static tableName = 'github_installations';

  declare repositories?: RepositoryModel[];

  static relationMappings = (): RelationMappings => ({
    repositories: {
      relation: Model.HasManyRelation,
      modelClass: modelNamed('RepositoryModel'),
      join: { from: 'github_installations.id', to: 'repositories.githubInstallationId' },
    },
  });
}

/** Records an installation (or refreshes its account login) and returns its row id and workspace. */
export async function upsertGitHubInstallation(db: Db, inst: { installationId: number; accountLogin: string; accountType: string }): Promise<{ id: string; workspaceId: string | null }> {
  const [row] = await db('github_installations')
    .insert(inst)
    .onConflict('installation_id')
    .merge({ accountLogin: inst.accountLogin, updatedAt: db.fn.now() })
    .returning(['id', 'workspaceId']);
  return row as { id: string; workspaceId: string | null };
}

export async function markGitHubInstallationDeleted(db: Db, id: string): Promise<void> {
  await GitHubInstallationModel.query(db).findById(id).patch({ deletedAt: db.fn.now() });
}

export async function setGitHubInstallationSuspended(db: Db, id: string, suspended: boolean): Promise<void> {
  await GitHubInstallationModel.query(db).findById(id).patch({ suspendedAt: suspended ? db.fn.now() : null });
}

export async function findGitHubInstallationById(db: Db, id: string): Promise<GitHubInstallationRow | undefined> {
  return GitHubInstallationModel.query(db).findById(id);
}

/** An installation with how many of its repositories are activated in its workspace. */
export interface GitHubInstallationSummary extends GitHubInstallationRow {
  activeRepositories: number;
}

/** The installations linked to a workspace, uninstalled ones included (so the workspace sees why runs stopped). */
export async function listGitHubInstallationsOfWorkspace(db: Db, workspaceId: string): Promise<GitHubInstallationSummary[]> {
  const rows = await db('github_installations as i')
    .where('i.workspaceId', workspaceId)
    .select('i.*')
    .select(
      db.raw(
        '(select count(*) from repositories r where r.github_installation_id = i.id and r.workspace_id = i.workspace_id and r.removed_at is null)::int as active_repositories',
      ),
    )
    .orderBy([{ column: 'i.deletedAt', order: 'desc', nulls: 'first' }, { column: 'i.accountLogin' }]);
  return rows as GitHubInstallationSummary[];
}

export type ClaimOutcome = { outcome: 'claimed' | 'already_linked'; installation: GitHubInstallationRow } | { outcome: 'linked_elsewhere'; installation: GitHubInstallationRow };

/**
 * Links an installation to a workspace, recording it first if no webhook has yet. Call it only once GitHub confirmed
 * (with the user's own token) that the user can access the installation. An installation already linked to another
 * workspace stays there: that workspace has to release it first.
 */
export async function claimGitHubInstallation(
  db: Db,
  claim: { installationId: number; accountLogin: string; accountType: string; suspended: boolean; workspaceId: string; userId: string },
): Promise<ClaimOutcome> {
  const [inserted] = await db('github_installations')
    .insert({ installationId: claim.installationId, accountLogin: claim.accountLogin, accountType: claim.accountType, suspendedAt: claim.suspended ? db.fn.now() : null })
    .onConflict('installation_id')
    .merge({
      accountLogin: claim.accountLogin,
      accountType: claim.accountType,
      suspendedAt: claim.suspended ? db.raw('coalesce(github_installations.suspended_at, now())') : null,
      updatedAt: db.fn.now(),
    })
    .returning('id');
  const row = (await db('github_installations').where({ id: (inserted as { id: string }).id }).forUpdate().first()) as GitHubInstallationRow;
  if (row.workspaceId && row.workspaceId !== claim.workspaceId) return { outcome: 'linked_elsewhere', installation: row };
  if (row.workspaceId === claim.workspaceId && !row.deletedAt) return { outcome: 'already_linked', installation: row };
  // GitHub just listed it for the user, so it exists: a stale "deleted" mark (a webhook out of order) goes.
  const [claimed] = await db('github_installations')
    .where({ id: row.id })
    .update({ workspaceId: claim.workspaceId, claimedBy: claim.userId, claimedAt: db.fn.now(), deletedAt: null, updatedAt: db.fn.now() })
    .returning('*');
  return { outcome: 'claimed', installation: claimed as GitHubInstallationRow };
}

/** Unlinks an installation from its workspace (its repositories are deactivated by the caller, in the same transaction). */
export async function releaseGitHubInstallation(db: Db, id: string): Promise<void> {
  await db('github_installations').where({ id }).update({ workspaceId: null, claimedBy: null, claimedAt: null, updatedAt: db.fn.now() });
}

export interface GitHubSetupStateRow {
  id: string;
  stateHash: string;
  userId: string;
  workspaceId: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** Records the hash of a new setup `state`; states that expired a day ago are swept on the way. */
export async function createGitHubSetupState(db: Db, state: { stateHash: string; userId: string; workspaceId: string; expiresAt: Date }): Promise<GitHubSetupStateRow> {
  await db('github_setup_states').where('expiresAt', '<', db.raw("now() - interval '1 day'")).delete();
  const [row] = await db('github_setup_states').insert(state).returning('*');
  return row as GitHubSetupStateRow;
}

export async function findGitHubSetupState(db: Db, stateHash: string): Promise<GitHubSetupStateRow | undefined> {
  return db('github_setup_states').where({ stateHash }).first();
}

/** Marks a state used, once: false if it was used (or expired) in the meantime. */
export async function consumeGitHubSetupState(db: Db, id: string): Promise<boolean> {
  const n = await db('github_setup_states').where({ id }).whereNull('usedAt').where('expiresAt', '>', db.fn.now()).update({ usedAt: db.fn.now() });
  return n === 1;
}

registerModel('GitHubInstallationModel', GitHubInstallationModel);
