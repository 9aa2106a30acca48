import type { Knex } from 'knex';

// Cards saved through Stripe SetupIntents. Only Stripe's ids and what a person needs to recognise a card are kept.
export async function up(knex: Knex) {
  await knex.schema.createTable('payment_method', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('stripe_payment_method_id').notNullable().unique();
    t.text('brand').notNullable().defaultTo('card');
    t.text('last4').notNullable().defaultTo('');
    t.integer('exp_month');
    t.integer('exp_year');
    t.boolean('is_default').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id']);
  });
  await knex.raw(`create unique index payment_method_one_default on payment_method (workspace_id) where is_default`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('payment_method');
}
