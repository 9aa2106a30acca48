import type { Db, Knex } from '../knex';

// Owner of `analytics_repository_daily` and `analytics_workspace_daily`: daily rollups derived from analysis_runs,
// findings, finding_triage, fixes and analytics_event. They hold nothing the source tables do not: rebuilding a
// day always gives the same numbers, so the aggregation workflow, the incremental update at the end of a run and
// a triage may all rebuild the same day, in any order, any number of times.

/** A day of the calendar (UTC), 'YYYY-MM-DD'. */
export type Day = string;

export const ROLLUP_COUNTERS = [
  'runsTotal',
  'runsCompleted',
  'runsFailed',
  'runsCancelled',
  'runsSkipped',
  'runSecondsSum',
  'findingsFound',
  'newFindings',
  'fixedFindings',
  'fixesGenerated',
  'fixesValidated',
  'fixesMerged',
  'timeToFixSecondsSum',
  'timeToFixCount',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

/** Open findings of a run keyed `category:severity` (e.g. `security:high`), and the lines they were found in. */
export interface RollupSnapshot {
  runId: string;
  linesOfCode: number | null;
  counts: Record<string, number>;
}

export type RollupCounters = Record<RollupCounter, number>;

export interface RepositoryDayRow extends RollupCounters {
  repositoryId: string;
  workspaceId: string;
  day: Day;
  foundBySeverity: Record<string, number>;
  foundByCategory: Record<string, number>;
  snapshotRunId: string | null;
  snapshot: RollupSnapshot | null;
}

export interface WorkspaceDayRow extends RollupCounters {
  workspaceId: string;
  day: Day;
  foundBySeverity: Record<string, number>;
  foundByCategory: Record<string, number>;
  activeUsers: number;
  events: Record<string, number>;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COUNTER_COLUMNS = ROLLUP_COUNTERS.map(snake);

/** The instants that bound whole UTC days [from, to]. */
function dayBounds(from: Day, to: Day): { fromTs: Date; toTs: Date } {
  return { fromTs: new Date(`${from}T00:00:00Z`), toTs: new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000) };
}

export function dayOf(instant: Date): Day {
  return instant.toISOString().slice(0, 10);
}

async function inTransaction<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return (db as Knex).isTransaction ? fn(db as Knex.Transaction) : (db as Knex).transaction(fn);
}

/**
 * Rebuilds the repository rollups of the days [from, to] (UTC) from the source tables, for some repositories or
 * (null) all of them, in one set-based statement per step. Rows whose day has no source left are removed.
 * Returns how many rows the days now have.
 */
