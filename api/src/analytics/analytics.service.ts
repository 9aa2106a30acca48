import type { Response } from 'express';
import {
  countActiveUsers,
  latestFinishedRuns,
  listAnalyticsEvents,
  openFindingGroups,
  openFindingsByRule,
  openFindingsOfRule,
  repositoriesInScope,
  repositoryDays,
  repositoryDaysBatch,
  snapshotSeries,
  workspaceDays,
  type RepositoryDayRow,
  type RollupSnapshot,
  type ScopeRepository,
} from '@argus/db';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '@argus/workflows/contract';
import type { AppDeps } from '../app-deps';
import { csvRow, writeChunk } from '../activity/csv';
import { daysOf, type ResolvedScope } from './analytics-scope';
import { computeHealth, countsFromSnapshot, trendOf, type FindingCount, type Health } from './health';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const endOf = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
const startOf = (day: string) => new Date(`${day}T00:00:00Z`);

function rangeOf(scope: ResolvedScope) {
  return { from: scope.from, to: scope.to, days: scope.days, previousFrom: scope.previous.from, previousTo: scope.previous.to };
}

interface DayTotals {
  runs: number;
  completed: number;
  failed: number;
  cancelled: number;
  skipped: number;
  runSeconds: number;
  issues: number;
  newIssues: number;
  fixedIssues: number;
  fixesGenerated: number;
  fixesValidated: number;
  fixesMerged: number;
  timeToFixSeconds: number;
  timeToFixCount: number;
  foundBySeverity: Record<Severity, number>;
  foundByCategory: Record<Category, number>;
}

function emptyTotals(): DayTotals {
  return { runs: 0, completed: 0, failed: 0, cancelled: 0, skipped: 0, runSeconds: 0, issues: 0, newIssues: 0, fixedIssues: 0, fixesGenerated: 0, fixesValidated: 0, fixesMerged: 0, timeToFixSeconds: 0, timeToFixCount: 0, foundBySeverity: zeros(SEVERITIES), foundByCategory: zeros(CATEGORIES) };
}

function add(t: DayTotals, r: DayCounters): void {
  t.runs += r.runsTotal;
  t.completed += r.runsCompleted;
  t.failed += r.runsFailed;
  t.cancelled += r.runsCancelled;
  t.skipped += r.runsSkipped;
  t.runSeconds += Number(r.runSecondsSum);
  t.issues += r.findingsFound;
  t.newIssues += r.newFindings;
  t.fixedIssues += r.fixedFindings;
  t.fixesGenerated += r.fixesGenerated;
  t.fixesValidated += r.fixesValidated;
  t.fixesMerged += r.fixesMerged;
  t.timeToFixSeconds += Number(r.timeToFixSecondsSum);
  t.timeToFixCount += r.timeToFixCount;
  for (const s of SEVERITIES) t.foundBySeverity[s] += Number(r.foundBySeverity[s] ?? 0);
  for (const c of CATEGORIES) t.foundByCategory[c] += Number(r.foundByCategory[c] ?? 0);
}

/** Totals per day of the window (every day present) and for the whole window. */
function totalsByDay(rows: DayCounters[], from: string, to: string): { days: Map<string, DayTotals>; total: DayTotals } {
  const days = new Map(daysOf(from, to).map((d) => [d, emptyTotals()]));
  const total = emptyTotals();
  for (const r of rows) {
    const t = days.get(r.day);
    if (!t) continue;
    add(t, r);
    add(total, r);
  }
  return { days, total };
}

type DayCounters = Omit<RepositoryDayRow, 'snapshot'>;

const successRate = (t: DayTotals) => pct(t.completed, t.completed + t.failed + t.cancelled);

export async function runStats(deps: AppDeps, scope: ResolvedScope) {
  const { days, total } = totalsByDay(await repositoryDays(deps.knex, scope), scope.from, scope.to);
  return {
    range: rangeOf(scope),
    summary: {
      totalRuns: total.runs,
      completed: total.completed,
      failed: total.failed,
      cancelled: total.cancelled,
      skipped: total.skipped,
      successRate: successRate(total),
      totalIssues: total.issues,
      averageIssuesPerRun: total.completed ? Math.round((total.issues / total.completed) * 10) / 10 : 0,
      newIssues: total.newIssues,
      fixedIssues: total.fixedIssues,
      averageRunSeconds: total.completed ? Math.round(total.runSeconds / total.completed) : null,
    },
    dailyBreakdown: [...days].map(([day, t]) => ({ day, runs: t.runs, completed: t.completed, failed: t.failed, cancelled: t.cancelled, skipped: t.skipped, issues: t.issues, newIssues: t.newIssues, fixedIssues: t.fixedIssues })),
  };
}

