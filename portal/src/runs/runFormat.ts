import type { Run } from '../api/types';
import { formatRef } from '../ui/format';

/** Wall time of a run: finished − started, or so far while it runs; null before it starts. */
export function runDurationMs(run: Pick<Run, 'startedAt' | 'finishedAt'>, now: number): number | null {
  if (!run.startedAt) return null;
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : null;
}

/** "main", or "PR #12 (feature/x)" for pull request runs. */
export function runTarget(run: Pick<Run, 'ref' | 'pullRequestNumber'>): string {
  const ref = formatRef(run.ref);
  if (run.pullRequestNumber) return run.ref ? `PR #${run.pullRequestNumber} (${ref})` : `PR #${run.pullRequestNumber}`;
  return ref;
}