export async function rebuildRepositoryDays(db: Db, scope: { repositoryIds: string[] | null; from: Day; to: Day }): Promise<number> {
  const { fromTs, toTs } = dayBounds(scope.from, scope.to);
  const repos = scope.repositoryIds;
  if (repos && repos.length === 0) return 0;
  const bindings = { fromTs, toTs, from: scope.from, to: scope.to, repos: repos ?? null };
  return inTransaction(db, async (trx) => {
    const result = await trx.raw(
      `
      with runs as (
        select r.id, r.repository_id, r.workspace_id, (r.created_at at time zone 'UTC')::date as day, r.status, r.trigger,
               r.started_at, r.finished_at, r.compared_to_run_id, r.lines_of_code
        from analysis_runs r
        where r.created_at >= :fromTs and r.created_at < :toTs and (:repos::uuid[] is null or r.repository_id = any(:repos::uuid[]))
      ),
      run_days as (
        select repository_id, workspace_id, day,
               count(*) as runs_total,
               count(*) filter (where status = 'completed') as runs_completed,
               count(*) filter (where status = 'failed') as runs_failed,
               count(*) filter (where status = 'cancelled') as runs_cancelled,
               count(*) filter (where status = 'skipped') as runs_skipped,
               coalesce(sum(extract(epoch from finished_at - started_at)) filter (where status = 'completed' and started_at is not null and finished_at is not null), 0)::bigint as run_seconds_sum
        from runs group by repository_id, workspace_id, day
      ),
      open_findings as (
        select ru.repository_id, ru.day, f.run_id, f.category, f.severity, f.is_new
        from runs ru
        join findings f on f.run_id = ru.id
        left join finding_triage t on t.repository_id = f.repository_id and t.fingerprint = f.fingerprint
        where ru.status = 'completed' and f.suppression_kind is null and coalesce(t.status, 'open') = 'open'
      ),
      found as (
        select repository_id, day, count(*) as findings_found, count(*) filter (where is_new) as new_findings from open_findings group by repository_id, day
      ),
      found_severity as (
        select repository_id, day, jsonb_object_agg(severity, n) as j from (select repository_id, day, severity, count(*) as n from open_findings group by 1, 2, 3) x group by 1, 2
      ),
      found_category as (
        select repository_id, day, jsonb_object_agg(category, n) as j from (select repository_id, day, category, count(*) as n from open_findings group by 1, 2, 3) x group by 1, 2
      ),
      fixed as (
        -- Findings of the run a default-branch run was compared with that are gone from it.
        select ru.repository_id, ru.day, count(*) as fixed_findings
        from runs ru
        join findings p on p.run_id = ru.compared_to_run_id and p.suppression_kind is null
        left join finding_triage t on t.repository_id = p.repository_id and t.fingerprint = p.fingerprint
        where ru.status = 'completed' and ru.trigger <> 'pull_request' and coalesce(t.status, 'open') = 'open'
          and not exists (select 1 from findings c where c.run_id = ru.id and c.fingerprint = p.fingerprint)
        group by ru.repository_id, ru.day
      ),
      snapshot_runs as (
        select distinct on (repository_id, day) id, repository_id, day, lines_of_code
        from runs where status = 'completed' and trigger <> 'pull_request'
        order by repository_id, day, finished_at desc nulls last, id
      ),
      snapshot_counts as (
        -- Grouped once (a subquery per snapshot run would rescan every open finding of the range for each).
        select c.run_id, jsonb_object_agg(c.k, c.n) as counts
        from (select o.run_id, o.category || ':' || o.severity as k, count(*) as n from open_findings o where o.run_id in (select id from snapshot_runs) group by 1, 2) c
        group by c.run_id
      ),
      snapshots as (
        select s.repository_id, s.day, s.id as run_id,
               jsonb_build_object('runId', s.id, 'linesOfCode', s.lines_of_code, 'counts', coalesce(sc.counts, '{}'::jsonb)) as snapshot
        from snapshot_runs s left join snapshot_counts sc on sc.run_id = s.id
      ),
      fix_events as (
        select x.repository_id, x.workspace_id, x.day,
               count(*) filter (where x.kind = 'generated') as fixes_generated,
               count(*) filter (where x.kind = 'validated') as fixes_validated,
               count(*) filter (where x.kind = 'merged') as fixes_merged,
               coalesce(sum(x.seconds) filter (where x.kind = 'merged'), 0)::bigint as time_to_fix_seconds_sum,
               count(x.seconds) filter (where x.kind = 'merged') as time_to_fix_count
        from (
          select repository_id, workspace_id, (generated_at at time zone 'UTC')::date as day, 'generated' as kind, null::bigint as seconds
          from fixes where generated_at >= :fromTs and generated_at < :toTs and (:repos::uuid[] is null or repository_id = any(:repos::uuid[]))
          union all
          select repository_id, workspace_id, (validated_at at time zone 'UTC')::date, 'validated', null
          from fixes where validated_at >= :fromTs and validated_at < :toTs and (:repos::uuid[] is null or repository_id = any(:repos::uuid[]))
          union all
          -- Time to fix: from the finding's first report to the merge of its fix.
          select fx.repository_id, fx.workspace_id, (fx.closed_at at time zone 'UTC')::date, 'merged', greatest(0, extract(epoch from fx.closed_at - fi.created_at))::bigint
          from fixes fx join findings fi on fi.id = fx.finding_id
          where fx.status = 'merged' and fx.closed_at >= :fromTs and fx.closed_at < :toTs and (:repos::uuid[] is null or fx.repository_id = any(:repos::uuid[]))
        ) x
        group by x.repository_id, x.workspace_id, x.day
      ),
      keys as (
        select repository_id, workspace_id, day from run_days
        union
        select repository_id, workspace_id, day from fix_events
      ),
      computed as (
        select k.repository_id, k.workspace_id, k.day,
               coalesce(rd.runs_total, 0) as runs_total, coalesce(rd.runs_completed, 0) as runs_completed, coalesce(rd.runs_failed, 0) as runs_failed,
               coalesce(rd.runs_cancelled, 0) as runs_cancelled, coalesce(rd.runs_skipped, 0) as runs_skipped, coalesce(rd.run_seconds_sum, 0) as run_seconds_sum,
               coalesce(fo.findings_found, 0) as findings_found, coalesce(fo.new_findings, 0) as new_findings, coalesce(fd.fixed_findings, 0) as fixed_findings,
               coalesce(fe.fixes_generated, 0) as fixes_generated, coalesce(fe.fixes_validated, 0) as fixes_validated, coalesce(fe.fixes_merged, 0) as fixes_merged,
               coalesce(fe.time_to_fix_seconds_sum, 0) as time_to_fix_seconds_sum, coalesce(fe.time_to_fix_count, 0) as time_to_fix_count,
               coalesce(fs.j, '{}'::jsonb) as found_by_severity, coalesce(fc.j, '{}'::jsonb) as found_by_category,
               sn.run_id as snapshot_run_id, sn.snapshot
        from keys k
        left join run_days rd using (repository_id, day)
        left join found fo using (repository_id, day)
        left join found_severity fs using (repository_id, day)
        left join found_category fc using (repository_id, day)
        left join fixed fd using (repository_id, day)
        left join snapshots sn using (repository_id, day)
        left join fix_events fe using (repository_id, day)
      ),
      upserted as (
        insert into analytics_repository_daily as d (repository_id, workspace_id, day, ${COUNTER_COLUMNS.join(', ')}, found_by_severity, found_by_category, snapshot_run_id, snapshot, rebuilt_at)
        select repository_id, workspace_id, day, ${COUNTER_COLUMNS.join(', ')}, found_by_severity, found_by_category, snapshot_run_id, snapshot, now() from computed
        on conflict (repository_id, day) do update set
          ${[...COUNTER_COLUMNS, 'found_by_severity', 'found_by_category', 'snapshot_run_id', 'snapshot'].map((c) => `${c} = excluded.${c}`).join(', ')}, rebuilt_at = now()
        returning d.repository_id, d.day
      ),
      removed as (
        delete from analytics_repository_daily d
        where d.day between :from::date and :to::date and (:repos::uuid[] is null or d.repository_id = any(:repos::uuid[]))
          and not exists (select 1 from computed c where c.repository_id = d.repository_id and c.day = d.day)
        returning 1
      )
      select (select count(*) from upserted) as n, (select count(*) from removed) as removed
      `,
      bindings,
    );
    return Number(result.rows[0].n);
  });
}

