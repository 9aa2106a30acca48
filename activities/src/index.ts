import type { Knex } from 'knex';
import { createDbActivities } from './db';

export interface ActivityDeps {
  knex: Knex;
}

/** All activities the worker hosts, merged into one object and one type for `proxyActivities<Activities>`. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDbActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

export { createDbActivities } from './db';
export { createMailer, type Mailer, type OutgoingMail } from './email';
export { createArgusWorker, type ArgusWorkerOptions } from './worker/create-worker';
export * from './platform/config';
export * from './platform/secrets';
export * from './platform/sentry';
export * from './platform/scrub';
export * from './platform/logger';
export * from './platform/metrics';
