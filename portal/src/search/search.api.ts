import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { components, QueryParams, ResponseBody } from '../api/schema.gen';

// The search area's one API module. Shapes come from the generated OpenAPI types.

type Schemas = components['schemas'];
export type SearchHit = Schemas['SearchHit'];
export type SearchGroups = Schemas['SearchGroups'];
export type SearchPage = Schemas['SearchPage'];
export type CodeHit = Schemas['CodeHit'];
export type CodeSearchPage = Schemas['CodeSearchPage'];
export type Segment = Schemas['SearchSegment'];
export type SavedSearch = Schemas['SavedSearch'];
export type SavedSearchFilters = Schemas['SavedSearchFilters'];
type SearchResultType = Schemas['SearchResultType'];
type Suggestions = ResponseBody<'/api/search/suggestions', 'get'>;
type History = ResponseBody<'/api/search/history', 'get'>;

/** The tabs of the search page: every result type, plus code. */
export type SearchScope = 'all' | SearchResultType | 'code';

const SCOPE_PATHS: Record<Exclude<SearchScope, 'all' | 'code'>, string> = {
  repository: '/api/search/repositories',
  run: '/api/search/runs',
  finding: '/api/search/findings',
  fix: '/api/search/fixes',
  member: '/api/search/members',
  team: '/api/search/teams',
  ticket: '/api/search/tickets',
};

export type SearchFilters = Omit<QueryParams<'/api/search/findings', 'get'>, 'workspace_id' | 'q' | 'limit' | 'offset'>;

const keys = {
  all: ['search'] as const,
  grouped: (workspaceId: string, q: string, record: boolean, filters: SearchFilters) => ['search', 'grouped', workspaceId, q, record, filters] as const,
  page: (workspaceId: string, scope: string, q: string, filters: SearchFilters, offset: number, limit: number) => ['search', 'page', workspaceId, scope, q, filters, offset, limit] as const,
  code: (workspaceId: string, q: string, mode: string, filters: object, offset: number) => ['search', 'code', workspaceId, q, mode, filters, offset] as const,
  suggestions: (workspaceId: string, q: string) => ['search', 'suggestions', workspaceId, q] as const,
  history: (workspaceId: string) => ['search', 'history', workspaceId] as const,
  saved: (workspaceId: string) => ['search', 'saved', workspaceId] as const,
};

/**
 * Reloads the recent searches after a search was recorded. A plain invalidation is not enough: while the list's
 * first load is still in flight (it starts with the page, next to the search that records), TanStack Query joins
 * that request instead of starting another, and the answer it gets predates the search. Cancelling it first makes
 * the refetch a new request, sent after the search was recorded.
 */
async function refreshHistory(client: QueryClient, workspaceId: string) {
  const queryKey = keys.history(workspaceId);
  await client.cancelQueries({ queryKey });
  await client.invalidateQueries({ queryKey });
}

/** The grouped search; `record` false while the user is still typing (the palette), so history holds real searches. */
export function useGroupedSearch(workspaceId: string | undefined, q: string, opts: { record: boolean; limit?: number; filters?: SearchFilters }) {
  const filters = opts.filters ?? {};
  const client = useQueryClient();
  const result = useQuery({
    queryKey: keys.grouped(workspaceId ?? '', q, opts.record, filters),
    queryFn: () => api<SearchGroups>('/api/search', { query: { workspace_id: workspaceId, q, ...filters, record: String(opts.record), limit: opts.limit ?? 5 } }),
    enabled: Boolean(workspaceId) && q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  // Each answer to a recorded search (not a cached one: dataUpdatedAt changes only when the API answered) changed
  // the recent searches.
  const answeredAt = result.isPlaceholderData ? 0 : result.dataUpdatedAt;
  useEffect(() => {
    if (opts.record && workspaceId && answeredAt > 0) void refreshHistory(client, workspaceId);
  }, [opts.record, workspaceId, answeredAt, client]);
  return result;
}

export function useSearchPage(workspaceId: string | undefined, scope: Exclude<SearchScope, 'all' | 'code'>, q: string, filters: SearchFilters, offset: number, limit: number) {
  return useQuery({
    queryKey: keys.page(workspaceId ?? '', scope, q, filters, offset, limit),
    queryFn: () => api<SearchPage>(SCOPE_PATHS[scope], { query: { workspace_id: workspaceId, q, ...filters, offset, limit } }),
    enabled: Boolean(workspaceId),
    placeholderData: keepPreviousData,
  });
}

export function useCodeSearch(workspaceId: string | undefined, q: string, mode: 'literal' | 'word', filters: { repository_id?: string; language?: string; path?: string }, offset: number, limit: number) {
  return useQuery({
    queryKey: keys.code(workspaceId ?? '', q, mode, filters, offset),
    queryFn: () => api<CodeSearchPage>('/api/search/code', { query: { workspace_id: workspaceId, q, mode, ...filters, offset, limit } }),
    enabled: Boolean(workspaceId) && q.trim().length >= 3,
    placeholderData: keepPreviousData,
  });
}

export function useSuggestions(workspaceId: string | undefined, q: string) {
  return useQuery({
    queryKey: keys.suggestions(workspaceId ?? '', q),
    queryFn: () => api<Suggestions>('/api/search/suggestions', { query: { workspace_id: workspaceId, q, limit: 6 } }),
    enabled: Boolean(workspaceId) && q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSearchHistory(workspaceId: string | undefined) {
  return useQuery({
    queryKey: keys.history(workspaceId ?? ''),
    queryFn: () => api<History>('/api/search/history', { query: { workspace_id: workspaceId, limit: 10 } }),
    enabled: Boolean(workspaceId),
  });
}

export function useRememberSearch(workspaceId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (q: string) => api<void>('/api/search/history', { method: 'POST', query: { workspace_id: workspaceId }, body: { q } }),
    onSuccess: () => refreshHistory(client, workspaceId ?? ''),
  });
}

export function useClearHistory(workspaceId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (q?: string) => api<void>('/api/search/history', { method: 'DELETE', query: { workspace_id: workspaceId, q } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.history(workspaceId ?? '') }),
  });
}

export function useSavedSearches(workspaceId: string | undefined) {
  return useQuery({
    queryKey: keys.saved(workspaceId ?? ''),
    queryFn: () => api<{ items: SavedSearch[] }>('/api/search/saved', { query: { workspace_id: workspaceId } }),
    enabled: Boolean(workspaceId),
  });
}

export function useSaveSearch(workspaceId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; q: string; scope: SearchScope; filters: SavedSearchFilters }) =>
      api<SavedSearch>('/api/search/saved', { method: 'POST', query: { workspace_id: workspaceId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.saved(workspaceId ?? '') }),
  });
}

export function useDeleteSavedSearch(workspaceId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/search/saved/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.saved(workspaceId ?? '') }),
  });
}
