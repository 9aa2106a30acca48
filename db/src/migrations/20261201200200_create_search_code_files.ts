import type { Knex } from 'knex';

// Code search: the files of each repository's latest default-branch analysis, replaced at analysis time.
// A trigram GIN index on the content answers literal (ILIKE) and word (regex) queries of three characters or more.
export async function up(knex: Knex) {
  await knex.schema.createTable('search_code_files', (t) => {
    t.uuid('repository_id').notNullable().references('repositories.id').onDelete('CASCADE');
    t.text('path').notNullable();
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.uuid('run_id').notNullable().references('analysis_runs.id').onDelete('CASCADE');
    t.text('language');
    t.text('content').notNullable();
    t.timestamp('indexed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['repository_id', 'path']);
  });
  await knex.raw('create index search_code_files_content_trgm on search_code_files using gin (workspace_id, content gin_trgm_ops)');
  await knex.raw('create index search_code_files_path_trgm on search_code_files using gin (workspace_id, path gin_trgm_ops)');
  // Which run's files a repository's index holds, so an older run finishing late never replaces a newer index.
  await knex.schema.createTable('search_code_index', (t) => {
    t.uuid('repository_id').primary().references('repositories.id').onDelete('CASCADE');
    t.uuid('run_id').notNullable().references('analysis_runs.id').onDelete('CASCADE');
    t.timestamp('run_created_at', { useTz: true }).notNullable();
    t.integer('files').notNullable();
    t.timestamp('indexed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('search_code_index');
  await knex.schema.dropTable('search_code_files');
}
