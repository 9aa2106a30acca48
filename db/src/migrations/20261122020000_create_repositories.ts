import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('github_installations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigInteger('installation_id').notNullable().unique();
    t.text('account_login').notNullable();
    t.text('account_type').notNullable();
    t.uuid('workspace_id').references('workspaces.id').onDelete('SET NULL');
    t.timestamp('suspended_at', { useTz: true });
    t.timestamp('deleted_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.schema.createTable('repositories', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').references('workspaces.id').onDelete('CASCADE');
    t.text('provider').notNullable().checkIn(['github', 'git']);
    t.text('full_name').notNullable();
    t.text('clone_url').notNullable();
    t.text('default_branch').notNullable().defaultTo('main');
    t.uuid('github_installation_id').references('github_installations.id').onDelete('SET NULL');
    t.bigInteger('github_repo_id').unique();
    t.text('credential_sealed');
    t.text('analysis_schedule');
    t.timestamp('removed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['workspace_id']);
  });
  await knex.raw('create unique index repositories_workspace_clone_url on repositories (workspace_id, clone_url) where removed_at is null');
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('repositories');
  await knex.schema.dropTable('github_installations');
}
