import type { Knex } from 'knex';

// Seed 004's `subscription_tier`. Tiers are data (billing admins edit them); a null limit means unlimited.
const DEFAULT_TIERS = [
  {
    name: 'free',
    display_name: 'Free',
    description: 'For trying Argus on a side project.',
    monthly_price_cents: 0,
    max_analyses_per_month: 10,
    max_ai_fixes_per_month: 3,
    max_seats: 1,
    max_projects: 3,
    max_storage_gb: 1,
    max_concurrent_runs: 1,
    includes_priority_support: false,
    includes_advanced_analytics: false,
    overage_price_cents: 10,
    overage_allowed: false,
    api_requests_per_minute: 120,
    sort_order: 0,
  },
  {
    name: 'professional',
    display_name: 'Professional',
    description: 'For teams that gate every pull request.',
    monthly_price_cents: 9900,
    max_analyses_per_month: 500,
    max_ai_fixes_per_month: 100,
    max_seats: 5,
    max_projects: 50,
    max_storage_gb: 50,
    max_concurrent_runs: 3,
    includes_priority_support: false,
    includes_advanced_analytics: true,
    overage_price_cents: 10,
    overage_allowed: true,
    api_requests_per_minute: 600,
    sort_order: 1,
  },
  {
    name: 'enterprise',
    display_name: 'Enterprise',
    description: 'Unlimited analyses, fixes, seats and repositories, with priority support.',
    monthly_price_cents: 49900,
    max_analyses_per_month: null,
    max_ai_fixes_per_month: null,
    max_seats: null,
    max_projects: null,
    max_storage_gb: null,
    max_concurrent_runs: null,
    includes_priority_support: true,
    includes_advanced_analytics: true,
    overage_price_cents: 10,
    overage_allowed: true,
    api_requests_per_minute: 6000,
    sort_order: 2,
  },
];

export async function up(knex: Knex) {
  await knex.schema.createTable('subscription_tier', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('monthly_price_cents').notNullable();
    t.integer('max_analyses_per_month');
    t.integer('max_ai_fixes_per_month');
    t.integer('max_seats');
    t.integer('max_projects');
    t.integer('max_storage_gb');
    t.integer('max_concurrent_runs');
    t.boolean('includes_priority_support').notNullable().defaultTo(false);
    t.boolean('includes_advanced_analytics').notNullable().defaultTo(false);
    /** Per analysis over the allowance, on tiers that allow overage (seed 004: $0.10). */
    t.integer('overage_price_cents').notNullable().defaultTo(10);
    t.boolean('overage_allowed').notNullable().defaultTo(true);
    t.integer('api_requests_per_minute').notNullable().defaultTo(600);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.boolean('is_public').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw(`alter table subscription_tier add constraint subscription_tier_money_nonnegative check (monthly_price_cents >= 0 and overage_price_cents >= 0)`);
  await knex('subscription_tier').insert(DEFAULT_TIERS);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('subscription_tier');
}
