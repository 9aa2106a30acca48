import { ActivityFailure, ApplicationFailure, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { FixToPullRequestInput, FixToPullRequestResult } from './contract';

export const pullRequestPhaseQuery = defineQuery<string>('pullRequestPhase');

const quick = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['FixNotValidated', 'UnknownFix', 'FixesSpanRuns'] } });
const gitOps = proxyActivities<Activities>({ startToCloseTimeout: '15 minutes', heartbeatTimeout: '2 minutes', retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['PatchConflict'] } });
const github = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['GitHubAppNotConfigured'] } });

/**
 * Validated fix(es) → a branch with one commit, pushed to the repository's remote → a pull request for GitHub App
 * repositories (plain git remotes get the branch only). Anything but validated fixes is refused.
 */
export async function fixToPullRequest(input: FixToPullRequestInput): Promise<FixToPullRequestResult> {
  let phase = 'checking';
  setHandler(pullRequestPhaseQuery, () => phase);
  const plan = await quick.prepareFixPullRequest(input).catch((err: unknown) => {
    // Surface the refusal as the workflow's own business failure, not as a failed activity.
    const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    if (cause?.type === 'FixNotValidated') throw ApplicationFailure.create({ message: cause.message, type: 'FixNotValidated', nonRetryable: true, cause: err as Error });
    throw err;
  });
  phase = 'pushing';
  const pushed = await gitOps.pushFixBranch({ ...input, title: plan.title });
  phase = 'opening pull request';
  const pr = await github.openFixPullRequest({ plan, pushed });
  await quick.markFixesPullRequestOpen({ fixIds: pushed.included, branch: pushed.branch, url: pr.url, number: pr.number, workflowId: workflowInfo().workflowId });
  phase = 'done';
  return { branch: pushed.branch, commitSha: pushed.commitSha, url: pr.url, number: pr.number, included: pushed.included, skipped: pushed.skipped };
}
