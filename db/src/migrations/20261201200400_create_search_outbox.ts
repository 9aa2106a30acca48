import type { Knex } from 'knex';

// The Typesense backend's outbox. Triggers write it in the same transaction as the change (so no writer can
// forget it and no change is lost); the indexing workflow drains it. One row per document: a burst of changes to
// one run is one row. Rows are marked indexed, not deleted, so a full reindex can replay what changed while it ran.
// With Typesense off (search_index_state.outbox_enabled false) the triggers return at once and nothing accrues.
const UPSERT = `on conflict (doc_type, doc_id) do update set enqueued_at = clock_timestamp(), indexed_at = null, workspace_id = excluded.workspace_id`;

export async function up(knex: Knex) {
  await knex.schema.createTable('search_outbox', (t) => {
    t.text('doc_type').notNullable().checkIn(['repository', 'run', 'finding', 'fix']);
    t.uuid('doc_id').notNullable();
    t.uuid('workspace_id');
    t.timestamp('enqueued_at', { useTz: true }).notNullable().defaultTo(knex.raw('clock_timestamp()'));
    t.timestamp('indexed_at', { useTz: true });
    t.primary(['doc_type', 'doc_id']);
  });
  await knex.raw('create index search_outbox_pending on search_outbox (enqueued_at) where indexed_at is null');
  await knex.raw('create index search_outbox_indexed on search_outbox (indexed_at) where indexed_at is not null');
  await knex.schema.createTable('search_index_state', (t) => {
    t.boolean('id').primary().defaultTo(true);
    t.boolean('outbox_enabled').notNullable().defaultTo(false);
    t.timestamp('last_reindex_started_at', { useTz: true });
    t.timestamp('last_reindex_finished_at', { useTz: true });
    t.integer('last_reindex_documents');
  });
  await knex.raw('alter table search_index_state add constraint search_index_state_one_row check (id)');
  await knex.raw('insert into search_index_state default values');

  await knex.raw(`create function search_outbox_enabled() returns boolean language sql stable as $$
    select coalesce((select outbox_enabled from search_index_state), false) $$`);
  await knex.raw(`create function search_outbox_row() returns trigger language plpgsql as $$
    declare r record;
    begin
      if not search_outbox_enabled() then return null; end if;
      if tg_op = 'DELETE' then r := old; else r := new; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id) values (tg_argv[0], r.id, r.workspace_id) ${UPSERT};
      if tg_argv[0] = 'repository' and tg_op = 'UPDATE' then
        -- Removing a repository (or moving it) changes what its runs, findings and fixes may show.
        insert into search_outbox (doc_type, doc_id, workspace_id)
          select 'run', id, workspace_id from analysis_runs where repository_id = r.id
          union all select 'finding', id, workspace_id from findings where repository_id = r.id
          union all select 'fix', id, workspace_id from fixes where repository_id = r.id
          ${UPSERT};
      end if;
      return null;
    end $$`);
  await knex.raw(`create function search_outbox_new_rows() returns trigger language plpgsql as $$
    begin
      if not search_outbox_enabled() then return null; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id) select tg_argv[0], id, workspace_id from new_rows ${UPSERT};
      return null;
    end $$`);
  await knex.raw(`create function search_outbox_old_rows() returns trigger language plpgsql as $$
    begin
      if not search_outbox_enabled() then return null; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id) select tg_argv[0], id, workspace_id from old_rows ${UPSERT};
      return null;
    end $$`);
  await knex.raw(`create function search_outbox_triage() returns trigger language plpgsql as $$
    declare r record;
    begin
      if not search_outbox_enabled() then return null; end if;
      if tg_op = 'DELETE' then r := old; else r := new; end if;
      insert into search_outbox (doc_type, doc_id, workspace_id)
        select 'finding', id, workspace_id from findings where repository_id = r.repository_id and fingerprint = r.fingerprint ${UPSERT};
      return null;
    end $$`);

  await knex.raw(`create trigger repositories_search_outbox after insert or update or delete on repositories for each row execute function search_outbox_row('repository')`);
  await knex.raw(`create trigger fixes_search_outbox after insert or update or delete on fixes for each row execute function search_outbox_row('fix')`);
  await knex.raw(`create trigger analysis_runs_search_outbox after insert or delete on analysis_runs for each row execute function search_outbox_row('run')`);
  // Progress updates (every batch of files) do not change what a run's document says.
  await knex.raw(`create trigger analysis_runs_search_outbox_update after update on analysis_runs for each row
    when (old.status is distinct from new.status or old.commit_sha is distinct from new.commit_sha or old.summary is distinct from new.summary
      or old.gate is distinct from new.gate or old.error is distinct from new.error or old.finished_at is distinct from new.finished_at)
    execute function search_outbox_row('run')`);
  await knex.raw(`create trigger findings_search_outbox_insert after insert on findings referencing new table as new_rows for each statement execute function search_outbox_new_rows('finding')`);
  await knex.raw(`create trigger findings_search_outbox_update after update on findings referencing new table as new_rows for each statement execute function search_outbox_new_rows('finding')`);
  await knex.raw(`create trigger findings_search_outbox_delete after delete on findings referencing old table as old_rows for each statement execute function search_outbox_old_rows('finding')`);
  await knex.raw(`create trigger finding_triage_search_outbox after insert or update or delete on finding_triage for each row execute function search_outbox_triage()`);
}

export async function down(knex: Knex) {
  for (const [trigger, table] of [
    ['repositories_search_outbox', 'repositories'],
    ['fixes_search_outbox', 'fixes'],
    ['analysis_runs_search_outbox', 'analysis_runs'],
    ['analysis_runs_search_outbox_update', 'analysis_runs'],
    ['findings_search_outbox_insert', 'findings'],
    ['findings_search_outbox_update', 'findings'],
    ['findings_search_outbox_delete', 'findings'],
    ['finding_triage_search_outbox', 'finding_triage'],
  ]) {
    await knex.raw(`drop trigger if exists ${trigger} on ${table}`);
  }
  for (const fn of ['search_outbox_row', 'search_outbox_new_rows', 'search_outbox_old_rows', 'search_outbox_triage', 'search_outbox_enabled']) {
    await knex.raw(`drop function if exists ${fn}()`);
  }
  await knex.schema.dropTable('search_index_state');
  await knex.schema.dropTable('search_outbox');
}
