import type { Workspace, WorkspaceRole } from '../api/types';

// Mirrors api/src/access/permissions.ts. The API enforces these; the portal only uses them to hide or
// disable what would be refused, and to say why.

/** Start and cancel analyses, import SARIF, triage findings. */
export function canRunAnalysis(role: WorkspaceRole | null | undefined): boolean {
  return role === 'admin' || role === 'developer';
}

/** Generate fixes, mark them applied, open pull requests with them (`fixes:generate`). */
export function canGenerateFixes(role: WorkspaceRole | null | undefined): boolean {
  return role === 'admin' || role === 'developer';
}

/** Connect and remove repositories. */
export function canManageRepositories(role: WorkspaceRole | null | undefined): boolean {
  return role === 'admin';
}

/** The caller's role in a workspace they belong to, from the /api/me workspace list. */
export function roleIn(workspaces: readonly Workspace[], workspaceId: string | null | undefined): WorkspaceRole | null {
  return workspaces.find((w) => w.id === workspaceId)?.role ?? null;
}
