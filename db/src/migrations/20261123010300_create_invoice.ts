import type { Knex } from 'knex';

// Seed 004's `invoice`. Exactly one per subscription and billing period: unique(subscription_id, billing_period_start).
export async function up(knex: Knex) {
  await knex.raw('create sequence invoice_number_seq');
  await knex.schema.createTable('invoice', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('number').notNullable().unique().defaultTo(knex.raw(`'ARG-' || lpad(nextval('invoice_number_seq')::text, 6, '0')`));
    t.uuid('subscription_id').notNullable().references('subscription.id').onDelete('CASCADE');
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.uuid('tier_id').notNullable().references('subscription_tier.id');
    t.timestamp('billing_period_start', { useTz: true }).notNullable();
    t.timestamp('billing_period_end', { useTz: true }).notNullable();
    t.text('currency').notNullable().defaultTo('usd');
    t.integer('subtotal_cents').notNullable();
    t.integer('tax_cents').notNullable().defaultTo(0);
    t.integer('tax_rate_bps').notNullable().defaultTo(0);
    t.text('tax_country');
    t.integer('total_cents').notNullable();
    t.integer('overage_charges_cents').notNullable().defaultTo(0);
    t.integer('credits_applied_cents').notNullable().defaultTo(0);
    t.integer('amount_refunded_cents').notNullable().defaultTo(0);
    t.text('status').notNullable().defaultTo('draft').checkIn(['draft', 'sent', 'paid', 'failed', 'refunded']);
    t.timestamp('paid_at', { useTz: true });
    t.integer('payment_attempts').notNullable().defaultTo(0);
    t.text('last_payment_error');
    t.timestamp('next_payment_attempt_at', { useTz: true });
    t.text('stripe_invoice_id').unique();
    t.text('stripe_payment_intent_id').unique();
    t.timestamp('announced_at', { useTz: true });
    t.timestamps(true, true);
    t.unique(['subscription_id', 'billing_period_start']);
    t.index(['workspace_id', 'billing_period_start']);
  });
  await knex.raw(`alter table invoice add constraint invoice_amounts_add_up check (total_cents = subtotal_cents + tax_cents and subtotal_cents >= 0 and tax_cents >= 0 and amount_refunded_cents between 0 and total_cents)`);
  await knex.raw(`create index invoice_unannounced on invoice (created_at) where announced_at is null`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('invoice');
  await knex.raw('drop sequence invoice_number_seq');
}
