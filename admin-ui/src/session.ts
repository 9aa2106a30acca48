import type { Session } from './api-types';

export type { Session, StaffRole } from './api-types';

// The staff session lives here and nowhere else; authProvider and httpClient both go through it.
const STORAGE_KEY = 'argus.admin.session';

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return parsed.accessToken && parsed.refreshToken && parsed.user ? (parsed as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null) {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}