/**
 * Rebuilds the workspace rollups of the days [from, to] from the repository rollups of the same days and the
 * analytics events (active users, events by type). Rebuild the repository days first.
 */
export async function rebuildWorkspaceDays(db: Db, scope: { workspaceIds: string[] | null; from: Day; to: Day }): Promise<number> {
  const { fromTs, toTs } = dayBounds(scope.from, scope.to);
  const ws = scope.workspaceIds;
  if (ws && ws.length === 0) return 0;
  const sums = COUNTER_COLUMNS.map((c) => `sum(${c})::bigint as ${c}`).join(', ');
  const result = await db.raw(
    `
    with repo_days as (
      select * from analytics_repository_daily where day between :from::date and :to::date and (:ws::uuid[] is null or workspace_id = any(:ws::uuid[]))
    ),
    counters as (select workspace_id, day, ${sums} from repo_days group by workspace_id, day),
    severity as (
      select workspace_id, day, jsonb_object_agg(k, n) as j
      from (select workspace_id, day, e.key as k, sum(e.value::int) as n from repo_days, jsonb_each_text(found_by_severity) e group by 1, 2, 3) x group by 1, 2
    ),
    category as (
      select workspace_id, day, jsonb_object_agg(k, n) as j
      from (select workspace_id, day, e.key as k, sum(e.value::int) as n from repo_days, jsonb_each_text(found_by_category) e group by 1, 2, 3) x group by 1, 2
    ),
    events as (
      select workspace_id, day, sum(n)::int as total, count(distinct user_id) filter (where user_id is not null) as active_users, jsonb_object_agg(event_type, n) as j
      from (
        select workspace_id, (occurred_at at time zone 'UTC')::date as day, event_type, user_id, count(*) as n
        from analytics_event where occurred_at >= :fromTs and occurred_at < :toTs and workspace_id is not null and (:ws::uuid[] is null or workspace_id = any(:ws::uuid[]))
        group by 1, 2, 3, 4
      ) e group by 1, 2
    ),
    event_types as (
      select workspace_id, day, jsonb_object_agg(event_type, n) as j
      from (
        select workspace_id, (occurred_at at time zone 'UTC')::date as day, event_type, count(*) as n
        from analytics_event where occurred_at >= :fromTs and occurred_at < :toTs and workspace_id is not null and (:ws::uuid[] is null or workspace_id = any(:ws::uuid[]))
        group by 1, 2, 3
      ) e group by 1, 2
    ),
    keys as (select workspace_id, day from counters union select workspace_id, day from events),
    computed as (
      select k.workspace_id, k.day, ${COUNTER_COLUMNS.map((c) => `coalesce(c.${c}, 0) as ${c}`).join(', ')},
             coalesce(s.j, '{}'::jsonb) as found_by_severity, coalesce(g.j, '{}'::jsonb) as found_by_category,
             coalesce(e.active_users, 0) as active_users, coalesce(t.j, '{}'::jsonb) as events
      from keys k
      left join counters c using (workspace_id, day)
      left join severity s using (workspace_id, day)
      left join category g using (workspace_id, day)
      left join events e using (workspace_id, day)
      left join event_types t using (workspace_id, day)
    ),
    upserted as (
      insert into analytics_workspace_daily as d (workspace_id, day, ${COUNTER_COLUMNS.join(', ')}, found_by_severity, found_by_category, active_users, events, rebuilt_at)
      select workspace_id, day, ${COUNTER_COLUMNS.join(', ')}, found_by_severity, found_by_category, active_users, events, now() from computed
      on conflict (workspace_id, day) do update set
        ${[...COUNTER_COLUMNS, 'found_by_severity', 'found_by_category', 'active_users', 'events'].map((c) => `${c} = excluded.${c}`).join(', ')}, rebuilt_at = now()
      returning 1
    ),
    removed as (
      delete from analytics_workspace_daily d
      where d.day between :from::date and :to::date and (:ws::uuid[] is null or d.workspace_id = any(:ws::uuid[]))
        and not exists (select 1 from computed c where c.workspace_id = d.workspace_id and c.day = d.day)
      returning 1
    )
    select (select count(*) from upserted) as n, (select count(*) from removed) as removed
    `,
    { fromTs, toTs, from: scope.from, to: scope.to, ws: ws ?? null },
  );
  return Number(result.rows[0].n);
}

