import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { AnalysisStarted, Repository, RepositoryPage, RequestBody } from '../api/types';
import { runKeys } from '../runs/runs.api';

export interface RepositoryListParams {
  q?: string;
  page: number;
  pageSize: number;
}

export const repositoryKeys = {
  all: ['repositories'] as const,
  lists: ['repositories', 'list'] as const,
  list: (workspaceId: string, params: RepositoryListParams) => ['repositories', 'list', workspaceId, params] as const,
  detail: (repositoryId: string) => ['repositories', 'detail', repositoryId] as const,
};

const workspacePath = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/repositories`;
const repositoryPath = (repositoryId: string) => `/api/repositories/${encodeURIComponent(repositoryId)}`;

export function useRepositories(workspaceId: string | undefined, params: RepositoryListParams) {
  return useQuery({
    queryKey: repositoryKeys.list(workspaceId ?? '', params),
    queryFn: () => api<RepositoryPage>(workspacePath(workspaceId!), { query: { ...params } }),
    enabled: Boolean(workspaceId),
    placeholderData: keepPreviousData,
  });
}

export type ConnectRepositoryInput = RequestBody<'/api/workspaces/{workspaceId}/repositories', 'post'>;

export function useConnectRepository(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectRepositoryInput) => api<Repository>(workspacePath(workspaceId), { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: repositoryKeys.lists }),
  });
}

export function useRemoveRepository() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (repositoryId: string) => api<void>(repositoryPath(repositoryId), { method: 'DELETE' }),
    onSuccess: (_data, repositoryId) => {
      queryClient.removeQueries({ queryKey: repositoryKeys.detail(repositoryId) });
      void queryClient.invalidateQueries({ queryKey: repositoryKeys.lists });
    },
  });
}

export interface AnalyzeInput {
  repositoryId: string;
  ref?: string;
  commitSha?: string;
}

export function useAnalyzeRepository() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ repositoryId, ...body }: AnalyzeInput) =>
      api<AnalysisStarted>(`${repositoryPath(repositoryId)}/analyze`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: repositoryKeys.lists });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists });
    },
  });
}
