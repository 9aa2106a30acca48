import { SEVERITIES, type Category, type Severity } from '@argus/workflows/contract';

// Repository health, 0–100, the Sonar way (docs/health-score.md). Security and reliability are rated by the worst
// open finding of their categories, maintainability by findings density per 1,000 lines; A..E map to
// 100/80/60/40/20 and the three combine with security weighted heaviest. Every rating below A names its drivers.

const RATINGS = ['A', 'B', 'C', 'D', 'E'] as const;
type Rating = (typeof RATINGS)[number];
const DIMENSIONS = ['security', 'reliability', 'maintainability'] as const;
type Dimension = (typeof DIMENSIONS)[number];

const RATING_SCORE: Record<Rating, number> = { A: 100, B: 80, C: 60, D: 40, E: 20 };
const WEIGHTS: Record<Dimension, number> = { security: 0.5, reliability: 0.3, maintainability: 0.2 };

const DIMENSION_OF: Record<Category, Dimension> = { security: 'security', bug: 'reliability', performance: 'reliability', maintainability: 'maintainability', style: 'maintainability' };

/** The worst open severity rates security and reliability (info findings never lower a rating). */
const RATING_OF_WORST: Record<Severity, Rating> = { critical: 'E', high: 'D', medium: 'C', low: 'B', info: 'A' };

/** Maintainability: open maintainability and style findings (info excluded) per 1,000 lines; upper bounds of A..D. */
const DENSITY_BOUNDS: [Rating, number][] = [
  ['A', 5],
  ['B', 10],
  ['C', 20],
  ['D', 50],
];
/** When a run's size is unknown (runs analyzed before lines were counted), density is taken over 1,000 lines. */
const UNKNOWN_LINES = 1000;

export interface FindingCount {
  category: string;
  severity: string;
  count: number;
  path?: string;
  /** Shown next to the path when a score covers several repositories. */
  repository?: string;
}

interface Driver {
  dimension: Dimension;
  rating: Rating;
  /** "D because 2 high security findings in src/auth.ts" */
  reason: string;
  severity: Severity | null;
  count: number;
  files: { path: string; repository?: string; count: number }[];
}

interface DimensionRating {
  rating: Rating;
  score: number;
}

export interface Health {
  score: number;
  ratings: Record<Dimension, DimensionRating>;
  drivers: Driver[];
  openFindings: number;
  linesOfCode: number | null;
  density: number;
}

/** `category:severity` → count, as the rollups store a snapshot, into counts. */
export function countsFromSnapshot(counts: Record<string, number>): FindingCount[] {
  return Object.entries(counts).map(([key, count]) => {
    const [category, severity] = key.split(':');
    return { category: category!, severity: severity!, count };
  });
}

function ratingOfDensity(density: number): Rating {
  return DENSITY_BOUNDS.find(([, max]) => density <= max)?.[0] ?? 'E';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function topFiles(rows: FindingCount[], limit = 3): Driver['files'] {
  const byFile = new Map<string, { path: string; repository?: string; count: number }>();
  for (const r of rows) {
    if (!r.path) continue;
    const key = `${r.repository ?? ''}\u0000${r.path}`;
    const entry = byFile.get(key) ?? { path: r.path, ...(r.repository ? { repository: r.repository } : {}), count: 0 };
    entry.count += r.count;
    byFile.set(key, entry);
  }
  return [...byFile.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path)).slice(0, limit);
}

function where(files: Driver['files'], total: number): string {
  if (files.length === 0) return '';
  const name = (f: Driver['files'][number]) => (f.repository ? `${f.repository}:${f.path}` : f.path);
  const rest = total - 1;
  return ` in ${name(files[0]!)}${rest > 0 ? ` and ${plural(rest, 'other file')}` : ''}`;
}

