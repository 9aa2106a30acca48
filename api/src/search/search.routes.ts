import { z } from 'zod';
import type { SearchType } from '@argus/db';
import { defineRoute, type RouteSpec } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { groupTypes, toSearchFilters, typeQuery, ZCodeQuery, ZGroupedQuery, ZSuggestQuery } from './search.query';
import { rememberQuery, searchCode, searchGrouped, searchPage, suggest, visibleTeams } from './search.service';
import { ZCodeSearchPage, ZSearchGroups, ZSearchPage, ZSuggestions } from './search.schemas';

// Seed 004's search endpoints. Every one names the workspace it searches and checks the caller's membership and
// role there first (404 for a workspace that is not theirs): nothing another tenant owns can be matched, counted,
// suggested or highlighted, whichever backend answers.

const TYPE_PATHS: { path: string; type: SearchType; summary: string }[] = [
  { path: 'repositories', type: 'repository', summary: 'Search repositories (name, clone URL, branch)' },
  { path: 'projects', type: 'repository', summary: 'Search repositories (seed 004’s name for /api/search/repositories)' },
  { path: 'runs', type: 'run', summary: 'Search runs (repository, branch, commit, trigger, status, error)' },
  { path: 'analyses', type: 'run', summary: 'Search runs (seed 004’s name for /api/search/runs)' },
  { path: 'findings', type: 'finding', summary: 'Search findings (message, rule, path, snippet)' },
  { path: 'fixes', type: 'fix', summary: 'Search fixes and their pull requests' },
  { path: 'members', type: 'member', summary: 'Search the workspace’s members (name, e-mail)' },
  { path: 'teams', type: 'team', summary: 'Search your teams and their members (team name, slug, description; member name, e-mail)' },
  { path: 'tickets', type: 'ticket', summary: 'Search the workspace’s support tickets and their messages' },
];

export const searchRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/search',
    summary: 'Search everything in a workspace, grouped by type (a few hits per type)',
    tags: ['search'],
    auth: 'user',
    query: ZGroupedQuery,
    responses: { 200: { description: 'hits grouped by type, best first', schema: ZSearchGroups } },
    handler: async ({ deps, auth, query }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      const types = groupTypes(query);
      const result = await searchGrouped(deps, types, { ...toSearchFilters(query.workspace_id, query), teamIds: await visibleTeams(deps, auth, types) });
      if (query.record) await rememberQuery(deps, auth.userId, query.workspace_id, query.q);
      return result;
    },
  }),
  ...TYPE_PATHS.map(({ path, type, summary }) =>
    defineRoute({
      method: 'get',
      path: `/api/search/${path}`,
      summary,
      tags: ['search'],
      auth: 'user',
      query: typeQuery(type),
      responses: { 200: { description: 'a page of hits, best first (newest first without q)', schema: ZSearchPage } },
      handler: async ({ deps, auth, query }) => {
        await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
        return searchPage(deps, type, { ...toSearchFilters(query.workspace_id, query), teamIds: await visibleTeams(deps, auth, [type]) });
      },
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/api/search/code',
    summary: 'Search the code of each repository’s latest default-branch analysis (literal text or whole words)',
    tags: ['search'],
    auth: 'user',
    query: ZCodeQuery,
    responses: { 200: { description: 'matching files with their matching lines and context', schema: ZCodeSearchPage } },
    handler: async ({ deps, auth, query }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      return searchCode(deps, {
        workspaceId: query.workspace_id,
        q: query.q,
        mode: query.mode,
        repositoryId: query.repository_id,
        language: query.language,
        path: query.path,
        limit: query.limit,
        offset: query.offset,
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/search/suggestions',
    summary: 'Completions while typing: repository names, rule ids (typos tolerated) and your recent searches',
    tags: ['search'],
    auth: 'user',
    query: ZSuggestQuery,
    responses: { 200: { description: 'suggestions, best first', schema: ZSuggestions } },
    handler: async ({ deps, auth, query }) => {
      await requireWorkspace(deps, auth, query.workspace_id, 'results:view');
      return suggest(deps, { workspaceId: query.workspace_id, userId: auth.userId, q: query.q, limit: query.limit });
    },
  }),
];

export const ZWorkspaceQuery = z.object({ workspace_id: z.uuid({ error: 'must be the id of one of your workspaces' }) });
