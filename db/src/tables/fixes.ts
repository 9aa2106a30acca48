import { Model, type Modifiers, type RelationMappings } from 'objection';
import type { FixProviderId, FixStatus, Severity } from '@argus/workflows/contract';
import type { Db } from '../knex';
import { RunModel } from './analysis-runs';
import { FindingModel, type FindingRow } from './findings';
import { RepositoryModel } from './repositories';

// Owner of `fixes`: a proposed patch for one finding, from generation through validation to its pull request.
// The API creates fixes and records what users do with them; the worker records generation, validation and
// pull requests. Both go through this module, nothing else writes the table.

export type { FixStatus };

export interface FixRow {
  id: string;
  findingId: string;
  runId: string;
  workspaceId: string;
  repositoryId: string;
  provider: FixProviderId;
  model: string | null;
  workflowId: string;
  status: FixStatus;
  patch: string | null;
  explanation: string | null;
  files: string[];
  tokensIn: number | null;
  tokensOut: number | null;
  costMicroUsd: number | null;
  failureType: string | null;
  failureReason: string | null;
  validation: Record<string, unknown> | null;
  prWorkflowId: string | null;
  prBranch: string | null;
  prUrl: string | null;
  prNumber: number | null;
  requestedBy: string | null;
  appliedBy: string | null;
  appliedAt: Date | null;
  generatedAt: Date | null;
  validatedAt: Date | null;
  prOpenedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A fix with the finding it fixes. */
export interface FixWithFinding
  extends FixRow,
    Pick<FindingRow, 'ruleId' | 'tool' | 'path' | 'startLine' | 'startColumn' | 'endLine' | 'endColumn' | 'message' | 'snippet' | 'helpUrl' | 'fingerprint'> {
  severity: Severity;
}

/** Statuses that still hold a fix's place: a new request for the same finding and provider returns that fix. */
export const LIVE_FIX_STATUSES: FixStatus[] = ['queued', 'generating', 'generated', 'validated', 'pr_open', 'merged'];

export interface FixModel extends FixRow {}
export class FixModel extends Model {
  static tableName = 'fixes';
  static jsonAttributes = ['files', 'validation'];

  declare finding?: FindingModel;
  declare run?: RunModel;
  declare repository?: RepositoryModel;

  static modifiers: Modifiers = {
    /** Fixes that hold their finding and provider's place (see LIVE_FIX_STATUSES). */
    live(query) {
      query.whereIn('fixes.status', LIVE_FIX_STATUSES);
    },
    newestFirst(query) {
      query.orderBy('fixes.createdAt', 'desc');
    },
  };

  static relationMappings = (): RelationMappings => ({
    finding: {
      relation: Model.BelongsToOneRelation,
      modelClass: FindingModel,
      join: { from: 'fixes.findingId', to: 'findings.id' },
    },
    run: {
      relation: Model.BelongsToOneRelation,
      modelClass: RunModel,
      join: { from: 'fixes.runId', to: 'analysis_runs.id' },
    },
    repository: {
      relation: Model.BelongsToOneRelation,
      modelClass: RepositoryModel,
      join: { from: 'fixes.repositoryId', to: 'repositories.id' },
    },
  });
}

function withFinding(db: Db) {
  return db('fixes as x')
    .join('findings as f', 'f.id', 'x.findingId')
    .select('x.*', 'f.ruleId', 'f.tool', 'f.path', 'f.startLine', 'f.startColumn', 'f.endLine', 'f.endColumn', 'f.message', 'f.snippet', 'f.helpUrl', 'f.fingerprint', 'f.severity');
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === '23505' || (err as { nativeError?: { code?: string } })?.nativeError?.code === '23505';
}

// ---------------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------------

export async function findFixById(db: Db, id: string): Promise<FixRow | undefined> {
  return FixModel.query(db).findById(id);
}

export async function findFixWithFinding(db: Db, id: string): Promise<FixWithFinding | undefined> {
  return withFinding(db).where('x.id', id).first();
}

/** Several fixes with their findings, in the order of `ids`; ids without a fix are left out. */
export async function findFixesWithFindings(db: Db, ids: string[]): Promise<FixWithFinding[]> {
  const rows: FixWithFinding[] = await withFinding(db).whereIn('x.id', ids);
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is FixWithFinding => Boolean(r));
}

