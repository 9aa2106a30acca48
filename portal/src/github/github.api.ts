import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { components } from '../api/schema.gen';
import { repositoryKeys } from '../repositories/repositories.api';

// The GitHub App flow's calls (api/src/github-app): install, the setup callback, the installation's repositories.

type Schemas = components['schemas'];
export type WorkspaceGitHub = Schemas['WorkspaceGitHub'];
export type GitHubInstallation = Schemas['GitHubInstallation'];
export type GitHubSetupResult = Schemas['GitHubSetupResult'];
export type GitHubInstallationRepositoryPage = Schemas['GitHubInstallationRepositoryPage'];
export type GitHubInstallationRepository = Schemas['GitHubInstallationRepository'];
type GitHubInstallStart = Schemas['GitHubInstallStart'];
type GitHubRepositoryActivation = Schemas['GitHubRepositoryActivation'];

const githubKeys = {
  all: ['github'] as const,
  workspace: (workspaceId: string) => ['github', 'workspace', workspaceId] as const,
  repositories: (installationId: string) => ['github', 'repositories', installationId] as const,
  repositoryPage: (installationId: string, page: number) => ['github', 'repositories', installationId, page] as const,
};

const enc = encodeURIComponent;

export function useWorkspaceGitHub(workspaceId: string | undefined) {
  return useQuery({
    queryKey: githubKeys.workspace(workspaceId ?? ''),
    queryFn: () => api<WorkspaceGitHub>(`/api/workspaces/${enc(workspaceId!)}/github`),
    enabled: Boolean(workspaceId),
  });
}

/** "Install the GitHub App": a fresh single-use state, then the browser goes to GitHub. */
export function useStartInstall(workspaceId: string) {
  return useMutation({
    mutationFn: () => api<GitHubInstallStart>(`/api/workspaces/${enc(workspaceId)}/github/install`, { method: 'POST', body: {} }),
    onSuccess: ({ installUrl }) => window.location.assign(installUrl),
  });
}

export interface SetupParams {
  state: string;
  code?: string;
  installationId?: number;
  setupAction: 'install' | 'update' | 'request';
}

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (params: SetupParams) => api<GitHubSetupResult>('/api/github/setup', { method: 'POST', body: params }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: githubKeys.all }),
  });
}

export function useInstallationRepositories(installationId: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: githubKeys.repositoryPage(installationId, page),
    queryFn: () => api<GitHubInstallationRepositoryPage>(`/api/github/installations/${enc(installationId)}/repositories`, { query: { page, pageSize } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSetRepositoryActive(installationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ githubRepoId, active }: { githubRepoId: number; active: boolean }) =>
      api<GitHubRepositoryActivation>(`/api/github/installations/${enc(installationId)}/repositories/${githubRepoId}`, { method: 'PUT', body: { active } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: githubKeys.all });
      void queryClient.invalidateQueries({ queryKey: repositoryKeys.lists });
    },
  });
}

export function useUnlinkInstallation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (installationId: string) => api<void>(`/api/github/installations/${enc(installationId)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: githubKeys.all });
      void queryClient.invalidateQueries({ queryKey: repositoryKeys.lists });
    },
  });
}