/** Per day of [from, to]: the scope's open findings (each repository's carried-forward snapshot, summed). */
async function stateByDay(deps: AppDeps, repos: ScopeRepository[], from: string, to: string) {
  const series = await snapshotSeries(
    deps.knex,
    repos.map((r) => r.id),
    { from, to },
  );
  const byDay = new Map<string, RollupSnapshot[]>();
  for (const row of series) {
    if (!row.snapshot) continue;
    const list = byDay.get(row.day) ?? [];
    list.push(row.snapshot);
    byDay.set(row.day, list);
  }
  return daysOf(from, to).map((day) => {
    const snaps = byDay.get(day) ?? [];
    const counts: Record<string, number> = {};
    let lines = 0;
    let known = false;
    for (const s of snaps) {
      for (const [k, n] of Object.entries(s.counts)) counts[k] = (counts[k] ?? 0) + Number(n);
      if (s.linesOfCode) {
        lines += s.linesOfCode;
        known = true;
      }
    }
    const findings = countsFromSnapshot(counts);
    const health = snaps.length ? computeHealth(findings, known ? lines : null) : null;
    const open = zeros(SEVERITIES);
    const openByCategory = zeros(CATEGORIES);
    for (const f of findings) {
      if (f.severity in open) open[f.severity as Severity] += f.count;
      if (f.category in openByCategory) openByCategory[f.category as Category] += f.count;
    }
    return { day, health, open, openByCategory, repositories: snaps.length };
  });
}

export async function issueCategories(deps: AppDeps, scope: ResolvedScope) {
  const [rows, repos] = await Promise.all([repositoryDays(deps.knex, scope), repositoriesInScope(deps.knex, scope)]);
  const { days, total } = totalsByDay(rows, scope.from, scope.to);
  const state = await stateByDay(deps, repos, scope.to, scope.to);
  const open = state[0]!.openByCategory;
  const openTotal = Object.values(open).reduce((s, n) => s + n, 0);
  return {
    range: rangeOf(scope),
    categories: CATEGORIES.map((category) => ({ category, open: open[category], found: total.foundByCategory[category], share: pct(open[category], openTotal) })).sort((a, b) => b.open - a.open || b.found - a.found),
    daily: [...days].map(([day, t]) => ({ day, found: t.foundByCategory })),
  };
}

export async function issueSeverity(deps: AppDeps, scope: ResolvedScope) {
  const [rows, repos] = await Promise.all([repositoryDays(deps.knex, scope), repositoriesInScope(deps.knex, scope)]);
  const { days, total } = totalsByDay(rows, scope.from, scope.to);
  const state = await stateByDay(deps, repos, scope.from, scope.to);
  const open = state.at(-1)!.open;
  const openTotal = Object.values(open).reduce((s, n) => s + n, 0);
  return {
    range: rangeOf(scope),
    severities: SEVERITIES.map((severity) => ({ severity, open: open[severity], found: total.foundBySeverity[severity], share: pct(open[severity], openTotal) })),
    daily: state.map((s) => ({ day: s.day, open: s.open, found: days.get(s.day)!.foundBySeverity })),
  };
}

const EMPTY_HEALTH = { score: null, ratings: null, drivers: [], openFindings: 0, linesOfCode: null, density: 0 };

function publicHealth(h: Health | null) {
  return h ? { score: h.score, ratings: h.ratings, drivers: h.drivers, openFindings: h.openFindings, linesOfCode: h.linesOfCode, density: h.density } : EMPTY_HEALTH;
}