export async function latestFixOfFinding(db: Db, findingId: string): Promise<FixWithFinding | undefined> {
  return withFinding(db).where('x.findingId', findingId).orderBy('x.createdAt', 'desc').first();
}

/** All fixes of a finding (every provider), newest first. */
export async function fixesOfFinding(db: Db, findingId: string): Promise<FixWithFinding[]> {
  return withFinding(db).where('x.findingId', findingId).orderBy('x.createdAt', 'desc');
}

export async function listFixesOfRun(db: Db, runId: string, filters: { status?: FixStatus; rule?: string; page: number; pageSize: number }): Promise<{ rows: FixWithFinding[]; total: number }> {
  const base = withFinding(db).where('x.runId', runId);
  if (filters.status) base.where('x.status', filters.status);
  if (filters.rule) base.where('f.ruleId', filters.rule);
  const { n } = (await db.from(base.clone().as('q')).count('* as n').first()) as { n: number };
  const rows = await base
    .orderBy([{ column: 'x.createdAt', order: 'desc' }, { column: 'x.id' }])
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { rows, total: Number(n) };
}

/** The newest validated fix of each finding of a rule in a run (a finding may have fixes from several providers), by file and line. */
export async function validatedFixIdsOfRule(db: Db, runId: string, ruleId: string): Promise<string[]> {
  const rows = await db
    .select('x.id')
    .from(
      db('fixes as x')
        .join('findings as f', 'f.id', 'x.findingId')
        .where({ 'x.runId': runId, 'f.ruleId': ruleId, 'x.status': 'validated' })
        .distinctOn('x.findingId')
        .orderBy([{ column: 'x.findingId' }, { column: 'x.validatedAt', order: 'desc' }])
        .select('x.id', 'f.path', 'f.startLine')
        .as('x'),
    )
    .orderBy([{ column: 'x.path' }, { column: 'x.startLine' }]);
  return rows.map((r: { id: string }) => r.id);
}

// ---------------------------------------------------------------------------------------------------------
// Writes by the API
// ---------------------------------------------------------------------------------------------------------

/**
 * The live fix of a finding and provider, or a new queued one: one per finding and provider (a unique index), so a
 * second request (a double click, two tabs, a lost race) gets the fix that is already there.
 */
