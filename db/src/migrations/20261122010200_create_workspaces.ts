import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('workspaces', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('slug').notNullable().unique();
    t.text('description').notNullable().defaultTo('');
    t.text('kind').notNullable().checkIn(['personal', 'team']);
    t.uuid('owner_id').notNullable().references('users.id');
    t.integer('max_repositories').notNullable().defaultTo(50);
    t.integer('max_concurrent_runs').notNullable().defaultTo(3);
    t.timestamps(true, true);
  });
  await knex.raw(`create unique index workspaces_one_personal_per_owner on workspaces (owner_id) where kind = 'personal'`);
  await knex.schema.createTable('workspace_members', (t) => {
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('role').notNullable().checkIn(['admin', 'developer', 'viewer']);
    t.timestamp('joined_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['workspace_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('workspace_members');
  await knex.schema.dropTable('workspaces');
}
