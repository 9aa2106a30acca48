import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Page, Run, RunStatus } from '../api/types';

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

export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: RunStatus | string | undefined): boolean {
  return TERMINAL_STATUSES.includes(status as RunStatus);
}

export function isActive(status: RunStatus | string | undefined): boolean {
  return status === 'queued' || status === 'running';
}

export function fetchRun(runId: string): Promise<Run> {
  return api<Run>(runPath(runId));
}

export function useRuns(workspaceId: string | undefined, params: RunListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: runKeys.list(workspaceId ?? '', params),
    queryFn: () => api<Page<Run>>(`/api/workspaces/${encodeURIComponent(workspaceId!)}/runs`, { query: { ...params } }),
    enabled: Boolean(workspaceId) && options.enabled !== false,
    placeholderData: keepPreviousData,
  });
}

export function useRun(runId: string) {
  return useQuery({ queryKey: runKeys.detail(runId), queryFn: () => fetchRun(runId) });
}

export function useCancelRun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ status: 'cancelling' }>(`${runPath(runId)}/cancel`, { method: 'POST' }),
    // A 409 means it finished meanwhile; either way the run should be re-read.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists });
    },
  });
}
