import type { Client } from '@temporalio/client';
import type { Knex } from '@argus/db';
import type { Logger, Mailer, Metrics, PlatformConfig } from '@argus/activities';

/** What every route and service is handed. Its own module, so that no feature imports app.ts (which imports them all). */
export interface AppDeps {
  config: PlatformConfig;
  knex: Knex;
  temporal: Client;
  logger: Logger;
  metrics: Metrics;
  mailer: Mailer;
}
