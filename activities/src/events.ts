import type { Knex } from 'knex';

export const EVENTS_CHANNEL = 'argus_events';

export interface RunEvent {
  type: 'run.updated';
  workspaceId: string;
  runId: string;
  repositoryId: string;
  status: string;
  progress?: unknown;
}

/** Fans out to every API process through Postgres LISTEN/NOTIFY; the payload stays small (NOTIFY caps at 8 kB). */
export async function publishEvent(knex: Knex | Knex.Transaction, event: RunEvent): Promise<void> {
  await knex.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, JSON.stringify(event)]);
}
