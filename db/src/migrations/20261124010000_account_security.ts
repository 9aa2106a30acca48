import type { Knex } from 'knex';

// Issue 10 (identity holes) and issue 11 §4 (the account page):
// - users.session_generation: bumped by a password change or reset; access tokens carry the generation they were
//   issued under, so every older one stops working at once.
// - users.pending_email and one_time_tokens 'change_email' (with the new address): an e-mail change takes effect
//   only when the link mailed to the new address is used.
// - login_throttle: failed logins for addresses without an account, locked exactly like real accounts, so the
//   lockout does not tell which addresses exist. Keyed by a SHA-256 of the address, never the address itself.
// - refresh_tokens(user_id): the account page lists and ends sessions by user.
// - activity_log keeps the actor's name and e-mail as recorded, and its actor id, after the user is deleted.
// - invitations no longer block deleting the user who sent or accepted them.
export async function up(knex: Knex) {
  await knex.schema.alterTable('users', (t) => {
    t.integer('session_generation').notNullable().defaultTo(0);
    t.text('pending_email');
  });

  await knex.raw(`alter table one_time_tokens drop constraint if exists one_time_tokens_purpose_check`);
  await knex.schema.alterTable('one_time_tokens', (t) => {
    t.text('new_email');
  });
  await knex.raw(`alter table one_time_tokens add constraint one_time_tokens_purpose_check check (purpose in ('verify_email', 'reset_password', 'change_email'))`);
  await knex.raw(`alter table one_time_tokens add constraint one_time_tokens_change_email_has_address check (purpose <> 'change_email' or new_email is not null)`);

  await knex.schema.createTable('login_throttle', (t) => {
    t.text('address_hash').primary();
    t.integer('failed_count').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['updated_at']);
  });

  await knex.schema.alterTable('refresh_tokens', (t) => {
    t.index(['user_id']);
  });

  // The actor as recorded. The foreign key goes: it would null the actor id when the user is deleted, and the
  // append-only trigger now protects the actor columns like every other.
  await knex.schema.alterTable('activity_log', (t) => {
    t.text('actor_name');
    t.text('actor_email');
  });
  await knex.raw(`alter table activity_log drop constraint if exists activity_log_actor_id_foreign`);
  await knex.raw(`alter table activity_log disable trigger activity_log_append_only`);
  await knex.raw(`update activity_log al set actor_name = u.name, actor_email = u.email from users u where u.id = al.actor_id`);
  await knex.raw(`alter table activity_log enable trigger activity_log_append_only`);
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

  await knex.raw(`alter table invitations alter column invited_by drop not null`);
  await knex.raw(`alter table invitations drop constraint if exists invitations_invited_by_foreign`);
  await knex.raw(`alter table invitations add constraint invitations_invited_by_foreign foreign key (invited_by) references users(id) on delete set null`);
  await knex.raw(`alter table invitations drop constraint if exists invitations_accepted_by_foreign`);
  await knex.raw(`alter table invitations add constraint invitations_accepted_by_foreign foreign key (accepted_by) references users(id) on delete set null`);
}

export async function down(knex: Knex) {
  await knex.raw(`alter table invitations drop constraint if exists invitations_accepted_by_foreign`);
  await knex.raw(`alter table invitations add constraint invitations_accepted_by_foreign foreign key (accepted_by) references users(id)`);
  await knex.raw(`alter table invitations drop constraint if exists invitations_invited_by_foreign`);
  await knex.raw(`alter table invitations add constraint invitations_invited_by_foreign foreign key (invited_by) references users(id)`);

  await knex.raw(`
    create or replace function activity_log_append_only() returns trigger language plpgsql as $$
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
  `);
  // The actor id's foreign key is not put back: entries of deleted users keep ids that no longer exist.
  await knex.schema.alterTable('activity_log', (t) => {
    t.dropColumn('actor_name');
    t.dropColumn('actor_email');
  });

  await knex.schema.alterTable('refresh_tokens', (t) => {
    t.dropIndex(['user_id']);
  });
  await knex.schema.dropTable('login_throttle');

  await knex.raw(`alter table one_time_tokens drop constraint if exists one_time_tokens_change_email_has_address`);
  await knex.raw(`alter table one_time_tokens drop constraint if exists one_time_tokens_purpose_check`);
  await knex.raw(`delete from one_time_tokens where purpose = 'change_email'`);
  await knex.schema.alterTable('one_time_tokens', (t) => {
    t.dropColumn('new_email');
  });
  await knex.raw(`alter table one_time_tokens add constraint one_time_tokens_purpose_check check (purpose in ('verify_email', 'reset_password'))`);

  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('session_generation');
    t.dropColumn('pending_email');
  });
}