/** The current score of a scope with its drivers (live from the latest runs' findings) and the new-code score. */
async function liveHealth(deps: AppDeps, repos: ScopeRepository[], scope: ResolvedScope) {
  const ids = repos.map((r) => r.id);
  const [latest, baselines] = await Promise.all([latestFinishedRuns(deps.knex, ids, endOf(scope.to)), latestFinishedRuns(deps.knex, ids, startOf(scope.from))]);
  if (latest.length === 0) return { health: null, newCode: null, newFindings: 0, lastAnalyzedAt: null };
  const baselineOf = new Map(baselines.map((b) => [b.repositoryId, b.runId]));
  const pairs = latest.map((l) => ({ runId: l.runId, baselineRunId: baselineOf.get(l.repositoryId) ?? null }));
  const [groups, newGroups] = await Promise.all([openFindingGroups(deps.knex, pairs), openFindingGroups(deps.knex, pairs, { onlyNew: true })]);
  const names = new Map(repos.map((r) => [r.id, r.fullName]));
  const label = (g: (typeof groups)[number]): FindingCount => ({ ...g, ...(repos.length > 1 ? { repository: names.get(g.repositoryId) } : {}) });
  const known = latest.filter((l) => l.linesOfCode);
  const lines = known.length ? known.reduce((s, l) => s + l.linesOfCode!, 0) : null;
  const lastAnalyzedAt = latest.map((l) => l.finishedAt).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    health: computeHealth(groups.map(label), lines),
    newCode: computeHealth(newGroups.map(label), lines),
    newFindings: newGroups.reduce((s, g) => s + g.count, 0),
    lastAnalyzedAt,
  };
}

export async function repositoryHealth(deps: AppDeps, scope: ResolvedScope) {
  const repos = await repositoriesInScope(deps.knex, scope);
  const [live, state, rows] = await Promise.all([liveHealth(deps, repos, scope), stateByDay(deps, repos, scope.from, scope.to), repositoryDays(deps.knex, scope)]);
  const { total } = totalsByDay(rows, scope.from, scope.to);
  const history = state.map((s) => ({ day: s.day, score: s.health?.score ?? null }));
  return {
    range: rangeOf(scope),
    repositoryId: scope.repositoryId ?? null,
    healthScore: live.health?.score ?? null,
    health: publicHealth(live.health),
    newCode: { ...publicHealth(live.newCode), newFindings: live.newFindings },
    trend: trendOf(history.map((h) => h.score)),
    history,
    metrics: {
      successRate: successRate(total),
      totalRuns: total.runs,
      totalIssues: total.issues,
      averageIssuesPerRun: total.completed ? Math.round((total.issues / total.completed) * 10) / 10 : 0,
      fixedIssues: total.fixedIssues,
    },
    lastAnalyzedAt: live.lastAnalyzedAt,
  };
}

async function latestRunIds(deps: AppDeps, scope: ResolvedScope): Promise<string[]> {
  const repos = await repositoriesInScope(deps.knex, scope);
  return (
    await latestFinishedRuns(
      deps.knex,
      repos.map((r) => r.id),
      endOf(scope.to),
    )
  ).map((l) => l.runId);
}

export async function topIssues(deps: AppDeps, scope: ResolvedScope, limit: number) {
  const runIds = await latestRunIds(deps, scope);
  const { rows } = await openFindingsByRule(deps.knex, runIds, { limit });
  return { range: rangeOf(scope), items: rows };
}

export async function ruleGroups(deps: AppDeps, scope: ResolvedScope, opts: { page: number; pageSize: number; severity?: Severity; category?: Category }) {
  const runIds = await latestRunIds(deps, scope);
  const { rows, total } = await openFindingsByRule(deps.knex, runIds, { limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize, severity: opts.severity, category: opts.category });
  return { items: rows, total, page: opts.page, pageSize: opts.pageSize };
}

export async function ruleFindings(deps: AppDeps, scope: ResolvedScope, ruleId: string, limit: number) {
  return { items: await openFindingsOfRule(deps.knex, await latestRunIds(deps, scope), ruleId, limit) };
}

