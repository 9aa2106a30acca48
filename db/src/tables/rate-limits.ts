import type { Db } from '../knex';

// Owner of `rate_limit_window`: request counts per bucket and one-minute window, shared by every API process.

export interface RateLimitCount {
  bucket: string;
  count: number;
  /** When the window ends. */
  resetAt: Date;
}

/** Counts one request in each bucket's current window (one statement) and answers the counts after it. */
export async function hitRateLimits(db: Db, buckets: string[]): Promise<RateLimitCount[]> {
  if (!buckets.length) return [];
  const { rows } = (await db.raw(
    `insert into rate_limit_window (bucket, window_start, count)
     select b, date_trunc('minute', now()), 1 from unnest(?::text[]) as b
     on conflict (bucket, window_start) do update set count = rate_limit_window.count + 1
     returning bucket, count, window_start + interval '1 minute' as reset_at`,
    [buckets],
  )) as { rows: { bucket: string; count: number; reset_at: Date }[] };
  return rows.map((r) => ({ bucket: r.bucket, count: r.count, resetAt: new Date(r.reset_at) }));
}

/** Forgets windows that ended; cheap, and safe to call from any process. */
export async function pruneRateLimits(db: Db): Promise<number> {
  return db('rate_limit_window').where('windowStart', '<', db.raw(`date_trunc('minute', now()) - interval '1 minute'`)).delete();
}
