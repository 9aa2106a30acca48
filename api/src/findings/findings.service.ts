import { listFindingsOfRun, ruleFacetsOfRun, type FindingFilters, type FindingWithTriage } from '@argus/db';
import { FILE_ROLES, hasBuiltinFix, type FileRole } from '@argus/activities';
import type { AppDeps } from '../app-deps';

export { TRIAGE_STATUSES, type FindingFilters } from '@argus/db';

export function publicFinding(f: FindingWithTriage) {
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
    builtinFix: hasBuiltinFix(f.ruleId),
    fileRole: (FILE_ROLES as readonly string[]).includes(f.fileRole) ? (f.fileRole as FileRole) : 'production',
    cwe: f.cwe ?? [],
    codeFlow: f.codeFlow ?? null,
  };
}

export async function listFindings(deps: AppDeps, runId: string, filters: FindingFilters) {
  const { rows, total } = await listFindingsOfRun(deps.knex, runId, filters);
  return { items: rows.map(publicFinding), total, page: filters.page, pageSize: filters.pageSize };
}

/** Facets for the filter bar: counts of the run's findings by rule, so users can pick from real values. */
export async function ruleFacets(deps: AppDeps, runId: string) {
  return ruleFacetsOfRun(deps.knex, runId);
}
