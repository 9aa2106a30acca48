import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ResponseBody } from '../api/types';
import { getSession, setSession } from '../api/session';
import { formatDateTime } from '../ui/format';

type Impersonation = ResponseBody<'/api/impersonation', 'get'>;

/** Whether the access token carries an impersonation (its `imp` claim); the API decides what it allows. */
function isImpersonationToken(token: string | undefined): boolean {
  try {
    const payload = JSON.parse(atob(token!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { imp?: string };
    return Boolean(payload.imp);
  } catch {
    return false;
  }
}

/** A staff member acting as this user sees, on every page, who they are acting as, until when, and a way out. */
export function ImpersonationBanner() {
  const token = getSession()?.accessToken;
  const impersonating = isImpersonationToken(token);
  const info = useQuery({ queryKey: ['impersonation', token], enabled: impersonating, queryFn: () => api<Impersonation>('/api/impersonation'), staleTime: Infinity });
  if (!impersonating) return null;
  const s = info.data?.session;
  return (
    <div role="alert" data-testid="impersonation-banner" className="flex flex-wrap items-center justify-center gap-3 bg-purple-700 px-4 py-2 text-sm text-white">
      <span>
        {s ? (
          <>
            <strong>{s.staff.name ?? s.staff.email}</strong> (Argus staff) is acting as <strong>{s.user.email}</strong> until {formatDateTime(s.expiresAt)}. Everything done here is recorded
            under the staff member&apos;s name.
          </>
        ) : (
          'You are acting as this user on behalf of Argus support.'
        )}
      </span>
      <button
        type="button"
        className="rounded bg-white/20 px-2 py-1 font-semibold hover:bg-white/30"
        onClick={async () => {
          await api('/api/impersonation/end', { method: 'POST' }).catch(() => {});
          setSession(null);
          window.location.assign('/login');
        }}
      >
        End impersonation
      </button>
    </div>
  );
}
