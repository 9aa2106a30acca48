import type { Knex } from 'knex';

const FIX_STATUSES = ['queued', 'generating', 'generated', 'validated', 'rejected', 'failed', 'pr_open', 'merged', 'closed'] as const;

export async function up(knex: Knex) {
  await knex.schema.createTable('fixes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('finding_id').notNullable().references('findings.id').onDelete('CASCADE');
    t.uuid('run_id').notNullable().references('analysis_runs.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.uuid('repository_id').notNullable().references('repositories.id').onDelete('CASCADE');
    t.text('provider').notNullable().checkIn(['builtin', 'groq', 'anthropic']);
    t.text('model');
    // `fix-${findingId}-${provider}`: a double click finds the running workflow instead of starting a second.
    t.text('workflow_id').notNullable();
    t.text('status').notNullable().defaultTo('queued').checkIn([...FIX_STATUSES]);
    t.text('patch');
    t.text('explanation');
    t.jsonb('files').notNullable().defaultTo('[]');
    t.integer('tokens_in');
    t.integer('tokens_out');
    // Integer micro-dollars (1e-6 USD), only where the provider reports usage.
    t.bigInteger('cost_micro_usd');
    t.text('failure_type');
    t.text('failure_reason');
    t.jsonb('validation');
    t.text('pr_workflow_id');
    t.text('pr_branch');
    t.text('pr_url');
    t.integer('pr_number');
    t.uuid('requested_by').references('users.id').onDelete('SET NULL');
    t.uuid('applied_by').references('users.id').onDelete('SET NULL');
    t.timestamp('applied_at', { useTz: true });
    t.timestamp('generated_at', { useTz: true });
    t.timestamp('validated_at', { useTz: true });
    t.timestamp('pr_opened_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['finding_id', 'created_at']);
    t.index(['run_id', 'status']);
    t.index(['repository_id', 'pr_number']);
  });
  // One live fix per finding and provider; a failed, rejected or closed one may be tried again.
  await knex.raw(`create unique index fixes_one_live_per_finding_provider on fixes (finding_id, provider) where status not in ('failed', 'rejected', 'closed')`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('fixes');
}
