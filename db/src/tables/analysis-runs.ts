import { Model, type Modifiers, type RelationMappings } from 'objection';
import { CATEGORIES, SEVERITIES, type RunStatus, type RunTrigger, type Severity } from '@argus/workflows/contract';
import type { Db, Knex } from '../knex';
import { asList, fetchPage, likeContains, whereTimeRange, type Page, type PageRequest } from '../paging';
import type { FindingModel } from './findings';
import type { RepositoryModel } from './repositories';
import { modelNamed, registerModel } from '../model-registry';
import { cappedLimit, planCapsOf } from './subscriptions';

export type { RunStatus, RunTrigger };

// Owner of `analysis_runs`: the run row, its summary and its gate. Nothing outside this module writes the table.

export interface RunSummary {
  total: number;
  open: number;
  new: number;
  suppressed: number;
  triaged: number;
  bySeverity: Record<(typeof SEVERITIES)[number], number>;
  byCategory: Record<(typeof CATEGORIES)[number], number>;
  newBySeverity: Record<(typeof SEVERITIES)[number], number>;
  /** Findings in test, example, docs and fixture files: listed under their own filter, counted nowhere else. */
  outsideProduction?: number;
  /** New open secrets (committed keys, passwords, tokens) in production code, for the gate's `secrets` limit. */
  newSecrets?: number;
}

/**
 * Open = not suppressed inline and not triaged away; only open findings of production code count toward the gate
 * (test, example, docs and fixture code is counted apart, as SonarQube does).
 */
export function summarize(rows: { severity: string; category: string; isNew: boolean; suppressionKind: string | null; triage: string; fileRole?: string | null; tool?: string }[]): RunSummary {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const summary: RunSummary = { total: rows.length, open: 0, new: 0, suppressed: 0, triaged: 0, bySeverity: zero(SEVERITIES), byCategory: zero(CATEGORIES), newBySeverity: zero(SEVERITIES), outsideProduction: 0, newSecrets: 0 };
  for (const r of rows) {
    if (r.fileRole && r.fileRole !== 'production') summary.outsideProduction!++;
    else if (r.suppressionKind) summary.suppressed++;
    else if (r.triage !== 'open') summary.triaged++;
    else {
      summary.open++;
      summary.bySeverity[r.severity as keyof RunSummary['bySeverity']]++;
      summary.byCategory[r.category as keyof RunSummary['byCategory']]++;
      if (r.isNew) {
        summary.new++;
        summary.newBySeverity[r.severity as keyof RunSummary['newBySeverity']]++;
        if (r.tool === 'secrets') summary.newSecrets!++;
      }
    }
  }
  return summary;
}

/** A gate condition limits new findings of one severity, or (`secrets`) new committed secrets of any severity. */
export type GateMetric = Severity | 'secrets';

export interface RunGate {
  passed: boolean;
  conditions: { severity: GateMetric; maxNew: number; actualNew: number; passed: boolean }[];
}

/** What the run is doing now, for the portal: `{ phase, detail?, filesDone?, filesTotal?, … }`. */
export type RunProgress = { phase?: string } & Record<string, unknown>;

/** The gate's limits on new findings per severity, and on new secrets (from .argus.yml and the portal). */
export type GateConfig = Partial<Record<GateMetric, number>>;

export interface RunRow {
  id: string;
  workspaceId: string;
  repositoryId: string;
  workflowId: string;
  trigger: RunTrigger;
  ref: string | null;
  commitSha: string | null;
  baseSha: string | null;
  pullRequestNumber: number | null;
  status: RunStatus;
  progress: RunProgress;
  summary: RunSummary | null;
  gate: RunGate | null;
  gateConfig: GateConfig | null;
  githubCheckRunId: number | null;
  githubCommentId: number | null;
  configErrors: unknown[];
  isBaseline: boolean;
  comparedToRunId: string | null;
  error: string | null;
  requestedBy: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  /** Lines in the analyzed files (null for runs before it was counted). */
  linesOfCode?: number | null;
  /** Digest of analyzers, configuration and repository context: findings carry forward only between equal keys. */
  analysisKey?: string | null;
  /** Incremental: only the changed files and their importers were analyzed, the rest carried from the base run. */
  analysisMode?: AnalysisMode | null;
  filesAnalyzed?: number | null;
  filesChanged?: number | null;
  carriedFromRunId?: string | null;
}

