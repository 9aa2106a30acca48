import { Model, type Modifiers, type RelationMappings } from 'objection';
import type { Db } from '../knex';
import type { RunGate, RunStatus } from './analysis-runs';
import type { GitHubInstallationModel } from './github-installations';
import type { RunModel } from './analysis-runs';
import { modelNamed, registerModel } from '../model-registry';
import { cappedLimit, planCapsOf } from './subscriptions';

// Owner of `repositories`: connected git remotes and GitHub App repositories. Nothing outside this module writes the table.

export interface RepositoryRow {
  id: string;
  workspaceId: string | null;
  provider: 'github' | 'git';
  fullName: string;
  cloneUrl: string;
  defaultBranch: string;
  githubInstallationId: string | null;
  githubRepoId: number | null;
  credentialSealed: string | null;
  analysisSchedule: string | null;
  removedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A repository with its newest run, for the repository list. */
export interface RepositoryWithLastRun extends RepositoryRow {
  lastRunId: string | null;
  lastRunStatus: RunStatus | null;
  lastRunGate: RunGate | null;
  lastRunCreatedAt: Date | null;
}

export interface RepositoryModel extends RepositoryRow {}
export class RepositoryModel extends Model {
  static tableName = 'repositories';

  declare installation?: GitHubInstallationModel | null;
  declare runs?: RunModel[];

  static jsonSchema = {
    type: 'object',
    required: ['provider', 'fullName', 'cloneUrl'],
    properties: {
      provider: { type: 'string', enum: ['github', 'git'] },
      fullName: { type: 'string' },
      cloneUrl: { type: 'string' },
      defaultBranch: { type: 'string' },
    },
  };

  static modifiers: Modifiers = {
    /** Not disconnected: removed repositories keep their rows (and runs) but are no longer analyzed. */
    active(query) {
      query.whereNull('repositories.removedAt');
    },
  };

