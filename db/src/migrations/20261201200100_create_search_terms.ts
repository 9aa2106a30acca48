import type { Knex } from 'knex';

// Suggestions and typo correction: the words worth suggesting in a workspace (repository names, rule ids), kept by
// triggers in the same transaction as the rows they come from, and matched with pg_trgm (prefix or similarity).
// A statement-level trigger on findings inserts one row per distinct rule of the statement, not per finding.
export async function up(knex: Knex) {
  await knex.schema.createTable('search_terms', (t) => {
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn(['repository', 'rule']);
    t.text('term').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['workspace_id', 'kind', 'term']);
  });
  await knex.raw('create index search_terms_trgm on search_terms using gin (workspace_id, term gin_trgm_ops)');
  await knex.raw(`create index search_terms_prefix on search_terms (workspace_id, lower(term) text_pattern_ops)`);

  await knex.raw(`create function search_terms_of_findings() returns trigger language plpgsql as $$
    begin
      insert into search_terms (workspace_id, kind, term)
        select distinct workspace_id, 'rule', rule_id from new_rows
        on conflict do nothing;
      return null;
    end $$`);
  await knex.raw(`create trigger findings_search_terms after insert on findings referencing new table as new_rows
    for each statement execute function search_terms_of_findings()`);

  await knex.raw(`create function search_terms_of_repository() returns trigger language plpgsql as $$
    begin
      if new.workspace_id is not null and new.removed_at is null then
        insert into search_terms (workspace_id, kind, term) values (new.workspace_id, 'repository', new.full_name) on conflict do nothing;
      end if;
      if tg_op = 'UPDATE' and old.workspace_id is not null and (new.removed_at is not null or old.full_name <> new.full_name or new.workspace_id is distinct from old.workspace_id) then
        delete from search_terms t where t.workspace_id = old.workspace_id and t.kind = 'repository' and t.term = old.full_name
          and not exists (select 1 from repositories r where r.workspace_id = old.workspace_id and r.full_name = old.full_name and r.removed_at is null);
      end if;
      return null;
    end $$`);
  await knex.raw(`create trigger repositories_search_terms after insert or update of full_name, workspace_id, removed_at on repositories
    for each row execute function search_terms_of_repository()`);
  await knex.raw(`insert into search_terms (workspace_id, kind, term)
    select workspace_id, 'repository', full_name from repositories where workspace_id is not null and removed_at is null
    union select workspace_id, 'rule', rule_id from findings on conflict do nothing`);
}

export async function down(knex: Knex) {
  await knex.raw('drop trigger if exists repositories_search_terms on repositories');
  await knex.raw('drop trigger if exists findings_search_terms on findings');
  await knex.raw('drop function if exists search_terms_of_repository()');
  await knex.raw('drop function if exists search_terms_of_findings()');
  await knex.schema.dropTable('search_terms');
}