export type AnalysisMode = 'full' | 'incremental';

export interface RunWithRepositoryName extends RunRow {
  repositoryName: string;
}

export interface RunModel extends RunRow {}
export class RunModel extends Model {
  static tableName = 'analysis_runs';
  static jsonAttributes = ['progress', 'summary', 'gate', 'gateConfig', 'configErrors'];

  // Relations, when fetched with withGraphFetched.
  declare repository?: RepositoryModel;
  declare findings?: FindingModel[];
  declare comparedTo?: RunModel | null;

  static modifiers: Modifiers = {
    newestFirst(query) {
      query.orderBy('analysis_runs.createdAt', 'desc');
    },
    /** Finished and reported: the runs a later one may compare with. */
    completed(query) {
      query.where('analysis_runs.status', 'completed');
    },
  };

  static relationMappings = (): RelationMappings => ({
    repository: {
      relation: Model.BelongsToOneRelation,
      modelClass: modelNamed('RepositoryModel'),
      join: { from: 'analysis_runs.repositoryId', to: 'repositories.id' },
    },
    findings: {
      relation: Model.HasManyRelation,
      modelClass: modelNamed('FindingModel'),
      join: { from: 'analysis_runs.id', to: 'findings.runId' },
    },
    comparedTo: {
      relation: Model.BelongsToOneRelation,
      modelClass: RunModel,
      join: { from: 'analysis_runs.comparedToRunId', to: 'analysis_runs.id' },
    },
  });
}

export interface NewRun {
  /** The API chooses the id of a manual run (it is part of the workflow id); other runs get a fresh one. */
  id?: string;
  workflowId: string;
  workspaceId: string;
  repositoryId: string;
  trigger: RunTrigger;
  ref: string | null;
  commitSha?: string | null;
  baseSha?: string | null;
  pullRequestNumber?: number | null;
  requestedBy?: string | null;
}

/**
 * The one creator of run rows, for the API ("Analyze now") and the worker (pushes, pull requests, schedules) alike.
 * Idempotent on the workflow id: a retried or replayed activity, or the worker registering a run the API already
 * created, gets the existing row back unchanged.
 */
export async function createRun(db: Db, run: NewRun): Promise<RunRow> {
  await db('analysis_runs')
    .insert({
      ...(run.id ? { id: run.id } : {}),
      workflowId: run.workflowId,
      workspaceId: run.workspaceId,
      repositoryId: run.repositoryId,
      trigger: run.trigger,
      ref: run.ref,
      commitSha: run.commitSha ?? null,
      baseSha: run.baseSha ?? null,
      pullRequestNumber: run.pullRequestNumber ?? null,
      requestedBy: run.requestedBy ?? null,
    })
    .onConflict('workflow_id')
    .ignore();
  const row = await RunModel.query(db).findOne({ workflowId: run.workflowId });
  if (!row) throw new Error(`the run of workflow ${run.workflowId} was not created`);
  return row;
}

export async function findRunById(db: Db, id: string): Promise<RunRow | undefined> {
  return RunModel.query(db).findById(id);
}

/** Runs of a workspace, newest first, with their repository's name. */
export async function listRunsOfWorkspace(db: Db, workspaceId: string, filters: { repositoryId?: string; status?: string; page: number; pageSize: number }): Promise<{ rows: RunWithRepositoryName[]; total: number }> {
  const base = db('analysis_runs as r').join('repositories as p', 'p.id', 'r.repositoryId').where('r.workspaceId', workspaceId);
  if (filters.repositoryId) base.where('r.repositoryId', filters.repositoryId);
  if (filters.status) base.where('r.status', filters.status);
  const { n } = (await base.clone().count('* as n').first()) as { n: number };
  const rows = await base
    .clone()
    .select('r.*', 'p.fullName as repositoryName')
    .orderBy('r.createdAt', 'desc')
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { rows: rows as RunWithRepositoryName[], total: n };
}

