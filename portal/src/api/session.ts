import type { Session } from './types';

// The one place the portal keeps credentials. Components read it through useSession(); the fetch
// client reads and rotates it directly.
const STORAGE_KEY = 'argus.session';

type Listener = () => void;
const listeners = new Set<Listener>();

let cached: Session | null = readStorage();

function readStorage(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return parsed.accessToken && parsed.refreshToken && parsed.user ? (parsed as Session) : null;
  } catch {
    return null;
  }
}

function notify() {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return cached;
}

export function setSession(session: Session | null) {
  cached = session;
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  notify();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab logging in, out, or rotating the refresh token must be seen here too, otherwise this
// tab would refresh with a token that has already been used.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  cached = readStorage();
  notify();
});
