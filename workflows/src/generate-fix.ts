import { ActivityFailure, ApplicationFailure, CancellationScope, defineQuery, isCancellation, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities, FixFailureType } from '@argus/activities/worker';
import type { GenerateFixInput, GenerateFixResult } from './contract';

export const fixPhaseQuery = defineQuery<string>('fixPhase');

/** Final the first time: a retry would get the same answer. */
const FINAL_FAILURES: (FixFailureType | 'UnknownFix' | 'FixNotGenerating' | 'FixNotGenerated')[] = [
  'NoFixAvailable',
  'InvalidPatch',
  'ProviderRefused',
  'ProviderRateLimited',
  'ProviderNotConfigured',
  'ProviderRejectedRequest',
  'UnknownFix',
  'FixNotGenerating',
  'FixNotGenerated',
];
/** Expected ends of a fix: recorded on the fix, and the workflow completes (they are outcomes, not incidents). */
const FIX_OUTCOMES: string[] = [...FINAL_FAILURES, 'ProviderTimeout', 'ProviderUnavailable'];

const quick = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10 } });
const validating = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['UnknownFix', 'FixNotGenerated'] },
});

function applicationFailureOf(err: unknown): ApplicationFailure | null {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause;
  return null;
}

/**
 * One fix of one finding by one provider: generate a patch, meter it, then validate it on a clean checkout of the
 * run's commit. A fix that cannot be made ends as `failed` with its reason; one that does not hold up as `rejected`.
 */
export async function generateFix(input: GenerateFixInput): Promise<GenerateFixResult> {
  let phase = 'starting';
  setHandler(fixPhaseQuery, () => phase);
  const generating = proxyActivities<Activities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: input.maxAttempts ?? 3, initialInterval: input.retryInterval ?? '10 seconds', backoffCoefficient: 2, nonRetryableErrorTypes: FINAL_FAILURES },
  });
  const fix = await quick.startFixGeneration({ fixId: input.fixId });
  try {
    phase = 'generating';
    const generated = await generating.generateFixPatch({ fixId: fix.fixId, timeoutMs: input.providerTimeoutMs });
    // Billing meters one fix per generated patch; the key makes a retried activity a no-op.
    await quick.recordUsage({
      workspaceId: fix.workspaceId,
      kind: 'fix',
      idempotencyKey: `fix:${fix.fixId}`,
      metadata: { findingId: fix.findingId, runId: fix.runId, provider: fix.provider, model: generated.model, tokensIn: generated.tokensIn, tokensOut: generated.tokensOut, costMicroUsd: generated.costMicroUsd },
    });
    phase = 'validating';
    const verdict = await validating.validateFix({ fixId: fix.fixId });
    phase = verdict.status;
    return { fixId: fix.fixId, status: verdict.status, reason: verdict.reason };
  } catch (err) {
    const cancelled = isCancellation(err);
    const failure = applicationFailureOf(err);
    const expected = !cancelled && failure !== null && FIX_OUTCOMES.includes(failure.type ?? '');
    const type = cancelled ? 'Cancelled' : expected ? failure!.type! : 'InternalError';
    const reason = cancelled ? 'The fix was cancelled.' : expected ? failure!.message : 'Argus could not finish this fix because of an internal error; it has been reported.';
    // The row must reflect the end even when the workflow itself is being cancelled.
    await CancellationScope.nonCancellable(() => quick.failFix({ fixId: fix.fixId, type, reason }));
    phase = 'failed';
    if (expected) return { fixId: fix.fixId, status: 'failed', reason, failureType: type };
    throw err;
  }
}
