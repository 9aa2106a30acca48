import type { Knex } from 'knex';

// Billing reads these later; each event is recorded once thanks to its idempotency key.
export async function up(knex: Knex) {
  await knex.schema.createTable('usage_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.integer('quantity').notNullable().defaultTo(1);
    t.text('idempotency_key').notNullable().unique();
    t.jsonb('metadata').notNullable().defaultTo('{}');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id', 'occurred_at']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('usage_events');
}
