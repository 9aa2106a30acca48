import type { Knex } from 'knex';

// Issue 14: teams (team workspaces) and their members become a search document type, `team`, in both backends.
// A member has no id of its own (workspace_members is keyed by workspace and user), so its document id is derived
// from the pair (search_team_member_id, indexed for the outbox drain's lookups by id). Triggers write the outbox in
// the changing transaction, like for the other types: a team renamed or removed, a member added, changed or
// removed, a user renamed or given a new e-mail address.
const UPSERT = `on conflict (doc_type, doc_id) do update set enqueued_at = clock_timestamp(), indexed_at = null, workspace_id = excluded.workspace_id`;

/** Knex named the original check itself: drop whichever check constrains doc_type. */
async function dropDocTypeChecks(knex: Knex) {
  const { rows } = await knex.raw(
    `select conname from pg_constraint where conrelid = 'search_outbox'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%doc_type%'`,
  );
  for (const { conname } of rows as { conname: string }[]) await knex.raw('alter table search_outbox drop constraint ??', [conname]);
}

export async function up(knex: Knex) {
  await knex.raw(`create function search_team_member_id(workspace uuid, member uuid) returns uuid language sql immutable parallel safe as $$
    select md5('team-member:' || workspace::text || ':' || member::text)::uuid $$`);
  await knex.raw('create index workspace_members_search_id on workspace_members (search_team_member_id(workspace_id, user_id))');
  await knex.raw('create index workspaces_team_name_trgm on workspaces using gin (name gin_trgm_ops) where kind = \'team\'');

  await dropDocTypeChecks(knex);
  await knex.raw(`alter table search_outbox add constraint search_outbox_doc_type_check check (doc_type in ('repository', 'run', 'finding', 'fix', 'team'))`);

  await knex.raw(`create function search_outbox_team() returns trigger language plpgsql as $$
    declare r record;
    begin
      if not search_outbox_enabled() then return null; end if;
      if tg_op = 'DELETE' then r := old; else r := new; end if;
      if r.kind <> 'team' and (tg_op <> 'UPDATE' or old.kind <> 'team') then return null; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id) values ('team', r.id, r.id) ${UPSERT};
      if tg_op = 'UPDATE' then
        -- A member's document names its team.
        insert into search_outbox (doc_type, doc_id, workspace_id)
          select 'team', search_team_member_id(m.workspace_id, m.user_id), m.workspace_id from workspace_members m where m.workspace_id = r.id ${UPSERT};
      end if;
      return null;
    end $$`);
  await knex.raw(`create function search_outbox_team_member() returns trigger language plpgsql as $$
    declare r record;
    begin
      if not search_outbox_enabled() then return null; end if;
      if tg_op = 'DELETE' then r := old; else r := new; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id)
        select 'team', search_team_member_id(r.workspace_id, r.user_id), r.workspace_id from workspaces w where w.id = r.workspace_id and w.kind = 'team' ${UPSERT};
      -- The team's document counts its members.
      insert into search_outbox (doc_type, doc_id, workspace_id)
        select 'team', w.id, w.id from workspaces w where w.id = r.workspace_id and w.kind = 'team' ${UPSERT};
      return null;
    end $$`);
  await knex.raw(`create function search_outbox_team_user() returns trigger language plpgsql as $$
    begin
      if not search_outbox_enabled() then return null; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id)
        select 'team', search_team_member_id(m.workspace_id, m.user_id), m.workspace_id
        from workspace_members m join workspaces w on w.id = m.workspace_id and w.kind = 'team' where m.user_id = new.id ${UPSERT};
      return null;
    end $$`);
  // Deleting a team cascades to its members before any AFTER trigger of the team runs, and by then their row
  // triggers no longer see the team: enqueue the members' documents while they still exist.
  await knex.raw(`create function search_outbox_team_deleted() returns trigger language plpgsql as $$
    begin
      if not search_outbox_enabled() or old.kind <> 'team' then return old; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id)
        select 'team', search_team_member_id(m.workspace_id, m.user_id), m.workspace_id from workspace_members m where m.workspace_id = old.id ${UPSERT};
      return old;
    end $$`);
  await knex.raw(`create trigger workspaces_search_outbox after insert or update or delete on workspaces for each row execute function search_outbox_team()`);
  await knex.raw(`create trigger workspaces_search_outbox_deleting before delete on workspaces for each row execute function search_outbox_team_deleted()`);
  await knex.raw(`create trigger workspace_members_search_outbox after insert or update or delete on workspace_members for each row execute function search_outbox_team_member()`);
  await knex.raw(`create trigger users_search_outbox after update on users for each row
    when (old.name is distinct from new.name or old.email is distinct from new.email)
    execute function search_outbox_team_user()`);
}

export async function down(knex: Knex) {
  await knex.raw('drop trigger if exists users_search_outbox on users');
  await knex.raw('drop trigger if exists workspace_members_search_outbox on workspace_members');
  await knex.raw('drop trigger if exists workspaces_search_outbox on workspaces');
  await knex.raw('drop trigger if exists workspaces_search_outbox_deleting on workspaces');
  for (const fn of ['search_outbox_team_user', 'search_outbox_team_member', 'search_outbox_team', 'search_outbox_team_deleted']) await knex.raw(`drop function if exists ${fn}()`);
  await knex.raw(`delete from search_outbox where doc_type = 'team'`);
  await dropDocTypeChecks(knex);
  await knex.raw(`alter table search_outbox add constraint search_outbox_doc_type_check check (doc_type in ('repository', 'run', 'finding', 'fix'))`);
  await knex.raw('drop index if exists workspaces_team_name_trgm');
  await knex.raw('drop index if exists workspace_members_search_id');
  await knex.raw('drop function if exists search_team_member_id(uuid, uuid)');
}
