import type { Knex } from 'knex';

// A run the plan does not cover (a webhook over the Free quota, a restricted workspace) is recorded as skipped, with
// its reason, instead of being dropped.
export async function up(knex: Knex) {
  await knex.raw('alter table analysis_runs drop constraint analysis_runs_status_check');
  await knex.raw(`alter table analysis_runs add constraint analysis_runs_status_check check (status in ('queued', 'running', 'completed', 'failed', 'cancelled', 'skipped'))`);
}

export async function down(knex: Knex) {
  await knex.raw(`update analysis_runs set status = 'cancelled' where status = 'skipped'`);
  await knex.raw('alter table analysis_runs drop constraint analysis_runs_status_check');
  await knex.raw(`alter table analysis_runs add constraint analysis_runs_status_check check (status in ('queued', 'running', 'completed', 'failed', 'cancelled'))`);
}
