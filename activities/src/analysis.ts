import path from 'node:path';
import { rm } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from '@argus/db';
import type { SecretBox } from './platform/secrets';
import { checkoutCommit, diffNameStatus, directorySizeBytes, fetchCommit, fetchHistory, lineOrigin, trackedFiles, UnsafeRemoteError, type GitRemote } from './git';
import { publishEvent } from './events';
import {
  carryForwardFindings,
  secretFindingsWithoutOrigin,
  setFindingMessage,
  SECRET_ORIGIN_MARK,
  countFindingsOfRun,
  deleteNonTaintFindingsAt,
  createRun,
  evaluateGate,
  findActiveRepository,
  findActiveRepositoryByGitHubId,
  findBaselineRun,
  findCarryForwardBase,
  findRunById,
  findRunForAnalysis,
  findRunGateConfig,
  insertFindings,
  markNewFindings,
  markRunCompleted,
  markRunFailed,
  pathsWithDifferentTaintFindings,
  recordRunCheckout,
  recordRunComparison,
  recordRunLinesOfCode,
  recordRunResult,
  setRunProgress,
  summarizeRunFindings,
  takeRunSlot,
  type GateConfig,
  type NewFinding,
  type RunAnalysisPlan,
  type RunForAnalysis,
  type RunEventFields,
  type RunSummary,
} from '@argus/db';
import { discoverFiles, loadArgusConfig, type AnalyzerId, type ArgusConfig, type Finding } from './analyzers/index';
import { analysisThreadsWarm, analyzeBatchesInOrder, createAnalysisPool } from './analyzers/analysis-pool';
import { analysisKeyOf, INCREMENTAL_MAX_CHANGED_SHARE, parseNameStatus, planIncrementalAnalysis, type IncrementalPlan } from './analyzers/incremental';
import { withRepositorySettings } from './analyzers/repository-settings';
import { indexCodeOfRun } from './search/code-index';
import { countLinesOfCode } from './analytics/lines-of-code';
import { endRunWithAnalytics, recordRunStarted } from './analytics/run-rollups';
import { sandboxRootFor } from './platform/sandbox-root';

export interface AnalysisLimits {
  maxRepositoryBytes: number;
  cloneTimeoutMs: number;
  sandboxRoot: string;
}

