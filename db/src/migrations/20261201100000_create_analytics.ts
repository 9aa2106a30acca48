import type { Knex } from 'knex';

// Analytics: the events users cause (each recorded once, by its dedupe key) and the daily rollups per repository
// and per workspace that the analytics endpoints read. Rollups are derived data: any day can be rebuilt from
// analysis_runs, findings, finding_triage, fixes and analytics_event.
export async function up(knex: Knex) {
  await knex.schema.alterTable('analysis_runs', (t) => {
    // Lines in the analyzed files: the denominator of findings density (maintainability rating).
    t.integer('lines_of_code');
  });
  await knex.schema.createTable('analytics_event', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('event_type').notNullable();
    t.uuid('user_id').references('users.id').onDelete('SET NULL');
    t.uuid('workspace_id').references('workspaces.id').onDelete('CASCADE');
    t.uuid('repository_id').references('repositories.id').onDelete('SET NULL');
    t.jsonb('event_data').notNullable().defaultTo('{}');
    t.text('dedupe_key').notNullable().unique();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id', 'occurred_at']);
    t.index(['occurred_at', 'event_type']);
    t.index(['user_id', 'occurred_at']);
  });
  const counters = (t: Knex.CreateTableBuilder) => {
    for (const c of ['runs_total', 'runs_completed', 'runs_failed', 'runs_cancelled', 'runs_skipped', 'findings_found', 'new_findings', 'fixed_findings', 'fixes_generated', 'fixes_validated', 'fixes_merged', 'time_to_fix_count']) {
      t.integer(c).notNullable().defaultTo(0);
    }
    t.bigInteger('run_seconds_sum').notNullable().defaultTo(0);
    t.bigInteger('time_to_fix_seconds_sum').notNullable().defaultTo(0);
    // Open findings by severity and category, found in the day's runs (what seed 000's charts sum).
    t.jsonb('found_by_severity').notNullable().defaultTo('{}');
    t.jsonb('found_by_category').notNullable().defaultTo('{}');
    t.timestamp('rebuilt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };
  await knex.schema.createTable('analytics_repository_daily', (t) => {
    t.uuid('repository_id').notNullable().references('repositories.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.date('day').notNullable();
    counters(t);
    // The state at the end of the day: open findings of the day's last finished default-branch run (null: no such run).
    t.uuid('snapshot_run_id');
    t.jsonb('snapshot');
    t.primary(['repository_id', 'day']);
    t.index(['workspace_id', 'day']);
  });
  await knex.raw('create index analytics_repository_daily_snapshots on analytics_repository_daily (repository_id, day desc) where snapshot is not null');
  await knex.schema.createTable('analytics_workspace_daily', (t) => {
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.date('day').notNullable();
    counters(t);
    t.integer('active_users').notNullable().defaultTo(0);
    t.jsonb('events').notNullable().defaultTo('{}');
    t.primary(['workspace_id', 'day']);
  });
  // What rebuilding a day scans: runs of a repository (or a workspace) by day, fixes by their milestones.
  await knex.raw('create index analysis_runs_repository_created_status on analysis_runs (repository_id, created_at) include (status, trigger, finished_at, started_at)');
  await knex.raw('create index fixes_repository_created on fixes (repository_id, created_at)');
  await knex.raw('create index findings_run_open on findings (run_id, rule_id) where suppression_kind is null');
}

export async function down(knex: Knex) {
  await knex.raw('drop index if exists findings_run_open');
  await knex.raw('drop index if exists fixes_repository_created');
  await knex.raw('drop index if exists analysis_runs_repository_created_status');
  await knex.schema.dropTable('analytics_workspace_daily');
  await knex.schema.dropTable('analytics_repository_daily');
  await knex.schema.dropTable('analytics_event');
  await knex.schema.alterTable('analysis_runs', (t) => {
    t.dropColumn('lines_of_code');
  });
}