/** The newest runs of some workspaces, with their repository's name (the dashboard's first snapshot). */
export async function recentRunsOfWorkspaces(db: Db, workspaceIds: string[], limit: number): Promise<RunWithRepositoryName[]> {
  return db('analysis_runs as r')
    .join('repositories as p', 'p.id', 'r.repositoryId')
    .whereIn('r.workspaceId', workspaceIds)
    .orderBy('r.createdAt', 'desc')
    .limit(limit)
    .select('r.*', 'p.fullName as repositoryName');
}

/** The columns of a run that go out as a live event. */
export type RunEventFields = Pick<RunRow, 'id' | 'workspaceId' | 'repositoryId' | 'status' | 'progress'>;

async function updateRun(db: Db, runId: string, patch: Record<string, unknown>): Promise<RunEventFields | undefined> {
  const [run] = await db('analysis_runs').where({ id: runId }).update(patch).returning(['id', 'workspaceId', 'repositoryId', 'status', 'progress']);
  return run as RunEventFields | undefined;
}

export async function setRunProgress(db: Db, runId: string, progress: RunProgress): Promise<RunEventFields | undefined> {
  return updateRun(db, runId, { progress: JSON.stringify(progress) });
}

/** After the checkout: the exact commit, the repository's configuration (and its errors) and the first progress. */
export interface RunAnalysisPlan {
  analysisKey: string;
  analysisMode: AnalysisMode;
  filesAnalyzed: number;
  filesChanged: number | null;
  carriedFromRunId: string | null;
}

export async function recordRunCheckout(
  db: Db,
  runId: string,
  checkout: { commitSha: string; configErrors: unknown[]; gateConfig: GateConfig; progress: RunProgress; linesOfCode?: number; plan?: RunAnalysisPlan },
): Promise<RunEventFields | undefined> {
  return updateRun(db, runId, {
    ...(checkout.plan
      ? {
          analysisKey: checkout.plan.analysisKey,
          analysisMode: checkout.plan.analysisMode,
          filesAnalyzed: checkout.plan.filesAnalyzed,
          filesChanged: checkout.plan.filesChanged,
          carriedFromRunId: checkout.plan.carriedFromRunId,
        }
      : {}),
    commitSha: checkout.commitSha,
    ...(checkout.linesOfCode !== undefined ? { linesOfCode: checkout.linesOfCode } : {}),
    configErrors: JSON.stringify(checkout.configErrors),
    gateConfig: JSON.stringify(checkout.gateConfig),
    progress: JSON.stringify(checkout.progress),
  });
}

export async function recordRunResult(db: Db, runId: string, result: { summary: RunSummary; gate: RunGate; progress: RunProgress }): Promise<RunEventFields | undefined> {
  return updateRun(db, runId, { summary: JSON.stringify(result.summary), gate: JSON.stringify(result.gate), progress: JSON.stringify(result.progress) });
}

/** Lines of code, counted while the analyzers run (it reads every file, as they do). */
export async function recordRunLinesOfCode(db: Db, runId: string, linesOfCode: number): Promise<void> {
  await updateRun(db, runId, { linesOfCode });
}

/** The summary alone, e.g. after findings were imported into a finished run (the gate stays as it was). */
export async function setRunSummary(db: Db, runId: string, summary: RunSummary): Promise<void> {
  await updateRun(db, runId, { summary: JSON.stringify(summary) });
}

