import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { SecretBox } from './platform/secrets';
import { checkoutCommit, directorySizeBytes } from './git';
import { publishEvent } from './events';
import { summarize, type RunSummary } from '@argus/db';
import { SEVERITIES } from '@argus/workflows/contract';
import { analyzeFiles, createAnalyzers, discoverFiles, loadArgusConfig, type ArgusConfig, type Finding } from './analyzers/index';

export interface AnalysisLimits {
  maxRepositoryBytes: number;
  cloneTimeoutMs: number;
  sandboxRoot: string;
}

export const DEFAULT_LIMITS: AnalysisLimits = {
  maxRepositoryBytes: 500 * 1024 * 1024,
  cloneTimeoutMs: 5 * 60_000,
  sandboxRoot: path.join(os.tmpdir(), 'argus-runs'),
};

export interface RegisterRunInput {
  runId?: string;
  workflowId: string;
  trigger: 'push' | 'pull_request' | 'manual' | 'schedule';
  repositoryId?: string;
  githubRepoId?: number;
  commitSha?: string | null;
  ref?: string | null;
  baseSha?: string | null;
  pullRequestNumber?: number | null;
  requestedBy?: string | null;
}

export interface RunContext {
  runId: string;
  workspaceId: string;
  repositoryId: string;
}

const BATCH_FILES = 200;

