import { useEffect, useRef, useState } from 'react';
import { confirmAccessToken, getFreshAccessToken } from '../api/client';
import { useSession } from '../auth/useSession';

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

export interface LiveSocketOptions<T> {
  /** Every parsed JSON message. The first one after each (re)connect is the server's snapshot. */
  onMessage: (message: T) => void;
  onOpen?: () => void;
}

export interface LiveSocketState {
  status: LiveStatus;
  /** Consecutive failed attempts since the last open connection. */
  failures: number;
}

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** Close codes a server uses for "your token is no good" (policy violation, or the 4401 convention). */
const AUTH_CLOSE_CODES = new Set([1008, 4401, 4403]);

function liveSocketUrl(path: string, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const separator = path.includes('?') ? '&' : '?';
  return `${scheme}://${location.host}${path}${separator}token=${encodeURIComponent(token)}`;
}

/** Exponential backoff with jitter: ~1s, 2s, 4s … capped at 30s, so a restarted API is not stampeded. */
function backoffDelay(failures: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures, 10));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Keeps a WebSocket to `path` (e.g. `/ws/run/123`) open while the component is mounted and the user
 * is signed in; `null` disconnects. Reconnects with backoff after any drop, at once when the browser
 * comes back online. The access token travels in the URL, so it is refreshed before connecting when it
 * is about to expire, and re-checked through the HTTP client (which refreshes on 401) when a handshake
 * is refused or the server closes for an auth reason.
 */
export function useLiveSocket<T>(path: string | null, options: LiveSocketOptions<T>): LiveSocketState {
  const session = useSession();
  const userId = session?.user.id ?? null;
  const [state, setState] = useState<LiveSocketState>({ status: 'idle', failures: 0 });
  // Handlers change every render; the connection must not.
  const handlers = useRef(options);
  handlers.current = options;

  useEffect(() => {
    if (!path || !userId) {
      setState({ status: 'idle', failures: 0 });
      return;
    }

    let disposed = false;
    let socket: WebSocket | null = null;
    let connecting = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let checkToken = false;

    const connect = async () => {
      if (disposed || socket || connecting) return;
      connecting = true;
      clearTimeout(timer);
      setState({ status: failures === 0 ? 'connecting' : 'reconnecting', failures });
      const token = checkToken ? await confirmAccessToken() : await getFreshAccessToken();
      checkToken = false;
      connecting = false;
      if (disposed) return;
      // Signed out meanwhile (the refresh failed): the session effects take the user to the login page.
      if (!token) return setState({ status: 'idle', failures });

      let opened = false;
      const ws = new WebSocket(liveSocketUrl(path, token));
      socket = ws;
      ws.onopen = () => {
        opened = true;
        failures = 0;
        setState({ status: 'open', failures: 0 });
        handlers.current.onOpen?.();
      };
      ws.onmessage = (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        let message: T;
        try {
          message = JSON.parse(event.data) as T;
        } catch {
          return; // not ours to interpret
        }
        handlers.current.onMessage(message);
      };
      ws.onclose = (event: CloseEvent) => {
        if (socket === ws) socket = null;
        if (disposed) return;
        // A refused upgrade (401, 404, 502 …) surfaces only as a close before open; the token is the
        // usual suspect, and checking it costs one request per backoff step.
        if (!opened || AUTH_CLOSE_CODES.has(event.code)) checkToken = true;
        failures += 1;
        const delay = opened ? backoffDelay(0) : backoffDelay(failures - 1);
        setState({ status: 'reconnecting', failures });
        timer = setTimeout(() => void connect(), delay);
      };
    };

    const reconnectNow = () => {
      if (socket || connecting) return;
      clearTimeout(timer);
      void connect();
    };
    // Timers are throttled in background tabs; catch up as soon as the user looks again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') reconnectNow();
    };

    void connect();
    window.addEventListener('online', reconnectNow);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      disposed = true;
      clearTimeout(timer);
      window.removeEventListener('online', reconnectNow);
      document.removeEventListener('visibilitychange', onVisible);
      if (socket) {
        socket.onclose = null;
        socket.close(1000, 'done');
      }
    };
  }, [path, userId]);

  return state;
}
