import type { Db } from '../knex';

// Owner of `analytics_event`: what users did (runs started, findings triaged, fixes generated and merged,
// invitations accepted, logins, exports). Each event is recorded once: a second write with the same dedupe key
// (a retried activity, a redelivered webhook, a replayed request) is a no-op.

export const ANALYTICS_EVENT_TYPES = [
  'run.started',
  'finding.triaged',
  'fix.generated',
  'fix.applied',
  'fix.merged',
  'invitation.accepted',
  'member.invited',
  'repository.connected',
  'team.created',
  'token.created',
  'login',
  'export.downloaded',
  'sarif.imported',
] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

export interface NewAnalyticsEvent {
  type: AnalyticsEventType;
  dedupeKey: string;
  userId?: string | null;
  workspaceId?: string | null;
  repositoryId?: string | null;
  data?: Record<string, unknown>;
  occurredAt?: Date;
}

export async function recordAnalyticsEvent(db: Db, event: NewAnalyticsEvent): Promise<{ recorded: boolean }> {
  const rows = await db('analytics_event')
    .insert({
      eventType: event.type,
      dedupeKey: event.dedupeKey.slice(0, 500),
      userId: event.userId ?? null,
      workspaceId: event.workspaceId ?? null,
      repositoryId: event.repositoryId ?? null,
      eventData: JSON.stringify(event.data ?? {}),
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    })
    .onConflict('dedupe_key')
    .ignore()
    .returning('id');
  return { recorded: rows.length > 0 };
}

export interface AnalyticsEventRow {
  id: string;
  eventType: AnalyticsEventType;
  userId: string | null;
  workspaceId: string | null;
  repositoryId: string | null;
  eventData: Record<string, unknown>;
  occurredAt: Date;
}

/** Events of some workspaces in a time range, newest first (the timeline's activity feed). */
export async function listAnalyticsEvents(db: Db, filter: { workspaceIds: string[]; repositoryId?: string; from: Date; to: Date; limit: number }): Promise<(AnalyticsEventRow & { userName: string | null })[]> {
  const q = db('analytics_event as e')
    .leftJoin('users as u', 'u.id', 'e.userId')
    .whereIn('e.workspaceId', filter.workspaceIds)
    .where('e.occurredAt', '>=', filter.from)
    .where('e.occurredAt', '<', filter.to)
    .orderBy('e.occurredAt', 'desc')
    .limit(filter.limit)
    .select('e.*', 'u.name as userName');
  if (filter.repositoryId) q.where('e.repositoryId', filter.repositoryId);
  return q;
}

/** Distinct people who did anything in some workspaces in [from, to). */
export async function countActiveUsers(db: Db, workspaceIds: string[], from: Date, to: Date): Promise<number> {
  if (workspaceIds.length === 0) return 0;
  const row = await db('analytics_event').whereIn('workspaceId', workspaceIds).where('occurredAt', '>=', from).where('occurredAt', '<', to).whereNotNull('userId').countDistinct('userId as n').first();
  return Number((row as { n?: number } | undefined)?.n ?? 0);
}
