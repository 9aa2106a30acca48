import type { Knex } from 'knex';

// API rate limits per tier, counted in Postgres so that every API process sees the same counts: one row per bucket
// (an API token, a workspace) and fixed one-minute window.
export async function up(knex: Knex) {
  await knex.schema.createTable('rate_limit_window', (t) => {
    t.text('bucket').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('count').notNullable().defaultTo(0);
    t.primary(['bucket', 'window_start']);
    t.index(['window_start']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('rate_limit_window');
}
