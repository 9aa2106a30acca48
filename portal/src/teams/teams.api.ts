import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../api/client';
import type { ActivityPage, Invitation, InvitationPreview, Member, RequestBody, Workspace, WorkspaceRole } from '../api/types';
import { authKeys } from '../auth/auth.api';

export interface ActivityFilters {
  actor?: string;
  action?: string;
  /** ISO timestamps */
  from?: string;
  to?: string;
}

const teamKeys = {
  all: ['teams'] as const,
  detail: (teamId: string) => ['teams', teamId] as const,
  members: (teamId: string) => ['teams', teamId, 'members'] as const,
  invitations: (teamId: string) => ['teams', teamId, 'invitations'] as const,
  activity: (teamId: string, filters: ActivityFilters, page: number, pageSize: number) =>
    ['teams', teamId, 'activity', { ...filters, page, pageSize }] as const,
};

const teamPath = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;

export function useTeams() {
  return useQuery({ queryKey: teamKeys.all, queryFn: () => api<Workspace[]>('/api/teams') });
}

export function useTeam(teamId: string) {
  return useQuery({ queryKey: teamKeys.detail(teamId), queryFn: () => api<Workspace>(teamPath(teamId)) });
}

export type CreateTeamInput = RequestBody<'/api/teams', 'post'>;

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTeamInput) => api<Workspace>('/api/teams', { method: 'POST', body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.all, exact: true });
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export type UpdateTeamInput = RequestBody<'/api/teams/{teamId}', 'patch'>;

export function useUpdateTeam(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateTeamInput) => api<Workspace>(teamPath(teamId), { method: 'PATCH', body: input }),
    onSuccess: (team) => {
      queryClient.setQueryData(teamKeys.detail(teamId), team);
      void queryClient.invalidateQueries({ queryKey: teamKeys.all, exact: true });
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export function useMembers(teamId: string) {
  return useQuery({ queryKey: teamKeys.members(teamId), queryFn: () => api<Member[]>(`${teamPath(teamId)}/members`) });
}

/** Membership changes move memberCount and the caller's own role, so everything about the team is refreshed. */
function useInvalidateTeam(teamId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: teamKeys.detail(teamId) });
    void queryClient.invalidateQueries({ queryKey: teamKeys.all, exact: true });
    void queryClient.invalidateQueries({ queryKey: authKeys.me });
  };
}

export function useChangeMemberRole(teamId: string) {
  const invalidate = useInvalidateTeam(teamId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) =>
      api<Member>(`${teamPath(teamId)}/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } }),
    onSettled: invalidate,
  });
}

export function useRemoveMember(teamId: string) {
  const invalidate = useInvalidateTeam(teamId);
  return useMutation({
    mutationFn: (userId: string) =>
      api<void>(`${teamPath(teamId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useInvitations(teamId: string, enabled = true) {
  return useQuery({
    queryKey: teamKeys.invitations(teamId),
    queryFn: () => api<Invitation[]>(`${teamPath(teamId)}/invitations`),
    enabled,
  });
}

export function useInviteMember(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: WorkspaceRole }) =>
      api<Invitation>(`${teamPath(teamId)}/members`, { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.invitations(teamId) }),
  });
}

export function useResendInvitation(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<Invitation>(`${teamPath(teamId)}/invitations/${encodeURIComponent(invitationId)}/resend`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.invitations(teamId) }),
  });
}

export function useRevokeInvitation(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<void>(`${teamPath(teamId)}/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.invitations(teamId) }),
  });
}

/** What an invitation link invites to (the token goes in the body, never in a URL the API logs). */
export function useInvitationPreview(token: string | null) {
  return useQuery({
    queryKey: ['invitation-preview', token] as const,
    queryFn: () => api<InvitationPreview>('/api/invitations/preview', { method: 'POST', body: { token } }),
    enabled: Boolean(token),
    retry: false,
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<Workspace>('/api/invitations/accept', { method: 'POST', body: { token } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.all });
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export function useActivity(teamId: string, filters: ActivityFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: teamKeys.activity(teamId, filters, page, pageSize),
    queryFn: () => api<ActivityPage>(`${teamPath(teamId)}/activity`, { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV needs the bearer token, so it is fetched and handed to the browser as a blob. */
export function useExportActivityCsv(teamId: string) {
  return useMutation({
    mutationFn: ({ filters, filename }: { filters: ActivityFilters; filename: string }) =>
      downloadFile(`${teamPath(teamId)}/activity`, { query: { ...filters, format: 'csv' }, filename }),
  });
}
