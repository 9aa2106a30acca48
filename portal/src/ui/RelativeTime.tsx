import { useSyncExternalStore } from 'react';
import { formatDateTime, formatRelative } from './format';

// One clock for every relative time on the page: "2 minutes ago" must become "3 minutes ago" without a reload, and
// a hundred timestamps must not mean a hundred timers.
const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Date.now() as of the shared clock's last tick (every 15 seconds while anything subscribes). */
function useClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** "3 minutes ago", kept current, with the exact date and time on hover. */
export function RelativeTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  // The clock only makes this re-render on each tick; the time is read now, so a fresh mount is exact too.
  useClock();
  if (!iso) return <span className={className}>—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className} data-testid="relative-time">
      {formatRelative(iso, Date.now())}
    </time>
  );
}
