import { rm } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from '@argus/db';
import { findFixesWithFindings, markFixesPullRequestOpen } from '@argus/db';
import { DEFAULT_LIMITS, type AnalysisLimits } from '../analysis';
import type { OctokitFor } from '../github';
import type { SecretBox } from '../platform/secrets';
import { keepHeartbeating, recordFixActivity } from './fix-activities';
import { git } from '../git';
import { applyPatchOnTop, checkoutRun, commitAll, freshDir, loadFixSource, pushBranch, remoteFor } from './sandbox';

export interface FixPullRequestInput {
  fixIds: string[];
  branch: string;
  /** Batch PRs name the rule; single-fix PRs leave it out. */
  ruleId?: string | null;
}

export interface PlannedFix {
  fixId: string;
  findingId: string;
  ruleId: string;
  path: string;
  startLine: number;
  provider: string;
  model: string | null;
  explanation: string | null;
}

export interface FixPullRequestPlan {
  runId: string;
  workspaceId: string;
  repositoryId: string;
  repositoryProvider: 'github' | 'git';
  fullName: string;
  defaultBranch: string;
  title: string;
  fixes: PlannedFix[];
}

export interface PushedBranch {
  branch: string;
  commitSha: string;
  included: string[];
  skipped: { fixId: string; reason: string }[];
}

const PR_MARKER = '<!-- argus:fix -->';