/** The gate on a summary: each limit on new (open) findings of a severity, and whether all of them hold. */
export function evaluateGate(summary: RunSummary, limits: GateConfig): RunGate {
  const conditions: RunGate['conditions'] = SEVERITIES.filter((s) => typeof limits[s] === 'number').map((severity) => ({
    severity,
    maxNew: limits[severity]!,
    actualNew: summary.newBySeverity[severity],
    passed: summary.newBySeverity[severity] <= limits[severity]!,
  }));
  if (typeof limits.secrets === 'number') {
    const actualNew = summary.newSecrets ?? 0;
    conditions.push({ severity: 'secrets', maxNew: limits.secrets, actualNew, passed: actualNew <= limits.secrets });
  }
  return { passed: conditions.every((c) => c.passed), conditions };
}

/** A run's summary and gate as a live event carries them. */
export type RunResultFields = RunEventFields & Pick<RunRow, 'summary' | 'gate'>;

/**
 * Stores a finished run's new summary, and its gate re-evaluated on it with the limits it was evaluated with
 * (triage changed which findings count). A run still in flight has no summary yet and is left alone: its own
 * finalize step will count the triage. Returns the run as it is now, or undefined when nothing changed.
 */
export async function refreshRunSummary(db: Db, runId: string, summary: RunSummary): Promise<RunResultFields | undefined> {
  const run = await RunModel.query(db).findById(runId).select('id', 'summary', 'gate');
  if (!run?.summary) return undefined;
  const gate = run.gate ? evaluateGate(summary, Object.fromEntries(run.gate.conditions.map((c) => [c.severity, c.maxNew]))) : null;
  const [row] = await db('analysis_runs')
    .where({ id: runId })
    .update({ summary: JSON.stringify(summary), gate: gate ? JSON.stringify(gate) : null })
    .returning(['id', 'workspaceId', 'repositoryId', 'status', 'progress', 'summary', 'gate']);
  return row as RunResultFields | undefined;
}

export async function markRunCompleted(db: Db, runId: string): Promise<RunEventFields | undefined> {
  return updateRun(db, runId, { status: 'completed', finishedAt: db.fn.now(), progress: JSON.stringify({ phase: 'done' }) });
}

export async function markRunFailed(db: Db, runId: string, status: 'failed' | 'cancelled', error: string): Promise<RunEventFields | undefined> {
  return updateRun(db, runId, { status, error: error.slice(0, 2000), finishedAt: db.fn.now(), progress: JSON.stringify({ phase: status }) });
}

/** The plan did not cover the run: it ends as skipped with the reason, before it took a slot. Only a queued run moves. */
export async function markRunSkipped(db: Db, runId: string, reason: string): Promise<RunEventFields | undefined> {
  const [run] = await db('analysis_runs')
    .where({ id: runId, status: 'queued' })
    .update({ status: 'skipped', error: reason.slice(0, 2000), finishedAt: db.fn.now(), progress: JSON.stringify({ phase: 'skipped', detail: reason.slice(0, 500) }) })
    .returning(['id', 'workspaceId', 'repositoryId', 'status', 'progress']);
  return run as RunEventFields | undefined;
}

export type RunSlot = { acquired: false } | { acquired: true; started: boolean; repositoryId: string };

/**
 * Takes one of the workspace's concurrent-run slots for the run, or records that it waits for one. Locks the
 * workspace row until the transaction ends, so concurrent runs count each other: call it inside a transaction.
 * `started` is true when this call moved the run to running (false when it already was).
 */
