import type { Knex } from 'knex';

// Credits granted by support; invoices consume them (oldest first) in the transaction that creates the invoice.
export async function up(knex: Knex) {
  await knex.schema.createTable('billing_credit', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.integer('amount_cents').notNullable();
    t.integer('remaining_cents').notNullable();
    t.text('reason').notNullable();
    t.uuid('granted_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id']);
  });
  await knex.raw(`alter table billing_credit add constraint billing_credit_amounts check (amount_cents > 0 and remaining_cents between 0 and amount_cents)`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('billing_credit');
}
