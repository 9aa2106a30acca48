import type { RunStatus, RunTrigger } from '../api/types';
import { Badge } from '../ui/Badge';
import type { Tone } from '../ui/Badge';

const statusTones: Record<RunStatus, Tone> = {
  queued: 'gray',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'amber',
  skipped: 'amber',
};

const statusLabels: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge tone={statusTones[status] ?? 'gray'}>
      {status === 'running' && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-blue-600 motion-reduce:animate-none" aria-hidden="true" />}
      {statusLabels[status] ?? status}
    </Badge>
  );
}

/** Passed / failed; nothing when the run has no gate result (still running, failed, or no gate). */
export function GateBadge({ passed, compact = false }: { passed: boolean | null | undefined; compact?: boolean }) {
  if (passed === null || passed === undefined) return null;
  const label = compact ? (passed ? 'Passed' : 'Failed') : passed ? 'Gate passed' : 'Gate failed';
  return (
    <Badge tone={passed ? 'green' : 'red'} title={passed ? 'Quality gate passed' : 'Quality gate failed'}>
      <span aria-hidden="true">{passed ? '✓' : '✕'}</span>
      {label}
    </Badge>
  );
}

const triggerLabels: Record<RunTrigger, string> = {
  push: 'Push',
  pull_request: 'Pull request',
  manual: 'Manual',
  schedule: 'Schedule',
};

export function formatTrigger(trigger: RunTrigger | string): string {
  return triggerLabels[trigger as RunTrigger] ?? trigger;
}
