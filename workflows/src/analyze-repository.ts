import {
  ApplicationFailure,
  CancellationScope,
  defineQuery,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { AnalyzeRepositoryInput, AnalyzeRepositoryResult } from './contract';

export const phaseQuery = defineQuery<string>('phase');

const quick = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10 } });
const analysisActivities = (heartbeatTimeout: string) =>
  proxyActivities<Activities>({
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout,
    retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['RepositoryTooLarge', 'UnknownRepository', 'UnsafeRemote'] },
  });
const reporting = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 5 } });

/** One analysis of one commit: clone, analyze, compare with the baseline, gate, report and meter. */
export async function analyzeRepository(input: AnalyzeRepositoryInput): Promise<AnalyzeRepositoryResult> {
  let phase = 'registering';
  setHandler(phaseQuery, () => phase);
  const run = await quick.registerRun({ ...input, workflowId: workflowInfo().workflowId });
  // The plan decides before a slot is taken: a run it does not cover is recorded as skipped, with the reason.
  // (patched: runs started before billing existed replay without the admission step.)
  const admission = patched('billing-admission') ? await quick.admitRun(run) : { admitted: true as const };
  if (!admission.admitted) {
    phase = 'skipped';
    return { runId: run.runId, status: 'skipped', gatePassed: false, findings: 0, newFindings: 0, baseline: false };
  }
  try {
    phase = 'waiting for a slot';
    while (!(await quick.acquireRunSlot(run))) await sleep(input.slotPollInterval ?? '10 seconds');
    phase = 'analyzing';
    const analysis = await analysisActivities(input.heartbeatTimeout ?? '1 minute').analyzeCommit(input.fullAnalysis ? { ...run, fullAnalysis: true } : run);
    phase = 'comparing';
    const comparison = await quick.compareWithBaseline(run);
    phase = 'gating';
    const { gatePassed } = await quick.finalizeRun(run);
    phase = 'reporting';
    await reporting.reportToGitHub(run);
    // Billing meters one analysis per run; the key makes a retried activity a no-op.
    await quick.recordUsage({ workspaceId: run.workspaceId, kind: 'analysis', idempotencyKey: `analysis:${run.runId}`, metadata: { repositoryId: run.repositoryId, files: analysis.filesTotal } });
    await quick.completeRun(run);
    phase = 'done';
    return { runId: run.runId, status: 'completed', gatePassed, findings: analysis.findings, newFindings: comparison.newFindings, baseline: comparison.baseline };
  } catch (err) {
    const cancelled = isCancellation(err);
    phase = cancelled ? 'cancelled' : 'failed';
    const message = err instanceof ApplicationFailure ? err.message : ((err as { cause?: { message?: string } })?.cause?.message ?? (err as Error).message);
    // The run row must reflect the end even when the workflow itself is being cancelled.
    await CancellationScope.nonCancellable(() => quick.failRun({ runId: run.runId, status: cancelled ? 'cancelled' : 'failed', error: message ?? 'unknown error' }));
    throw err;
  }
}
