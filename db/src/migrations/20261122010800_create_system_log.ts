import type { Knex } from 'knex';

// Seed 004's SystemLog.
export async function up(knex: Knex) {
  await knex.schema.createTable('system_log', (t) => {
    t.bigIncrements('id');
    t.text('level').notNullable();
    t.text('message').notNullable();
    t.text('component').notNullable();
    t.jsonb('context').notNullable().defaultTo('{}');
    t.text('stack_trace');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at']);
    t.index(['level', 'created_at']);
    t.index(['component', 'created_at']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('system_log');
}
