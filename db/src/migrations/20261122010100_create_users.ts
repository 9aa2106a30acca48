import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('password_hash').notNullable();
    t.timestamp('email_verified_at', { useTz: true });
    t.text('status').notNullable().defaultTo('active').checkIn(['active', 'suspended']);
    t.integer('failed_login_count').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw('create unique index users_email_lower_key on users (lower(email))');
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('users');
}