export async function dashboard(deps: AppDeps, scope: ResolvedScope) {
  const repos = await repositoriesInScope(deps.knex, scope);
  const both = { ...scope, from: scope.previous.from };
  const [rows, state, live, activeNow, activeBefore, wsDays] = await Promise.all([
    repositoryDays(deps.knex, both),
    stateByDay(deps, repos, scope.previous.from, scope.to),
    liveHealth(deps, repos, scope),
    countActiveUsers(deps.knex, scope.workspaceIds, startOf(scope.from), endOf(scope.to)),
    countActiveUsers(deps.knex, scope.workspaceIds, startOf(scope.previous.from), endOf(scope.previous.to)),
    scope.repositoryId ? Promise.resolve([]) : workspaceDays(deps.knex, scope),
  ]);
  const now = totalsByDay(rows, scope.from, scope.to).total;
  const before = totalsByDay(rows, scope.previous.from, scope.previous.to).total;
  const scoreAt = (day: string) => state.find((s) => s.day === day)?.health?.score ?? null;
  const window = state.filter((s) => s.day >= scope.from);
  const mttr = (t: DayTotals) => (t.timeToFixCount ? Math.round(t.timeToFixSeconds / t.timeToFixCount) : null);
  const kpi = (key: string, label: string, value: number | null, previous: number | null, unit: 'count' | 'percent' | 'seconds' | 'score', betterWhen: 'higher' | 'lower' = 'higher') => ({
    key,
    label,
    value,
    previous,
    delta: value !== null && previous !== null ? Math.round((value - previous) * 10) / 10 : null,
    unit,
    betterWhen,
  });
  const events: Record<string, number> = {};
  for (const d of wsDays) for (const [k, n] of Object.entries(d.events)) events[k] = (events[k] ?? 0) + Number(n);
  return {
    range: rangeOf(scope),
    kpis: [
      kpi('healthScore', 'Health score', live.health?.score ?? scoreAt(scope.to), scoreAt(scope.previous.to), 'score'),
      kpi('runs', 'Analyses', now.runs, before.runs, 'count'),
      kpi('successRate', 'Success rate', successRate(now), successRate(before), 'percent'),
      kpi('issuesFound', 'Findings reported', now.issues, before.issues, 'count', 'lower'),
      kpi('newFindings', 'New findings', now.newIssues, before.newIssues, 'count', 'lower'),
      kpi('fixedFindings', 'Fixed findings', now.fixedIssues, before.fixedIssues, 'count'),
      kpi('fixesGenerated', 'Fixes generated', now.fixesGenerated, before.fixesGenerated, 'count'),
      kpi('fixesMerged', 'Fixes merged', now.fixesMerged, before.fixesMerged, 'count'),
      kpi('timeToFix', 'Mean time to fix', mttr(now), mttr(before), 'seconds', 'lower'),
      kpi('activeUsers', 'Active people', activeNow, activeBefore, 'count'),
    ],
    health: publicHealth(live.health),
    trend: trendOf(window.map((s) => s.health?.score ?? null)),
    events,
  };
}

export async function projects(deps: AppDeps, scope: ResolvedScope, opts: { page: number; pageSize: number; sort: 'name' | 'health' | 'trend' }) {
  const repos = await repositoriesInScope(deps.knex, scope);
  const ids = repos.map((r) => r.id);
  const [series, rows, latest] = await Promise.all([snapshotSeries(deps.knex, ids, { from: scope.from, to: scope.to }), repositoryDays(deps.knex, scope), latestFinishedRuns(deps.knex, ids, endOf(scope.to))]);
  const seriesOf = new Map<string, (RollupSnapshot | null)[]>();
  for (const s of series) seriesOf.set(s.repositoryId, [...(seriesOf.get(s.repositoryId) ?? []), s.snapshot]);
  const rowsOf = new Map<string, DayCounters[]>();
  for (const r of rows) rowsOf.set(r.repositoryId, [...(rowsOf.get(r.repositoryId) ?? []), r]);
  const latestOf = new Map(latest.map((l) => [l.repositoryId, l]));
  const items = repos.map((repo) => {
    const snaps = seriesOf.get(repo.id) ?? [];
    const scores = snaps.map((s) => (s ? computeHealth(countsFromSnapshot(s.counts), s.linesOfCode).score : null));
    const current = snaps.at(-1) ? computeHealth(countsFromSnapshot(snaps.at(-1)!.counts), snaps.at(-1)!.linesOfCode) : null;
    const t = emptyTotals();
    for (const r of rowsOf.get(repo.id) ?? []) add(t, r);
    return {
      repositoryId: repo.id,
      workspaceId: repo.workspaceId,
      fullName: repo.fullName,
      healthScore: current?.score ?? null,
      ratings: current ? { security: current.ratings.security.rating, reliability: current.ratings.reliability.rating, maintainability: current.ratings.maintainability.rating } : null,
      topDriver: current?.drivers[0]?.reason ?? null,
      trend: trendOf(scores),
      openFindings: current?.openFindings ?? 0,
      runs: t.runs,
      successRate: successRate(t),
      newFindings: t.newIssues,
      fixedFindings: t.fixedIssues,
      lastAnalyzedAt: latestOf.get(repo.id)?.finishedAt ?? null,
    };
  });
  // Worst first for health (unscored last), steepest decline first for trend.
  if (opts.sort === 'health') items.sort((a, b) => (a.healthScore ?? 101) - (b.healthScore ?? 101) || a.fullName.localeCompare(b.fullName));
  if (opts.sort === 'trend') items.sort((a, b) => a.trend.change - b.trend.change || a.fullName.localeCompare(b.fullName));
  const start = (opts.page - 1) * opts.pageSize;
  return { range: rangeOf(scope), items: items.slice(start, start + opts.pageSize), total: items.length, page: opts.page, pageSize: opts.pageSize };
}

