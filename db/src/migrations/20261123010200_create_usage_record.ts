import type { Knex } from 'knex';

// Seed 004's `usage_record`, fed once per `usage_events` row (same idempotency key); `billed` flips in the
// transaction that creates the invoice which bills it.
export async function up(knex: Knex) {
  await knex.schema.createTable('usage_record', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('subscription_id').notNullable().references('subscription.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('metric_type').notNullable().checkIn(['analysis', 'fix']);
    t.integer('metric_value').notNullable().defaultTo(1);
    t.boolean('billed').notNullable().defaultTo(false);
    t.uuid('invoice_id');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('idempotency_key').notNullable().unique();
    t.index(['subscription_id', 'billed', 'recorded_at']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('usage_record');
}
