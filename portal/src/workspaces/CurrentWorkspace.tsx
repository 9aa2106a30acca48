import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Workspace } from '../api/types';
import { useMe } from '../auth/auth.api';

const STORAGE_KEY = 'argus.workspace';

interface CurrentWorkspaceValue {
  workspace: Workspace | null;
  workspaces: Workspace[];
  selectWorkspace: (id: string) => void;
}

const CurrentWorkspaceContext = createContext<CurrentWorkspaceValue | null>(null);

function readStoredId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The workspace the user is working in, chosen in the sidebar and remembered across visits. */
export function CurrentWorkspaceProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [storedId, setStoredId] = useState(readStoredId);
  const workspaces = useMemo(() => me.data?.workspaces ?? [], [me.data]);

  // A remembered id can point at a workspace the user has since left; fall back to the personal one.
  const workspace =
    workspaces.find((w) => w.id === storedId) ?? workspaces.find((w) => w.kind === 'personal') ?? workspaces[0] ?? null;

  const selectWorkspace = useCallback((id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setStoredId(id);
  }, []);

  const value = useMemo(() => ({ workspace, workspaces, selectWorkspace }), [workspace, workspaces, selectWorkspace]);
  return <CurrentWorkspaceContext.Provider value={value}>{children}</CurrentWorkspaceContext.Provider>;
}

export function useCurrentWorkspace(): CurrentWorkspaceValue {
  const value = useContext(CurrentWorkspaceContext);
  if (!value) throw new Error('useCurrentWorkspace must be used inside <CurrentWorkspaceProvider>');
  return value;
}
