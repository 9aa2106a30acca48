import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { setSession } from '../api/session';
import type { Account, AccountSessions, AccountUser, RequestBody, ResponseBody } from '../api/types';
import { authKeys } from '../auth/auth.api';

const accountKeys = {
  account: ['account'] as const,
  sessions: ['account', 'sessions'] as const,
};

export function useAccount() {
  return useQuery({ queryKey: accountKeys.account, queryFn: () => api<Account>('/api/account') });
}

export function useRenameAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<AccountUser>('/api/account', { method: 'PATCH', body: { name } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.account });
      // The sidebar and the dashboard greet by name.
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export type EmailChangeInput = RequestBody<'/api/account/email', 'post'>;

export function useRequestEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EmailChangeInput) => api<ResponseBody<'/api/account/email', 'post', 202>>('/api/account/email', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.account }),
  });
}

export type PasswordChangeInput = RequestBody<'/api/account/password', 'post'>;

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    // The API ends every other session and every access token issued before, this one's too: the client's next
    // call gets a 401 and exchanges the (still valid) refresh token for a new access token, as after any 401.
    mutationFn: (input: PasswordChangeInput) => api<void>('/api/account/password', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: accountKeys.sessions, queryFn: () => api<AccountSessions>('/api/account/sessions') });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api<void>(`/api/account/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/account/sessions', { method: 'DELETE' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export type DeleteAccountInput = RequestBody<'/api/account', 'delete'>;

/** The caller signs out locally once it has moved to the page that says so (see AccountPage). */
export function useDeleteAccount() {
  return useMutation({
    // Marked here, not in the page's callback: deleting ends every session, and the live socket's sign-out can
    // unmount the page (dropping its callbacks) before this answer arrives.
    mutationFn: async (input: DeleteAccountInput) => {
      await api<void>('/api/account', { method: 'DELETE', body: input });
      markAccountDeleted();
    },
  });
}

const DELETED_KEY = 'argus.account-deleted';
/** How long the sign-in page keeps saying so. Signing out and the navigation both land on it, in either order,
 * and each may mount it afresh: a read-once flag would be spent by the first mount. */
const DELETED_NOTICE_MS = 30_000;

const DELETED_EVENT = 'argus:account-deleted';

/** Tells the sign-in page that the account it falls back to was just deleted (also one already on screen). */
function markAccountDeleted() {
  try {
    sessionStorage.setItem(DELETED_KEY, String(Date.now()));
  } catch {
    // Without storage the sign-in page just does not say it.
  }
  window.dispatchEvent(new Event(DELETED_EVENT));
}

/** Calls `listener` when the account is deleted while the sign-in page is already shown; returns the unsubscribe. */
export function onAccountDeleted(listener: () => void): () => void {
  window.addEventListener(DELETED_EVENT, listener);
  return () => window.removeEventListener(DELETED_EVENT, listener);
}

/** True for a short while after markAccountDeleted; a stale flag is cleared. */
export function takeAccountDeleted(): boolean {
  try {
    const at = Number(sessionStorage.getItem(DELETED_KEY));
    if (!at) return false;
    if (Date.now() - at < DELETED_NOTICE_MS) return true;
    sessionStorage.removeItem(DELETED_KEY);
    return false;
  } catch {
    return false;
  }
}

/** After the account is gone: nothing of it may stay in this browser. */
export function useForgetAccount() {
  const queryClient = useQueryClient();
  return () => {
    setSession(null);
    queryClient.clear();
  };
}
