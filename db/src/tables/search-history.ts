import type { Db } from '../knex';

// Owner of `search_history` and `search_saved`: each user's recent queries and named searches, per workspace.
// Every query here is keyed by the user as well as the workspace, so nobody reads or removes another's.

const HISTORY_KEPT = 50;

export interface SearchHistoryEntry {
  query: string;
  times: number;
  lastSearchedAt: Date;
}

/** Remembers a query (one row per distinct text, newest first) and forgets the oldest beyond the last 50. */
export async function recordSearchQuery(db: Db, entry: { userId: string; workspaceId: string; query: string }): Promise<void> {
  await db.raw(
    `with upsert as (
       insert into search_history (user_id, workspace_id, query) values (:userId, :workspaceId, :query)
       on conflict (user_id, workspace_id, query) do update set times = search_history.times + 1, last_searched_at = now()
       returning 1)
     delete from search_history where user_id = :userId and workspace_id = :workspaceId and query in (
       select query from search_history where user_id = :userId and workspace_id = :workspaceId
       order by last_searched_at desc offset ${HISTORY_KEPT - 1})`,
    entry,
  );
}

export async function listSearchHistory(db: Db, userId: string, workspaceId: string, limit: number): Promise<SearchHistoryEntry[]> {
  const rows = (await db.raw(
    `select query, times, last_searched_at from search_history where user_id = ? and workspace_id = ? order by last_searched_at desc, query limit ?`,
    [userId, workspaceId, limit],
  )).rows as { query: string; times: number; last_searched_at: Date }[];
  return rows.map((r) => ({ query: r.query, times: r.times, lastSearchedAt: new Date(r.last_searched_at) }));
}

/** Clears one query, or all of them; answers how many were removed. */
export async function clearSearchHistory(db: Db, userId: string, workspaceId: string, query?: string): Promise<number> {
  const result = query === undefined
    ? await db.raw('delete from search_history where user_id = ? and workspace_id = ?', [userId, workspaceId])
    : await db.raw('delete from search_history where user_id = ? and workspace_id = ? and query = ?', [userId, workspaceId, query]);
  return result.rowCount as number;
}

export interface SavedSearch {
  id: string;
  workspaceId: string;
  name: string;
  query: string;
  scope: string;
  filters: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

const savedOf = (r: Record<string, unknown>): SavedSearch => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  name: r.name as string,
  query: r.query as string,
  scope: r.scope as string,
  filters: (r.filters as Record<string, unknown>) ?? {},
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
});

export async function listSavedSearches(db: Db, userId: string, workspaceId: string): Promise<SavedSearch[]> {
  const { rows } = await db.raw('select * from search_saved where user_id = ? and workspace_id = ? order by lower(name), id', [userId, workspaceId]);
  return (rows as Record<string, unknown>[]).map(savedOf);
}

export async function findSavedSearch(db: Db, userId: string, id: string): Promise<SavedSearch | undefined> {
  const { rows } = await db.raw('select * from search_saved where user_id = ? and id = ?', [userId, id]);
  return rows[0] ? savedOf(rows[0] as Record<string, unknown>) : undefined;
}

/** Saves a search under a name; a name already used by this user in this workspace answers null. */
export async function insertSavedSearch(
  db: Db,
  saved: { userId: string; workspaceId: string; name: string; query: string; scope: string; filters: Record<string, unknown> },
): Promise<SavedSearch | null> {
  const { rows } = await db.raw(
    `insert into search_saved (user_id, workspace_id, name, query, scope, filters) values (?, ?, ?, ?, ?, ?::jsonb)
     on conflict (user_id, workspace_id, name) do nothing returning *`,
    [saved.userId, saved.workspaceId, saved.name, saved.query, saved.scope, JSON.stringify(saved.filters)],
  );
  return rows[0] ? savedOf(rows[0] as Record<string, unknown>) : null;
}

export async function deleteSavedSearch(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.raw('delete from search_saved where user_id = ? and id = ?', [userId, id]);
  return (result.rowCount as number) > 0;
}
