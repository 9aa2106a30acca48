import type { Db } from '../knex';
import { ROLLUP_COUNTERS, type Day, type RepositoryDayRow, type RollupSnapshot, type WorkspaceDayRow } from './analytics-rollups';

// Reads behind the analytics endpoints: the rollups, plus the few live reads of the latest runs' findings that
// explain a score (drivers, top issues, the cross-run issue browser). Every read is scoped to workspaces the caller
// was checked for by the API.

export interface AnalyticsScope {
  workspaceIds: string[];
  repositoryId?: string;
  from: Day;
  to: Day;
}

const DAY = `to_char(day, 'YYYY-MM-DD')`;

/** Repository rollups in scope, by day then repository. */
export async function repositoryDays(db: Db, scope: AnalyticsScope): Promise<Omit<RepositoryDayRow, 'snapshot'>[]> {
  // The counters only: the snapshot (the biggest column) is read carried-forward by snapshotSeries.
  const q = db('analytics_repository_daily')
    .whereIn('workspaceId', scope.workspaceIds)
    .whereBetween('day', [scope.from, scope.to])
    .select('repositoryId', 'workspaceId', ...ROLLUP_COUNTERS, 'foundBySeverity', 'foundByCategory', 'snapshotRunId', db.raw(`${DAY} as day`))
    .orderBy([{ column: 'analytics_repository_daily.day' }, { column: 'analytics_repository_daily.repositoryId' }]);
  if (scope.repositoryId) q.where('repositoryId', scope.repositoryId);
  return q;
}

/** Workspace rollups in scope (events and active users live here). */
export async function workspaceDays(db: Db, scope: Omit<AnalyticsScope, 'repositoryId'>): Promise<WorkspaceDayRow[]> {
  return db('analytics_workspace_daily').whereIn('workspaceId', scope.workspaceIds).whereBetween('day', [scope.from, scope.to]).select('*', db.raw(`${DAY} as day`)).orderBy('analytics_workspace_daily.day');
}

/** Every workspace's rollups of a range (the ops console's platform view). */
export async function platformDays(db: Db, range: { from: Day; to: Day }): Promise<(Omit<WorkspaceDayRow, 'workspaceId'> & { workspaces: number })[]> {
  const counters = ['runs_total', 'runs_completed', 'runs_failed', 'runs_cancelled', 'runs_skipped', 'findings_found', 'new_findings', 'fixed_findings', 'fixes_generated', 'fixes_validated', 'fixes_merged', 'time_to_fix_seconds_sum', 'time_to_fix_count', 'run_seconds_sum', 'active_users'];
  const result = await db.raw(
    `select ${DAY} as day, count(*)::int as workspaces, ${counters.map((c) => `sum(${c})::bigint as "${c.replace(/_([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase())}"`).join(', ')},
            (select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (select e.key as k, sum(e.value::int) as n from analytics_workspace_daily w2, jsonb_each_text(w2.found_by_severity) e where w2.day = d.day group by 1) s) as "foundBySeverity",
            (select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (select e.key as k, sum(e.value::int) as n from analytics_workspace_daily w2, jsonb_each_text(w2.found_by_category) e where w2.day = d.day group by 1) s) as "foundByCategory"
     from analytics_workspace_daily d where day between :from::date and :to::date group by day order by day`,
    range,
  );
  return result.rows;
}

export interface ScopeRepository {
  id: string;
  workspaceId: string;
  fullName: string;
  defaultBranch: string;
}

export async function repositoriesInScope(db: Db, scope: Pick<AnalyticsScope, 'workspaceIds' | 'repositoryId'>): Promise<ScopeRepository[]> {
  const q = db('repositories').whereIn('workspaceId', scope.workspaceIds).whereNull('removedAt').select('id', 'workspaceId', 'fullName', 'defaultBranch').orderBy('fullName');
  if (scope.repositoryId) q.where('id', scope.repositoryId);
  return q;
}

