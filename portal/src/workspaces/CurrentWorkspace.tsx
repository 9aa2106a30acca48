import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RunPage, Workspace } from '../api/types';
import { useMe } from '../auth/auth.api';
import { runKeys } from '../runs/runs.api';
import { LoadingState } from '../ui/states';

/** Per user, so that someone else signing in on the same browser does not land in the previous user's workspace. */
const storageKey = (userId: string) => `argus.workspace.${userId}`;
/** Workspaces whose latest run is looked at to choose where a first visit lands. */
const MAX_PROBED = 10;

interface CurrentWorkspaceValue {
  workspace: Workspace | null;
  workspaces: Workspace[];
  selectWorkspace: (id: string) => void;
}

const CurrentWorkspaceContext = createContext<CurrentWorkspaceValue | null>(null);

function readStoredId(userId: string | undefined): string | null {
  if (!userId) return null;
  try {
    return localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

function storeId(userId: string, id: string) {
  try {
    localStorage.setItem(storageKey(userId), id);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/**
 * The workspace the user is working in: the one they used last on this browser. Without one (a first visit, a new
 * browser) it is the workspace with the most recent run, so that someone whose work is in a team does not land in an
 * empty personal workspace; with no run anywhere, the personal workspace.
 */
export function CurrentWorkspaceProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const userId = me.data?.user.id;
  const workspaces = useMemo(() => me.data?.workspaces ?? [], [me.data]);
  const [selected, setSelected] = useState<{ userId: string; id: string } | null>(null);
  const storedId = selected && selected.userId === userId ? selected.id : readStoredId(userId);

  // Only asked when nothing is remembered and there is a choice to make.
  const probe = storedId === null && workspaces.length > 1 ? workspaces.slice(0, MAX_PROBED) : [];
  const latestRuns = useQueries({
    queries: probe.map((w) => ({
      queryKey: runKeys.list(w.id, { page: 1, pageSize: 1 }),
      queryFn: () => api<RunPage>(`/api/workspaces/${encodeURIComponent(w.id)}/runs`, { query: { page: 1, pageSize: 1 } }),
      staleTime: 60_000,
    })),
  });
  const probing = probe.length > 0 && latestRuns.some((q) => q.isPending);
  let busiest: { id: string; at: string } | null = null;
  probe.forEach((w, i) => {
    const run = latestRuns[i]?.data?.items[0];
    if (run && (!busiest || run.createdAt > busiest.at)) busiest = { id: w.id, at: run.createdAt };
  });
  const busiestId = (busiest as { id: string } | null)?.id ?? null;

  const personal = workspaces.find((w) => w.kind === 'personal') ?? workspaces[0] ?? null;
  // A remembered id can point at a workspace the user has since left (or a team whose creation /api/me has not
  // caught up with yet): fall back to the personal one without forgetting it.
  const workspace = workspaces.find((w) => w.id === storedId) ?? (storedId === null ? (workspaces.find((w) => w.id === busiestId) ?? (probing ? null : personal)) : personal);

  // What a first visit landed in counts as the last used from now on.
  useEffect(() => {
    if (userId && storedId === null && !probing && workspace) storeId(userId, workspace.id);
  }, [userId, storedId, probing, workspace]);

  const selectWorkspace = useCallback(
    (id: string) => {
      if (!userId) return;
      storeId(userId, id);
      setSelected({ userId, id });
    },
    [userId],
  );

  const value = useMemo(() => ({ workspace, workspaces, selectWorkspace }), [workspace, workspaces, selectWorkspace]);
  // A first visit waits (briefly) for the answer rather than showing one workspace and jumping to another.
  if (probing) return <LoadingState label="Opening your workspace…" />;
  return <CurrentWorkspaceContext.Provider value={value}>{children}</CurrentWorkspaceContext.Provider>;
}

export function useCurrentWorkspace(): CurrentWorkspaceValue {
  const value = useContext(CurrentWorkspaceContext);
  if (!value) throw new Error('useCurrentWorkspace must be used inside <CurrentWorkspaceProvider>');
  return value;
}
