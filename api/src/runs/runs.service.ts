import { listRunsOfWorkspace, type RunRow } from '@argus/db';
import type { AppDeps } from '../app-deps';

export function publicRun(deps: AppDeps, r: RunRow & { repositoryName?: string }) {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    repositoryId: r.repositoryId,
    repositoryName: r.repositoryName ?? undefined,
    workflowId: r.workflowId,
    trigger: r.trigger,
    ref: r.ref,
    commitSha: r.commitSha,
    baseSha: r.baseSha,
    pullRequestNumber: r.pullRequestNumber,
    status: r.status,
    progress: r.progress ?? {},
    summary: r.summary ?? null,
    gate: r.gate ?? null,
    configErrors: r.configErrors ?? [],
    isBaseline: r.isBaseline,
    comparedToRunId: r.comparedToRunId,
    analysisMode: r.analysisMode ?? null,
    filesAnalyzed: r.filesAnalyzed ?? null,
    filesChanged: r.filesChanged ?? null,
    carriedFromRunId: r.carriedFromRunId ?? null,
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

export async function listRuns(deps: AppDeps, workspaceId: string, filters: { repositoryId?: string; status?: string; page: number; pageSize: number }) {
  const { rows, total } = await listRunsOfWorkspace(deps.knex, workspaceId, filters);
  return { items: rows.map((r) => publicRun(deps, r)), total, page: filters.page, pageSize: filters.pageSize };
}
