import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('findings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('run_id').notNullable().references('analysis_runs.id').onDelete('CASCADE');
    t.uuid('repository_id').notNullable().references('repositories.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('tool').notNullable();
    t.text('rule_id').notNullable();
    t.text('category').notNullable().checkIn(['security', 'bug', 'performance', 'maintainability', 'style']);
    t.text('severity').notNullable().checkIn(['critical', 'high', 'medium', 'low', 'info']);
    t.text('path').notNullable();
    t.integer('start_line').notNullable();
    t.integer('start_column').notNullable();
    t.integer('end_line').notNullable();
    t.integer('end_column').notNullable();
    t.text('message').notNullable();
    t.text('snippet').notNullable().defaultTo('');
    t.text('help_url');
    t.text('fingerprint').notNullable();
    t.boolean('is_new').notNullable().defaultTo(false);
    t.text('suppression_kind');
    t.text('suppression_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Activities may run twice: the same finding of the same run is written once.
    t.unique(['run_id', 'fingerprint']);
    t.index(['run_id', 'severity']);
    t.index(['repository_id', 'fingerprint']);
  });
  await knex.schema.createTable('finding_triage', (t) => {
    t.uuid('repository_id').notNullable().references('repositories.id').onDelete('CASCADE');
    t.text('fingerprint').notNullable();
    t.text('status').notNullable().checkIn(['open', 'false_positive', 'wont_fix', 'accepted']);
    t.text('reason');
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['repository_id', 'fingerprint']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('finding_triage');
  await knex.schema.dropTable('findings');
}
