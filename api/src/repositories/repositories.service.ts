import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { assertSafeRemote, createSecretBox, UnsafeRemoteError } from '@argus/activities';
import { createRun, findActiveRepositoryByCloneUrl, insertRepository, listRepositoriesWithLastRun, repositorySlots, type RepositoryRow, type RepositoryWithLastRun } from '@argus/db';
import type { AppDeps } from '../app-deps';
import { workflowIds } from '@argus/workflows/contract';
import { workflowClient } from '../temporal/workflow-client';
import { assertQuota } from '../billing/quotas';
import { subscriptionOf } from '../billing/billing.service';
import { recordActivity } from '../audit/activity-log';
import { BadRequestError, ConflictError } from '../http/errors';
import { requireVerifiedEmail } from '../auth/auth-context';

export function publicRepository(r: RepositoryRow & Partial<Pick<RepositoryWithLastRun, 'lastRunId' | 'lastRunStatus' | 'lastRunGate' | 'lastRunCreatedAt'>>) {
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
  // The route checked the workspace first, so non-members still get 404.
  requireVerifiedEmail(req.auth!, 'connect repositories');
  try {
    await assertSafeRemote(input.cloneUrl, deps.config.ARGUS_ALLOW_PRIVATE_GIT === '1', deps.config.localGitRoot);
  } catch (err) {
    if (err instanceof UnsafeRemoteError) throw new BadRequestError(err.message, { errors: [{ path: 'body.cloneUrl', message: err.message }] });
    throw err;
  }
  // Every workspace has a plan before its limits are read (one that never chose gets the default tier).
  await subscriptionOf(deps, workspaceId);
  return deps.knex.transaction(async (trx) => {
    const { limit, used } = await repositorySlots(trx, workspaceId);
    if (used >= limit) throw new ConflictError(`This workspace already has ${used} repositories, the limit of its plan or settings. Upgrade the plan on the Billing page for more.`);
    const duplicate = await findActiveRepositoryByCloneUrl(trx, workspaceId, input.cloneUrl);
    if (duplicate) throw new ConflictError('This repository is already connected to the workspace.');
    const id = randomUUID();
    const secrets = createSecretBox(deps.config.encryptionKeys, deps.config.activeEncryptionKeyId);
    const repo = await insertRepository(trx, {
      id,
      workspaceId,
      provider: 'git',
      fullName: input.name ?? nameFromUrl(input.cloneUrl),
      cloneUrl: input.cloneUrl,
      defaultBranch: input.defaultBranch,
      credentialSealed: input.credential ? secrets.encrypt(input.credential, `repository:${id}`) : null,
    });
    await recordActivity(trx, req, { workspaceId, action: 'repository.connected', resourceType: 'repository', resourceId: id, after: { fullName: repo.fullName, cloneUrl: repo.cloneUrl } });
    return publicRepository(repo);
  });
}

export async function listRepositories(deps: AppDeps, workspaceId: string, page: number, pageSize: number, q?: string) {
  const { rows, total } = await listRepositoriesWithLastRun(deps.knex, workspaceId, { page, pageSize, q });
  return { items: rows.map(publicRepository), total, page, pageSize };
}

/** Starts the analysis workflow for the repository's default branch (or a given ref/commit). */
export async function startManualAnalysis(deps: AppDeps, req: Request, repo: RepositoryRow & { workspaceId: string }, input: { ref?: string; commitSha?: string }, userId: string) {
  // The plan decides first: Free at its limit, or a restricted workspace, gets 402 with an upgrade hint.
  await assertQuota(deps, repo.workspaceId, 'analysis');
  const runId = randomUUID();
  const workflowId = workflowIds.manualAnalysis(runId);
  // The row exists before the workflow starts, so the run is visible at once; registerRun finds it by workflow id.
  await createRun(deps.knex, {
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
