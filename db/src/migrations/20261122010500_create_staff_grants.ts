import type { Knex } from 'knex';

// Seed 004's AdminUser: a user is staff only through an explicit, attributed grant.
export async function up(knex: Knex) {
  await knex.schema.createTable('staff_grants', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().unique().references('users.id').onDelete('CASCADE');
    t.text('role').notNullable().checkIn(['super_admin', 'billing_admin', 'support_admin', 'analytics_admin']);
    t.jsonb('permissions').notNullable().defaultTo('{}');
    t.uuid('granted_by').references('users.id');
    t.text('granted_by_system');
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table staff_grants add constraint staff_grants_attributed check (granted_by is not null or granted_by_system is not null)`);
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('staff_grants');
}
