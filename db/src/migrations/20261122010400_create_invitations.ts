import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('email').notNullable();
    t.text('role').notNullable().checkIn(['admin', 'developer', 'viewer']);
    t.text('token_hash').notNullable().unique();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'accepted', 'revoked']);
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.uuid('invited_by').notNullable().references('users.id');
    t.uuid('accepted_by').references('users.id');
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('invitations');
}