/** The score of a set of open findings and the lines they were found in. */
export function computeHealth(findings: FindingCount[], linesOfCode: number | null): Health {
  const ratings = {} as Record<Dimension, DimensionRating>;
  const drivers: Driver[] = [];
  for (const dimension of ['security', 'reliability'] as const) {
    const rows = findings.filter((f) => DIMENSION_OF[f.category as Category] === dimension && f.count > 0);
    const worst = SEVERITIES.find((s) => s !== 'info' && rows.some((r) => r.severity === s)) ?? null;
    const rating = worst ? RATING_OF_WORST[worst] : 'A';
    ratings[dimension] = { rating, score: RATING_SCORE[rating] };
    if (worst) {
      const worstRows = rows.filter((r) => r.severity === worst);
      const count = worstRows.reduce((s, r) => s + r.count, 0);
      const files = topFiles(worstRows);
      const fileCount = new Set(worstRows.filter((r) => r.path).map((r) => `${r.repository ?? ''}:${r.path}`)).size;
      const noun = dimension === 'security' ? 'security finding' : 'reliability finding';
      drivers.push({ dimension, rating, severity: worst, count, files, reason: `${rating} because ${plural(count, `${worst} ${noun}`)}${where(files, fileCount)}` });
    }
  }
  const maintainability = findings.filter((f) => DIMENSION_OF[f.category as Category] === 'maintainability' && f.severity !== 'info' && f.count > 0);
  const smells = maintainability.reduce((s, r) => s + r.count, 0);
  const lines = linesOfCode && linesOfCode > 0 ? linesOfCode : UNKNOWN_LINES;
  const density = (smells * 1000) / lines;
  const mRating = ratingOfDensity(density);
  ratings.maintainability = { rating: mRating, score: RATING_SCORE[mRating] };
  if (mRating !== 'A') {
    const files = topFiles(maintainability);
    const fileCount = new Set(maintainability.filter((r) => r.path).map((r) => `${r.repository ?? ''}:${r.path}`)).size;
    drivers.push({
      dimension: 'maintainability',
      rating: mRating,
      severity: null,
      count: smells,
      files,
      reason: `${mRating} because ${fmt(density)} maintainability findings per 1,000 lines (${plural(smells, 'finding')} in ${linesOfCode ? `${fmt(linesOfCode)} lines` : 'a codebase of unknown size'})${files[0] ? `, most in ${files[0].repository ? `${files[0].repository}:` : ''}${files[0].path}${fileCount > 1 ? ` and ${plural(fileCount - 1, 'other file')}` : ''}` : ''}`,
    });
  }
  const score = Math.round(DIMENSIONS.reduce((s, d) => s + WEIGHTS[d] * ratings[d].score, 0));
  // Worst dimension first, security before the others at equal ratings.
  drivers.sort((a, b) => RATINGS.indexOf(b.rating) - RATINGS.indexOf(a.rating) || DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension));
  return { score, ratings, drivers, openFindings: findings.reduce((s, f) => s + f.count, 0), linesOfCode, density: Math.round(density * 10) / 10 };
}

export type TrendDirection = 'improving' | 'stable' | 'needs_attention';

/** Points the score must move over the window (by its least-squares slope) to count as a trend. */
const TREND_THRESHOLD = 3;

/** improving, stable or needs attention, from the least-squares slope of the daily scores over the window. */
export function trendOf(series: (number | null)[]): { direction: TrendDirection; change: number; slopePerDay: number; points: number } {
  const points = series.map((y, x) => ({ x, y })).filter((p): p is { x: number; y: number } => p.y !== null);
  if (points.length < 2) return { direction: 'stable', change: 0, slopePerDay: 0, points: points.length };
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  const change = slope * (points.at(-1)!.x - points[0]!.x);
  const direction: TrendDirection = change >= TREND_THRESHOLD ? 'improving' : change <= -TREND_THRESHOLD ? 'needs_attention' : 'stable';
  return { direction, change: Math.round(change * 10) / 10, slopePerDay: Math.round(slope * 1000) / 1000, points: n };
}