/** The repositories (and their workspaces) with anything to roll up in [from, to], in id order, a page at a time. */
export async function repositoriesWithActivity(db: Db, scope: { from: Day; to: Day; afterId: string | null; limit: number }): Promise<{ id: string; workspaceId: string }[]> {
  const { fromTs, toTs } = dayBounds(scope.from, scope.to);
  const result = await db.raw(
    `select p.id, p.workspace_id as "workspaceId" from repositories p
     where p.workspace_id is not null and (:afterId::uuid is null or p.id > :afterId::uuid)
       and (exists (select 1 from analysis_runs r where r.repository_id = p.id and r.created_at >= :fromTs and r.created_at < :toTs)
         or exists (select 1 from fixes f where f.repository_id = p.id and f.updated_at >= :fromTs)
         or exists (select 1 from analytics_repository_daily d where d.repository_id = p.id and d.day between :from::date and :to::date))
     order by p.id limit :limit`,
    { fromTs, toTs, from: scope.from, to: scope.to, afterId: scope.afterId, limit: scope.limit },
  );
  return result.rows.map((r: { id: string; workspaceId: string }) => ({ id: r.id, workspaceId: r.workspaceId }));
}

/** The workspaces with anything to roll up in [from, to], in id order, a page at a time. */
export async function workspacesWithActivity(db: Db, scope: { from: Day; to: Day; afterId: string | null; limit: number }): Promise<string[]> {
  const { fromTs, toTs } = dayBounds(scope.from, scope.to);
  const result = await db.raw(
    `select w.id from workspaces w
     where (:afterId::uuid is null or w.id > :afterId::uuid)
       and (exists (select 1 from analytics_repository_daily d where d.workspace_id = w.id and d.day between :from::date and :to::date)
         or exists (select 1 from analytics_event e where e.workspace_id = w.id and e.occurred_at >= :fromTs and e.occurred_at < :toTs)
         or exists (select 1 from analytics_workspace_daily d where d.workspace_id = w.id and d.day between :from::date and :to::date))
     order by w.id limit :limit`,
    { fromTs, toTs, from: scope.from, to: scope.to, afterId: scope.afterId, limit: scope.limit },
  );
  return result.rows.map((r: { id: string }) => r.id);
}

