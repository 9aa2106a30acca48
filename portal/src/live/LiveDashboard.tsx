import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Run, RunProgress, RunStatus } from '../api/types';
import { useSession } from '../auth/useSession';
import { repositoryKeys } from '../repositories/repositories.api';
import { findingKeys } from '../findings/findings.api';
import { fetchRun, isTerminal, runKeys } from '../runs/runs.api';
import { dashboardSocketPath } from './live.api';
import type { DashboardSocketMessage } from './live.api';
import { useLiveSocket } from './useLiveSocket';
import type { LiveStatus } from './useLiveSocket';

const FEED_SIZE = 20;
/** Status changes arrive in bursts (a webhook fans out to many runs); lists are re-read once per burst. */
const INVALIDATE_DELAY_MS = 400;

export interface LiveRunState {
  status: RunStatus;
  progress: RunProgress;
  /** Date.now() when this state arrived, to compare with a query's dataUpdatedAt. */
  receivedAt: number;
}

interface LiveDashboardValue {
  connection: LiveStatus;
  /** The newest runs of all the user's workspaces, newest first; null until the first snapshot. */
  feed: Run[] | null;
  /** The latest status and progress per run seen on the socket. */
  live: ReadonlyMap<string, LiveRunState>;
}

const LiveDashboardContext = createContext<LiveDashboardValue>({ connection: 'idle', feed: null, live: new Map() });

/**
 * One /ws/dashboard/:userId socket for the signed-in app. It feeds the dashboard's live feed and the
 * run lists' progress bars, and re-reads the run and repository lists whenever a run changes status.
 */
export function LiveDashboardProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [feed, setFeedState] = useState<Run[] | null>(null);
  // Socket handlers need the current feed synchronously; state updaters run later.
  const feedRef = useRef<Run[] | null>(null);
  const setFeed = useCallback((update: (current: Run[] | null) => Run[] | null) => {
    feedRef.current = update(feedRef.current);
    setFeedState(feedRef.current);
  }, []);
  const [live, setLive] = useState<ReadonlyMap<string, LiveRunState>>(() => new Map());
  const knownStatus = useRef(new Map<string, RunStatus>());
  const fetching = useRef(new Set<string>());
  const invalidateTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const userId = session?.user.id ?? null;

  // A different user must not see the previous one's feed.
  useEffect(() => {
    setFeed(() => null);
    setLive(new Map());
    knownStatus.current.clear();
  }, [userId]);

  useEffect(() => () => clearTimeout(invalidateTimer.current), []);

  const invalidateLists = useCallback(() => {
    clearTimeout(invalidateTimer.current);
    invalidateTimer.current = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: runKeys.lists });
      void queryClient.invalidateQueries({ queryKey: repositoryKeys.lists });
    }, INVALIDATE_DELAY_MS);
  }, [queryClient]);

  /** Loads a run the feed has not seen (a new run) or whose final summary and gate are needed. */
  const refreshFeedRun = useCallback((runId: string) => {
    if (fetching.current.has(runId)) return;
    fetching.current.add(runId);
    fetchRun(runId)
      .then((run) =>
        setFeed((current) => {
          const others = (current ?? []).filter((r) => r.id !== run.id);
          return [...others, run].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, FEED_SIZE);
        }),
      )
      .catch(() => {
        // Gone or not visible (e.g. the repository was removed): the feed simply does not show it.
      })
      .finally(() => fetching.current.delete(runId));
  }, [setFeed]);

  const connection = useLiveSocket<DashboardSocketMessage>(userId ? dashboardSocketPath(userId) : null, {
    onMessage(message) {
      const now = Date.now();
      if (message.type === 'snapshot' && Array.isArray(message.runs)) {
        let changed = false;
        for (const run of message.runs) {
          const before = knownStatus.current.get(run.id);
          if (before !== undefined && before !== run.status) changed = true;
          knownStatus.current.set(run.id, run.status);
        }
        setFeed(() => message.runs.slice(0, FEED_SIZE));
        setLive((current) => {
          const next = new Map(current);
          for (const run of message.runs) next.set(run.id, { status: run.status, progress: run.progress ?? {}, receivedAt: now });
          return next;
        });
        // After a reconnect the snapshot may reveal changes that happened while offline.
        if (changed) invalidateLists();
        return;
      }
      if (message.type !== 'run.updated' || !message.runId) return;
      const { runId, status } = message;
      const before = knownStatus.current.get(runId);
      knownStatus.current.set(runId, status);
      setLive((current) => {
        const next = new Map(current);
        next.set(runId, { status, progress: message.progress ?? current.get(runId)?.progress ?? {}, receivedAt: now });
        return next;
      });
      const inFeed = feedRef.current?.some((r) => r.id === runId) ?? false;
      if (inFeed) {
        setFeed(
          (current) =>
            current &&
            current.map((r) =>
              r.id === runId
                ? { ...r, status, progress: message.progress ?? r.progress, ...(message.summary !== undefined ? { summary: message.summary, gate: message.gate ?? r.gate } : {}) }
                : r,
            ),
        );
      }
      // A finished run was recounted (someone triaged a finding): an open run page shows it without a socket of its own.
      if (message.summary !== undefined) {
        queryClient.setQueryData<Run>(runKeys.detail(runId), (run) => (run ? { ...run, summary: message.summary!, gate: message.gate ?? run.gate } : run));
        void queryClient.invalidateQueries({ queryKey: findingKeys.run(runId) });
      }
      if (before !== status || message.summary !== undefined) {
        invalidateLists();
        // A run we have not seen is new; a finished one has its gate and summary only in the full run.
        // (A recount of an old run is no news for the feed: its summary is already laid over above.)
        if (feedRef.current && message.summary === undefined && ((inFeed && isTerminal(status)) || (!inFeed && before === undefined))) refreshFeedRun(runId);
      }
    },
  });

  const value = useMemo(() => ({ connection: connection.status, feed, live }), [connection.status, feed, live]);
  return <LiveDashboardContext.Provider value={value}>{children}</LiveDashboardContext.Provider>;
}

export function useLiveDashboard(): LiveDashboardValue {
  return useContext(LiveDashboardContext);
}

/**
 * A fetched run with the socket's newer status and progress laid over it. Fetched data wins when it is
 * final or newer than the last socket message, so a stale live entry never hides a finished run.
 */
export function withLiveState(run: Run, entry: LiveRunState | undefined, fetchedAt: number): Run {
  if (!entry || isTerminal(run.status)) return run;
  if (!isTerminal(entry.status) && entry.receivedAt < fetchedAt) return run;
  return { ...run, status: entry.status, progress: entry.progress };
}
