import type { Knex } from 'knex';

// Issue 14: the Postgres search backend. Stored (generated) tsvector columns with GIN indexes, so a search reads
// an index instead of parsing text per row. btree_gin puts workspace_id into the same GIN index: one index scan
// answers "this workspace AND these words", which keeps a 1M-finding table fast for a small workspace.
// Identifiers such as rule ids and paths use the 'simple' configuration (no stemming, no stop words), and paths
// are also split on / . _ - so "query.ts" or "db" match "src/db/query.ts". Messages use 'english' (stemming).
const SPLIT = (col: string) => `regexp_replace(coalesce(${col}, ''), '[/._:@-]+', ' ', 'g')`;

export async function up(knex: Knex) {
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw('create extension if not exists btree_gin');

  await knex.raw(`alter table repositories add column search_vector tsvector generated always as (
    setweight(to_tsvector('simple', full_name), 'A') ||
    setweight(to_tsvector('simple', ${SPLIT('full_name')}), 'A') ||
    setweight(to_tsvector('simple', default_branch || ' ' || provider), 'C') ||
    setweight(to_tsvector('simple', ${SPLIT('clone_url')}), 'D')) stored`);
  await knex.raw('create index repositories_search on repositories using gin (workspace_id, search_vector) where removed_at is null');
  await knex.raw('create index repositories_full_name_trgm on repositories using gin (workspace_id, full_name gin_trgm_ops) where removed_at is null');

  await knex.raw(`alter table analysis_runs add column search_vector tsvector generated always as (
    setweight(to_tsvector('simple', coalesce(commit_sha, '') || ' ' || coalesce(ref, '') || ' ' || ${SPLIT('ref')}), 'A') ||
    setweight(to_tsvector('simple', trigger || ' ' || status || ' ' || coalesce('pr ' || pull_request_number::text, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(error, '')), 'C')) stored`);
  await knex.raw('create index analysis_runs_search on analysis_runs using gin (workspace_id, search_vector)');

  await knex.raw(`alter table findings add column search_vector tsvector generated always as (
    setweight(to_tsvector('simple', rule_id || ' ' || ${SPLIT('rule_id')} || ' ' || tool), 'A') ||
    setweight(to_tsvector('english', message), 'B') ||
    setweight(to_tsvector('simple', path || ' ' || ${SPLIT('path')}), 'B') ||
    setweight(to_tsvector('simple', left(snippet, 2000)), 'D')) stored`);
  await knex.raw('create index findings_search on findings using gin (workspace_id, search_vector)');

  await knex.raw(`alter table fixes add column search_vector tsvector generated always as (
    setweight(to_tsvector('simple', coalesce(pr_branch, '') || ' ' || ${SPLIT('pr_branch')} || ' ' || coalesce(pr_url, '') || ' ' || coalesce('pr ' || pr_number::text, '')), 'A') ||
    setweight(to_tsvector('simple', provider || ' ' || status || ' ' || coalesce(model, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(explanation, '') || ' ' || coalesce(failure_reason, '')), 'C')) stored`);
  await knex.raw('create index fixes_search on fixes using gin (workspace_id, search_vector)');
}

export async function down(knex: Knex) {
  for (const table of ['fixes', 'findings', 'analysis_runs', 'repositories']) {
    await knex.raw(`alter table ${table} drop column if exists search_vector`);
  }
  await knex.raw('drop index if exists repositories_full_name_trgm');
}