/**
 * The incremental update when a run ends (or a triage changes what counts): the days of the run's repository
 * and workspace that the run touches.
 */
export async function refreshRollupsOfRun(db: Db, runId: string): Promise<void> {
  const run = await db('analysis_runs').where({ id: runId }).first('repositoryId', 'workspaceId', 'createdAt');
  if (!run) return;
  const day = dayOf(new Date(run.createdAt));
  await inTransaction(db, async (trx) => {
    await rebuildRepositoryDays(trx, { repositoryIds: [run.repositoryId], from: day, to: day });
    await rebuildWorkspaceDays(trx, { workspaceIds: [run.workspaceId], from: day, to: day });
  });
}

/** After a triage: every day of the repository with a finished run that has the fingerprint counts it differently. */
export async function refreshRollupsOfFingerprint(db: Db, repositoryId: string, fingerprint: string): Promise<number> {
  const rows: { day: string; workspaceId: string }[] = (
    await db.raw(
      `select distinct to_char((r.created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, r.workspace_id as "workspaceId"
       from findings f join analysis_runs r on r.id = f.run_id
       where f.repository_id = :repositoryId and f.fingerprint = :fingerprint and r.status = 'completed'`,
      { repositoryId, fingerprint },
    )
  ).rows;
  if (rows.length === 0) return 0;
  const days = rows.map((r) => r.day).sort();
  // Contiguous stretches are rebuilt together; a fingerprint usually lives in consecutive days.
  const ranges: [Day, Day][] = [];
  for (const d of days) {
    const last = ranges.at(-1);
    if (last && new Date(`${d}T00:00:00Z`).getTime() - new Date(`${last[1]}T00:00:00Z`).getTime() <= 86_400_000) last[1] = d;
    else ranges.push([d, d]);
  }
  await inTransaction(db, async (trx) => {
    for (const [from, to] of ranges) {
      await rebuildRepositoryDays(trx, { repositoryIds: [repositoryId], from, to });
      await rebuildWorkspaceDays(trx, { workspaceIds: [rows[0]!.workspaceId], from, to });
    }
  });
  return days.length;
}