export async function takeRunSlot(trx: Db, { runId, workspaceId }: { runId: string; workspaceId: string }): Promise<RunSlot> {
  const ws = await trx('workspaces').where({ id: workspaceId }).forUpdate().first('maxConcurrentRuns');
  // The plan caps the workspace's own setting (billing).
  ws.maxConcurrentRuns = cappedLimit(ws.maxConcurrentRuns, (await planCapsOf(trx, workspaceId))?.concurrentRuns);
  const run = await trx('analysis_runs').where({ id: runId }).first('status', 'repositoryId');
  if (run.status === 'running') return { acquired: true, started: false, repositoryId: run.repositoryId };
  const { n } = (await trx('analysis_runs').where({ workspaceId, status: 'running' }).count('* as n').first()) as { n: number };
  if (n >= ws.maxConcurrentRuns) {
    await trx('analysis_runs').where({ id: runId }).update({ progress: JSON.stringify({ phase: 'waiting', detail: `waiting for a free slot (${n}/${ws.maxConcurrentRuns} running)` }) });
    return { acquired: false };
  }
  await trx('analysis_runs').where({ id: runId }).update({ status: 'running', startedAt: trx.fn.now(), progress: JSON.stringify({ phase: 'cloning' }) });
  return { acquired: true, started: true, repositoryId: run.repositoryId };
}

/** A run with what its checkout needs of its repository. */
export interface RunForAnalysis extends RunRow {
  cloneUrl: string;
  credentialSealed: string | null;
  repoId: string;
}

export async function findRunForAnalysis(db: Db, runId: string): Promise<RunForAnalysis> {
  return db('analysis_runs as r').join('repositories as p', 'p.id', 'r.repositoryId').where('r.id', runId).first('r.*', 'p.cloneUrl', 'p.credentialSealed', 'p.id as repoId');
}

/**
 * The run a new one compares with: a pull request's newest finished run of its base commit, else the newest
 * finished default-branch run created before it. None means the run is its repository's baseline.
 */
export async function findBaselineRun(db: Db, run: Pick<RunRow, 'id' | 'repositoryId' | 'baseSha' | 'createdAt'>): Promise<{ id: string } | undefined> {
  const finished = () => RunModel.query(db).modify('completed').where({ repositoryId: run.repositoryId }).whereNot({ id: run.id }).orderBy('finishedAt', 'desc');
  let previous = run.baseSha ? await finished().where({ commitSha: run.baseSha }).first().select('id') : undefined;
  if (!previous) {
    previous = await finished()
      .whereIn('trigger', ['push', 'manual', 'schedule'])
      .where('createdAt', '<=', run.createdAt)
      .first()
      .select('id');
  }
  return previous ? { id: previous.id } : undefined;
}

/**
 * The run a pull request's analysis may carry findings forward from: the newest completed run of its base commit
 * with the same analysis key (same analyzers, configuration and repository context).
 */
export async function findCarryForwardBase(db: Db, run: { id: string; repositoryId: string; baseSha: string; analysisKey: string }): Promise<{ id: string; commitSha: string } | undefined> {
  const base = await RunModel.query(db)
    .modify('completed')
    .where({ repositoryId: run.repositoryId, commitSha: run.baseSha, analysisKey: run.analysisKey })
    .whereNot({ id: run.id })
    .orderBy('finishedAt', 'desc')
    .first()
    .select('id', 'commitSha');
  return base ? { id: base.id, commitSha: base.commitSha! } : undefined;
}

/** Records what the run was compared with; no run means it is the baseline. */
export async function recordRunComparison(db: Db, runId: string, comparedToRunId: string | null): Promise<void> {
  await RunModel.query(db).findById(runId).patch({ isBaseline: comparedToRunId === null, comparedToRunId });
}

export async function findRunGateConfig(db: Db, runId: string): Promise<GateConfig | null> {
  const run = await RunModel.query(db).findById(runId).select('gateConfig');
  return run?.gateConfig ?? null;
}

/** A run with what reporting to GitHub needs of its repository and installation. */
export interface RunForReport extends RunRow {
  fullName: string;
  provider: 'github' | 'git';
  installationId: number | null;
}

export async function findRunForReport(db: Db, runId: string): Promise<RunForReport> {
  return db('analysis_runs as r')
    .join('repositories as p', 'p.id', 'r.repositoryId')
    .leftJoin('github_installations as i', 'i.id', 'p.githubInstallationId')
    .where('r.id', runId)
    .first('r.*', 'p.fullName', 'p.provider', 'i.installationId');
}