  static relationMappings = (): RelationMappings => ({
    installation: {
      relation: Model.BelongsToOneRelation,
      modelClass: modelNamed('GitHubInstallationModel'),
      join: { from: 'repositories.githubInstallationId', to: 'github_installations.id' },
    },
    runs: {
      relation: Model.HasManyRelation,
      modelClass: modelNamed('RunModel'),
      join: { from: 'repositories.id', to: 'analysis_runs.repositoryId' },
    },
  });
}

/** Any repository, removed or not (a run of a removed repository still names it). */
export async function findRepositoryById(db: Db, id: string): Promise<RepositoryRow | undefined> {
  return RepositoryModel.query(db).findById(id);
}

/** A connected (not removed) repository. */
export async function findActiveRepository(db: Db, id: string): Promise<RepositoryRow | undefined> {
  return RepositoryModel.query(db).modify('active').findById(id);
}

export async function findActiveRepositoryByGitHubId(db: Db, githubRepoId: number): Promise<RepositoryRow | undefined> {
  return RepositoryModel.query(db).modify('active').findOne({ githubRepoId });
}

export async function findActiveRepositoryByCloneUrl(db: Db, workspaceId: string, cloneUrl: string): Promise<RepositoryRow | undefined> {
  return RepositoryModel.query(db).modify('active').findOne({ workspaceId, cloneUrl });
}

/**
 * The workspace's repository limit and how many it has connected. Locks the workspace row until the transaction
 * ends, so two concurrent connects cannot both take the last slot: call it inside a transaction.
 */
export async function repositorySlots(db: Db, workspaceId: string): Promise<{ limit: number; used: number }> {
  const ws = await db('workspaces').where({ id: workspaceId }).forUpdate().first('maxRepositories');
  const { n } = (await db('repositories').where({ workspaceId }).whereNull('removedAt').count('* as n').first()) as { n: number };
  // The plan caps the workspace's own setting (billing): a workspace admin may lower the limit, never raise it past the plan.
  return { limit: cappedLimit(ws.maxRepositories as number, (await planCapsOf(db, workspaceId))?.repositories), used: n };
}

export interface NewRepository {
  id?: string;
  workspaceId: string;
  provider: 'github' | 'git';
  fullName: string;
  cloneUrl: string;
  defaultBranch?: string;
  credentialSealed?: string | null;
}

export async function insertRepository(db: Db, repo: NewRepository): Promise<RepositoryRow> {
  const [row] = await db('repositories').insert(repo).returning('*');
  return row as RepositoryRow;
}

/** A workspace's connected repositories, by name, each with its newest run. */
export async function listRepositoriesWithLastRun(db: Db, workspaceId: string, opts: { page: number; pageSize: number; q?: string }): Promise<{ rows: RepositoryWithLastRun[]; total: number }> {
  const base = db('repositories as r').where('r.workspaceId', workspaceId).whereNull('r.removedAt');
  if (opts.q) base.where('r.fullName', 'ilike', `%${opts.q.replace(/[%_\\]/g, '\\$&')}%`);
  const { n } = (await base.clone().count('* as n').first()) as { n: number };
  const rows = await base
    .clone()
    .select('r.*')
    .select(
      db.raw(`(select id from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_id`),
      db.raw(`(select status from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_status`),
      db.raw(`(select gate from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_gate`),
      db.raw(`(select created_at from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_created_at`),
    )
    .orderBy('r.fullName')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  return { rows: rows as RepositoryWithLastRun[], total: n };
}

export interface RepositoryPatch {
  defaultBranch?: string;
  credentialSealed?: string | null;
  analysisSchedule?: string | null;
}

export async function updateRepository(db: Db, id: string, patch: RepositoryPatch): Promise<RepositoryRow> {
  const [row] = await db('repositories')
    .where({ id })
    .update({ ...patch, updatedAt: db.fn.now() })
    .returning('*');
  return row as RepositoryRow;
}

/** Disconnects a repository; its rows and past runs stay. */
export async function markRepositoryRemoved(db: Db, id: string): Promise<void> {
  await db('repositories').where({ id }).update({ removedAt: db.fn.now() });
}

/** The connected row of a GitHub repository, with its installation's state: what a push or pull request webhook asks for. */
export interface GitHubRepositoryForDelivery {
  id: string;
  workspaceId: string | null;
  fullName: string;
  installationSuspendedAt: Date | null;
  installationDeletedAt: Date | null;
}

export async function findGitHubRepositoryForDelivery(db: Db, githubRepoId: number): Promise<GitHubRepositoryForDelivery | undefined> {
  return db('repositories as r')
    .leftJoin('github_installations as i', 'i.id', 'r.githubInstallationId')
    .where('r.githubRepoId', githubRepoId)
    .whereNull('r.removedAt')
    .first('r.id', 'r.workspaceId', 'r.fullName', 'i.suspendedAt as installationSuspendedAt', 'i.deletedAt as installationDeletedAt');
}

/** The repositories of an installation activated in a workspace. */
export async function listConnectedRepositoriesOfInstallation(db: Db, githubInstallationId: string, workspaceId: string): Promise<RepositoryRow[]> {
  return RepositoryModel.query(db).modify('active').where({ githubInstallationId, workspaceId });
}

export type ActivateOutcome = { outcome: 'activated' | 'already_active'; repository: RepositoryRow } | { outcome: 'connected_elsewhere' | 'connected_as_git_remote' };

/**
 * Activates a repository of a GitHub App installation in the installation's workspace. A row deactivated earlier in
 * the same workspace comes back (its runs and findings with it); a row of another workspace is never moved. Call it
 * in the transaction that checked the workspace's repository slots.
 */
export async function activateGitHubRepository(
  db: Db,
  repo: { workspaceId: string; githubInstallationId: string; githubRepoId: number; fullName: string; defaultBranch: string },
): Promise<ActivateOutcome> {
  const connected = await RepositoryModel.query(db).modify('active').findOne({ githubRepoId: repo.githubRepoId });
  if (connected) {
    if (connected.workspaceId !== repo.workspaceId) return { outcome: 'connected_elsewhere' };
    return { outcome: 'already_active', repository: connected };
  }
  const cloneUrl = `https://github.com/${repo.fullName}.git`;
  if (await findActiveRepositoryByCloneUrl(db, repo.workspaceId, cloneUrl)) return { outcome: 'connected_as_git_remote' };
  const fields = { fullName: repo.fullName, cloneUrl, defaultBranch: repo.defaultBranch, githubInstallationId: repo.githubInstallationId };
  const earlier = await db('repositories').where({ workspaceId: repo.workspaceId, githubRepoId: repo.githubRepoId }).orderBy('createdAt', 'desc').first('id');
  if (earlier) {
    // Its analysis schedule was deleted when it was deactivated.
    const [row] = await db('repositories')
      .where({ id: (earlier as { id: string }).id })
      .update({ ...fields, removedAt: null, analysisSchedule: null, updatedAt: db.fn.now() })
      .returning('*');
    return { outcome: 'activated', repository: row as RepositoryRow };
  }
  const [row] = await db('repositories')
    .insert({ ...fields, workspaceId: repo.workspaceId, provider: 'github', githubRepoId: repo.githubRepoId })
    .returning('*');
  return { outcome: 'activated', repository: row as RepositoryRow };
}

/** The installation was deleted or unlinked: its repositories are deactivated (rows, runs and findings stay). Returns them. */
export async function removeRepositoriesOfInstallation(db: Db, githubInstallationId: string): Promise<RepositoryRow[]> {
  const rows = await db('repositories').where({ githubInstallationId }).whereNull('removedAt').update({ removedAt: db.fn.now() }).returning('*');
  return rows as RepositoryRow[];
}

/** Repositories taken out of an installation on GitHub: deactivated, and returned. */
export async function removeRepositoriesByGitHubIds(db: Db, githubInstallationId: string, githubRepoIds: number[]): Promise<RepositoryRow[]> {
  if (!githubRepoIds.length) return [];
  const rows = await db('repositories').where({ githubInstallationId }).whereIn('githubRepoId', githubRepoIds).whereNull('removedAt').update({ removedAt: db.fn.now() }).returning('*');
  return rows as RepositoryRow[];
}

/** The workspace's repositories that have an analysis schedule (a Temporal Schedule to remove with the workspace). */
export async function listScheduledRepositoriesOfWorkspace(db: Db, workspaceId: string): Promise<Pick<RepositoryRow, 'id' | 'workspaceId'>[]> {
  return db('repositories').where({ workspaceId }).whereNotNull('analysisSchedule').select('id', 'workspaceId');
}

/** Key rotation: repositories whose stored credential is sealed, in id order, a page at a time. */
export async function listSealedRepositoryCredentials(db: Db, afterId: string | null, limit: number): Promise<{ id: string; credentialSealed: string }[]> {
  const q = db('repositories').whereNotNull('credentialSealed').orderBy('id').limit(limit).select('id', 'credentialSealed');
  if (afterId) q.where('id', '>', afterId);
  return q;
}

/** Re-seals one credential, only if nobody changed it meanwhile (compare-and-set); true when it was replaced. */
export async function replaceRepositoryCredential(db: Db, id: string, previous: string, next: string): Promise<boolean> {
  return (await db('repositories').where({ id, credentialSealed: previous }).update({ credentialSealed: next })) > 0;
}

registerModel('RepositoryModel', RepositoryModel);
