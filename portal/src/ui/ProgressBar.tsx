interface ProgressBarProps {
  /** Accessible name, e.g. "Analysis progress". */
  label: string;
  /** Done and total units; without a usable total the bar is indeterminate. */
  value?: number;
  max?: number;
  /** Short text such as "12 / 40 files"; also the aria-valuetext. */
  valueText?: string;
  tone?: 'indigo' | 'amber' | 'gray';
  size?: 'sm' | 'md';
  className?: string;
}

const fills = { indigo: 'bg-indigo-600', amber: 'bg-amber-500', gray: 'bg-gray-400' };

/** A progress bar with the ARIA semantics Tremor's ProgressBar lacks, and an indeterminate state. */
export function ProgressBar({ label, value, max, valueText, tone = 'indigo', size = 'md', className = '' }: ProgressBarProps) {
  const determinate = value !== undefined && max !== undefined && max > 0;
  const percent = determinate ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={determinate ? 0 : undefined}
      aria-valuemax={determinate ? max : undefined}
      aria-valuenow={determinate ? Math.min(value, max) : undefined}
      aria-valuetext={valueText}
      className={`relative w-full overflow-hidden rounded-full bg-gray-200 ${size === 'sm' ? 'h-1.5' : 'h-2'} ${className}`}
    >
      {determinate ? (
        <div key="determinate" className={`h-full rounded-full ${fills[tone]} transition-[width] duration-500 ease-out`} style={{ width: `${percent}%` }} />
      ) : (
        <div key="indeterminate" className={`absolute inset-y-0 w-1/3 rounded-full ${fills[tone]} animate-progress-indeterminate motion-reduce:animate-none motion-reduce:w-full motion-reduce:opacity-40`} />
      )}
    </div>
  );
}