export async function timeline(deps: AppDeps, scope: ResolvedScope) {
  const repos = await repositoriesInScope(deps.knex, scope);
  const [rows, state, wsDays, events] = await Promise.all([
    repositoryDays(deps.knex, scope),
    stateByDay(deps, repos, scope.from, scope.to),
    scope.repositoryId ? Promise.resolve([]) : workspaceDays(deps.knex, scope),
    listAnalyticsEvents(deps.knex, { workspaceIds: scope.workspaceIds, repositoryId: scope.repositoryId, from: startOf(scope.from), to: endOf(scope.to), limit: 50 }),
  ]);
  const { days } = totalsByDay(rows, scope.from, scope.to);
  const activeOf = new Map<string, number>();
  for (const d of wsDays) activeOf.set(d.day, (activeOf.get(d.day) ?? 0) + d.activeUsers);
  return {
    range: rangeOf(scope),
    days: state.map((s) => {
      const t = days.get(s.day)!;
      return {
        day: s.day,
        runs: t.runs,
        completed: t.completed,
        failed: t.failed,
        issuesFound: t.issues,
        newFindings: t.newIssues,
        fixedFindings: t.fixedIssues,
        fixesGenerated: t.fixesGenerated,
        fixesValidated: t.fixesValidated,
        fixesMerged: t.fixesMerged,
        activeUsers: activeOf.get(s.day) ?? 0,
        healthScore: s.health?.score ?? null,
        open: s.open,
      };
    }),
    events: events.map((e) => ({ id: e.id, type: e.eventType, occurredAt: e.occurredAt, userName: e.userName, repositoryId: e.repositoryId, data: e.eventData })),
  };
}

const CSV_HEADER = [
  'day',
  'repository',
  'runs',
  'completed',
  'failed',
  'cancelled',
  'skipped',
  'findings_reported',
  'new_findings',
  'fixed_findings',
  'fixes_generated',
  'fixes_validated',
  'fixes_merged',
  'mean_time_to_fix_seconds',
  ...SEVERITIES.map((s) => `open_${s}`),
  'health_score',
];
const CSV_BATCH = 1000;

/** The window's rollups, a row per repository and day, streamed in keyset batches (cells guarded against formulas). */
export async function streamAnalyticsCsv(deps: AppDeps, res: Response, scope: ResolvedScope): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="argus-analytics-${scope.from}-to-${scope.to}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  let written = 0;
  try {
    await writeChunk(res, csvRow(CSV_HEADER));
    let after: { day: string; repositoryId: string } | null = null;
    while (!res.destroyed) {
      const rows = await repositoryDaysBatch(deps.knex, scope, after, CSV_BATCH);
      let chunk = '';
      for (const r of rows) {
        const open = zeros(SEVERITIES);
        let score: number | null = null;
        if (r.snapshot) {
          const findings = countsFromSnapshot(r.snapshot.counts);
          for (const f of findings) if (f.severity in open) open[f.severity as Severity] += f.count;
          score = computeHealth(findings, r.snapshot.linesOfCode).score;
        }
        chunk += csvRow([
          r.day,
          r.repositoryName,
          r.runsTotal,
          r.runsCompleted,
          r.runsFailed,
          r.runsCancelled,
          r.runsSkipped,
          r.findingsFound,
          r.newFindings,
          r.fixedFindings,
          r.fixesGenerated,
          r.fixesValidated,
          r.fixesMerged,
          r.timeToFixCount ? Math.round(Number(r.timeToFixSecondsSum) / r.timeToFixCount) : '',
          ...SEVERITIES.map((s) => open[s]),
          score ?? '',
        ]);
      }
      if (chunk) await writeChunk(res, chunk);
      written += rows.length;
      if (rows.length < CSV_BATCH) break;
      const last = rows.at(-1)!;
      after = { day: last.day, repositoryId: last.repositoryId };
    }
    res.end();
  } catch (err) {
    // The status line is gone already; cutting the connection is the only honest signal left.
    deps.logger.error({ err, rowsWritten: written }, 'analytics CSV export failed mid-stream');
    res.destroy(err as Error);
  }
}
