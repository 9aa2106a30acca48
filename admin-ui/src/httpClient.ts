import { fetchUtils, HttpError } from 'react-admin';
import { getSession, setSession } from './session';
import type { Session } from './session';

interface Problem {
  title?: string;
  detail?: string;
  errorId?: string;
  errors?: { path: string; message: string }[];
}

/** Turns problem+json into the message react-admin shows in its notification, errorId included. */
export function describeProblem(body: unknown, fallback: string): string {
  const problem = (body ?? {}) as Problem;
  const message = problem.detail ?? problem.title ?? fallback;
  return problem.errorId ? `${message} (Error ID: ${problem.errorId})` : message;
}

// Refresh tokens rotate: concurrent 401s share one refresh call.
let refreshing: Promise<boolean> | null = null;

async function refreshSession(stale: Session): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: stale.refreshToken }),
      });
      if (!res.ok) return false;
      const session = (await res.json()) as Session;
      // A refresh must not turn a staff session into a non-staff one.
      if (!session.user?.staffRole) return false;
      setSession(session);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function send(url: string, options: fetchUtils.Options, accessToken: string | undefined) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  return fetchUtils.fetchJson(url, { ...options, headers });
}

/**
 * fetchUtils.fetchJson with the bearer token, one refresh on 401 (access tokens live 15 minutes),
 * and problem+json details as error messages. A 401 that survives the refresh reaches
 * authProvider.checkError, which logs out.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const session = getSession();
  // Signed out (or logged out by checkError): don't send requests the API can only refuse.
  if (!session) throw new HttpError('Please sign in.', 401);
  try {
    try {
      return await send(url, options, session?.accessToken);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 401) throw error;
      const current = getSession();
      const refreshed =
        current && current.accessToken !== session.accessToken ? true : await refreshSession(session);
      if (!refreshed) throw error;
      return await send(url, options, getSession()?.accessToken);
    }
  } catch (error) {
    if (error instanceof HttpError) {
      throw new HttpError(describeProblem(error.body, error.message), error.status, error.body);
    }
    throw error;
  }
}