export function createFixPullRequestActivities({ knex, secrets, octokitFor, portalUrl, limits = DEFAULT_LIMITS, allowPrivateRemotes = false, localGitRoot }: { knex: Knex; secrets: SecretBox; octokitFor: OctokitFor | null; portalUrl: string; limits?: AnalysisLimits; allowPrivateRemotes?: boolean; localGitRoot?: string }) {
  const loadFixes = (fixIds: string[]) => findFixesWithFindings(knex, fixIds);

  function bodyFor(plan: FixPullRequestPlan, included: PlannedFix[], commitSha: string): string {
    const link = (f: PlannedFix) => `${portalUrl}/runs/${plan.runId}?finding=${f.findingId}`;
    return [
      PR_MARKER,
      included.length === 1
        ? `Argus fixes **${included[0]!.ruleId}** in \`${included[0]!.path}\` line ${included[0]!.startLine} ([finding](${link(included[0]!)})).`
        : `Argus fixes ${included.length} **${plan.fixes[0]!.ruleId}** findings.`,
      '',
      '| Finding | Location | Fixed by |',
      '|---|---|---|',
      ...included.map((f) => `| [${f.ruleId}](${link(f)}) | \`${f.path}:${f.startLine}\` | ${f.provider}${f.model ? ` (${f.model})` : ''} |`),
      '',
      '### What changes and why',
      ...included.map((f) => `- \`${f.path}:${f.startLine}\`: ${(f.explanation ?? 'No explanation was given.').replace(/\s+/g, ' ').trim()}`),
      '',
      `Validated by Argus on ${commitSha.slice(0, 12)}: each patch applies cleanly, the analyzers no longer report the finding, no new finding appeared in the touched files and they still parse. Review it like any other change.`,
      '',
      `[Open the run in Argus](${portalUrl}/runs/${plan.runId})`,
    ].join('\n');
  }

  return {
    /** Refuses anything but validated fixes of one run: only a validated fix may become a pull request. */
    async prepareFixPullRequest({ fixIds, branch, ruleId }: FixPullRequestInput): Promise<FixPullRequestPlan> {
      const fixes = await loadFixes(fixIds);
      if (fixes.length === 0 || fixes.length !== new Set(fixIds).size) throw ApplicationFailure.nonRetryable('Some of the fixes do not exist.', 'UnknownFix');
      const refused = fixes.filter((f) => f.status !== 'validated' && !(f.status === 'pr_open' && f.prBranch === branch));
      if (refused.length) {
        throw ApplicationFailure.nonRetryable(
          `Only validated fixes can become a pull request: ${refused.map((f) => `${f.id} is ${f.status}${f.failureReason ? ` (${f.failureReason})` : ''}`).join('; ')}`,
          'FixNotValidated',
        );
      }
      if (new Set(fixes.map((f) => f.runId)).size > 1) throw ApplicationFailure.nonRetryable('A pull request takes fixes of one run only.', 'FixesSpanRuns');
      const source = await loadFixSource(knex, fixes[0]!.runId);
      const planned: PlannedFix[] = fixes.map((f) => ({ fixId: f.id, findingId: f.findingId, ruleId: f.ruleId, path: f.path, startLine: f.startLine, provider: f.provider, model: f.model, explanation: f.explanation }));
      const title = fixes.length === 1 && !ruleId ? `Argus: fix ${planned[0]!.ruleId} in ${planned[0]!.path}` : `Argus: fix ${fixes.length} ${ruleId ?? planned[0]!.ruleId} findings`;
      return { runId: source.runId, workspaceId: fixes[0]!.workspaceId, repositoryId: source.repositoryId, repositoryProvider: source.repositoryProvider, fullName: source.fullName, defaultBranch: source.defaultBranch, title: title.slice(0, 250), fixes: planned };
    },

    /**
     * Checks the run's commit out, applies the patches on a new branch, commits and pushes it. In a batch, a patch that
     * no longer applies on top of the others is left out (and reported), the rest still ship.
     */
    async pushFixBranch({ fixIds, branch, title }: FixPullRequestInput & { title: string }): Promise<PushedBranch> {
      const ctx = Context.current();
      const fixes = await loadFixes(fixIds);
      const source = await loadFixSource(knex, fixes[0]!.runId);
      const dir = await freshDir(limits.sandboxRoot, `fix-pr-${fixes[0]!.id}-${ctx.info.attempt}`);
      const stopHeartbeat = keepHeartbeating(ctx);
      try {
        const remote = await remoteFor(source, { secrets, octokitFor, allowPrivateRemotes, localGitRoot });
        await checkoutRun(dir, source, remote, limits.cloneTimeoutMs);
        ctx.heartbeat();
        const base = (await git(dir, ['rev-parse', 'HEAD'])).trim();
        const included: string[] = [];
        const skipped: PushedBranch['skipped'] = [];
        for (const fix of fixes) {
          // Each patch was made against the run's commit; the ones before it may have moved its context.
          const result = await applyPatchOnTop(dir, fix.patch!, fix.id);
          if (result.applied) {
            included.push(fix.id);
            await commitAll(dir, `fix ${fix.id}`);
          } else {
            skipped.push({ fixId: fix.id, reason: result.reason ?? 'does not apply' });
          }
        }
        if (included.length === 0) throw ApplicationFailure.nonRetryable(`No patch applies on top of the run's commit: ${skipped.map((s) => s.reason).join('; ')}`, 'PatchConflict');
        const message = [title, '', ...fixes.filter((f) => included.includes(f.id)).map((f) => `- ${f.ruleId} at ${f.path}:${f.startLine} (fix ${f.id})`), '', 'Generated and validated by Argus.'].join('\n');
        // One commit for the whole pull request.
        await git(dir, ['reset', '-q', '--soft', base]);
        const commitSha = await commitAll(dir, message);
        await pushBranch(dir, remote, branch, limits.cloneTimeoutMs);
        return { branch, commitSha, included, skipped };
      } finally {
        stopHeartbeat();
        await rm(dir, { recursive: true, force: true });
      }
    },

    /**
     * GitHub App repositories get a pull request through the installation's Octokit (a retry finds the one it already
     * opened); plain git remotes only have the pushed branch.
     */
    async openFixPullRequest({ plan, pushed }: { plan: FixPullRequestPlan; pushed: PushedBranch }): Promise<{ url: string | null; number: number | null }> {
      const source = await loadFixSource(knex, plan.runId);
      if (source.repositoryProvider !== 'github' || !source.installationId) return { url: null, number: null };
      if (!octokitFor) throw ApplicationFailure.nonRetryable('GITHUB_APP_ID is not configured, so no pull request can be opened.', 'GitHubAppNotConfigured');
      const octokit = octokitFor(Number(source.installationId));
      const [owner, repo] = source.fullName.split('/') as [string, string];
      const included = plan.fixes.filter((f) => pushed.included.includes(f.fixId));
      try {
        const pr = await octokit.rest.pulls.create({ owner, repo, title: plan.title, head: pushed.branch, base: source.defaultBranch, body: bodyFor(plan, included, pushed.commitSha) });
        return { url: pr.data.html_url, number: pr.data.number };
      } catch (err) {
        if ((err as { status?: number }).status !== 422) throw err;
        // "A pull request already exists": an earlier attempt opened it.
        const open = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${pushed.branch}`, state: 'open' });
        const existing = open.data[0];
        if (!existing) throw err;
        return { url: existing.html_url, number: existing.number };
      }
    },

    async markFixesPullRequestOpen({ fixIds, branch, url, number, workflowId }: { fixIds: string[]; branch: string; url: string | null; number: number | null; workflowId: string }): Promise<void> {
      await knex.transaction(async (trx) => {
        const rows = await markFixesPullRequestOpen(trx, fixIds, { branch, url, number, workflowId });
        for (const r of rows) await recordFixActivity(trx, { workspaceId: r.workspaceId, action: 'fix.pr_opened', fixId: r.id, after: { branch, url, number } });
      });
    },
  };
}
