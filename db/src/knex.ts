import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers, Model } from 'objection';
import pg from 'pg';

// Return bigint/numeric counts as numbers; our counts never pass 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface DbConfig {
  connectionString: string;
  poolMax?: number;
  applicationName?: string;
  /**
   * Client-side limit on one query, in ms. A query or ROLLBACK in flight when Postgres restarts can otherwise wait
   * forever on the dead connection (and hold its pool slot); long-lived processes that serve requests set it.
   */
  queryTimeoutMs?: number;
}

/** The one way to get a database handle: snake_case in SQL, camelCase in TypeScript. */
export function createKnex(config: DbConfig): Knex {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: config.connectionString, application_name: config.applicationName ?? 'argus', ...(config.queryTimeoutMs ? { query_timeout: config.queryTimeoutMs } : {}) },
    pool: { min: 0, max: config.poolMax ?? 10 },
    // Fail fast when Postgres is down, so callers (webhooks, health) can answer instead of hanging for a minute.
    acquireConnectionTimeout: 5000,
    ...knexSnakeCaseMappers(),
  });
  Model.knex(knex);
  return knex;
}

export type { Knex };

/** A database handle or an open transaction: every query function takes one, so callers choose the transaction. */
export type Db = Knex | Knex.Transaction;
