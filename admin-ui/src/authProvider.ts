import type { AuthProvider } from 'react-admin';
import { describeProblem } from './httpClient';
import { getSession, setSession } from './session';
import type { Session } from './session';

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    let res: Response;
    try {
      res = await fetch('/api/admin/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email: username, password }),
      });
    } catch {
      throw new Error('Could not reach the Argus API.');
    }
    const body: unknown = await res.json().catch(() => null);
    // 401 wrong credentials, 403 not staff, 429 locked: the API's detail says which.
    if (!res.ok) throw new Error(describeProblem(body, `Sign-in failed (HTTP ${res.status})`));
    const session = body as Session;
    if (!session.user?.staffRole) throw new Error('This account has no staff role.');
    setSession(session);
  },

  async logout() {
    const session = getSession();
    setSession(null);
    if (!session) return;
    try {
      await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
    } catch {
      // The local session is gone either way.
    }
  },

  async checkAuth() {
    if (!getSession()) throw new Error('Please sign in.');
  },

  // The demo's flaw was never logging out on 401. Here 401 (after the httpClient's one refresh)
  // and 403 (staff role revoked or insufficient) both end the session.
  async checkError(error: { status?: number; message?: string }) {
    if (error?.status === 401 || error?.status === 403) {
      setSession(null);
      throw { message: error.message || 'Your session has ended. Please sign in again.' };
    }
  },

  async getIdentity() {
    const session = getSession();
    if (!session) throw new Error('Not signed in.');
    return { id: session.user.id, fullName: session.user.name || session.user.email, email: session.user.email };
  },

  async getPermissions() {
    return getSession()?.user.staffRole ?? null;
  },
};
