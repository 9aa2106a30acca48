import type { Knex } from 'knex';

// Seed 004's `subscription`, one per workspace (a personal workspace is its own customer). The billing period is
// [current_period_start, current_period_end); `billing_interval` is a Postgres interval ('1 month', or seconds in tests).
export async function up(knex: Knex) {
  await knex.schema.createTable('subscription', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().unique().references('workspaces.id').onDelete('CASCADE');
    t.uuid('tier_id').notNullable().references('subscription_tier.id');
    /** The tier whose price is the base fee of the current period (the tier at its start; upgrades add prorations). */
    t.uuid('period_tier_id').notNullable().references('subscription_tier.id');
    /** A downgrade waiting for the end of the period. */
    t.uuid('pending_tier_id').references('subscription_tier.id');
    t.text('status').notNullable().defaultTo('active').checkIn(['trial', 'active', 'past_due', 'cancelled']);
    t.timestamp('current_period_start', { useTz: true }).notNullable();
    t.timestamp('current_period_end', { useTz: true }).notNullable();
    t.text('billing_interval').notNullable().defaultTo('1 month');
    t.timestamp('trial_end', { useTz: true });
    t.boolean('trial_used').notNullable().defaultTo(false);
    t.boolean('cancel_at_period_end').notNullable().defaultTo(false);
    t.timestamp('cancelled_at', { useTz: true });
    t.timestamp('past_due_since', { useTz: true });
    /** After the last dunning retry failed: no new analyses until an invoice is paid. Data is kept. */
    t.timestamp('restricted_at', { useTz: true });
    t.text('billing_email');
    /** ISO 3166-1 alpha-2; picks the tax rate from BILLING_TAX_RATES. */
    t.text('billing_country');
    t.text('stripe_customer_id').unique();
    t.text('stripe_subscription_id').unique();
    /** The last plan change applied (its request id), so a retried change is answered, not applied twice. */
    t.text('last_plan_change_id');
    t.timestamps(true, true);
    t.index(['current_period_end']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('subscription');
}
