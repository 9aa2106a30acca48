import type { HealthScore, HealthTrend } from './analytics.api';

const RATING_STYLE: Record<string, string> = {
  A: 'bg-emerald-600 text-white',
  B: 'bg-lime-500 text-white',
  C: 'bg-amber-400 text-gray-900',
  D: 'bg-orange-500 text-white',
  E: 'bg-red-600 text-white',
};

const DIMENSION_LABEL = { security: 'Security', reliability: 'Reliability', maintainability: 'Maintainability' } as const;

export function RatingBadge({ rating, label }: { rating: string; label?: string }) {
  return (
    <span
      className={`inline-flex h-7 w-7 items-center justify-center rounded-md text-sm font-bold ${RATING_STYLE[rating] ?? 'bg-gray-200 text-gray-700'}`}
      title={label ? `${label}: ${rating}` : rating}
      aria-label={label ? `${label} rating ${rating}` : `rating ${rating}`}
    >
      {rating}
    </span>
  );
}

function scoreColour(score: number | null) {
  if (score === null) return 'text-gray-400';
  if (score >= 80) return 'text-emerald-600';
  if (score >= 60) return 'text-amber-500';
  return 'text-red-600';
}

const TREND_TEXT = { improving: 'Improving', stable: 'Stable', needs_attention: 'Needs attention' } as const;
const TREND_STYLE = { improving: 'bg-emerald-50 text-emerald-700 ring-emerald-200', stable: 'bg-gray-50 text-gray-700 ring-gray-200', needs_attention: 'bg-red-50 text-red-700 ring-red-200' } as const;

export function TrendBadge({ trend }: { trend: HealthTrend }) {
  const sign = trend.change > 0 ? '+' : '';
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${TREND_STYLE[trend.direction]}`} data-testid="health-trend">
      {TREND_TEXT[trend.direction]}
      {trend.points >= 2 && <span className="opacity-75">({sign}{trend.change} pts)</span>}
    </span>
  );
}

/** The score, its three ratings, and why each rating below A is what it is. */
export function HealthSummary({ title, health, trend, testId }: { title: string; health: HealthScore; trend?: HealthTrend; testId?: string }) {
  return (
    <div data-testid={testId}>
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-sm font-medium text-gray-500">{title}</p>
          <p className={`mt-1 text-4xl font-semibold tabular-nums ${scoreColour(health.score)}`} data-testid={testId ? `${testId}-score` : undefined}>
            {health.score ?? '–'}
            <span className="ml-1 text-base font-normal text-gray-400">/ 100</span>
          </p>
        </div>
        {trend && <TrendBadge trend={trend} />}
      </div>
      {health.ratings ? (
        <>
          <dl className="mt-4 grid grid-cols-3 gap-2">
            {(['security', 'reliability', 'maintainability'] as const).map((d) => (
              <div key={d} className="flex items-center gap-2 rounded-md bg-gray-50 px-2 py-2">
                <RatingBadge rating={health.ratings![d].rating} label={DIMENSION_LABEL[d]} />
                <dt className="text-xs text-gray-600">{DIMENSION_LABEL[d]}</dt>
              </div>
            ))}
          </dl>
          {health.drivers.length > 0 ? (
            <ul className="mt-4 space-y-2" aria-label="Why the score is what it is">
              {health.drivers.map((d) => (
                <li key={d.dimension} className="flex gap-2 text-sm text-gray-700">
                  <RatingBadge rating={d.rating} label={DIMENSION_LABEL[d.dimension]} />
                  <div className="min-w-0">
                    <p className="font-medium">
                      {DIMENSION_LABEL[d.dimension]} {d.rating}
                    </p>
                    <p className="break-words text-gray-600">{d.reason}</p>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 text-sm text-gray-600">Rated A on all three: no open security or reliability findings, and few maintainability ones for the size of the code.</p>
          )}
        </>
      ) : (
        <p className="mt-4 text-sm text-gray-500">No finished default-branch analysis yet: the score appears after the first one.</p>
      )}
    </div>
  );
}
