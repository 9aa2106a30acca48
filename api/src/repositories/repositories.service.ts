import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { assertSafeRemote, createSecretBox, UnsafeRemoteError } from '@argus/activities';
import type { AppDeps } from '../app-deps';
import { workflowIds } from '@argus/workflows/contract';
import { workflowClient } from '../temporal/workflow-client';
import { recordActivity } from '../audit/activity-log';
import { BadRequestError, ConflictError } from '../http/errors';

export function publicRepository(r: Record<string, any>) {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    provider: r.provider,
    fullName: r.fullName,
    cloneUrl: r.cloneUrl,
    defaultBranch: r.defaultBranch,
    hasCredential: Boolean(r.credentialSealed),
    analysisSchedule: r.analysisSchedule ?? null,
    createdAt: r.createdAt,
    lastRun: r.lastRunId
      ? { id: r.lastRunId, status: r.lastRunStatus, gatePassed: r.lastRunGate?.passed ?? null, createdAt: r.lastRunCreatedAt }
      : null,
  };
}

function nameFromUrl(url: string): string {
  const cleaned = url.replace(/\.git$/, '').replace(/\/+$/, '');
  const parts = cleaned.split(/[/:]/).filter(Boolean);
  return parts.slice(-2).join('/') || cleaned;
}

export async function connectRepository(
  deps: AppDeps,
  req: Request,
  workspaceId: string,
  input: { cloneUrl: string; name?: string; defaultBranch: string; credential?: string },
) {
  try {
    await assertSafeRemote(input.cloneUrl, deps.config.ARGUS_ALLOW_PRIVATE_GIT === '1');
  } catch (err) {
    if (err instanceof UnsafeRemoteError) throw new BadRequestError(err.message, { errors: [{ path: 'body.cloneUrl', message: err.message }] });
    throw err;
  }
  return deps.knex.transaction(async (trx) => {
    const ws = await trx('workspaces').where({ id: workspaceId }).forUpdate().first('maxRepositories');
    const { n } = (await trx('repositories').where({ workspaceId }).whereNull('removedAt').count('* as n').first()) as { n: number };
    if (n >= ws.maxRepositories) throw new ConflictError(`This workspace already has ${n} repositories, its limit. An admin can raise it in the workspace settings.`);
    const duplicate = await trx('repositories').where({ workspaceId, cloneUrl: input.cloneUrl }).whereNull('removedAt').first('id');
    if (duplicate) throw new ConflictError('This repository is already connected to the workspace.');
    const id = randomUUID();
    const secrets = createSecretBox(deps.config.encryptionKeys, deps.config.activeEncryptionKeyId);
    const [repo] = await trx('repositories')
      .insert({
        id,
        workspaceId,
        provider: 'git',
        fullName: input.name ?? nameFromUrl(input.cloneUrl),
        cloneUrl: input.cloneUrl,
        defaultBranch: input.defaultBranch,
        credentialSealed: input.credential ? secrets.encrypt(input.credential, `repository:${id}`) : null,
      })
      .returning('*');
    await recordActivity(trx, req, { workspaceId, action: 'repository.connected', resourceType: 'repository', resourceId: id, after: { fullName: repo.fullName, cloneUrl: repo.cloneUrl } });
    return publicRepository(repo);
  });
}

export async function listRepositories(deps: AppDeps, workspaceId: string, page: number, pageSize: number, q?: string) {
  const base = deps.knex('repositories as r').where('r.workspaceId', workspaceId).whereNull('r.removedAt');
  if (q) base.where('r.fullName', 'ilike', `%${q.replace(/[%_\\]/g, '\\$&')}%`);
  const { n } = (await base.clone().count('* as n').first()) as { n: number };
  const rows = await base
    .clone()
    .select('r.*')
    .select(
      deps.knex.raw(`(select id from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_id`),
      deps.knex.raw(`(select status from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_status`),
      deps.knex.raw(`(select gate from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_gate`),
      deps.knex.raw(`(select created_at from analysis_runs a where a.repository_id = r.id order by a.created_at desc limit 1) as last_run_created_at`),
    )
    .orderBy('r.fullName')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(publicRepository), total: n, page, pageSize };
}

/** Starts the analysis workflow for the repository's default branch (or a given ref/commit). */
export async function startManualAnalysis(deps: AppDeps, req: Request, repo: Record<string, any>, input: { ref?: string; commitSha?: string }, userId: string) {
  const runId = randomUUID();
  const workflowId = workflowIds.manualAnalysis(runId);
  // The row exists before the workflow starts, so the run is visible at once; registerRun finds it by workflow id.
  await deps.knex('analysisRuns').insert({
    id: runId,
    workflowId,
    workspaceId: repo.workspaceId,
    repositoryId: repo.id,
    trigger: 'manual',
    ref: input.ref ? `refs/heads/${input.ref.replace(/^refs\/heads\//, '')}` : `refs/heads/${repo.defaultBranch}`,
    commitSha: input.commitSha ?? null,
    requestedBy: userId,
  });
  await workflowClient.startManualAnalysis(
    deps,
    runId,
    { runId, trigger: 'manual', repositoryId: repo.id, ref: input.ref ? `refs/heads/${input.ref.replace(/^refs\/heads\//, '')}` : null, commitSha: input.commitSha ?? null, requestedBy: userId },
    { workspaceId: repo.workspaceId, repositoryId: repo.id },
  );
  await recordActivity(deps.knex, req, { workspaceId: repo.workspaceId, action: 'run.requested', resourceType: 'run', resourceId: runId, after: { repository: repo.fullName, ref: input.ref ?? repo.defaultBranch } });
  return { runId, workflowId };
}
