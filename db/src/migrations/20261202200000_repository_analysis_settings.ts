import type { Knex } from 'knex';

// Issue 16: a repository's analysis settings from the portal (workspace admins): the quality gate's limits on new
// findings and rules turned off. `.argus.yml` wins where it sets the same thing; `argus_yml` records what the
// newest analysis found in it (and at which commit) so the portal can say which settings are overridden.
export async function up(knex: Knex) {
  await knex.schema.createTable('repository_analysis_settings', (t) => {
    t.uuid('repository_id').primary().references('id').inTable('repositories').onDelete('CASCADE');
    // { critical?: n|null, high?: n|null, medium?: n|null, low?: n|null, secrets?: n|null }; a missing key keeps the default.
    t.jsonb('gate').notNullable().defaultTo('{}');
    // { "<rule id>": "off" }
    t.jsonb('rules').notNullable().defaultTo('{}');
    // { gate: {…} | null, rules: { id: setting } } as the newest analysis read it from .argus.yml, or null without one.
    t.jsonb('argus_yml');
    t.text('argus_yml_file');
    t.text('argus_yml_commit_sha');
    t.timestamp('argus_yml_seen_at', { useTz: true });
    t.uuid('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('repository_analysis_settings');
}