/**
 * Each repository's state on each day of [from, to]: the snapshot of its last finished default-branch run on or
 * before that day (carried forward over days without runs; null before its first run).
 */
export async function snapshotSeries(db: Db, repositoryIds: string[], range: { from: Day; to: Day }): Promise<{ repositoryId: string; day: Day; snapshot: RollupSnapshot | null }[]> {
  if (repositoryIds.length === 0) return [];
  const result = await db.raw(
    `select r.id as "repositoryId", to_char(d, 'YYYY-MM-DD') as day, s.snapshot
     from unnest(:ids::uuid[]) as r(id)
     cross join generate_series(:from::date, :to::date, interval '1 day') as d
     left join lateral (
       select x.snapshot from analytics_repository_daily x
       where x.repository_id = r.id and x.day <= d::date and x.snapshot is not null
       order by x.day desc limit 1
     ) s on true
     order by 2, 1`,
    { ids: repositoryIds, ...range },
  );
  return result.rows;
}

export interface LatestRun {
  repositoryId: string;
  runId: string;
  linesOfCode: number | null;
  finishedAt: Date | null;
  commitSha: string | null;
}

/** Each repository's last finished default-branch run created before `before` (its current state when omitted). */
export async function latestFinishedRuns(db: Db, repositoryIds: string[], before?: Date): Promise<LatestRun[]> {
  if (repositoryIds.length === 0) return [];
  const result = await db.raw(
    `select r.id as "repositoryId", x.id as "runId", x.lines_of_code as "linesOfCode", x.finished_at as "finishedAt", x.commit_sha as "commitSha"
     from unnest(:ids::uuid[]) as r(id)
     join lateral (
       select a.id, a.lines_of_code, a.finished_at, a.commit_sha from analysis_runs a
       where a.repository_id = r.id and a.status = 'completed' and a.trigger <> 'pull_request' and a.created_at < :before
       order by a.created_at desc limit 1
     ) x on true`,
    { ids: repositoryIds, before: before ?? new Date('9999-01-01T00:00:00Z') },
  );
  return result.rows;
}

export interface FindingGroup {
  repositoryId: string;
  category: string;
  severity: string;
  path: string;
  count: number;
}

const OPEN = `f.suppression_kind is null and coalesce(t.status, 'open') = 'open'`;
const TRIAGE_JOIN = `left join finding_triage t on t.repository_id = f.repository_id and t.fingerprint = f.fingerprint`;

/**
 * Open findings of some runs by repository, category, severity and file. With `notIn`, only findings whose
 * fingerprint the paired earlier run did not have (new code).
 */
export async function openFindingGroups(db: Db, runs: { runId: string; baselineRunId?: string | null }[], opts: { onlyNew?: boolean } = {}): Promise<FindingGroup[]> {
  if (runs.length === 0) return [];
  const result = await db.raw(
    `select f.repository_id as "repositoryId", f.category, f.severity, f.path, count(*)::int as count
     from unnest(:runIds::uuid[], :baselines::uuid[]) as p(run_id, baseline_id)
     join findings f on f.run_id = p.run_id
     ${TRIAGE_JOIN}
     where ${OPEN}
       ${opts.onlyNew ? 'and (p.baseline_id is null or not exists (select 1 from findings b where b.run_id = p.baseline_id and b.fingerprint = f.fingerprint))' : ''}
     group by 1, 2, 3, 4`,
    { runIds: runs.map((r) => r.runId), baselines: runs.map((r) => r.baselineRunId ?? null) },
  );
  return result.rows;
}

export interface RuleGroup {
  ruleId: string;
  tool: string;
  category: string;
  severity: string;
  count: number;
  repositories: number;
  files: number;
  message: string;
  sampleFindingId: string;
}

const SEVERITY_RANK = `case f.severity when 'critical' then 5 when 'high' then 4 when 'medium' then 3 when 'low' then 2 else 1 end`;