/** The Check Run and pull request comment the run was reported as, so a retry updates them instead of creating twice. */
export async function recordRunGitHubIds(db: Db, runId: string, ids: { githubCheckRunId: number } | { githubCommentId: number }): Promise<void> {
  await RunModel.query(db).findById(runId).patch(ids);
}

/** What checking a run's commit out again needs: the run, its repository and its GitHub installation. */
export interface RunSource {
  runId: string;
  commitSha: string | null;
  ref: string | null;
  repositoryId: string;
  repositoryProvider: 'github' | 'git';
  fullName: string;
  cloneUrl: string;
  defaultBranch: string;
  credentialSealed: string | null;
  installationId: string | number | null;
}

export async function findRunSource(db: Db, runId: string): Promise<RunSource | undefined> {
  return db('analysis_runs as r')
    .join('repositories as p', 'p.id', 'r.repositoryId')
    .leftJoin('github_installations as i', 'i.id', 'p.githubInstallationId')
    .where('r.id', runId)
    .first('r.id as runId', 'r.commitSha', 'r.ref', 'p.id as repositoryId', 'p.provider as repositoryProvider', 'p.fullName', 'p.cloneUrl', 'p.defaultBranch', 'p.credentialSealed', 'i.installationId');
}

registerModel('RunModel', RunModel);

// ---------------------------------------------------------------------------------------------------------
// The ops console's "runs" resource: every workspace's runs, for staff (each links to its Temporal workflow).
// ---------------------------------------------------------------------------------------------------------

export const ADMIN_RUN_SORT = { id: 'r.id', createdAt: 'r.created_at', status: 'r.status', trigger: 'r.trigger', finishedAt: 'r.finished_at' } as const;

export interface AdminRunFilter {
  id?: string | string[];
  status?: string | string[];
  workspaceId?: string;
  repositoryId?: string;
  q?: string;
  from?: string;
  to?: string;
}

export interface AdminRunRow {
  id: string;
  workflowId: string;
  workspaceId: string;
  workspaceName: string;
  repositoryId: string;
  repositoryName: string;
  trigger: string;
  status: string;
  commitSha: string | null;
  ref: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const selectAdminRun = (q: Knex.QueryBuilder) =>
  q
    .join('workspaces as w', 'w.id', 'r.workspaceId')
    .join('repositories as p', 'p.id', 'r.repositoryId')
    .select('r.id', 'r.workflowId', 'r.workspaceId', 'w.name as workspaceName', 'r.repositoryId', 'p.fullName as repositoryName', 'r.trigger', 'r.status', 'r.commitSha', 'r.ref', 'r.error', 'r.createdAt', 'r.finishedAt');

export async function listRunsForAdmin(db: Db, filter: AdminRunFilter, page: PageRequest): Promise<Page<AdminRunRow>> {
  const query = db('analysis_runs as r');
  if (filter.id) query.whereIn('r.id', asList(filter.id));
  if (filter.status) query.whereIn('r.status', asList(filter.status));
  if (filter.workspaceId) query.where('r.workspaceId', filter.workspaceId);
  if (filter.repositoryId) query.where('r.repositoryId', filter.repositoryId);
  if (filter.q) query.where((w) => w.whereILike('r.workflowId', likeContains(filter.q!)).orWhereExists((e) => e.select(db.raw('1')).from('repositories as pq').whereRaw('pq.id = r.repository_id').whereILike('pq.fullName', likeContains(filter.q!))));
  whereTimeRange(query, 'r.createdAt', filter.from, filter.to);
  return fetchPage<AdminRunRow>(query, page, ADMIN_RUN_SORT, selectAdminRun, 'r.id');
}

export async function findRunForAdmin(db: Db, id: string): Promise<AdminRunRow | undefined> {
  return (await selectAdminRun(db('analysis_runs as r').where('r.id', id)).first()) as AdminRunRow | undefined;
}
