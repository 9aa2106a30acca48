import type { Knex } from 'knex';

// The ledger of Stripe webhook events: deduplicates on event.id (Stripe delivers twice) and records what was done.
export async function up(knex: Knex) {
  await knex.schema.createTable('stripe_event', (t) => {
    t.text('id').primary();
    t.text('type').notNullable();
    t.text('object_id');
    t.timestamp('stripe_created_at', { useTz: true }).notNullable();
    t.jsonb('payload').notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('outcome');
    t.text('last_error');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('processed_at', { useTz: true });
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('stripe_event');
}