export function createAnalysisActivities({ knex, secrets, limits = DEFAULT_LIMITS }: { knex: Knex; secrets: SecretBox; limits?: AnalysisLimits }) {
  async function updateRun(runId: string, patch: Record<string, unknown>) {
    const [run] = await knex('analysisRuns').where({ id: runId }).update(patch).returning(['id', 'workspaceId', 'repositoryId', 'status', 'progress']);
    if (run) await publishEvent(knex, { type: 'run.updated', runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, status: run.status, progress: run.progress });
  }

  return {
    /** Creates the run row, keyed by workflow id so a retried or replayed activity finds the same run. */
    async registerRun(input: RegisterRunInput): Promise<RunContext> {
      const repo = input.repositoryId
        ? await knex('repositories').where({ id: input.repositoryId }).whereNull('removedAt').first()
        : await knex('repositories').where({ githubRepoId: input.githubRepoId }).whereNull('removedAt').first();
      if (!repo?.workspaceId) throw ApplicationFailure.nonRetryable('The repository is not connected to an Argus workspace.', 'UnknownRepository');
      await knex('analysisRuns')
        .insert({
          ...(input.runId ? { id: input.runId } : {}),
          workflowId: input.workflowId,
          workspaceId: repo.workspaceId,
          repositoryId: repo.id,
          trigger: input.trigger,
          commitSha: input.commitSha ?? null,
          ref: input.ref ?? `refs/heads/${repo.defaultBranch}`,
          baseSha: input.baseSha ?? null,
          pullRequestNumber: input.pullRequestNumber ?? null,
          requestedBy: input.requestedBy ?? null,
        })
        .onConflict('workflow_id')
        .ignore();
      const run = await knex('analysisRuns').where({ workflowId: input.workflowId }).first('id', 'workspaceId', 'repositoryId', 'status');
      await publishEvent(knex, { type: 'run.updated', runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, status: run.status });
      return { runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId };
    },

    /** Takes one of the workspace's concurrent-run slots, atomically; false means wait and ask again. */
    async acquireRunSlot({ runId, workspaceId }: RunContext): Promise<boolean> {
      return knex.transaction(async (trx) => {
        const ws = await trx('workspaces').where({ id: workspaceId }).forUpdate().first('maxConcurrentRuns');
        const run = await trx('analysisRuns').where({ id: runId }).first('status');
        if (run.status === 'running') return true;
        const { n } = (await trx('analysisRuns').where({ workspaceId, status: 'running' }).count('* as n').first()) as { n: number };
        if (n >= ws.maxConcurrentRuns) {
          await trx('analysisRuns').where({ id: runId }).update({ progress: JSON.stringify({ phase: 'waiting', detail: `waiting for a free slot (${n}/${ws.maxConcurrentRuns} running)` }) });
          return false;
        }
        await trx('analysisRuns').where({ id: runId }).update({ status: 'running', startedAt: trx.fn.now(), progress: JSON.stringify({ phase: 'cloning' }) });
        const r = await trx('analysisRuns').where({ id: runId }).first('repositoryId');
        await publishEvent(trx, { type: 'run.updated', runId, workspaceId, repositoryId: r.repositoryId, status: 'running', progress: { phase: 'cloning' } });
        return true;
      });
    },

    /**
     * Clones the exact commit into a sandbox, runs the analyzers batch by batch and writes findings.
     * Heartbeats carry the number of finished batches, so a retry on any worker resumes where it stopped.
     */
    async analyzeCommit({ runId }: RunContext): Promise<{ filesTotal: number; findings: number; configErrors: number; commitSha: string }> {
      const ctx = Context.current();
      const resumeFrom = (ctx.info.heartbeatDetails as { batchesDone?: number } | undefined)?.batchesDone ?? 0;
      const run = await knex('analysisRuns as r').join('repositories as p', 'p.id', 'r.repositoryId').where('r.id', runId).first('r.*', 'p.cloneUrl', 'p.credentialSealed', 'p.id as repoId');
      const dir = path.join(limits.sandboxRoot, `${runId}-${ctx.info.attempt}`);
      try {
        const token = run.credentialSealed ? secrets.decrypt(run.credentialSealed, `repository:${run.repoId}`) : undefined;
        const sha = await checkoutCommit(dir, { url: run.cloneUrl, token }, { sha: run.commitSha, ref: run.ref }, limits.cloneTimeoutMs);
        ctx.heartbeat({ batchesDone: resumeFrom });
        const size = await directorySizeBytes(dir);
        if (size > limits.maxRepositoryBytes) {
          throw ApplicationFailure.nonRetryable(`The repository is ${Math.round(size / 1048576)} MB; the limit is ${Math.round(limits.maxRepositoryBytes / 1048576)} MB.`, 'RepositoryTooLarge');
        }
        const { config, errors } = await loadArgusConfig(dir);
        const discovered = await discoverFiles(dir, { ignore: config.ignore });
        const files = discovered.files;
        const batches: string[][] = [];
        for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
        await updateRun(runId, {
          commitSha: sha,
          configErrors: JSON.stringify(errors),
          gateConfig: JSON.stringify(config.gate.new),
          progress: JSON.stringify({ phase: 'analyzing', filesDone: Math.min(resumeFrom * BATCH_FILES, files.length), filesTotal: files.length, languages: discovered.languages, skipped: discovered.skipped.length }),
        });
        const analyzers = createAnalyzers();
        for (let b = resumeFrom; b < batches.length; b++) {
          // Heartbeat per file too, so a big batch never looks like a dead worker.
          const found = await analyzeFiles({ root: dir, files: batches[b]!, config, analyzers, signal: ctx.cancellationSignal, onProgress: () => ctx.heartbeat({ batchesDone: b }) });
          await insertFindings(runId, run.repositoryId, run.workspaceId, found);
          const filesDone = Math.min((b + 1) * BATCH_FILES, files.length);
          ctx.heartbeat({ batchesDone: b + 1 });
          await updateRun(runId, { progress: JSON.stringify({ phase: 'analyzing', filesDone, filesTotal: files.length, languages: discovered.languages, skipped: discovered.skipped.length }) });
        }
        const { n } = (await knex('findings').where({ runId }).count('* as n').first()) as { n: number };
        return { filesTotal: files.length, findings: n, configErrors: errors.length, commitSha: sha };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    /**
     * Marks findings new or existing. A pull request compares with the newest finished run of its base commit,
     * a push with the previous default-branch run; a repository's first run is its baseline.
     */
    async compareWithBaseline({ runId, repositoryId }: RunContext): Promise<{ baseline: boolean; comparedToRunId: string | null; newFindings: number }> {
      const run = await knex('analysisRuns').where({ id: runId }).first();
      const finished = () => knex('analysisRuns').where({ repositoryId, status: 'completed' }).whereNot({ id: runId }).orderBy('finishedAt', 'desc');
      let previous = run.baseSha ? await finished().where({ commitSha: run.baseSha }).first('id') : undefined;
      if (!previous) {
        previous = await finished()
          .whereIn('trigger', ['push', 'manual', 'schedule'])
          .where('createdAt', '<=', run.createdAt)
          .first('id');
      }
      if (!previous) {
        await knex('findings').where({ runId }).update({ isNew: false });
        await knex('analysisRuns').where({ id: runId }).update({ isBaseline: true, comparedToRunId: null });
        return { baseline: true, comparedToRunId: null, newFindings: 0 };
      }
      const newFindings = await knex('findings')
        .where({ runId })
        .whereNotIn('fingerprint', knex('findings').where({ runId: previous.id }).select('fingerprint'))
        .update({ isNew: true });
      await knex('findings')
        .where({ runId })
        .whereIn('fingerprint', knex('findings').where({ runId: previous.id }).select('fingerprint'))
        .update({ isNew: false });
      await knex('analysisRuns').where({ id: runId }).update({ isBaseline: false, comparedToRunId: previous.id });
      return { baseline: false, comparedToRunId: previous.id, newFindings };
    },

    /** Summary by severity and category, and the quality gate on new, untriaged, unsuppressed findings. */
    async finalizeRun({ runId, repositoryId }: RunContext): Promise<{ gatePassed: boolean; summary: RunSummary }> {
      const rows = await knex('findings as f')
        .leftJoin('findingTriage as t', function () {
          this.on('t.repositoryId', '=', 'f.repositoryId').andOn('t.fingerprint', '=', 'f.fingerprint');
        })
        .where('f.runId', runId)
        .select('f.severity', 'f.category', 'f.isNew', 'f.suppressionKind', knex.raw(`coalesce(t.status, 'open') as triage`));
      const summary = summarize(rows);
      const config = await gateConfigFor(runId);
      const limits = config as Partial<Record<(typeof SEVERITIES)[number], number>>;
      const conditions = SEVERITIES.filter((s) => limits[s] !== undefined).map((severity) => ({
        severity,
        maxNew: limits[severity]!,
        actualNew: summary.newBySeverity[severity],
        passed: summary.newBySeverity[severity] <= limits[severity]!,
      }));
      const gate = { passed: conditions.every((c) => c.passed), conditions };
      await updateRun(runId, { summary: JSON.stringify(summary), gate: JSON.stringify(gate), progress: JSON.stringify({ phase: 'reporting' }) });
      void repositoryId;
      return { gatePassed: gate.passed, summary };
    },

    /** The last step: a run reads "completed" only once it is reported and metered too. */
    async completeRun({ runId }: RunContext): Promise<void> {
      await updateRun(runId, { status: 'completed', finishedAt: knex.fn.now(), progress: JSON.stringify({ phase: 'done' }) });
    },

    async failRun({ runId, status, error }: { runId: string; status: 'failed' | 'cancelled'; error: string }): Promise<void> {
      await updateRun(runId, { status, error: error.slice(0, 2000), finishedAt: knex.fn.now(), progress: JSON.stringify({ phase: status }) });
    },
  };

  async function gateConfigFor(runId: string): Promise<ArgusConfig['gate']['new']> {
    const run = await knex('analysisRuns').where({ id: runId }).first('gateConfig');
    return (run?.gateConfig as ArgusConfig['gate']['new'] | undefined) ?? { critical: 0, high: 0 };
  }

  async function insertFindings(runId: string, repositoryId: string, workspaceId: string, found: Finding[]) {
    for (let i = 0; i < found.length; i += 500) {
      const rows = found.slice(i, i + 500).map((f) => ({
        runId,
        repositoryId,
        workspaceId,
        tool: f.tool,
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        path: f.path,
        startLine: f.startLine,
        startColumn: f.startColumn,
        endLine: f.endLine,
        endColumn: f.endColumn,
        message: f.message.slice(0, 4000),
        snippet: f.snippet,
        helpUrl: f.helpUrl,
        fingerprint: f.fingerprint,
        suppressionKind: f.suppression?.kind ?? null,
        suppressionReason: f.suppression?.reason ?? null,
      }));
      await knex('findings').insert(rows).onConflict(['run_id', 'fingerprint']).ignore();
    }
  }
}
