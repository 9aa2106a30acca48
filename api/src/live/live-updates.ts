import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS_CHANNEL, type RunEvent } from '@argus/workflows/contract';
import { listWorkspaceIdsOfUser, recentRunsOfWorkspaces } from '@argus/db';
import type { Request } from 'express';
import type { AppDeps } from '../app-deps';
import { authenticate } from '../auth/auth-context';
import { requireResource } from '../access/resource-access';
import { AppError } from '../http/errors';
import { publicRun } from '../runs/runs.service';

interface Subscriber {
  socket: WebSocket;
  /** The credential the socket was opened with; re-checked before every event it is sent. */
  request: Request;
  runId?: string;
  workspaceIds?: Set<string>;
  /** Events for one socket are checked and sent in order. */
  queue: Promise<void>;
}

function reject(socket: Duplex, status: number, message: string) {
  socket.write(`HTTP/1.1 ${status} ${message}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}`);
  socket.destroy();
}

/**
 * ws://…/ws/run/{run_id} and ws://…/ws/dashboard/{user_id}. The browser sends its access token as
 * `?token=` (WebSocket has no headers in browsers). Every API process LISTENs on one Postgres channel,
 * so an event from any worker reaches every socket. A new socket first gets a snapshot of the current
 * state, so a reconnecting browser never misses the final state.
 */
export async function attachLiveUpdates(server: Server, deps: AppDeps): Promise<{ close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const subscribers = new Set<Subscriber>();
  let listener: pg.Client | null = null;
  let closed = false;

  /**
   * Authorization is not only checked at connect time: before each event a socket receives, its token, its user
   * (suspended? deleted?) and its membership are checked again, so a removed member, a revoked API token or a
   * suspended user stops receiving at once, and the socket is closed.
   */
  const stillAllowed = async (s: Subscriber, event: RunEvent): Promise<boolean> => {
    const auth = (await authenticate(s.request, deps))!;
    if (s.runId) {
      await requireResource(deps, auth, 'run', s.runId, 'results:view');
      return true;
    }
    const workspaceIds = await listWorkspaceIdsOfUser(deps.knex, auth.userId);
    s.workspaceIds = new Set(auth.tokenWorkspaceId ? workspaceIds.filter((w) => w === auth.tokenWorkspaceId) : workspaceIds);
    return s.workspaceIds.has(event.workspaceId);
  };

  const deliver = (event: RunEvent) => {
    const message = JSON.stringify(event);
    for (const s of subscribers) {
      if (!(s.runId ? s.runId === event.runId : s.workspaceIds?.has(event.workspaceId))) continue;
      s.queue = s.queue.then(async () => {
        try {
          if (await stillAllowed(s, event)) return void s.socket.send(message);
          // The member left (or was removed from) that workspace: the browser reconnects with its current scope.
          subscribers.delete(s);
          s.socket.close(4403, 'Forbidden');
        } catch (err) {
          subscribers.delete(s);
          const status = err instanceof AppError ? err.status : 1011;
          s.socket.close(status === 401 ? 4401 : status === 403 ? 4403 : status === 404 ? 4404 : 1011, err instanceof AppError ? err.title : 'Internal error');
          if (!(err instanceof AppError)) deps.logger.warn({ err }, 'live updates: re-authorization failed');
        }
      });
    }
  };

  const listen = async () => {
    while (!closed) {
      try {
        const client = new pg.Client({ connectionString: deps.config.databaseUrl });
        // Errors end the wait below and trigger a reconnect; they must never go unhandled.
        client.on('error', (err) => deps.logger.warn({ err }, 'live updates: LISTEN connection lost'));
        await client.connect();
        client.on('notification', (n) => {
          try {
            deliver(JSON.parse(n.payload ?? '{}') as RunEvent);
          } catch {
            // ignore malformed payloads
          }
        });
        await client.query(`listen ${EVENTS_CHANNEL}`);
        listener = client;
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
      } catch (err) {
        deps.logger.warn({ err }, 'live updates: LISTEN connection failed, retrying');
      }
      listener = null;
      if (!closed) await new Promise((r) => setTimeout(r, 1000));
    }
  };
  void listen();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/ws\/(run|dashboard)\/([^/]+)\/?$/.exec(url.pathname);
    if (!match) return reject(socket, 404, 'Not Found');
    const [, kind, id] = match as unknown as [string, 'run' | 'dashboard', string];
    const token = url.searchParams.get('token');
    const fakeReq = { get: (h: string) => (h.toLowerCase() === 'authorization' && token ? `Bearer ${token}` : undefined) } as unknown as Request;
    void (async () => {
      try {
        const auth = (await authenticate(fakeReq, deps))!;
        let snapshot: unknown;
        const subscriber: Partial<Subscriber> = {};
        if (kind === 'run') {
          const { row } = await requireResource(deps, auth, 'run', id, 'results:view');
          subscriber.runId = row.id;
          snapshot = { type: 'snapshot', run: publicRun(deps, row) };
        } else {
          if (id !== auth.userId) return reject(socket, 404, 'Not Found');
          const workspaceIds = await listWorkspaceIdsOfUser(deps.knex, auth.userId);
          const scoped = auth.tokenWorkspaceId ? workspaceIds.filter((w) => w === auth.tokenWorkspaceId) : workspaceIds;
          subscriber.workspaceIds = new Set(scoped);
          const runs = await recentRunsOfWorkspaces(deps.knex, scoped, 20);
          snapshot = { type: 'snapshot', runs: runs.map((r) => publicRun(deps, r)) };
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          const s = { ...subscriber, socket: ws, request: fakeReq, queue: Promise.resolve() } as Subscriber;
          subscribers.add(s);
          ws.send(JSON.stringify(snapshot));
          const ping = setInterval(() => ws.ping(), 30_000);
          ws.on('close', () => {
            clearInterval(ping);
            subscribers.delete(s);
          });
        });
      } catch (err) {
        if (err instanceof AppError) return reject(socket, err.status, err.title);
        deps.logger.error({ err }, 'live updates: upgrade failed');
        reject(socket, 500, 'Internal Server Error');
      }
    })();
  });

  return {
    async close() {
      closed = true;
      for (const s of subscribers) s.socket.terminate();
      wss.close();
      await listener?.end().catch(() => {});
    },
  };
}
