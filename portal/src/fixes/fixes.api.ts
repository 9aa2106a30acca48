import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { AiKeys, AiKeySet, AiProvider, BatchPullRequestResult, CreatePullRequestResult, Fix, FindingFixes, FixPage, FixProvider, FixStatus } from '../api/types';

/** Statuses a fix is still moving through on its own: its view polls until it leaves them. */
const IN_FLIGHT_STATUSES: readonly FixStatus[] = ['queued', 'generating', 'generated'];
export const isInFlight = (status: FixStatus | undefined) => IN_FLIGHT_STATUSES.includes(status as FixStatus);

/** How often a fix in flight, or a pull request being opened, is re-read. */
export const FIX_POLL_MS = 1500;
/** A pull request that has not opened after this long is no longer polled for (the workflow may have failed). */
export const PR_POLL_LIMIT_MS = 5 * 60_000;

export interface RunFixFilters {
  status?: FixStatus;
  rule?: string;
}

export const fixKeys = {
  all: ['fixes'] as const,
  finding: (findingId: string) => ['fixes', 'finding', findingId] as const,
  history: (findingId: string) => ['fixes', 'finding', findingId, 'all'] as const,
  run: (runId: string) => ['fixes', 'run', runId] as const,
  runList: (runId: string, filters: RunFixFilters, page: number, pageSize: number) => ['fixes', 'run', runId, { ...filters, page, pageSize }] as const,
  aiKeys: (workspaceId: string) => ['ai-keys', workspaceId] as const,
};

const enc = encodeURIComponent;

/** Re-reads everything a changed fix shows up in: its finding's latest fix and history, and its run's list. */
function invalidateFix(queryClient: QueryClient, fix: Pick<Fix, 'findingId' | 'runId'>) {
  void queryClient.invalidateQueries({ queryKey: fixKeys.finding(fix.findingId) });
  void queryClient.invalidateQueries({ queryKey: fixKeys.run(fix.runId) });
}

const fetchFindingFixes = (findingId: string) => api<FindingFixes>(`/api/fixes/result/${enc(findingId)}/all`);

/** Puts a fix the API just returned into its finding's cached list (newest first), replacing an older copy. */
function storeFix(queryClient: QueryClient, fix: Fix) {
  queryClient.setQueryData<FindingFixes>(fixKeys.history(fix.findingId), (current) => {
    if (!current) return current;
    const known = current.fixes.some((f) => f.id === fix.id);
    // The answer of POST /api/fixes/generate comes without `finding`; keep the one the list had.
    const fixes = known ? current.fixes.map((f) => (f.id === fix.id ? { ...fix, finding: fix.finding ?? f.finding } : f)) : [fix, ...current.fixes];
    return { ...current, fixes };
  });
}

/**
 * The latest fix of a finding (null when none was generated yet), from the list of its fixes: "no fix yet" is an
 * empty list, not a 404. `poll` decides, from the current answer, whether to re-read it in FIX_POLL_MS.
 */
export function useLatestFix(findingId: string, poll: (fix: Fix | null | undefined) => boolean) {
  return useQuery({
    queryKey: fixKeys.history(findingId),
    queryFn: () => fetchFindingFixes(findingId),
    select: (data) => data.fixes[0] ?? null,
    refetchInterval: (query) => (poll(query.state.data ? (query.state.data.fixes[0] ?? null) : undefined) ? FIX_POLL_MS : false),
    // A fix in flight must not be served stale from a previous visit.
    staleTime: 0,
  });
}

export function useFixHistory(findingId: string, enabled = true) {
  return useQuery({
    queryKey: fixKeys.history(findingId),
    queryFn: () => fetchFindingFixes(findingId),
    enabled,
  });
}

export function useGenerateFix(findingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: FixProvider) => api<Fix>(`/api/fixes/generate/${enc(findingId)}`, { method: 'POST', query: { provider } }),
    onSuccess: (fix) => {
      storeFix(queryClient, fix);
      invalidateFix(queryClient, fix);
    },
  });
}

export function useCreatePullRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fixId: string) => api<CreatePullRequestResult>(`/api/fixes/${enc(fixId)}/create-pr`, { method: 'POST' }),
    onSuccess: ({ fix }) => {
      storeFix(queryClient, fix);
      invalidateFix(queryClient, fix);
    },
  });
}

export function useMarkApplied() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fixId: string) => api<Fix>(`/api/fixes/${enc(fixId)}/apply`, { method: 'POST' }),
    onSuccess: (fix) => {
      storeFix(queryClient, fix);
      invalidateFix(queryClient, fix);
    },
  });
}

export function useRunFixes(
  runId: string,
  filters: RunFixFilters,
  page: number,
  pageSize: number,
  options: { enabled?: boolean; poll?: (page: FixPage | undefined) => number | false } = {},
) {
  const { enabled = true, poll } = options;
  return useQuery({
    queryKey: fixKeys.runList(runId, filters, page, pageSize),
    queryFn: () => api<FixPage>(`/api/runs/${enc(runId)}/fixes`, { query: { status: filters.status, rule: filters.rule, page, pageSize } }),
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval: poll ? (query) => poll(query.state.data) : false,
  });
}

export function useBatchPullRequest(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) => api<BatchPullRequestResult>(`/api/runs/${enc(runId)}/fixes/batch`, { method: 'POST', body: { ruleId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: fixKeys.all });
    },
  });
}

export function useAiKeys(workspaceId: string | undefined) {
  return useQuery({
    queryKey: fixKeys.aiKeys(workspaceId ?? ''),
    queryFn: () => api<AiKeys>(`/api/workspaces/${enc(workspaceId!)}/ai-keys`),
    enabled: Boolean(workspaceId),
  });
}

export function useSetAiKey(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { provider: AiProvider; apiKey: string }) =>
      api<AiKeySet>(`/api/workspaces/${enc(workspaceId)}/ai-keys`, {
        method: 'PUT',
        body: input,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: fixKeys.aiKeys(workspaceId) });
    },
  });
}

