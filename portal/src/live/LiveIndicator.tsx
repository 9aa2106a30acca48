import type { LiveStatus } from './useLiveSocket';

const looks: Record<LiveStatus, { dot: string; label: string }> = {
  open: { dot: 'bg-emerald-500', label: 'Live' },
  connecting: { dot: 'bg-gray-300', label: 'Connecting…' },
  reconnecting: { dot: 'bg-amber-500', label: 'Reconnecting…' },
  idle: { dot: 'bg-gray-300', label: 'Not live' },
};

/** A small "Live" / "Reconnecting…" marker next to anything fed by a WebSocket. */
export function LiveIndicator({ status, className = '' }: { status: LiveStatus; className?: string }) {
  const look = looks[status];
  return (
    <span role="status" className={`inline-flex items-center gap-1.5 text-xs font-medium text-gray-500 ${className}`} title="Live updates over WebSocket">
      <span className={`h-2 w-2 rounded-full ${look.dot} ${status === 'open' ? 'animate-pulse motion-reduce:animate-none' : ''}`} aria-hidden="true" />
      {look.label}
    </span>
  );
}