/** Open findings of some runs grouped by rule, most frequent first (top issues; the cross-run issue browser). */
export async function openFindingsByRule(db: Db, runIds: string[], opts: { limit: number; offset?: number; severity?: string; category?: string }): Promise<{ rows: RuleGroup[]; total: number }> {
  if (runIds.length === 0) return { rows: [], total: 0 };
  const result = await db.raw(
    `with g as (
       select f.rule_id as "ruleId", min(f.tool) as tool, min(f.category) as category,
              (array['info', 'low', 'medium', 'high', 'critical'])[max(${SEVERITY_RANK})] as severity,
              count(*)::int as count, count(distinct f.repository_id)::int as repositories, count(distinct f.path)::int as files,
              min(f.message) as message, (array_agg(f.id order by ${SEVERITY_RANK} desc, f.path, f.start_line))[1] as "sampleFindingId"
       from findings f ${TRIAGE_JOIN}
       where f.run_id = any(:runIds::uuid[]) and ${OPEN}
         and (:severity::text is null or f.severity = :severity::text) and (:category::text is null or f.category = :category::text)
       group by f.rule_id
     )
     select g.*, count(*) over ()::int as total from g order by count desc, "ruleId" limit :limit offset :offset`,
    { runIds, limit: opts.limit, offset: opts.offset ?? 0, severity: opts.severity ?? null, category: opts.category ?? null },
  );
  const rows = result.rows as (RuleGroup & { total: number })[];
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** Where a rule's open findings are in some runs (the issue browser's expanded rule), by file and line. */
export async function openFindingsOfRule(db: Db, runIds: string[], ruleId: string, limit: number): Promise<{ id: string; runId: string; path: string; startLine: number; severity: string; message: string; firstSeenAt: Date }[]> {
  if (runIds.length === 0) return [];
  const result = await db.raw(
    `select f.id, f.run_id as "runId", f.path, f.start_line as "startLine", f.severity, f.message,
            (select min(e.created_at) from findings e where e.repository_id = f.repository_id and e.fingerprint = f.fingerprint) as "firstSeenAt"
     from findings f ${TRIAGE_JOIN}
     where f.run_id = any(:runIds::uuid[]) and f.rule_id = :ruleId and ${OPEN}
     order by ${SEVERITY_RANK} desc, f.path, f.start_line limit :limit`,
    { runIds, ruleId, limit },
  );
  return result.rows;
}

/** A batch of a scope's rollups, a row per repository and day after `after` (keyset on day and repository), for the CSV export. */
export async function repositoryDaysBatch(db: Db, scope: AnalyticsScope, after: { day: Day; repositoryId: string } | null, limit: number): Promise<(RepositoryDayRow & { repositoryName: string })[]> {
  const q = db('analytics_repository_daily as d')
    .join('repositories as p', 'p.id', 'd.repositoryId')
    .whereIn('d.workspaceId', scope.workspaceIds)
    .whereBetween('d.day', [scope.from, scope.to])
    .select('d.*', db.raw(`to_char(d.day, 'YYYY-MM-DD') as day`), 'p.fullName as repositoryName')
    .orderBy([{ column: 'd.day' }, { column: 'd.repositoryId' }])
    .limit(limit);
  if (scope.repositoryId) q.where('d.repositoryId', scope.repositoryId);
  if (after) q.whereRaw('(d.day, d.repository_id) > (?::date, ?::uuid)', [after.day, after.repositoryId]);
  return q;
}

// ---------------------------------------------------------------------------------------------------------
// Platform-wide reads for the ops console (staff only)
// ---------------------------------------------------------------------------------------------------------

export interface UserGrowth {
  totalUsers: number;
  signups: { day: Day; count: number }[];
  dau: number;
  wau: number;
  mau: number;
  activePrevious30: number;
  retainedFromPrevious30: number;
  activeByDay: { day: Day; count: number }[];
}

