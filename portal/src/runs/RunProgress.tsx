import type { Run } from '../api/types';
import { humanize } from '../ui/format';
import { ProgressBar } from '../ui/ProgressBar';

const phaseLabels: Record<string, string> = {
  waiting: 'Waiting for a free slot',
  cloning: 'Cloning',
  analyzing: 'Analyzing',
  comparing: 'Comparing with the baseline',
  gating: 'Evaluating the quality gate',
  reporting: 'Reporting',
};

function phaseLabel(run: Pick<Run, 'status' | 'progress'>): string {
  const phase = run.progress?.phase;
  if (phase && phaseLabels[phase]) return phaseLabels[phase];
  if (phase) return humanize(phase);
  return run.status === 'queued' ? 'Queued' : 'Starting';
}

/** The live progress of a queued or running run: phase, files done out of total when known. */
export function RunProgress({ run, size = 'md', showDetail = false }: { run: Pick<Run, 'status' | 'progress'>; size?: 'sm' | 'md'; showDetail?: boolean }) {
  const { filesDone, filesTotal, detail } = run.progress ?? {};
  const counted = typeof filesDone === 'number' && typeof filesTotal === 'number' && filesTotal > 0;
  const filesText = counted ? `${filesDone.toLocaleString()} / ${filesTotal.toLocaleString()} files` : undefined;
  const label = phaseLabel(run);
  return (
    <div className="min-w-[10rem]">
      <div className="mb-1 flex items-baseline justify-between gap-3 text-xs">
        <span className="font-medium text-gray-700">{label}</span>
        {filesText && <span className="tabular-nums text-gray-500">{filesText}</span>}
      </div>
      <ProgressBar
        label="Analysis progress"
        value={counted ? filesDone : undefined}
        max={counted ? filesTotal : undefined}
        valueText={filesText ? `${label}: ${filesText}` : label}
        tone={run.status === 'queued' || run.progress?.phase === 'waiting' ? 'gray' : 'indigo'}
        size={size}
      />
      {showDetail && detail && <p className="mt-1 text-xs text-gray-500">{detail}</p>}
    </div>
  );
}
