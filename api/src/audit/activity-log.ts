import type { Request } from 'express';
import { appendActivity, type Db } from '@argus/db';
import type { AuthContext } from '../auth/auth-context';
import { recordAnalyticsEventOfAction } from '../analytics/events';

export interface ActivityEntry {
  workspaceId?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the actor taken from the request (e.g. the user who just logged in). */
  actorId?: string | null;
}

/**
 * Appends one entry to the activity log (append-only in Postgres), with the actor, IP and user agent of the
 * request. Pass the transaction that makes the change, so the change and its audit entry commit together.
 */
export async function recordActivity(db: Db, req: Request, entry: ActivityEntry): Promise<void> {
  const auth = req.auth as AuthContext | undefined;
  // While impersonating, the staff member is the actor, recorded "as" the customer.
  const impersonating = auth?.impersonatorId && entry.actorId === undefined;
  await appendActivity(db, {
    workspaceId: entry.workspaceId ?? null,
    actorId: impersonating ? auth.impersonatorId! : entry.actorId !== undefined ? entry.actorId : (auth?.userId ?? null),
    actorKind: impersonating || auth?.staffRole ? 'staff' : auth?.via === 'api_token' ? 'api_token' : entry.actorId === null && !auth ? 'system' : 'user',
    ...(impersonating ? { actingAsId: auth.userId } : {}),
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 500) ?? null,
    before: entry.before,
    after: entry.after,
  });
  // What people do is an analytics event too, in the same transaction (staff acting as a customer is not).
  if (!impersonating) await recordAnalyticsEventOfAction(db, entry, entry.actorId !== undefined ? entry.actorId : (auth?.userId ?? null));
}