export async function userGrowth(db: Db, range: { from: Day; to: Day }, now: Date): Promise<UserGrowth> {
  const active = (days: number, offsetDays = 0) =>
    `(select count(distinct user_id)::int from analytics_event where user_id is not null and occurred_at > :now::timestamptz - interval '${days + offsetDays} days' and occurred_at <= :now::timestamptz - interval '${offsetDays} days')`;
  const [counts, signups, activeByDay, retained] = await Promise.all([
    db.raw(`select (select count(*)::int from users) as "totalUsers", ${active(1)} as dau, ${active(7)} as wau, ${active(30)} as mau, ${active(30, 30)} as "activePrevious30"`, { now }),
    db.raw(`select to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, count(*)::int as count from users where created_at >= :from::date and created_at < :to::date + 1 group by 1 order by 1`, range),
    db.raw(`select to_char((occurred_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, count(distinct user_id)::int as count from analytics_event where user_id is not null and occurred_at >= :from::date and occurred_at < :to::date + 1 group by 1 order by 1`, range),
    db.raw(
      `select count(*)::int as n from (
         select distinct user_id from analytics_event where user_id is not null and occurred_at > :now::timestamptz - interval '60 days' and occurred_at <= :now::timestamptz - interval '30 days'
         intersect
         select distinct user_id from analytics_event where user_id is not null and occurred_at > :now::timestamptz - interval '30 days' and occurred_at <= :now::timestamptz
       ) x`,
      { now },
    ),
  ]);
  return { ...(counts.rows[0] as Omit<UserGrowth, 'signups' | 'activeByDay' | 'retainedFromPrevious30'>), signups: signups.rows, activeByDay: activeByDay.rows, retainedFromPrevious30: retained.rows[0].n };
}

export async function queueDepth(db: Db): Promise<{ runsQueued: number; runsRunning: number; fixesQueued: number; fixesGenerating: number; oldestQueuedAt: Date | null }> {
  const result = await db.raw(
    `select (select count(*)::int from analysis_runs where status = 'queued') as "runsQueued",
            (select count(*)::int from analysis_runs where status = 'running') as "runsRunning",
            (select count(*)::int from fixes where status = 'queued') as "fixesQueued",
            (select count(*)::int from fixes where status = 'generating') as "fixesGenerating",
            (select min(created_at) from analysis_runs where status = 'queued') as "oldestQueuedAt"`,
  );
  return result.rows[0];
}

export interface RevenueFigures {
  mrrCents: number;
  payingSubscriptions: number;
  trialSubscriptions: number;
  byTier: { tier: string; displayName: string; subscriptions: number; mrrCents: number }[];
  churnedMrrCents: number;
  churnedSubscriptions: number;
  expansionMrrCents: number;
  contractionMrrCents: number;
  collectedCents: number;
  refundedCents: number;
  invoicedByMonth: { month: string; totalCents: number; paidCents: number }[];
}

/**
 * Revenue from the billing tables. MRR: the monthly price of each active or past-due subscription's tier. Churn:
 * subscriptions cancelled in the range, at the price they paid. Expansion and contraction: between consecutive
 * invoices of a subscription in the range, the change in its tier's monthly price.
 */
