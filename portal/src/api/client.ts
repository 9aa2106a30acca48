import { getSession, setSession } from './session';
import type { Problem as ApiProblem, Session } from './types';

export type FieldError = NonNullable<ApiProblem['errors']>[number];

/** What an error answer may hold: the API's problem+json, or less when a proxy answered instead. */
type Problem = Partial<ApiProblem>;

/** An RFC 9457 problem+json answer (or a transport failure, status 0) as a throwable. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly errorId: string | undefined;
  readonly errors: FieldError[];

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (HTTP ${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errorId = problem.errorId;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /**
   * The message for one form field, as a sentence to show under it ("Must be an e-mail address."); `path` may be
   * "email" or "settings.maxRepositories".
   */
  fieldError(path: string): string | undefined {
    const message = this.errors.find((e) => normalisePath(e.path) === path)?.message?.trim();
    if (!message) return undefined;
    const sentence = message.charAt(0).toUpperCase() + message.slice(1);
    return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
  }
}

function normalisePath(path: unknown): string {
  if (Array.isArray(path)) return path.join('.');
  return String(path ?? '')
    .replace(/^\/?body[./]/, '')
    .replace(/^\//, '')
    .replace(/\//g, '.');
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** false for the unauthenticated auth endpoints. */
  auth?: boolean;
}

function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      return new ApiError(res.status, (await res.json()) as Problem);
    } catch {
      // fall through: a broken body is reported like a non-JSON one
    }
  }
  return new ApiError(res.status, {
    title: res.statusText || `HTTP ${res.status}`,
    detail:
      res.status >= 502 && res.status <= 504
        ? 'The Argus API is not reachable right now. Please try again in a moment.'
        : undefined,
  });
}

// Refresh tokens rotate, so concurrent 401s must share one refresh call; a second call with the
// same refresh token would be rejected and log the user out.
let refreshing: Promise<boolean> | null = null;

function refreshSession(stale: Session): Promise<boolean> {
  refreshing ??= doRefresh(stale).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(stale: Session): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: stale.refreshToken }),
    });
  } catch {
    return false; // offline: keep the session, the next call may succeed
  }
  if (!res.ok) {
    // Another tab may have rotated the token in the meantime; its session is still good.
    if (getSession()?.refreshToken !== stale.refreshToken) return getSession() !== null;
    // A proxy answering 502-504 while the API restarts says nothing about the refresh token.
    if (res.status >= 500) return false;
    setSession(null);
    return false;
  }
  setSession((await res.json()) as Session);
  return true;
}

/**
 * The access token to hand to something that cannot refresh by itself (a WebSocket sends it once, in
 * its URL). Refreshes first when the token expires within `minValidityMs`; null when signed out.
 */
export async function getFreshAccessToken(minValidityMs = 30_000): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  const expiresAt = Date.parse(session.accessTokenExpiresAt);
  if (Number.isFinite(expiresAt) && expiresAt - Date.now() > minValidityMs) return session.accessToken;
  await refreshSession(session);
  return getSession()?.accessToken ?? null;
}

/**
 * Asks the API whether the current access token is still accepted, refreshing it on a 401 like any
 * call does. Used when a WebSocket handshake is refused: browsers hide the HTTP status of a refused
 * upgrade, so an expired or revoked token cannot be told apart from other failures otherwise.
 */
export async function confirmAccessToken(): Promise<string | null> {
  try {
    await apiFetch('/api/me');
  } catch {
    // Unreachable or failing API: keep the token; the caller retries later anyway.
  }
  return getSession()?.accessToken ?? null;
}

/** Sends a request and returns the raw Response; throws ApiError unless it is 2xx. */
async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const { body, query, auth = true, headers, ...init } = options;
  const url = withQuery(path, query);

  const send = (accessToken: string | undefined) => {
    const h = new Headers(headers);
    if (!h.has('Accept')) h.set('Accept', 'application/json');
    let payload: BodyInit | undefined;
    if (body instanceof FormData || body instanceof Blob || typeof body === 'string') {
      payload = body;
    } else if (body !== undefined) {
      h.set('Content-Type', 'application/json');
      payload = JSON.stringify(body);
    }
    if (accessToken) h.set('Authorization', `Bearer ${accessToken}`);
    return fetch(url, { ...init, headers: h, body: payload });
  };

  try {
    const session = auth ? getSession() : null;
    let res = await send(session?.accessToken);
    if (res.status === 401 && session) {
      const current = getSession();
      const refreshed =
        current && current.accessToken !== session.accessToken ? true : await refreshSession(session);
      if (refreshed) res = await send(getSession()?.accessToken);
    }
    if (!res.ok) throw await toApiError(res);
    return res;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'Could not reach the Argus API. Check your connection and try again.',
    });
  }
}

/** Sends a request and parses the JSON answer (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, options);
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads an authenticated resource as a file (a plain link could not send the bearer token). */
export async function downloadFile(
  path: string,
  options: { query?: Record<string, QueryValue>; filename: string; accept?: string },
) {
  const { filename, query, accept = 'text/csv, */*' } = options;
  const res = await apiFetch(path, { query, headers: { Accept: accept } });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = match ? decodeURIComponent(match[1]) : filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
