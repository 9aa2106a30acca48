import type { Knex } from 'knex';

// Per user and workspace: recent queries (one row per distinct query, clearable) and named saved searches.
export async function up(knex: Knex) {
  await knex.schema.createTable('search_history', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('query').notNullable();
    t.integer('times').notNullable().defaultTo(1);
    t.timestamp('last_searched_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'workspace_id', 'query']);
    t.index(['user_id', 'workspace_id', 'last_searched_at']);
  });
  await knex.schema.createTable('search_saved', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('query').notNullable().defaultTo('');
    t.text('scope').notNullable().defaultTo('all');
    t.jsonb('filters').notNullable().defaultTo('{}');
    t.timestamps(true, true);
    t.unique(['user_id', 'workspace_id', 'name']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('search_saved');
  await knex.schema.dropTable('search_history');
}