export async function findOrCreateFix(
  db: Db,
  fix: { id: string; findingId: string; runId: string; workspaceId: string; repositoryId: string; provider: FixProviderId; workflowId: string; requestedBy: string },
): Promise<{ fix: FixRow; created: boolean }> {
  const live = () => FixModel.query(db).modify('live').modify('newestFirst').findOne({ findingId: fix.findingId, provider: fix.provider });
  const existing = await live();
  if (existing) return { fix: existing, created: false };
  try {
    const [row] = await db('fixes')
      .insert({ ...fix, status: 'queued' })
      .returning('*');
    return { fix: row as FixRow, created: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await live();
    if (!winner) throw err;
    return { fix: winner, created: false };
  }
}

/** "Mark as applied". Undefined when the fix was already marked (the first marking is kept). */
export async function markFixApplied(db: Db, id: string, userId: string): Promise<FixRow | undefined> {
  const [row] = await db('fixes').where({ id }).whereNull('appliedAt').update({ appliedAt: db.fn.now(), appliedBy: userId, updatedAt: db.fn.now() }).returning('*');
  return row as FixRow | undefined;
}

/**
 * A pull request Argus opened was merged or closed: its fixes (matched on the GitHub repository id and the PR number,
 * or its head branch) become `merged` or `closed`. Only `pr_open` fixes change, so a redelivered event changes nothing.
 */
export async function closeFixesOfPullRequest(
  db: Db,
  pr: { githubRepoId: number; number: number; headBranch?: string; status: 'merged' | 'closed'; closedAt: string },
): Promise<Pick<FixRow, 'id' | 'workspaceId' | 'prUrl' | 'prNumber' | 'prBranch'>[]> {
  return db('fixes')
    .where({ status: 'pr_open' })
    .whereIn('repositoryId', db('repositories').where({ githubRepoId: pr.githubRepoId }).select('id'))
    .where((q) => {
      q.where({ prNumber: pr.number });
      if (typeof pr.headBranch === 'string') q.orWhere({ prBranch: pr.headBranch });
    })
    .update({ status: pr.status, closedAt: pr.closedAt, updatedAt: db.fn.now() })
    .returning(['id', 'workspaceId', 'prUrl', 'prNumber', 'prBranch']);
}

// ---------------------------------------------------------------------------------------------------------
// Writes by the worker (each one idempotent: activities may run twice)
// ---------------------------------------------------------------------------------------------------------

/** queued → generating. */
export async function markFixGenerating(db: Db, id: string): Promise<void> {
  await db('fixes').where({ id }).whereIn('status', ['queued']).update({ status: 'generating', updatedAt: db.fn.now() });
}

/** generating → generated, with the patch. Undefined when the fix is no longer generating (a retry after the write). */
export async function saveGeneratedFix(
  db: Db,
  id: string,
  generated: { patch: string; explanation: string | null; model: string | null; files: string[]; tokensIn: number | null; tokensOut: number | null; costMicroUsd: number | null },
): Promise<FixRow | undefined> {
  const [row] = await db('fixes')
    .where({ id, status: 'generating' })
    .update({ status: 'generated', ...generated, files: JSON.stringify(generated.files), generatedAt: db.fn.now(), updatedAt: db.fn.now() })
    .returning('*');
  return row as FixRow | undefined;
}

/** What a failed generation still cost (the provider answered, but not with a usable fix). */
export async function saveFixUsage(db: Db, id: string, usage: { model: string | null; tokensIn: number | null; tokensOut: number | null; costMicroUsd: number | null }): Promise<void> {
  await db('fixes').where({ id }).update(usage);
}

/** generated → validated or rejected. Returns whether this call changed the fix. */
export async function saveFixVerdict(db: Db, id: string, verdict: { status: 'validated' | 'rejected'; reason: string | null; validation: unknown }): Promise<boolean> {
  const n = await db('fixes')
    .where({ id, status: 'generated' })
    .update({
      status: verdict.status,
      failureType: verdict.reason ? 'ValidationFailed' : null,
      failureReason: verdict.reason,
      validation: JSON.stringify(verdict.validation),
      validatedAt: db.fn.now(),
      updatedAt: db.fn.now(),
    });
  return n > 0;
}

/** Why a fix could not be generated (or validated). Never overwrites a fix that got further; undefined then. */
export async function markFixFailed(db: Db, id: string, failure: { type: string; reason: string }): Promise<Pick<FixRow, 'workspaceId' | 'provider'> | undefined> {
  const [row] = await db('fixes')
    .where({ id })
    .whereIn('status', ['queued', 'generating', 'generated'])
    .update({ status: 'failed', failureType: failure.type, failureReason: failure.reason.slice(0, 2000), updatedAt: db.fn.now() })
    .returning(['workspaceId', 'provider']);
  return row as Pick<FixRow, 'workspaceId' | 'provider'> | undefined;
}

/** validated → pr_open. Returns the fixes this call changed. */
export async function markFixesPullRequestOpen(
  db: Db,
  ids: string[],
  pr: { branch: string; url: string | null; number: number | null; workflowId: string },
): Promise<Pick<FixRow, 'id' | 'workspaceId'>[]> {
  return db('fixes')
    .whereIn('id', ids)
    .whereIn('status', ['validated'])
    .update({ status: 'pr_open', prBranch: pr.branch, prUrl: pr.url, prNumber: pr.number, prWorkflowId: pr.workflowId, prOpenedAt: db.fn.now(), updatedAt: db.fn.now() })
    .returning(['id', 'workspaceId']);
}
