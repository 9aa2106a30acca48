import { randomUUID } from 'node:crypto';
import { recordAnalyticsEvent, type AnalyticsEventType, type Db } from '@argus/db';

interface AuditedAction {
  action: string;
  workspaceId?: string | null;
  resourceId?: string | null;
  resourceType: string;
  after?: unknown;
}

/**
 * The audited actions that are also analytics events. `once` events have a natural key (one acceptance per
 * invitation, one merge per fix); the others happen as often as people do them, and are written in the
 * action's own transaction, so each request records its event exactly once. Runs are recorded by the worker
 * when it registers them (every trigger, `run.started:<run id>`).
 */
const EVENTS: Record<string, { type: AnalyticsEventType; once: boolean }> = {
  'auth.login': { type: 'login', once: false },
  'finding.triaged': { type: 'finding.triaged', once: false },
  'fix.requested': { type: 'fix.generated', once: true },
  'fix.applied': { type: 'fix.applied', once: true },
  'fix.merged': { type: 'fix.merged', once: true },
  'invitation.accepted': { type: 'invitation.accepted', once: true },
  'member.invited': { type: 'member.invited', once: false },
  'repository.connected': { type: 'repository.connected', once: true },
  'team.created': { type: 'team.created', once: true },
  'token.created': { type: 'token.created', once: true },
  'analytics.exported': { type: 'export.downloaded', once: false },
  'run.sarif_imported': { type: 'sarif.imported', once: false },
};

const DATA_KEYS = ['status', 'provider', 'ruleId', 'role', 'from', 'to', 'rows', 'imported', 'fullName'];

export async function recordAnalyticsEventOfAction(db: Db, entry: AuditedAction, actorId: string | null): Promise<void> {
  const event = EVENTS[entry.action];
  if (!event) return;
  const after = (entry.after && typeof entry.after === 'object' ? entry.after : {}) as Record<string, unknown>;
  // Only small, non-personal fields travel into analytics.
  const data: Record<string, unknown> = { resourceType: entry.resourceType, resourceId: entry.resourceId ?? null };
  for (const k of DATA_KEYS) if (k in after && (typeof after[k] !== 'object' || after[k] === null)) data[k] = after[k];
  await recordAnalyticsEvent(db, {
    type: event.type,
    dedupeKey: event.once && entry.resourceId ? `${event.type}:${entry.resourceId}` : `${event.type}:${randomUUID()}`,
    userId: actorId,
    workspaceId: entry.workspaceId ?? null,
    repositoryId: entry.resourceType === 'repository' ? (entry.resourceId ?? null) : null,
    data,
  });
}
