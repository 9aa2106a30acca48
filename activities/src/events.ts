import type { Knex } from '@argus/db';

import { EVENTS_CHANNEL, type RunEvent } from '@argus/workflows/contract';

/** Fans out to every API process through Postgres LISTEN/NOTIFY; the payload stays small (NOTIFY caps at 8 kB). */
export async function publishEvent(knex: Knex | Knex.Transaction, event: RunEvent): Promise<void> {
  await knex.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, JSON.stringify(event)]);
}
