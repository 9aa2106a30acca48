import type { Knex } from 'knex';

// Issue 15 (the ops console runs the platform):
// - maintenance_mode: one row, read by every API process; while enabled, non-staff writes get 503.
// - impersonation_session: a staff member acting as a customer, with the stated reason and a hard end.
// - activity_log.acting_as_*: an action taken while impersonating is recorded under the real (staff) actor,
//   "as" the impersonated user; the append-only trigger protects the new columns like the others.
export async function up(knex: Knex) {
  await knex.schema.createTable('maintenance_mode', (t) => {
    t.boolean('id').primary().defaultTo(true);
    t.boolean('enabled').notNullable().defaultTo(false);
    t.text('message').notNullable().defaultTo('');
    // What Retry-After says; the console's estimate of how long the window lasts.
    t.integer('retry_after_seconds').notNullable().defaultTo(300);
    t.timestamp('started_at', { useTz: true });
    t.uuid('changed_by').references('users.id').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table maintenance_mode add constraint maintenance_mode_one_row check (id)`);
  await knex.raw(`alter table maintenance_mode add constraint maintenance_mode_retry_after check (retry_after_seconds between 1 and 86400)`);
  await knex('maintenance_mode').insert({ id: true, enabled: false });

  await knex.schema.createTable('impersonation_session', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('staff_user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('target_user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('reason').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.index(['staff_user_id', 'started_at']);
    t.index(['target_user_id', 'started_at']);
  });
  await knex.raw(`alter table impersonation_session add constraint impersonation_session_not_self check (staff_user_id <> target_user_id)`);

  await knex.schema.alterTable('activity_log', (t) => {
    t.uuid('acting_as_id');
    t.text('acting_as_email');
  });
  await knex.raw(`
    create or replace function activity_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'activity_log is append-only';
      end if;
      if new.action is distinct from old.action or new.created_at is distinct from old.created_at
         or new.before is distinct from old.before or new.after is distinct from old.after
         or new.actor_id is distinct from old.actor_id
         or new.actor_name is distinct from old.actor_name or new.actor_email is distinct from old.actor_email
         or new.acting_as_id is distinct from old.acting_as_id or new.acting_as_email is distinct from old.acting_as_email
         or (new.workspace_id is not null and new.workspace_id is distinct from old.workspace_id) then
        raise exception 'activity_log is append-only';
      end if;
      return new;
    end $$;
  `);
}

export async function down(knex: Knex) {
  await knex.raw(`
    create or replace function activity_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'activity_log is append-only';
      end if;
      if new.action is distinct from old.action or new.created_at is distinct from old.created_at
         or new.before is distinct from old.before or new.after is distinct from old.after
         or new.actor_id is distinct from old.actor_id
         or new.actor_name is distinct from old.actor_name or new.actor_email is distinct from old.actor_email
         or (new.workspace_id is not null and new.workspace_id is distinct from old.workspace_id) then
        raise exception 'activity_log is append-only';
      end if;
      return new;
    end $$;
  `);
  await knex.schema.alterTable('activity_log', (t) => {
    t.dropColumn('acting_as_id');
    t.dropColumn('acting_as_email');
  });
  await knex.schema.dropTable('impersonation_session');
  await knex.schema.dropTable('maintenance_mode');
}
