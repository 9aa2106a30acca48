import { Octokit } from '@octokit/rest';
import { createAppAuth } from '@octokit/auth-app';
import type { Knex } from '@argus/db';
import { findRunForReport, newOpenFindingsOfRun, recordRunGitHubIds } from '@argus/db';
import type { RunContext } from './analysis';

export interface GitHubAppConfig {
  appId: string;
  privateKey: string;
  /** https://api.github.com, or GitHub Enterprise's /api/v3 (tests use a loopback server speaking GitHub's API). */
  apiUrl: string;
}

export type OctokitFor = (installationId: number) => Octokit;

/**
 * One Octokit per installation. @octokit/auth-app signs the app JWT and caches installation tokens until
 * shortly before they expire, so repeated calls reuse one token.
 */
export function createOctokitFactory(app: GitHubAppConfig): OctokitFor {
  const cache = new Map<number, Octokit>();
  return (installationId) => {
    let octokit = cache.get(installationId);
    if (!octokit) {
      octokit = new Octokit({
        baseUrl: app.apiUrl,
        authStrategy: createAppAuth,
        auth: { appId: app.appId, privateKey: app.privateKey, installationId },
        request: { retries: 0 },
      });
      cache.set(installationId, octokit);
    }
    return octokit;
  };
}

const ANNOTATION_BATCH = 50; // GitHub accepts at most 50 annotations per request.
const LEVEL: Record<string, 'failure' | 'warning' | 'notice'> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice', info: 'notice' };
const COMMENT_MARKER = '<!-- argus:analysis -->';

export function createGitHubActivities({ knex, octokitFor, portalUrl }: { knex: Knex; octokitFor: OctokitFor | null; portalUrl: string }) {
  return {
    /**
     * Publishes the gate as a Check Run with annotations for new findings, and a summary comment on pull
     * requests. Ids are stored on the run, so a retried activity updates instead of creating twice.
     */
    async reportToGitHub({ runId }: RunContext): Promise<{ reported: boolean; reason?: string }> {
      const run = await findRunForReport(knex, runId);
      if (run.provider !== 'github' || !run.installationId) return { reported: false, reason: 'not a GitHub App repository' };
      if (!octokitFor) return { reported: false, reason: 'GITHUB_APP_ID is not configured' };
      const octokit = octokitFor(Number(run.installationId));
      const [owner, repo] = run.fullName.split('/') as [string, string];
      const summary = run.summary!;
      const gate = run.gate!;
      const newFindings = await newOpenFindingsOfRun(knex, runId);
      const annotations = newFindings.map((f) => ({
        path: f.path,
        start_line: f.startLine,
        end_line: f.endLine,
        ...(f.startLine === f.endLine ? { start_column: f.startColumn, end_column: Math.max(f.endColumn, f.startColumn) } : {}),
        annotation_level: LEVEL[f.severity] ?? 'notice',
        title: `${f.ruleId} (${f.severity})`,
        message: f.message,
      }));
      const runUrl = `${portalUrl}/runs/${runId}`;
      const title = gate.passed ? 'Quality gate passed' : `Quality gate failed: ${gate.conditions.filter((c) => !c.passed).map((c) => `${c.actualNew} new ${c.severity}`).join(', ')}`;
      const text = [
        `**${summary.new}** new and **${summary.open}** open findings (${summary.suppressed} suppressed inline, ${summary.triaged} triaged).`,
        '',
        '| Severity | New | Open |',
        '|---|---|---|',
        ...(['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => `| ${s} | ${summary.newBySeverity[s]} | ${summary.bySeverity[s]} |`),
        '',
        `[Open the run in Argus](${runUrl})`,
      ].join('\n');
      const output = (batch: typeof annotations) => ({ title, summary: text, annotations: batch });

      let checkRunId = run.githubCheckRunId;
      const first = annotations.slice(0, ANNOTATION_BATCH);
      if (!checkRunId) {
        const created = await octokit.rest.checks.create({
          owner,
          repo,
          name: 'Argus',
          head_sha: run.commitSha!,
          external_id: runId,
          details_url: runUrl,
          status: 'completed',
          conclusion: gate.passed ? 'success' : 'failure',
          output: output(first),
        });
        checkRunId = created.data.id;
        await recordRunGitHubIds(knex, runId, { githubCheckRunId: checkRunId });
      }
      for (let i = ANNOTATION_BATCH; i < annotations.length; i += ANNOTATION_BATCH) {
        await octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: output(annotations.slice(i, i + ANNOTATION_BATCH)) });
      }
      if (run.pullRequestNumber) {
        const body = `${COMMENT_MARKER}\n### Argus: ${title}\n\n${text}`;
        if (run.githubCommentId) {
          await octokit.rest.issues.updateComment({ owner, repo, comment_id: run.githubCommentId, body });
        } else {
          const comment = await octokit.rest.issues.createComment({ owner, repo, issue_number: run.pullRequestNumber, body });
          await recordRunGitHubIds(knex, runId, { githubCommentId: comment.data.id });
        }
      }
      return { reported: true };
    },
  };
}
