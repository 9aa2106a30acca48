import { z } from 'zod';
import { listWorkspaceIdsOfUser, type AnalyticsScope } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { requireResource } from '../access/resource-access';
import { requireWorkspace } from '../access/workspace-access';
import { BadRequestError, NotFoundError } from '../http/errors';

const DAY_MS = 86_400_000;
export const ZDayParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-11-30').refine((d) => {
    // Date.parse rolls 2026-02-31 over into March; a real day survives the round trip.
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'must be a real day');

/**
 * The query every analytics endpoint takes: a window (the last `days` days, 30 by default, or from/to) and the
 * scope (a workspace, a repository, or every workspace of the caller). Seed 000 spells the repository
 * `repository_id`; both spellings work.
 */
export const scopeQuery = {
  days: z.coerce.number().int().min(1).max(365).optional(),
  from: ZDayParam.optional(),
  to: ZDayParam.optional(),
  workspaceId: z.string().max(100).optional(),
  repositoryId: z.string().max(100).optional(),
  repository_id: z.string().max(100).optional(),
};

export type ScopeQuery = { days?: number; from?: string; to?: string; workspaceId?: string; repositoryId?: string; repository_id?: string };

export interface ResolvedScope extends AnalyticsScope {
  days: number;
  previous: { from: string; to: string };
}

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The window of the query, and the one of the same length just before it (for deltas). */
export function resolveRange(query: Pick<ScopeQuery, 'days' | 'from' | 'to'>, now = new Date()): { from: string; to: string; days: number; previous: { from: string; to: string } } {
  const today = dayString(now.getTime());
  let from: string;
  let to: string;
  if (query.from || query.to) {
    to = query.to ?? today;
    from = query.from ?? dayString(dayMs(to) - ((query.days ?? 30) - 1) * DAY_MS);
  } else {
    to = today;
    from = dayString(dayMs(to) - ((query.days ?? 30) - 1) * DAY_MS);
  }
  if (dayMs(from) > dayMs(to)) throw new BadRequestError('The window must start on or before the day it ends (from ≤ to).');
  const days = Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;
  if (days > 366) throw new BadRequestError('The window can cover at most 366 days; pick a shorter range.');
  return { from, to, days, previous: { from: dayString(dayMs(from) - days * DAY_MS), to: dayString(dayMs(from) - DAY_MS) } };
}

/** Checks membership for the scope: another tenant's workspace or repository is a 404, like a missing one. */
export async function resolveScope(deps: AppDeps, auth: AuthContext, query: ScopeQuery): Promise<ResolvedScope> {
  const range = resolveRange(query);
  const repositoryId = query.repositoryId ?? query.repository_id;
  let workspaceIds: string[];
  if (repositoryId) {
    const { row } = await requireResource(deps, auth, 'repository', repositoryId, 'results:view');
    if (query.workspaceId && query.workspaceId !== row.workspaceId) throw new NotFoundError('No repository with that id exists in that workspace.');
    workspaceIds = [row.workspaceId];
  } else if (query.workspaceId) {
    await requireWorkspace(deps, auth, query.workspaceId, 'results:view');
    workspaceIds = [query.workspaceId];
  } else if (auth.tokenWorkspaceId) {
    await requireWorkspace(deps, auth, auth.tokenWorkspaceId, 'results:view');
    workspaceIds = [auth.tokenWorkspaceId];
  } else {
    workspaceIds = await listWorkspaceIdsOfUser(deps.knex, auth.userId);
  }
  return { ...range, workspaceIds, ...(repositoryId ? { repositoryId } : {}) };
}

/** Every day of [from, to]. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayMs(from); t <= dayMs(to); t += DAY_MS) out.push(dayString(t));
  return out;
}
