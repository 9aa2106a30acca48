import { Model, type Modifiers, type RelationMappings } from 'objection';
import type { Category, Severity } from '@argus/workflows/contract';
import type { Db } from '../knex';
import { refreshRunSummary, RunModel, summarize, type RunResultFields, type RunSummary } from './analysis-runs';
import type { RepositoryModel } from './repositories';
import { modelNamed, registerModel } from '../model-registry';

// Owner of `findings` and `finding_triage`: what the analyzers (and imported SARIF) found in a run, and the triage
// users keep per repository and fingerprint across runs. Nothing outside this module writes either table.

export const TRIAGE_STATUSES = ['open', 'false_positive', 'wont_fix', 'accepted'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export interface FindingRow {
  id: string;
  runId: string;
  repositoryId: string;
  workspaceId: string;
  tool: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  helpUrl: string | null;
  fingerprint: string;
  isNew: boolean;
  suppressionKind: string | null;
  suppressionReason: string | null;
  /** What the file is for: production, test, example, docs or fixture (only production counts toward the gate). */
  fileRole: string;
  /** Taint findings: source → steps → sink. */
  codeFlow: { path: string; line: number; column: number; endLine: number; endColumn: number; note: string }[] | null;
  /** Taint findings: the analyzed file the flow was found from (an incremental run re-finds flows by it). */
  originPath?: string | null;
  cwe: string[];
  createdAt: Date;
}

/** A finding with its triage (`open` when nobody triaged its fingerprint). */
export interface FindingWithTriage extends FindingRow {
  triageStatus: TriageStatus;
  triageReason: string | null;
  triageUpdatedAt: Date | null;
}

export interface FindingTriageRow {
  repositoryId: string;
  fingerprint: string;
  status: TriageStatus;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface FindingTriageModel extends FindingTriageRow {}
export class FindingTriageModel extends Model {
  static tableName = 'finding_triage';
  static idColumn = ['repositoryId', 'fingerprint'];
}

export interface FindingModel extends FindingRow {}
export class FindingModel extends Model {
  static tableName = 'findings';
  static jsonAttributes = ['codeFlow'];

  declare run?: RunModel;
  declare repository?: RepositoryModel;
  declare triage?: FindingTriageModel | null;

  static jsonSchema = {
    type: 'object',
    required: ['runId', 'repositoryId', 'workspaceId', 'tool', 'ruleId', 'category', 'severity', 'path', 'fingerprint'],
    properties: {
      category: { type: 'string', enum: ['security', 'bug', 'performance', 'maintainability', 'style'] },
      severity: { type: 'string', enum: ['critical', 'high', 'medium', 'low', 'info'] },
      startLine: { type: 'integer' },
      startColumn: { type: 'integer' },
      endLine: { type: 'integer' },
      endColumn: { type: 'integer' },
    },
  };

  static modifiers: Modifiers = {
    mostSevereFirst(query) {
      query.orderByRaw(SEVERITY_ORDER);
    },
  };

  static relationMappings = (): RelationMappings => ({
    run: {
      relation: Model.BelongsToOneRelation,
      modelClass: RunModel,
      join: { from: 'findings.runId', to: 'analysis_runs.id' },
    },
    repository: {
      relation: Model.BelongsToOneRelation,
      modelClass: modelNamed('RepositoryModel'),
      join: { from: 'findings.repositoryId', to: 'repositories.id' },
    },
    triage: {
      relation: Model.HasOneRelation,
      modelClass: FindingTriageModel,
      join: { from: ['findings.repositoryId', 'findings.fingerprint'], to: ['finding_triage.repositoryId', 'finding_triage.fingerprint'] },
    },
  });
}

const SEVERITY_ORDER = `array_position(array['critical','high','medium','low','info'], findings.severity)`;
const SEVERITY_ORDER_F = `array_position(array['critical','high','medium','low','info'], f.severity)`;

/** Findings joined with their triage, which is kept per repository and fingerprint across runs. */
function withTriage(db: Db) {
  return db('findings as f')
    .leftJoin('finding_triage as t', function () {
      this.on('t.repositoryId', '=', 'f.repositoryId').andOn('t.fingerprint', '=', 'f.fingerprint');
    })
    .select('f.*', db.raw(`coalesce(t.status, 'open') as triage_status`), 't.reason as triageReason', 't.updatedAt as triageUpdatedAt');
}

export async function findFindingById(db: Db, id: string): Promise<FindingRow | undefined> {
  return FindingModel.query(db).findById(id);
}

export async function findFindingWithTriage(db: Db, id: string): Promise<FindingWithTriage | undefined> {
  return withTriage(db).where('f.id', id).first();
}

export interface FindingFilters {
  severity?: string[];
  category?: string[];
  rule?: string;
  path?: string;
  status?: 'open' | 'suppressed' | 'false_positive' | 'wont_fix' | 'accepted';
  isNew?: boolean;
  /** File roles to list; production only when absent. */
  fileRole?: string[];
  page: number;
  pageSize: number;
}

/** A page of a run's findings, most severe first. */
export async function listFindingsOfRun(db: Db, runId: string, filters: FindingFilters): Promise<{ rows: FindingWithTriage[]; total: number }> {
  const q = withTriage(db).where('f.runId', runId);
  if (filters.severity?.length) q.whereIn('f.severity', filters.severity);
  if (filters.category?.length) q.whereIn('f.category', filters.category);
  if (filters.rule) q.where('f.ruleId', filters.rule);
  if (filters.path) q.where('f.path', 'like', `${filters.path.replace(/[%_\\]/g, '\\$&')}%`);
  if (filters.isNew !== undefined) q.where('f.isNew', filters.isNew);
  q.whereIn('f.fileRole', filters.fileRole?.length ? filters.fileRole : ['production']);
  if (filters.status === 'suppressed') q.whereNotNull('f.suppressionKind');
  else if (filters.status === 'open') q.whereNull('f.suppressionKind').where((w) => w.whereNull('t.status').orWhere('t.status', 'open'));
  else if (filters.status) q.whereNull('f.suppressionKind').where('t.status', filters.status);
  const total = ((await db.from(q.clone().as('x')).count('* as n').first()) as { n: number }).n;
  const rows = await q
    .orderByRaw(`${SEVERITY_ORDER_F}, f.path, f.start_line, f.id`)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { rows, total };
}

/** Every finding of a run with its triage, by file and line (the SARIF export). */
export async function findingsOfRunWithTriage(db: Db, runId: string): Promise<FindingWithTriage[]> {
  return withTriage(db).where('f.runId', runId).orderBy(['f.path', 'f.startLine', 'f.id']);
}

/** Counts of the run's findings by rule, for the filter bar. */
export async function ruleFacetsOfRun(db: Db, runId: string): Promise<{ ruleId: string; tool: string; count: number }[]> {
  return db('findings').where({ runId }).groupBy('ruleId', 'tool').select('ruleId', 'tool').count('* as count').orderBy('count', 'desc').limit(200) as unknown as Promise<{ ruleId: string; tool: string; count: number }[]>;
}

export type NewFinding = Pick<FindingRow, 'runId' | 'repositoryId' | 'workspaceId' | 'tool' | 'ruleId' | 'category' | 'severity' | 'path' | 'startLine' | 'startColumn' | 'endLine' | 'endColumn' | 'message' | 'snippet' | 'fingerprint'> &
  Partial<Pick<FindingRow, 'helpUrl' | 'isNew' | 'suppressionKind' | 'suppressionReason' | 'fileRole' | 'cwe' | 'originPath'>> & { codeFlow?: FindingRow['codeFlow'] };

/**
 * The one writer of findings, for the analyzers and SARIF imports alike. A finding is written once per run and
 * fingerprint (`unique(run_id, fingerprint)`): writing it again, as a retried activity or a repeated import does,
 * changes nothing. Returns how many rows were new.
 */
export async function insertFindings(db: Db, findings: NewFinding[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < findings.length; i += 500) {
    // code_flow is jsonb: knex would send a JS array as a Postgres array.
    const rows = await db('findings')
      .insert(findings.slice(i, i + 500).map((f) => (f.codeFlow ? { ...f, codeFlow: JSON.stringify(f.codeFlow) } : f)))
      .onConflict(['run_id', 'fingerprint'])
      .ignore()
      .returning('id');
    inserted += rows.length;
  }
  return inserted;
}

/**
 * Copies a base run's findings into an incremental run, except those in `replaced` paths (changed or deleted files)
 * and taint flows found from a `touched` file (analyzed again; a base finding that does not record its origin is
 * dropped when any step is in one). Idempotent: a finding the analysis already stored (same fingerprint) stays as
 * analyzed. Returns how many were carried.
 */
export async function carryForwardFindings(db: Db, input: { runId: string; fromRunId: string; replaced: string[]; touched: string[] }): Promise<number> {
  const columns = [
    'repository_id', 'workspace_id', 'tool', 'rule_id', 'category', 'severity', 'path', 'start_line', 'start_column', 'end_line', 'end_column',
    'message', 'snippet', 'help_url', 'fingerprint', 'suppression_kind', 'suppression_reason', 'file_role', 'code_flow', 'cwe', 'origin_path',
  ];
  const list = columns.join(', ');
  const result = await db.raw(
    `insert into findings (run_id, ${list})
     select ?, ${list} from findings f
      where f.run_id = ?
        and not (f.path = any(?::text[]))
        and (f.tool <> 'taint'
          or (f.origin_path is not null and not (f.origin_path = any(?::text[])))
          or (f.origin_path is null and not exists (
            select 1 from jsonb_array_elements(coalesce(f.code_flow, '[]'::jsonb)) s where s->>'path' = any(?::text[]))))
     on conflict (run_id, fingerprint) do nothing`,
    [input.runId, input.fromRunId, input.replaced, input.touched, input.touched],
  );
  return (result as { rowCount: number }).rowCount ?? 0;
}

/**
 * Paths where a run's taint findings differ from another run's (by fingerprint): there an incremental run analyzes
 * the file again with every analyzer, since a flow can outrank another tool's finding of the same weakness.
 */
export async function pathsWithDifferentTaintFindings(db: Db, runId: string, otherRunId: string): Promise<string[]> {
  const result = await db.raw(
    `with a as (select path, fingerprint from findings where run_id = ? and tool = 'taint'),
          b as (select path, fingerprint from findings where run_id = ? and tool = 'taint')
     select distinct path from ((select * from a except select * from b) union all (select * from b except select * from a)) d order by path`,
    [runId, otherRunId],
  );
  return (result as { rows: { path: string }[] }).rows.map((r) => r.path);
}

/** Removes a run's findings of other tools than taint in these files, before they are analyzed again. */
export async function deleteNonTaintFindingsAt(db: Db, runId: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await db('findings').where({ runId }).whereNot({ tool: 'taint' }).whereIn('path', paths).delete();
}

/** Starts the note on a committed secret's origin in its message (so the portal, the API and SARIF all show it). */
export const SECRET_ORIGIN_MARK = ' Added to the repository ';

/** A run's secret findings whose message does not yet say where they came from (carried ones already do). */
export async function secretFindingsWithoutOrigin(db: Db, runId: string, limit: number): Promise<Pick<FindingRow, 'id' | 'path' | 'startLine' | 'message'>[]> {
  return db('findings')
    .where({ runId, tool: 'secrets' })
    .whereRaw('position(? in message) = 0', [SECRET_ORIGIN_MARK])
    .orderBy([{ column: 'path' }, { column: 'startLine' }, { column: 'fingerprint' }])
    .limit(limit)
    .select('id', 'path', 'startLine', 'message');
}

export async function setFindingMessage(db: Db, id: string, message: string): Promise<void> {
  await db('findings').where({ id }).update({ message: message.slice(0, 4000) });
}

export async function countFindingsOfRun(db: Db, runId: string): Promise<number> {
  const { n } = (await db('findings').where({ runId }).count('* as n').first()) as { n: number };
  return n;
}

/**
 * Marks the run's findings new (not in the previous run, by fingerprint) or existing. Without a previous run
 * (a baseline) none is new. Returns how many are new.
 */
export async function markNewFindings(db: Db, runId: string, previousRunId: string | null): Promise<number> {
  // Only rows whose mark changes are written: an update rewrites the whole row and every index entry of it
  // (findings are too full for in-place updates), and most findings of a run were in the one before.
  if (previousRunId === null) {
    await db('findings').where({ runId, isNew: true }).update({ isNew: false });
    return 0;
  }
  const previous = () => db('findings').where({ runId: previousRunId }).select('fingerprint');
  await db('findings').where({ runId, isNew: false }).whereNotIn('fingerprint', previous()).update({ isNew: true });
  await db('findings').where({ runId, isNew: true }).whereIn('fingerprint', previous()).update({ isNew: false });
  const [{ n }] = await db('findings').where({ runId, isNew: true }).count({ n: '*' });
  return Number(n);
}

/** The run's summary from its findings and their triage (see `summarize`). */
export async function summarizeRunFindings(db: Db, runId: string): Promise<RunSummary> {
  const rows = await db('findings as f')
    .leftJoin('finding_triage as t', function () {
      this.on('t.repositoryId', '=', 'f.repositoryId').andOn('t.fingerprint', '=', 'f.fingerprint');
    })
    .where('f.runId', runId)
    .select('f.severity', 'f.category', 'f.isNew', 'f.suppressionKind', 'f.fileRole', 'f.tool', db.raw(`coalesce(t.status, 'open') as triage`));
  return summarize(rows);
}

/** The run's new findings that count toward the gate (not suppressed, not triaged away), most severe first. */
export async function newOpenFindingsOfRun(db: Db, runId: string): Promise<FindingRow[]> {
  return db('findings as f')
    .leftJoin('finding_triage as t', function () {
      this.on('t.repositoryId', '=', 'f.repositoryId').andOn('t.fingerprint', '=', 'f.fingerprint');
    })
    .where({ 'f.runId': runId, 'f.isNew': true, 'f.fileRole': 'production' })
    .whereNull('f.suppressionKind')
    .where((q) => q.whereNull('t.status').orWhere('t.status', 'open'))
    .orderByRaw(`${SEVERITY_ORDER_F}, f.path, f.start_line`)
    .select('f.*');
}

/** The run's findings of some tools in some files (what a fix is checked against). */
export async function findingsOfRunInFiles(db: Db, runId: string, paths: string[], tools: string[]): Promise<Pick<FindingRow, 'ruleId' | 'path' | 'snippet' | 'fingerprint'>[]> {
  return db('findings').where({ runId }).whereIn('path', paths).whereIn('tool', tools).select('ruleId', 'path', 'snippet', 'fingerprint');
}

export async function findTriage(db: Db, repositoryId: string, fingerprint: string): Promise<Pick<FindingTriageRow, 'status' | 'reason'> | undefined> {
  return FindingTriageModel.query(db).findById([repositoryId, fingerprint]).select('status', 'reason');
}

/**
 * Recomputes and stores the summary (and the gate's verdict on it) of every finished run of the repository that
 * has the fingerprint: triage is kept per fingerprint, so one triage changes all of them. Call it in the
 * transaction that changes the triage. Returns the runs it changed, for live events.
 */
export async function refreshSummariesOfFingerprint(db: Db, repositoryId: string, fingerprint: string): Promise<RunResultFields[]> {
  const runIds = (await db('findings').where({ repositoryId, fingerprint }).distinct('runId')).map((r: { runId: string }) => r.runId);
  const changed: RunResultFields[] = [];
  for (const runId of runIds) {
    const run = await refreshRunSummary(db, runId, await summarizeRunFindings(db, runId));
    if (run) changed.push(run);
  }
  return changed;
}

/** Triage is per repository and fingerprint, so it carries over to the same finding in later runs. */
export async function setTriage(db: Db, triage: { repositoryId: string; fingerprint: string; status: TriageStatus; reason: string | null; updatedBy: string }): Promise<void> {
  await db('finding_triage')
    .insert(triage)
    .onConflict(['repository_id', 'fingerprint'])
    .merge({ status: triage.status, reason: triage.reason, updatedBy: triage.updatedBy, updatedAt: db.fn.now() });
}

registerModel('FindingModel', FindingModel);
registerModel('FindingTriageModel', FindingTriageModel);
