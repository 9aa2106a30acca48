import type { Knex } from 'knex';

// GitHub's X-GitHub-Delivery is unique per delivery and repeated on a redelivery: the key for idempotency.
export async function up(knex: Knex) {
  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('source').notNullable().defaultTo('github');
    t.text('delivery_id').notNullable();
    t.text('event').notNullable();
    t.text('action');
    t.text('status').notNullable().checkIn(['pending', 'started', 'ignored', 'processed', 'failed']);
    t.text('workflow_id');
    t.jsonb('start_request');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.unique(['source', 'delivery_id']);
  });
  await knex.raw(`create index webhook_deliveries_pending on webhook_deliveries (received_at) where status = 'pending'`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('webhook_deliveries');
}
