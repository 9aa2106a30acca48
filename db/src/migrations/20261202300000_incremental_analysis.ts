import type { Knex } from 'knex';

// Issue 17 (incremental pull-request analysis):
// - analysis_key: digest of the analyzers, the effective configuration and the repository context; a run may carry
//   findings forward only from a base run with the same key.
// - analysis_mode: full, or incremental (only the changed files and their importers were analyzed).
// - files_analyzed / files_changed: what an incremental run did, shown on the run page.
// - carried_from_run_id: the base run whose other findings were carried forward (and compared with).
// - findings.origin_path: for a taint finding, the analyzed file the flow was found from; an incremental run drops
//   the carried flows of the files it analyzes again, wherever those flows end.
export async function up(knex: Knex) {
  await knex.schema.alterTable('findings', (t) => {
    t.text('origin_path');
  });
  await knex.schema.alterTable('analysis_runs', (t) => {
    t.text('analysis_key');
    t.text('analysis_mode');
    t.integer('files_analyzed');
    t.integer('files_changed');
    t.uuid('carried_from_run_id').references('id').inTable('analysis_runs').onDelete('SET NULL');
  });
  await knex.raw(`alter table analysis_runs add constraint analysis_runs_mode check (analysis_mode in ('full', 'incremental'))`);
}

export async function down(knex: Knex) {
  await knex.schema.alterTable('findings', (t) => {
    t.dropColumn('origin_path');
  });
  await knex.schema.alterTable('analysis_runs', (t) => {
    t.dropColumn('carried_from_run_id');
    t.dropColumn('files_changed');
    t.dropColumn('files_analyzed');
    t.dropColumn('analysis_mode');
    t.dropColumn('analysis_key');
  });
}
