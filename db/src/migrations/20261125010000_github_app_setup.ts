import type { Knex } from 'knex';

// Issue 10 §1 (the GitHub App flow for a real customer):
// - github_setup_states: the `state` of one "Install the GitHub App" click, bound to the user and the workspace
//   that started it. Only its SHA-256 is stored; it is single-use and expires, so a forged or replayed setup
//   callback cannot link an installation to someone else's workspace.
// - github_installations.claimed_by / claimed_at: who linked the installation to its workspace, and when (the
//   workspace is set only after GitHub confirmed, with the user's own token, that they can access it).
// - repositories.github_repo_id is unique among connected rows only: a repository deactivated in one workspace
//   keeps its row (and findings) there, and can be activated again in the workspace that now holds the installation.
//   Rows the old installation webhook created without a workspace are retired: they were never analyzable.
export async function up(knex: Knex) {
  await knex.schema.alterTable('github_installations', (t) => {
    t.uuid('claimed_by').references('users.id').onDelete('SET NULL');
    t.timestamp('claimed_at', { useTz: true });
    t.index(['workspace_id']);
  });

  await knex.schema.createTable('github_setup_states', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('state_hash').notNullable().unique();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['expires_at']);
  });

  await knex.raw(`update repositories set removed_at = now() where provider = 'github' and workspace_id is null and removed_at is null`);
  await knex.schema.alterTable('repositories', (t) => {
    t.dropUnique(['github_repo_id']);
  });
  await knex.raw('create unique index repositories_connected_github_repo_id on repositories (github_repo_id) where removed_at is null');
  await knex.raw('create index repositories_github_installation_id on repositories (github_installation_id)');
}

export async function down(knex: Knex) {
  await knex.raw('drop index if exists repositories_github_installation_id');
  await knex.raw('drop index if exists repositories_connected_github_repo_id');
  // Only the newest row of each GitHub repository can keep the id under the old constraint.
  await knex.raw(`update repositories r set github_repo_id = null where github_repo_id is not null and exists (
    select 1 from repositories n where n.github_repo_id = r.github_repo_id and (n.created_at, n.id) > (r.created_at, r.id))`);
  await knex.schema.alterTable('repositories', (t) => {
    t.unique(['github_repo_id']);
  });
  await knex.schema.dropTable('github_setup_states');
  await knex.schema.alterTable('github_installations', (t) => {
    t.dropIndex(['workspace_id']);
    t.dropColumn('claimed_at');
    t.dropColumn('claimed_by');
  });
}
