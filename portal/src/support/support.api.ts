import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RequestBody, ResponseBody } from '../api/types';

export type SupportTicket = ResponseBody<'/api/support/tickets/{ticketId}', 'get'>['ticket'];
export type TicketDetail = ResponseBody<'/api/support/tickets/{ticketId}', 'get'>;
export type TicketPage = ResponseBody<'/api/workspaces/{workspaceId}/support/tickets', 'get'>;
export type NewTicket = RequestBody<'/api/workspaces/{workspaceId}/support/tickets', 'post'>;

const supportKeys = {
  list: (workspaceId: string, status: string, page: number) => ['support', 'tickets', workspaceId, status, page] as const,
  all: ['support'] as const,
  ticket: (id: string) => ['support', 'ticket', id] as const,
};

export function useTickets(workspaceId: string | undefined, status: string, page: number) {
  return useQuery({
    queryKey: supportKeys.list(workspaceId ?? '', status, page),
    enabled: Boolean(workspaceId),
    queryFn: () => api<TicketPage>(`/api/workspaces/${encodeURIComponent(workspaceId!)}/support/tickets`, { query: { status: status || undefined, page, pageSize: 20 } }),
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: supportKeys.ticket(id), queryFn: () => api<TicketDetail>(`/api/support/tickets/${encodeURIComponent(id)}`), refetchInterval: 30_000 });
}

export function useOpenTicket(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTicket) => api<SupportTicket>(`/api/workspaces/${encodeURIComponent(workspaceId)}/support/tickets`, { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}

export function useReply(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string) => api(`/api/support/tickets/${encodeURIComponent(id)}/messages`, { method: 'POST', body: { content } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}

export function useCloseTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<SupportTicket>(`/api/support/tickets/${encodeURIComponent(id)}/close`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}