export const DEFAULT_LIMITS: AnalysisLimits = {
  maxRepositoryBytes: 500 * 1024 * 1024,
  cloneTimeoutMs: 5 * 60_000,
  sandboxRoot: sandboxRootFor(undefined),
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

export interface AnalyzeCommitInput extends RunContext {
  /** Analyze every file even where a pull request could be analyzed incrementally. */
  fullAnalysis?: boolean;
}

/** A full analysis, or the changed files of a pull request with the base run's other findings carried forward. */
type AnalysisPlan = RunAnalysisPlan & { incremental: (IncrementalPlan & { baseRunId: string }) | null };

const BATCH_FILES = 200;
/** How far back a committed secret's origin is looked for, and for how many of a run's secrets at most. */
const SECRET_HISTORY_DEPTH = 100;
const SECRET_ORIGIN_LIMIT = 100;
/** Smaller batches are not split further: each batch has a fixed cost (routing, dedupe, one insert). */
const MIN_BATCH_FILES = 20;
/** Batches per analysis thread for a list shorter than a batch per thread (see analyzeCommit). */
const BATCHES_PER_THREAD = 4;

export function createAnalysisActivities({ knex, secrets, limits = DEFAULT_LIMITS, allowPrivateRemotes = false, localGitRoot }: { knex: Knex; secrets: SecretBox; limits?: AnalysisLimits; allowPrivateRemotes?: boolean; localGitRoot?: string }) {
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
    async analyzeCommit({ runId, fullAnalysis }: AnalyzeCommitInput): Promise<{ filesTotal: number; findings: number; configErrors: number; commitSha: string; mode: 'full' | 'incremental'; filesAnalyzed: number }> {
      const ctx = Context.current();
      const details = ctx.info.heartbeatDetails as { batchesDone?: number; lanes?: number; split?: number } | undefined;
      const resumeFrom = details?.batchesDone ?? 0;
      const run = await findRunForAnalysis(knex, runId);
      // Where the time of a run goes, logged at debug level at the end (a slow run's first question).
      const t0 = performance.now();
      const phases: Record<string, number> = {};
      const T = (phase: string) => void (phases[phase] = Math.round(performance.now() - t0));
      const dir = path.join(limits.sandboxRoot, `${runId}-${ctx.info.attempt}`);
      // An attempt whose worker was killed left its checkout behind (in memory, where /dev/shm is the sandbox).
      for (let earlier = 1; earlier < ctx.info.attempt; earlier++) {
        const stale = path.join(limits.sandboxRoot, `${runId}-${earlier}`);
        await Promise.all([rm(stale, { recursive: true, force: true }), rm(`${stale}-history`, { recursive: true, force: true })]);
      }
      try {
        const token = run.credentialSealed ? secrets.decrypt(run.credentialSealed, `repository:${run.repoId}`) : undefined;
        const remote: GitRemote = { url: run.cloneUrl, token, allowPrivate: allowPrivateRemotes, localRoot: localGitRoot };
        const sha = await checkoutCommit(dir, remote, { sha: run.commitSha, ref: run.ref }, limits.cloneTimeoutMs).catch((err: unknown) => {
          // Checked again at clone time (DNS may have changed since the repository was connected); a refusal is final.
          if (err instanceof UnsafeRemoteError) throw ApplicationFailure.nonRetryable(err.message, 'UnsafeRemote');
          throw err;
        });
        ctx.heartbeat({ batchesDone: resumeFrom, lanes: details?.lanes, split: details?.split });
        T('checkout');
        const size = await directorySizeBytes(dir);
        if (size > limits.maxRepositoryBytes) {
          throw ApplicationFailure.nonRetryable(`The repository is ${Math.round(size / 1048576)} MB; the limit is ${Math.round(limits.maxRepositoryBytes / 1048576)} MB.`, 'RepositoryTooLarge');
        }
        // The portal's gate and rule settings merge in where .argus.yml leaves them open (before the analysis key).
        const { config, errors } = await withRepositorySettings(knex, { repositoryId: run.repositoryId, commitSha: sha, pullRequest: run.trigger === 'pull_request' }, await loadArgusConfig(dir));
        const discovered = await discoverFiles(dir, { ignore: config.ignore });
        T('discover');
        const plan = await planAnalysis(run, dir, remote, config, discovered.files, resumeFrom > 0, fullAnalysis === true);
        // A pull request analyzed incrementally: its changed files by every analyzer, their importers for taint only.
        const groups: { files: string[]; config: ArgusConfig }[] = plan.incremental
          ? [
              { files: plan.incremental.analyze, config },
              { files: plan.incremental.taintOnly, config: taintOnlyConfig(config) },
            ]
          : [{ files: discovered.files, config }];
        const files = groups.flatMap((g) => g.files);
        T('plan');
        await published(
          await recordRunCheckout(knex, runId, {
            commitSha: sha,
            configErrors: errors,
            gateConfig: config.gate.new,
            plan,
            progress: { phase: 'analyzing', filesDone: Math.min(resumeFrom * BATCH_FILES, files.length), filesTotal: files.length, languages: discovered.languages, skipped: discovered.skipped.length },
          }),
        );
        T('recordCheckout');
        // Batches run concurrently on analysis threads (ARGUS_ANALYSIS_THREADS) and are stored in order, so
        // `batchesDone` stays "every batch before it is stored" and a retry resumes exactly there. A run of one batch's
        // worth of files runs in this thread when no thread is loaded (starting one costs about 3 s); when threads are
        // warm, its files are split across them. A retry batches as its first attempt did (`lanes` in the heartbeat).
        const warm = analysisThreadsWarm();
        const pool = createAnalysisPool(files.length - resumeFrom * BATCH_FILES > BATCH_FILES || warm ? undefined : 1);
        // An attempt that stored batches before `lanes` was recorded batched by BATCH_FILES alone (lanes 1).
        const lanes = details?.lanes ?? (resumeFrom > 0 ? 1 : pool.threads);
        // A short list is cut into several batches per thread: batches differ in cost (a changed file gets every
        // analyzer, an importer taint only), and one batch per thread left a thread idle while the other finished
        // (a pull request's importers: 0.8 s against 1.7 s). Attempts from before `split` was recorded used 1.
        const split = details?.split ?? (resumeFrom > 0 ? 1 : lanes > 1 ? BATCHES_PER_THREAD : 1);
        const batchesOf = (list: string[]) => {
          const size = Math.min(BATCH_FILES, Math.max(MIN_BATCH_FILES, Math.ceil(list.length / (lanes * split))));
          return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
        };
        let batchesDone = resumeFrom;
        let filesDone = 0;
        /**
         * Analyzes and stores the groups' batches, numbered one after another from `offset`, all on the pool at once
         * (a pull request's few changed files no longer keep a thread to themselves while the other waits for their
         * importers); stored in that order. `resumable` false for re-checks.
         */
        const analyzeGroups = async (list: { files: string[]; config: ArgusConfig }[], offset: number, resumable: boolean) => {
          const grouped = list.map((g) => ({ batches: batchesOf(g.files), config: g.config }));
          const batches = grouped.flatMap((g) => g.batches);
          const configs = grouped.flatMap((g) => g.batches.map(() => g.config));
          await analyzeBatchesInOrder(pool, {
            root: dir,
            config: configs[0] ?? config,
            configOf: (index) => configs[index]!,
            batches,
            // Small batches wait for a slow earlier one in proportion: as many files as two full batches per thread.
            window: lanes * 2 * split,
            from: resumable ? Math.min(batches.length, Math.max(0, resumeFrom - offset)) : 0,
            signal: ctx.cancellationSignal,
            // Heartbeat per file too, so a big batch never looks like a dead worker.
            onProgress: () => ctx.heartbeat({ batchesDone, lanes, split }),
            onBatch: async (b, found) => {
              await storeFindings(runId, run.repositoryId, run.workspaceId, found);
              if (resumable) batchesDone = offset + b + 1;
              ctx.heartbeat({ batchesDone, lanes, split });
              filesDone = Math.min(files.length, filesDone + batches[b]!.length);
              await published(await setRunProgress(knex, runId, { phase: 'analyzing', filesDone, filesTotal: files.length, languages: discovered.languages, skipped: discovered.skipped.length }));
            },
          });
          return batches.length;
        };
        // Counted while the threads analyze: reading every file of a large checkout is a sizeable share of a small run.
        const linesOfCode = countLinesOfCode(dir, discovered.files);
        linesOfCode.catch(() => undefined);
        try {
          const offset = await analyzeGroups(groups, 0, true);
          T('analyze');
          if (plan.incremental) {
            const { baseRunId, replaced, touched } = plan.incremental;
            // After the analysis, so a finding analyzed again wins over its carried copy (same fingerprint).
            await carryForwardFindings(knex, { runId, fromRunId: baseRunId, replaced, touched });
            // Where the flows changed, a flow may now outrank (or no longer outrank) another tool's finding of the
            // same weakness: those files are analyzed again by every analyzer, as a full run would.
            const skip = new Set(replaced);
            const covered = new Set(discovered.files);
            const recheck = (await pathsWithDifferentTaintFindings(knex, runId, baseRunId)).filter((p) => !skip.has(p) && covered.has(p));
            await deleteNonTaintFindingsAt(knex, runId, recheck);
            await analyzeGroups([{ files: recheck, config }], offset, false);
            T('carryForward');
          }
        } finally {
          await pool.close();
        }
        await recordRunLinesOfCode(knex, runId, await linesOfCode);
        await noteSecretOrigins(runId, `${dir}-history`, sha, remote);
        T('secretOrigins');
        // Code search indexes the default branch's files from this same checkout (issue 14).
        await indexCodeOfRun(knex, runId, dir, discovered.files);
        T('indexCode');
        ctx.log.debug('analysis phases (ms since start)', { runId, mode: plan.analysisMode, filesAnalyzed: files.length, ...phases });
        return { filesTotal: discovered.files.length, findings: await countFindingsOfRun(knex, runId), configErrors: errors.length, commitSha: sha, mode: plan.analysisMode, filesAnalyzed: files.length };
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
      // An incremental run is compared with the run it carried findings from.
      const previous = run.carriedFromRunId ? { id: run.carriedFromRunId } : await findBaselineRun(knex, { id: runId, repositoryId, baseSha: run.baseSha, createdAt: run.createdAt });
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
      const gate = evaluateGate(summary, config as GateConfig);
      await published(await recordRunResult(knex, runId, { summary, gate, progress: { phase: 'reporting' } }));
      void repositoryId;
      return { gatePassed: gate.passed, summary };
    },

    /** The last step: a run reads "completed" only once it is reported and metered too. */
    async completeRun({ runId }: RunContext): Promise<void> {
      await published(await endRunWithAnalytics(knex, runId, (trx) => markRunCompleted(trx, runId)));
    },

    async failRun({ runId, status, error }: { runId: string; status: 'failed' | 'cancelled'; error: string }): Promise<void> {
      await published(await endRunWithAnalytics(knex, runId, (trx) => markRunFailed(trx, runId, status, error)));
    },
  };

  /**
   * Decides how much of the checkout to analyze. A pull request whose base commit has a completed run with the same
   * analysis key is analyzed incrementally; a retry keeps the decision its first attempt recorded.
   */
  async function planAnalysis(run: RunForAnalysis, dir: string, remote: GitRemote, config: ArgusConfig, files: string[], retry: boolean, forceFull: boolean): Promise<AnalysisPlan> {
    const analysisKey = await analysisKeyOf(dir, config);
    const full: AnalysisPlan = { analysisKey, analysisMode: 'full', filesAnalyzed: files.length, filesChanged: null, carriedFromRunId: null, incremental: null };
    if (retry && run.analysisMode === 'full') return full;
    if (forceFull || run.trigger !== 'pull_request' || !run.baseSha) return full;
    const base = retry && run.carriedFromRunId ? { id: run.carriedFromRunId, commitSha: run.baseSha } : await findCarryForwardBase(knex, { id: run.id, repositoryId: run.repositoryId, baseSha: run.baseSha, analysisKey });
    if (!base || !(await fetchCommit(dir, remote, base.commitSha, limits.cloneTimeoutMs))) return full;
    const change = parseNameStatus(await diffNameStatus(dir, base.commitSha));
    if (change.changed.length + change.deleted.length > Math.max(1, files.length) * INCREMENTAL_MAX_CHANGED_SHARE) return full;
    const incremental = await planIncrementalAnalysis({ root: dir, files, tracked: await trackedFiles(dir), change });
    return {
      analysisKey,
      analysisMode: 'incremental',
      filesAnalyzed: incremental.analyze.length + incremental.taintOnly.length,
      filesChanged: change.changed.length + change.deleted.length,
      carriedFromRunId: base.id,
      incremental: { ...incremental, baseRunId: base.id },
    };
  }

  /**
   * Says in each committed secret's message which commit added it (blame over the last SECRET_HISTORY_DEPTH commits,
   * fetched only when the run has secrets). Carried findings keep the note their run gave them. Where the line is
   * older than the history fetched, the note says so instead of naming the oldest fetched commit; that keeps the note
   * the same whichever later commit is analyzed.
   */
  async function noteSecretOrigins(runId: string, historyDir: string, sha: string, remote: GitRemote): Promise<void> {
    const secrets = await secretFindingsWithoutOrigin(knex, runId, SECRET_ORIGIN_LIMIT);
    if (secrets.length === 0) return;
    try {
      if (!(await fetchHistory(historyDir, remote, sha, SECRET_HISTORY_DEPTH, limits.cloneTimeoutMs))) return;
      for (const f of secrets) {
        const origin = await lineOrigin(historyDir, sha, f.path, f.startLine);
        if (!origin) continue;
        const note = origin.beforeHistory
          ? `${SECRET_ORIGIN_MARK}before the ${SECRET_HISTORY_DEPTH} most recent commits (rotate it: it is in the history even if removed now).`
          : `${SECRET_ORIGIN_MARK}in commit ${origin.sha.slice(0, 12)} by ${origin.author.slice(0, 100)} on ${origin.date} (rotate it: removing it leaves it in the history).`;
        await setFindingMessage(knex, f.id, `${f.message.replace(/\s+$/, '')}${note}`);
      }
    } finally {
      await rm(historyDir, { recursive: true, force: true });
    }
  }

  /** The configuration with every analyzer but taint turned off, for the importers of a changed file. */
  function taintOnlyConfig(config: ArgusConfig): ArgusConfig {
    const ids: AnalyzerId[] = ['eslint', 'ruff', 'secrets', 'ast-grep', 'taint', 'config-files'];
    return { ...config, analyzers: Object.fromEntries(ids.map((id) => [id, id === 'taint' && config.analyzers.taint !== false])) as ArgusConfig['analyzers'] };
  }

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
        originPath: f.origin ?? null,
        cwe: f.cwe ?? [],
      })),
    );
  }
}
