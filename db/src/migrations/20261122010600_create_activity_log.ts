import type { Knex } from 'knex';

export async function up(knex: Knex) {
  await knex.schema.createTable('activity_log', (t) => {
    t.bigIncrements('id');
    t.uuid('workspace_id').references('workspaces.id').onDelete('SET NULL');
    t.uuid('actor_id').references('users.id').onDelete('SET NULL');
    t.text('actor_kind').notNullable().defaultTo('user').checkIn(['user', 'staff', 'system', 'api_token']);
    t.text('action').notNullable();
    t.text('resource_type').notNullable();
    t.text('resource_id');
    t.text('ip');
    t.text('user_agent');
    t.jsonb('before');
    t.jsonb('after');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['workspace_id', 'created_at']);
    t.index(['actor_id', 'created_at']);
  });
  // Append-only: only the FK's own SET NULL (a deleted user or workspace) may touch an existing row.
  await knex.raw(`
    create function activity_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'activity_log is append-only';
      end if;
      if new.action is distinct from old.action or new.created_at is distinct from old.created_at
         or new.before is distinct from old.before or new.after is distinct from old.after
         or (new.actor_id is not null and new.actor_id is distinct from old.actor_id)
         or (new.workspace_id is not null and new.workspace_id is distinct from old.workspace_id) then
        raise exception 'activity_log is append-only';
      end if;
      return new;
    end $$;
    create trigger activity_log_append_only before update or delete on activity_log
      for each row execute function activity_log_append_only();
  `);
}

export async function down(knex: Knex) {
  await knex.raw('drop trigger if exists activity_log_append_only on activity_log');
  await knex.raw('drop function if exists activity_log_append_only()');
  await knex.schema.dropTable('activity_log');
}
