import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from '@argus/db';
import type { SecretBox } from './platform/secrets';
import { checkoutCommit, directorySizeBytes, UnsafeRemoteError } from './git';
import { publishEvent } from './events';
import {
  countFindingsOfRun,
  createRun,
  evaluateGate,
  findActiveRepository,
  findActiveRepositoryByGitHubId,
  findBaselineRun,
  findRunById,
  findRunForAnalysis,
  findRunGateConfig,
  insertFindings,
  markNewFindings,
  markRunCompleted,
  markRunFailed,
  recordRunCheckout,
  recordRunComparison,
  recordRunResult,
  setRunProgress,
  summarizeRunFindings,
  takeRunSlot,
  type NewFinding,
  type RunEventFields,
  type RunSummary,
} from '@argus/db';
import type { SEVERITIES } from '@argus/workflows/contract';
import { analyzeFiles, createAnalyzers, discoverFiles, loadArgusConfig, type ArgusConfig, type Finding } from './analyzers/index';
import { indexCodeOfRun } from './search/code-index';
import { countLinesOfCode } from './analytics/lines-of-code';
import { recordRunStarted, refreshAnalyticsOfRun } from './analytics/run-rollups';

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

export function createAnalysisActivities({ knex, secrets, limits = DEFAULT_LIMITS, allowPrivateRemotes = false }: { knex: Knex; secrets: SecretBox; limits?: AnalysisLimits; allowPrivateRemotes?: boolean }) {
  /** Every change of a run goes out as a live event. */
  async function published(run: RunEventFields | undefined) {
    if (run) await publishEvent(knex, { type: 'run.updated', runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, status: run.status, progress: run.progress });
  }

  return {
    /** Creates the run row, keyed by workflow id so a retried or replayed activity finds the same run. */
    async registerRun(input: RegisterRunInput): Promise<RunContext> {
      const repo = input.repositoryId
        ? await findActiveRepository(knex, input.repositoryId)
        : input.githubRepoId !== undefined
          ? await findActiveRepositoryByGitHubId(knex, input.githubRepoId)
          : undefined;
      if (!repo?.workspaceId) throw ApplicationFailure.nonRetryable('The repository is not connected to an Argus workspace.', 'UnknownRepository');
      // A manual run's row was created by the API already: this finds it by workflow id.
      const run = await createRun(knex, {
        id: input.runId,
        workflowId: input.workflowId,
        workspaceId: repo.workspaceId,
        repositoryId: repo.id,
        trigger: input.trigger,
        commitSha: input.commitSha,
        ref: input.ref ?? `refs/heads/${repo.defaultBranch}`,
        baseSha: input.baseSha,
        pullRequestNumber: input.pullRequestNumber,
        requestedBy: input.requestedBy,
      });
      await recordRunStarted(knex, run);
      await publishEvent(knex, { type: 'run.updated', runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, status: run.status });
      return { runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId };
    },

    /** Takes one of the workspace's concurrent-run slots, atomically; false means wait and ask again. */
    async acquireRunSlot({ runId, workspaceId }: RunContext): Promise<boolean> {
      return knex.transaction(async (trx) => {
        const slot = await takeRunSlot(trx, { runId, workspaceId });
        if (slot.acquired && slot.started) await publishEvent(trx, { type: 'run.updated', runId, workspaceId, repositoryId: slot.repositoryId, status: 'running', progress: { phase: 'cloning' } });
        return slot.acquired;
      });
    },

    /**
     * Clones the exact commit into a sandbox, runs the analyzers batch by batch and writes findings.
     * Heartbeats carry the number of finished batches, so a retry on any worker resumes where it stopped.
     */
    async analyzeCommit({ runId }: RunContext): Promise<{ filesTotal: number; findings: number; configErrors: number; commitSha: string }> {
      const ctx = Context.current();
      const resumeFrom = (ctx.info.heartbeatDetails as { batchesDone?: number } | undefined)?.batchesDone ?? 0;
      const run = await findRunForAnalysis(knex, runId);
      const dir = path.join(limits.sandboxRoot, `${runId}-${ctx.info.attempt}`);
      try {
        const token = run.credentialSealed ? secrets.decrypt(run.credentialSealed, `repository:${run.repoId}`) : undefined;
        const sha = await checkoutCommit(dir, { url: run.cloneUrl, token, allowPrivate: allowPrivateRemotes }, { sha: run.commitSha, ref: run.ref }, limits.cloneTimeoutMs).catch((err: unknown) => {
          // Checked again at clone time (DNS may have changed since the repository was connected); a refusal is final.
          if (err instanceof UnsafeRemoteError) throw ApplicationFailure.nonRetryable(err.message, 'UnsafeRemote');
          throw err;
        });
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
        await published(
          await recordRunCheckout(knex, runId, {
            commitSha: sha,
            configErrors: errors,
            gateConfig: config.gate.new,
            linesOfCode: await countLinesOfCode(dir, files),
            progress: { phase: 'analyzing', filesDone: Math.min(resumeFrom * BATCH_FILES, files.length), filesTotal: files.length, languages: discovered.languages, skipped: discovered.skipped.length },
          }),
        );
        const analyzers = createAnalyzers();
        for (let b = resumeFrom; b < batches.length; b++) {
          // Heartbeat per file too, so a big batch never looks like a dead worker.
          const found = await analyzeFiles({ root: dir, files: batches[b]!, config, analyzers, signal: ctx.cancellationSignal, onProgress: () => ctx.heartbeat({ batchesDone: b }) });
          await storeFindings(runId, run.repositoryId, run.workspaceId, found);
          const filesDone = Math.min((b + 1) * BATCH_FILES, files.length);
          ctx.heartbeat({ batchesDone: b + 1 });
          await published(await setRunProgress(knex, runId, { phase: 'analyzing', filesDone, filesTotal: files.length, languages: discovered.languages, skipped: discovered.skipped.length }));
        }
        // Code search indexes the default branch's files from this same checkout (issue 14).
        await indexCodeOfRun(knex, runId, dir, files);
        return { filesTotal: files.length, findings: await countFindingsOfRun(knex, runId), configErrors: errors.length, commitSha: sha };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    /**
     * Marks findings new or existing. A pull request compares with the newest finished run of its base commit,
     * a push with the previous default-branch run; a repository's first run is its baseline.
     */
    async compareWithBaseline({ runId, repositoryId }: RunContext): Promise<{ baseline: boolean; comparedToRunId: string | null; newFindings: number }> {
      const run = (await findRunById(knex, runId))!;
      const previous = await findBaselineRun(knex, { id: runId, repositoryId, baseSha: run.baseSha, createdAt: run.createdAt });
      const comparedToRunId = previous?.id ?? null;
      const newFindings = await markNewFindings(knex, runId, comparedToRunId);
      await recordRunComparison(knex, runId, comparedToRunId);
      return { baseline: comparedToRunId === null, comparedToRunId, newFindings };
    },

    /** Summary by severity and category, and the quality gate on new, untriaged, unsuppressed findings. */
    async finalizeRun({ runId, repositoryId }: RunContext): Promise<{ gatePassed: boolean; summary: RunSummary }> {
      const summary = await summarizeRunFindings(knex, runId);
      const config = await gateConfigFor(runId);
      // The same evaluation as when triage recounts a finished run (db's evaluateGate).
      const gate = evaluateGate(summary, config as Partial<Record<(typeof SEVERITIES)[number], number>>);
      await published(await recordRunResult(knex, runId, { summary, gate, progress: { phase: 'reporting' } }));
      void repositoryId;
      return { gatePassed: gate.passed, summary };
    },

    /** The last step: a run reads "completed" only once it is reported and metered too. */
    async completeRun({ runId }: RunContext): Promise<void> {
      await published(await markRunCompleted(knex, runId));
      await refreshAnalyticsOfRun(knex, runId);
    },

    async failRun({ runId, status, error }: { runId: string; status: 'failed' | 'cancelled'; error: string }): Promise<void> {
      await published(await markRunFailed(knex, runId, status, error));
      await refreshAnalyticsOfRun(knex, runId);
    },
  };

  async function gateConfigFor(runId: string): Promise<ArgusConfig['gate']['new']> {
    return ((await findRunGateConfig(knex, runId)) as ArgusConfig['gate']['new'] | null) ?? { critical: 0, high: 0 };
  }

  async function storeFindings(runId: string, repositoryId: string, workspaceId: string, found: Finding[]) {
    await insertFindings(
      knex,
      found.map((f): NewFinding => ({
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
        fileRole: f.fileRole ?? 'production',
        codeFlow: f.flow ?? null,
        cwe: f.cwe ?? [],
      })),
    );
  }
}
