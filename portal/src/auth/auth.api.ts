import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { getSession, setSession } from '../api/session';
import type { Me, RequestBody, Session, User } from '../api/types';
import { useSession } from './useSession';

export const authKeys = {
  me: ['me'] as const,
};

export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: authKeys.me,
    queryFn: () => api<Me>('/api/me'),
    enabled: session !== null,
    staleTime: 30_000,
  });
}

export type Credentials = RequestBody<'/api/auth/login', 'post'>;

function login(credentials: Credentials) {
  return api<Session>('/api/auth/login', { method: 'POST', body: credentials, auth: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      queryClient.clear();
      setSession(session);
    },
  });
}

export type SignupInput = RequestBody<'/api/auth/signup', 'post'>;

export type SignupResult = { user: User; signedIn: true } | { user: User; signedIn: false; loginError: unknown };

/**
 * Signs up, then signs in with the same credentials so the user lands in the app straight away
 * (unverified accounts may sign in; the layout nags them to verify). If that second step is refused,
 * the page falls back to "check your inbox".
 */
export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignupInput): Promise<SignupResult> => {
      const { user } = await api<{ user: User }>('/api/auth/signup', { method: 'POST', body: input, auth: false });
      try {
        const session = await login({ email: input.email, password: input.password });
        queryClient.clear();
        setSession(session);
        return { user, signedIn: true };
      } catch (loginError) {
        return { user, signedIn: false, loginError };
      }
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const session = getSession();
      if (!session) return;
      try {
        // Sent without the refresh-on-401 dance: an expired access token must not rotate the very
        // refresh token we are about to revoke.
        await api<void>('/api/auth/logout', {
          method: 'POST',
          auth: false,
          headers: { Authorization: `Bearer ${session.accessToken}` },
          body: { refreshToken: session.refreshToken },
        });
      } catch {
        // Logging out locally must work even when the API is unreachable.
      }
    },
    onSettled: () => {
      setSession(null);
      queryClient.clear();
    },
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (input: { email: string }) =>
      api<void>('/api/auth/forgot-password', { method: 'POST', body: input, auth: false }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api<void>('/api/auth/reset-password', { method: 'POST', body: input, auth: false }),
  });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api<{ user: User }>('/api/auth/verify-email', { method: 'POST', body: { token }, auth: false }),
    onSuccess: ({ user }) => {
      const session = getSession();
      if (session && session.user.id === user.id) setSession({ ...session, user });
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: () => api<void>('/api/auth/resend-verification', { method: 'POST' }),
  });
}
