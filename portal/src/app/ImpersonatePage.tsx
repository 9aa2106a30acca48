import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ResponseBody, Session } from '../api/types';
import { setSession } from '../api/session';
import { ErrorState, LoadingState } from '../ui/states';

type Me = ResponseBody<'/api/me', 'get'>;
type Impersonation = ResponseBody<'/api/impersonation', 'get'>;

/**
 * Where the console sends a staff member who starts an impersonation: /impersonate#token=…. The token (in the
 * fragment, so it reaches no server log) becomes this tab's session; it cannot be refreshed and ends with the
 * impersonation.
 */
export function ImpersonatePage() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setError(new Error('This link has no impersonation token. Start the impersonation again from the ops console.'));
      return;
    }
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    void (async () => {
      try {
        const [meRes, impRes] = await Promise.all([fetch('/api/me', { headers }), fetch('/api/impersonation', { headers })]);
        if (!meRes.ok || !impRes.ok) throw new Error('The impersonation has ended or is not valid. Start it again from the ops console.');
        const me = (await meRes.json()) as Me;
        const imp = (await impRes.json()) as Impersonation;
        if (!imp.session) throw new Error('This token is not an impersonation.');
        // No refresh token: when the access token expires, the session ends, exactly with the impersonation.
        const session = { accessToken: token, accessTokenExpiresAt: imp.session.expiresAt, refreshToken: 'impersonation-has-no-refresh', user: me.user } as Session;
        setSession(session);
        void navigate('/', { replace: true });
      } catch (e) {
        setError(e);
      }
    })();
  }, [navigate]);
  return error ? <ErrorState error={error} title="Could not start the impersonation" /> : <LoadingState label="Starting the impersonation…" />;
}
