import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('analysis_runs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.uuid('repository_id').notNullable().references('repositories.id').onDelete('CASCADE');
    t.text('workflow_id').notNullable().unique();
    t.text('trigger').notNullable().checkIn(['push', 'pull_request', 'manual', 'schedule']);
    t.text('ref');
    t.text('commit_sha');
    t.text('base_sha');
    t.integer('pull_request_number');
    t.text('status').notNullable().defaultTo('queued').checkIn(['queued', 'running', 'completed', 'failed', 'cancelled']);
    t.jsonb('progress').notNullable().defaultTo('{}');
    t.jsonb('summary');
    t.jsonb('gate');
    t.jsonb('gate_config');
    t.bigInteger('github_check_run_id');
    t.bigInteger('github_comment_id');
    t.jsonb('config_errors').notNullable().defaultTo('[]');
    t.boolean('is_baseline').notNullable().defaultTo(false);
    t.uuid('compared_to_run_id').references('analysis_runs.id').onDelete('SET NULL');
    t.text('error');
    t.uuid('requested_by').references('users.id').onDelete('SET NULL');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id', 'created_at']);
    t.index(['repository_id', 'created_at']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('analysis_runs');
}
