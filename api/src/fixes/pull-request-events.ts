import type { Request } from 'express';
import { closeFixesOfPullRequest } from '@argus/db';
import type { AppDeps } from '../app-deps';
import { recordActivity } from '../audit/activity-log';

export interface PullRequestClosedOutcome {
  status: 'merged' | 'closed' | 'ignored';
  fixIds: string[];
}

/** Stands in for the HTTP request when the caller has none: the entry is the system's. */
const SYSTEM_REQUEST = { auth: undefined, ip: undefined, get: () => undefined } as unknown as Request;

/**
 * The `pull_request` webhook with action `closed`: the fixes of that pull request become `merged` (merged) or
 * `closed` (closed without merging). Matches on the GitHub repository id and the PR number, or its head branch.
 * Idempotent (only `pr_open` fixes change), so a redelivered event changes nothing twice.
 */
export async function applyPullRequestClosed(deps: Pick<AppDeps, 'knex'>, payload: any, req: Request = SYSTEM_REQUEST): Promise<PullRequestClosedOutcome> {
  const pr = payload?.pull_request;
  const githubRepoId = payload?.repository?.id;
  if (payload?.action !== 'closed' || !pr || githubRepoId === undefined) return { status: 'ignored', fixIds: [] };
  const status = pr.merged ? 'merged' : 'closed';
  const closedAt = pr.merged_at ?? pr.closed_at ?? new Date().toISOString();
  return deps.knex.transaction(async (trx) => {
    const rows = await closeFixesOfPullRequest(trx, { githubRepoId, number: pr.number, // A head branch only counts when it lives in this repository: a fork can name its branch argus/fix-<id> too.
      headBranch: typeof pr.head?.ref === 'string' && pr.head?.repo?.id === githubRepoId ? pr.head.ref : undefined, status, closedAt });
    for (const r of rows) {
      await recordActivity(trx, req, {
        workspaceId: r.workspaceId,
        actorId: null,
        action: `fix.${status}`,
        resourceType: 'fix',
        resourceId: r.id,
        before: { status: 'pr_open' },
        after: { status, pullRequest: { number: r.prNumber, url: r.prUrl, branch: r.prBranch }, mergedBy: pr.merged_by?.login ?? null },
      });
    }
    return { status, fixIds: rows.map((r) => r.id) };
  });
}
