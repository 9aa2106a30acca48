import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { RepositoryAnalysisSettings, RequestBody } from '../../api/types';

const settingsKey = (repositoryId: string) => ['repositories', 'analysis-settings', repositoryId] as const;
const settingsPath = (repositoryId: string) => `/api/repositories/${encodeURIComponent(repositoryId)}/analysis-settings`;

export type AnalysisSettingsChange = RequestBody<'/api/repositories/{repositoryId}/analysis-settings', 'patch'>;

export function useAnalysisSettings(repositoryId: string) {
  return useQuery({ queryKey: settingsKey(repositoryId), queryFn: () => api<RepositoryAnalysisSettings>(settingsPath(repositoryId)), enabled: Boolean(repositoryId) });
}

export function useUpdateAnalysisSettings(repositoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: AnalysisSettingsChange) => api<RepositoryAnalysisSettings>(settingsPath(repositoryId), { method: 'PATCH', body: change }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(repositoryId), settings),
  });
}
