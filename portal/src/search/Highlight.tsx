import type { Segment } from './search.api';

/** Highlighted text from the API: matches in <mark>, everything else as plain text (never HTML). */
export function Highlight({ segments, fallback, className }: { segments: Segment[]; fallback?: string; className?: string }) {
  if (!segments.length) return fallback ? <span className={className}>{fallback}</span> : null;
  return (
    <span className={className}>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}

export const TYPE_LABELS: Record<string, string> = {
  repository: 'Repositories',
  run: 'Runs',
  finding: 'Findings',
  fix: 'Fixes',
  member: 'Members',
  team: 'Teams',
  ticket: 'Tickets',
  code: 'Code',
};
