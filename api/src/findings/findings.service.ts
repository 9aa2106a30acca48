import type { AppDeps } from '../app-deps';

export const TRIAGE_STATUSES = ['open', 'false_positive', 'wont_fix', 'accepted'] as const;

export interface FindingFilters {
  severity?: string[];
  category?: string[];
  rule?: string;
  path?: string;
  status?: 'open' | 'suppressed' | 'false_positive' | 'wont_fix' | 'accepted';
  isNew?: boolean;
  page: number;
  pageSize: number;
}

/** Findings joined with their triage, which is kept per repository and fingerprint across runs. */
export function findingsQuery(deps: AppDeps) {
  return deps.knex('findings as f')
    .leftJoin('findingTriage as t', function () {
      this.on('t.repositoryId', '=', 'f.repositoryId').andOn('t.fingerprint', '=', 'f.fingerprint');
    })
    .select(
      'f.*',
      deps.knex.raw(`coalesce(t.status, 'open') as triage_status`),
      't.reason as triageReason',
      't.updatedAt as triageUpdatedAt',
    );
}

export function publicFinding(f: Record<string, any>) {
  return {
    id: f.id,
    runId: f.runId,
    repositoryId: f.repositoryId,
    tool: f.tool,
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    path: f.path,
    startLine: f.startLine,
    startColumn: f.startColumn,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    snippet: f.snippet,
    helpUrl: f.helpUrl,
    fingerprint: f.fingerprint,
    isNew: f.isNew,
    suppression: f.suppressionKind ? { kind: f.suppressionKind, reason: f.suppressionReason } : null,
    triage: { status: f.triageStatus, reason: f.triageReason ?? null, updatedAt: f.triageUpdatedAt ?? null },
  };
}

const SEVERITY_ORDER = `array_position(array['critical','high','medium','low','info'], f.severity)`;

export async function listFindings(deps: AppDeps, runId: string, filters: FindingFilters) {
  const q = findingsQuery(deps).where('f.runId', runId);
  if (filters.severity?.length) q.whereIn('f.severity', filters.severity);
  if (filters.category?.length) q.whereIn('f.category', filters.category);
  if (filters.rule) q.where('f.ruleId', filters.rule);
  if (filters.path) q.where('f.path', 'like', `${filters.path.replace(/[%_\\]/g, '\\$&')}%`);
  if (filters.isNew !== undefined) q.where('f.isNew', filters.isNew);
  if (filters.status === 'suppressed') q.whereNotNull('f.suppressionKind');
  else if (filters.status === 'open') q.whereNull('f.suppressionKind').where((w) => w.whereNull('t.status').orWhere('t.status', 'open'));
  else if (filters.status) q.whereNull('f.suppressionKind').where('t.status', filters.status);
  const total = ((await deps.knex.from(q.clone().as('x')).count('* as n').first()) as { n: number }).n;
  const rows = await q
    .orderByRaw(`${SEVERITY_ORDER}, f.path, f.start_line, f.id`)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { items: rows.map(publicFinding), total, page: filters.page, pageSize: filters.pageSize };
}

/** Facets for the filter bar: counts of the run's findings by rule, so users can pick from real values. */
export async function ruleFacets(deps: AppDeps, runId: string) {
  return deps.knex('findings').where({ runId }).groupBy('ruleId', 'tool').select('ruleId', 'tool').count('* as count').orderBy('count', 'desc').limit(200);
}