export async function revenueFigures(db: Db, range: { from: Day; to: Day }): Promise<RevenueFigures> {
  const bounds = { from: range.from, to: range.to };
  const [byTier, churn, moves, collected, byMonth] = await Promise.all([
    db.raw(
      `select t.name as tier, t.display_name as "displayName",
              count(s.id) filter (where s.status in ('active', 'past_due') and t.monthly_price_cents > 0)::int as subscriptions,
              coalesce(sum(t.monthly_price_cents) filter (where s.status in ('active', 'past_due')), 0)::bigint as "mrrCents",
              count(s.id) filter (where s.status = 'trial')::int as trials
       from subscription_tier t left join subscription s on s.tier_id = t.id
       group by t.id order by t.sort_order, t.name`,
    ),
    db.raw(
      // A cancelled subscription has already fallen back to Free: it is priced at the tier it left (its cancellation
      // audit entry, else its last invoice), as the console's subscriptions summary counts it.
      `select coalesce(sum(t.monthly_price_cents), 0)::bigint as cents, count(*)::int as n
       from subscription s
       left join lateral (
         select al.before ->> 'tier' as tier_name from activity_log al
         where al.workspace_id = s.workspace_id and al.action = 'subscription.cancelled' and al.resource_id = s.id::text
         order by al.id desc limit 1
       ) cancellation on true
       left join subscription_tier named on named.name = cancellation.tier_name
       left join lateral (
         select i.tier_id from invoice i where i.workspace_id = s.workspace_id and i.subscription_id = s.id order by i.billing_period_start desc limit 1
       ) billed on true
       join subscription_tier t on t.id = coalesce(named.id, billed.tier_id, s.period_tier_id)
       where s.cancelled_at >= :from::date and s.cancelled_at < :to::date + 1 and t.monthly_price_cents > 0`,
      bounds,
    ),
    db.raw(
      `with inv as (
         select i.subscription_id, i.billing_period_start, t.monthly_price_cents as price,
                lag(t.monthly_price_cents) over (partition by i.subscription_id order by i.billing_period_start) as previous
         from invoice i join subscription_tier t on t.id = i.tier_id
       )
       select coalesce(sum(price - previous) filter (where price > previous), 0)::bigint as expansion,
              coalesce(sum(previous - price) filter (where price < previous), 0)::bigint as contraction
       from inv where billing_period_start >= :from::date and billing_period_start < :to::date + 1`,
      bounds,
    ),
    db.raw(
      `select coalesce(sum(total_cents) filter (where paid_at is not null), 0)::bigint as collected, coalesce(sum(amount_refunded_cents), 0)::bigint as refunded
       from invoice where created_at >= :from::date and created_at < :to::date + 1`,
      bounds,
    ),
    db.raw(
      `select to_char(date_trunc('month', billing_period_start at time zone 'UTC'), 'YYYY-MM') as month, sum(total_cents)::bigint as "totalCents",
              coalesce(sum(total_cents) filter (where status = 'paid'), 0)::bigint as "paidCents"
       from invoice where billing_period_start >= :from::date - interval '11 months' and billing_period_start < :to::date + 1 group by 1 order by 1`,
      bounds,
    ),
  ]);
  const tiers = byTier.rows as { tier: string; displayName: string; subscriptions: number; mrrCents: number; trials: number }[];
  return {
    mrrCents: tiers.reduce((s, t) => s + Number(t.mrrCents), 0),
    payingSubscriptions: tiers.reduce((s, t) => s + t.subscriptions, 0),
    trialSubscriptions: tiers.reduce((s, t) => s + t.trials, 0),
    byTier: tiers.map(({ trials: _t, ...t }) => ({ ...t, mrrCents: Number(t.mrrCents) })),
    churnedMrrCents: Number(churn.rows[0].cents),
    churnedSubscriptions: churn.rows[0].n,
    expansionMrrCents: Number(moves.rows[0].expansion),
    contractionMrrCents: Number(moves.rows[0].contraction),
    collectedCents: Number(collected.rows[0].collected),
    refundedCents: Number(collected.rows[0].refunded),
    invoicedByMonth: byMonth.rows.map((r: { month: string; totalCents: number; paidCents: number }) => ({ month: r.month, totalCents: Number(r.totalCents), paidCents: Number(r.paidCents) })),
  };
}

/** The most frequent open rules across every repository's current state (the platform's quality view). */
export async function platformTopRules(db: Db, limit: number): Promise<{ ruleId: string; category: string; count: number; repositories: number }[]> {
  const result = await db.raw(
    `with latest as (
       select distinct on (repository_id) id from analysis_runs where status = 'completed' and trigger <> 'pull_request' order by repository_id, created_at desc
     )
     select f.rule_id as "ruleId", min(f.category) as category, count(*)::int as count, count(distinct f.repository_id)::int as repositories
     from findings f join latest l on l.id = f.run_id ${TRIAGE_JOIN}
     where ${OPEN} group by f.rule_id order by count desc limit :limit`,
    { limit },
  );
  return result.rows;
}
