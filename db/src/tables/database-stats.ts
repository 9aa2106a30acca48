import type { Db } from '../knex';

// Postgres' own statistics for the console's performance page: sizes and the queries running longest right now.
// Reads only catalog views; writes nothing.

export interface DatabaseStats {
  databaseBytes: number;
  tables: { name: string; totalBytes: number; rows: number }[];
  /** Statements of other sessions running for more than a second. */
  slowQueries: { pid: number; durationMs: number; state: string; query: string; applicationName: string }[];
  connections: { total: number; active: number };
}

export async function readDatabaseStats(db: Db): Promise<DatabaseStats> {
  const [size, tables, slow, conns] = await Promise.all([
    db.raw(`select pg_database_size(current_database())::bigint as bytes`),
    db.raw(`select c.relname as name, pg_total_relation_size(c.oid)::bigint as total_bytes, greatest(c.reltuples, 0)::bigint as rows
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind = 'r' and n.nspname = current_schema()
             order by pg_total_relation_size(c.oid) desc limit 10`),
    db.raw(`select pid, (extract(epoch from clock_timestamp() - query_start) * 1000)::bigint as duration_ms, state, left(query, 500) as query, application_name
              from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle' and query_start < clock_timestamp() - interval '1 second'
             order by query_start limit 10`),
    db.raw(`select count(*)::int as total, count(*) filter (where state = 'active')::int as active from pg_stat_activity where datname = current_database()`),
  ]);
  return {
    databaseBytes: Number(size.rows[0].bytes),
    tables: tables.rows.map((r: { name: string; total_bytes: number; rows: number }) => ({ name: r.name, totalBytes: Number(r.total_bytes), rows: Number(r.rows) })),
    slowQueries: slow.rows.map((r: { pid: number; duration_ms: number; state: string; query: string; application_name: string }) => ({
      pid: r.pid,
      durationMs: Number(r.duration_ms),
      state: r.state,
      query: r.query,
      applicationName: r.application_name,
    })),
    connections: { total: conns.rows[0].total, active: conns.rows[0].active },
  };
}
