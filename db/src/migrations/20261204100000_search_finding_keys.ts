import type { Knex } from 'knex';

// Issue 14: finding search at 1M findings in 200 workspaces took 40–70 ms whenever a word was common across the
// installation ("src", "handler", a prefix such as "handler:*"): the (workspace_id, search_vector) GIN index reads
// every tenant's posting list of a word before the workspace narrows it (a prefix even gathers them into a bitmap
// first). Here each finding is indexed under its workspace's own copy of every word: the word prefixed with a tag of
// the workspace, so a word's posting list holds one workspace's findings and a prefix scans one workspace's words.
// The index only narrows: the query still checks the workspace and the real search_vector (phrases, weights), so a
// tag shared by two workspaces (40 bits of md5) costs a wasted row, never a leak.
export async function up(knex: Knex) {
  // Immutable and inlinable, with only pg_catalog functions inside: index builds run with a restricted search_path.
  await knex.raw(`create function search_keys(workspace uuid, words tsvector) returns tsvector
    language sql immutable parallel safe as $$
      select array_to_tsvector(array(select left(md5(workspace::text), 10) || w from unnest(tsvector_to_array(words)) w)) $$`);

  // The query to match search_keys with: the indexable part of the query (querytree drops negations, which would
  // otherwise narrow too much), its words tagged, phrases loosened to AND (the keys keep no positions). NULL when
  // nothing of the query can use the index (only negations).
  await knex.raw(`create function search_key_query(workspace uuid, query tsquery) returns tsquery
    language plpgsql immutable parallel safe as $$
    declare
      tag text := left(md5(workspace::text), 10);
      indexable text := querytree(query);
      keyed text := '';
      m text[];
    begin
      if indexable = 'T' then return null; end if;
      for m in select regexp_matches(indexable, '(''([^'']|'''')*'')|(<(-|[0-9]+)>)|([^''<]+)', 'g') loop
        if m[1] is not null then keyed := keyed || '''' || tag || substr(m[1], 2);
        elsif m[3] is not null then keyed := keyed || '&';
        else keyed := keyed || m[5];
        end if;
      end loop;
      return keyed::tsquery;
    end $$`);

  await knex.raw('create index findings_search_keys on findings using gin (search_keys(workspace_id, search_vector))');
  // Listing a workspace's findings newest first (a search with filters and no words) used the old index's workspace column.
  await knex.raw('create index findings_workspace_created on findings (workspace_id, created_at desc)');
  await knex.raw('drop index if exists findings_search');
}

export async function down(knex: Knex) {
  await knex.raw('create index if not exists findings_search on findings using gin (workspace_id, search_vector)');
  await knex.raw('drop index if exists findings_workspace_created');
  await knex.raw('drop index if exists findings_search_keys');
  await knex.raw('drop function if exists search_key_query(uuid, tsquery)');
  await knex.raw('drop function if exists search_keys(uuid, tsvector)');
}
