import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ApiToken, CreatedApiToken, RequestBody } from '../api/types';

const tokenKeys = {
  all: ['tokens'] as const,
};

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => api<ApiToken[]>('/api/tokens') });
}

export type CreateTokenInput = RequestBody<'/api/tokens', 'post'>;

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) => api<CreatedApiToken>('/api/tokens', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api<void>(`/api/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
