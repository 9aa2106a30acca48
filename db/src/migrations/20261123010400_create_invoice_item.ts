import type { Knex } from 'knex';

// Seed 004's `invoice_item`. An item without an invoice is pending (a proration from an upgrade) and is claimed by
// the invoice of its period, in the same transaction that creates that invoice.
export async function up(knex: Knex) {
  await knex.schema.createTable('invoice_item', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('invoice_id').references('invoice.id').onDelete('CASCADE');
    t.uuid('subscription_id').notNullable().references('subscription.id').onDelete('CASCADE');
    t.text('item_type').notNullable().checkIn(['subscription', 'overage', 'credit', 'proration']);
    t.text('description').notNullable();
    t.integer('quantity').notNullable().defaultTo(1);
    t.integer('unit_price_cents').notNullable();
    t.integer('total_cents').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.text('idempotency_key').unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['invoice_id']);
  });
  await knex.raw(`create index invoice_item_pending on invoice_item (subscription_id) where invoice_id is null`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('invoice_item');
}
