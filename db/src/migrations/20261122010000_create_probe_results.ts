import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('probe_results', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('probe_id').notNullable().unique();
    t.text('workflow_id').notNullable();
    t.text('worker_identity').notNullable();
    t.timestamp('written_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('probe_results');
}
