import type { AppDeps } from '../app-deps';

export function temporalUrl(deps: AppDeps, workflowId: string): string {
  return `${deps.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(deps.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function publicRun(deps: AppDeps, r: Record<string, any>) {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    repositoryId: r.repositoryId,
    repositoryName: r.repositoryName ?? undefined,
    workflowId: r.workflowId,
    temporalUrl: temporalUrl(deps, r.workflowId),
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
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

export async function listRuns(deps: AppDeps, workspaceId: string, filters: { repositoryId?: string; status?: string; page: number; pageSize: number }) {
  const base = deps.knex('analysisRuns as r').join('repositories as p', 'p.id', 'r.repositoryId').where('r.workspaceId', workspaceId);
  if (filters.repositoryId) base.where('r.repositoryId', filters.repositoryId);
  if (filters.status) base.where('r.status', filters.status);
  const { n } = (await base.clone().count('* as n').first()) as { n: number };
  const rows = await base
    .clone()
    .select('r.*', 'p.fullName as repositoryName')
    .orderBy('r.createdAt', 'desc')
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { items: rows.map((r) => publicRun(deps, r)), total: n, page: filters.page, pageSize: filters.pageSize };
}
