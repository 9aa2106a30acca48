import type { Knex } from 'knex';

// Issue 16 (findings worth acting on):
// - findings.file_role: what the file is for (production, test, example, docs, fixture). Only production findings
//   count toward the gate, the ratings and the default counts; the others stay listed under their own filter.
// - findings.code_flow: a taint finding's path, source → steps → sink (exported as SARIF codeFlows).
// - findings.cwe: the rule's CWE ids at analysis time, for filters and exports.
export async function up(knex: Knex) {
  await knex.schema.alterTable('findings', (t) => {
    t.text('file_role').notNullable().defaultTo('production');
    t.jsonb('code_flow');
    t.specificType('cwe', 'text[]').notNullable().defaultTo('{}');
  });
  await knex.raw(`alter table findings add constraint findings_file_role check (file_role in ('production', 'test', 'example', 'docs', 'fixture'))`);
  await knex.raw(`create index findings_run_role_idx on findings (run_id, file_role)`);
}

export async function down(knex: Knex) {
  await knex.raw('drop index if exists findings_run_role_idx');
  await knex.schema.alterTable('findings', (t) => {
    t.dropColumn('cwe');
    t.dropColumn('code_flow');
    t.dropColumn('file_role');
  });
}
