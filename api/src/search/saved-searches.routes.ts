import { z } from 'zod';
import { clearSearchHistory, deleteSavedSearch, findSavedSearch, insertSavedSearch, listSavedSearches, listSearchHistory, recordSearchQuery, type SavedSearch } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { isUuid } from '../access/workspace-access';
import { recordActivity } from '../audit/activity-log';
import { ConflictError, NotFoundError } from '../http/errors';
import { ZWorkspaceQuery } from './search.routes';
import { ZSavedSearch, ZSavedSearchFilters, ZSearchHistory } from './search.schemas';

// Each user's own recent searches and saved searches, per workspace. Rows are keyed by the user: another user's
// saved search is "not found", exactly like one that does not exist.

const SCOPES = ['all', 'repository', 'run', 'finding', 'fix', 'member', 'team', 'ticket', 'code'] as const;

function publicSaved(s: SavedSearch) {
  return { id: s.id, name: s.name, q: s.query, scope: s.scope, filters: ZSavedSearchFilters.parse(s.filters), createdAt: s.createdAt, updatedAt: s.updatedAt };
}

export const savedSearchRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/search/history',
    summary: 'Your recent searches in a workspace, newest first',
    tags: ['search'],
    auth: 'user',
    query: ZWorkspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
    responses: { 200: { description: 'recent queries', schema: ZSearchHistory } },
    handler: async ({ deps, auth, query }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      return { items: await listSearchHistory(deps.knex, auth.userId, query.workspace_id, query.limit) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/search/history',
    summary: 'Remember a query you picked a result of (the palette records searches this way)',
    tags: ['search'],
    auth: 'user',
    successStatus: 204,
    query: ZWorkspaceQuery,
    body: z.object({ q: z.string().trim().min(1).max(200) }),
    responses: { 204: { description: 'remembered' } },
    handler: async ({ deps, auth, query, body }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      await recordSearchQuery(deps.knex, { userId: auth.userId, workspaceId: query.workspace_id, query: body.q });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/search/history',
    summary: 'Clear your recent searches in a workspace (all, or the one given as q)',
    tags: ['search'],
    auth: 'user',
    query: ZWorkspaceQuery.extend({ q: z.string().trim().min(1).max(200).optional() }),
    responses: { 204: { description: 'cleared' } },
    handler: async ({ deps, req, auth, query }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      const removed = await clearSearchHistory(deps.knex, auth.userId, query.workspace_id, query.q);
      await recordActivity(deps.knex, req, { workspaceId: query.workspace_id, action: 'search.history_cleared', resourceType: 'search_history', after: { removed, one: query.q !== undefined } });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/search/saved',
    summary: 'Your saved searches in a workspace, by name',
    tags: ['search'],
    auth: 'user',
    query: ZWorkspaceQuery,
    responses: { 200: { description: 'saved searches', schema: z.object({ items: z.array(ZSavedSearch) }) } },
    handler: async ({ deps, auth, query }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      return { items: (await listSavedSearches(deps.knex, auth.userId, query.workspace_id)).map(publicSaved) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/search/saved',
    summary: 'Save a search (name, query, scope and filters) to run again later',
    tags: ['search'],
    auth: 'user',
    query: ZWorkspaceQuery,
    body: z.object({ name: z.string().trim().min(1).max(100), q: z.string().trim().max(200).default(''), scope: z.enum(SCOPES).default('all'), filters: ZSavedSearchFilters.default({}) }),
    responses: { 201: { description: 'the saved search', schema: ZSavedSearch }, 409: { description: 'you already have a saved search of that name here' } },
    handler: async ({ deps, req, auth, query, body }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      const saved = await deps.knex.transaction(async (trx) => {
        const row = await insertSavedSearch(trx, { userId: auth.userId, workspaceId: query.workspace_id, name: body.name, query: body.q, scope: body.scope, filters: body.filters });
        if (!row) throw new ConflictError(`You already have a saved search named “${body.name}” in this workspace. Pick another name or delete that one first.`);
        await recordActivity(trx, req, { workspaceId: query.workspace_id, action: 'search.saved', resourceType: 'saved_search', resourceId: row.id, after: { name: row.name, q: row.query, scope: row.scope } });
        return row;
      });
      return publicSaved(saved);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/search/saved/:savedSearchId',
    summary: 'Delete one of your saved searches',
    tags: ['search'],
    auth: 'user',
    params: z.object({ savedSearchId: z.string() }),
    responses: { 204: { description: 'deleted' }, 404: { description: 'no saved search of yours with that id' } },
    handler: async ({ deps, req, auth, params }) => {
      const missing = () => new NotFoundError('No saved search of yours has that id.');
      if (!isUuid(params.savedSearchId)) throw missing();
      const saved = await findSavedSearch(deps.knex, auth.userId, params.savedSearchId);
      if (!saved) throw missing();
      // Still a member? A user removed from the workspace cannot act in it, not even on their own rows.
      await requireWorkspace(deps, auth, saved.workspaceId, 'results:view', 'saved search');
      await deps.knex.transaction(async (trx) => {
        await deleteSavedSearch(trx, auth.userId, saved.id);
        await recordActivity(trx, req, { workspaceId: saved.workspaceId, action: 'search.saved_deleted', resourceType: 'saved_search', resourceId: saved.id, before: { name: saved.name, q: saved.query } });
      });
    },
  }),
];
