import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ResponseBody, Run, RunPage, RunStatus } from '../api/types';

export interface RunListParams {
  repositoryId?: string;
  status?: RunStatus;
  page: number;
  pageSize: number;
}

export const runKeys = {
  all: ['runs'] as const,
  lists: ['runs', 'list'] as const,
  list: (workspaceId: string, params: RunListParams) => ['runs', 'list', workspaceId, params] as const,
  detail: (runId: string) => ['runs', 'detail', runId] as const,
};

const runPath = (runId: string) => `/api/runs/${encodeURIComponent(runId)}`;

const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: RunStatus | string | undefined): boolean {
  return TERMINAL_STATUSES.includes(status as RunStatus);
}

export function isActive(status: RunStatus | string | undefined): boolean {
  return status === 'queued' || status === 'running';
}

export function fetchRun(runId: string): Promise<Run> {
  return api<Run>(runPath(runId));
}

/** How often run data is re-read while live updates are down and something is still in flight. */
const FALLBACK_POLL_MS = 10_000;

interface RunsOptions {
  enabled?: boolean;
  /**
   * Re-read the list every FALLBACK_POLL_MS while it shows a queued or running run (or, with
   * 'always', regardless). Meant for when the WebSocket that normally drives refreshes is down.
   */
  poll?: false | 'while-active' | 'always';
}

export function useRuns(workspaceId: string | undefined, params: RunListParams, options: RunsOptions = {}) {
  const { enabled = true, poll = false } = options;
  return useQuery({
    queryKey: runKeys.list(workspaceId ?? '', params),
    queryFn: () => api<RunPage>(`/api/workspaces/${encodeURIComponent(workspaceId!)}/runs`, { query: { ...params } }),
    enabled: Boolean(workspaceId) && enabled,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      poll === 'always' || (poll === 'while-active' && query.state.data?.items.some((r) => isActive(r.status))) ? FALLBACK_POLL_MS : false,
  });
}

/** `poll` is asked on every interval tick whether the WebSocket is down, so a stale run is still re-read. */
export function useRun(runId: string, poll: () => boolean = () => false) {
  return useQuery({
    queryKey: runKeys.detail(runId),
    queryFn: () => fetchRun(runId),
    refetchInterval: (query) => (isActive(query.state.data?.status) && poll() ? FALLBACK_POLL_MS : false),
  });
}

export function useCancelRun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<ResponseBody<'/api/runs/{runId}/cancel', 'post', 202>>(`${runPath(runId)}/cancel`, { method: 'POST' }),
    // A 409 means it finished meanwhile; either way the run should be re-read.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists });
    },
  });
}
