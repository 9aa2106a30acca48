import type { Request } from 'express';
import { readMaintenanceState, type Knex, type MaintenanceState } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { loadStaffRole } from '../auth/auth-context';
import { ForbiddenError, MaintenanceModeError } from '../http/errors';

// Maintenance mode: while it is on, writes by anyone but staff are refused with 503 (the message and Retry-After);
// reads keep working. The state lives in Postgres so every API process agrees; each reads it at most once a second.

const CACHE_MS = 1000;
const cache = new WeakMap<Knex, { at: number; state: Promise<MaintenanceState> }>();

export function maintenanceState(deps: Pick<AppDeps, 'knex'>): Promise<MaintenanceState> {
  const hit = cache.get(deps.knex);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.state;
  const state = readMaintenanceState(deps.knex);
  cache.set(deps.knex, { at: Date.now(), state });
  // A failed read is not cached: the next request asks again.
  state.catch(() => cache.delete(deps.knex));
  return state;
}

/** After this process changes the state, its next request must not see the old one. */
export function forgetMaintenanceState(deps: Pick<AppDeps, 'knex'>): void {
  cache.delete(deps.knex);
}

/**
 * Writes that keep working during maintenance: incoming webhooks (GitHub and Stripe would not send them again, so
 * they are still recorded durably), and logging in and out, so staff can reach the console to switch it off.
 */
export const WRITES_DURING_MAINTENANCE: readonly string[] = [
  '/webhooks/github',
  '/api/billing/stripe-webhook',
  '/api/auth/login',
  '/api/admin/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
];

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Throws MaintenanceModeError for a non-staff write while maintenance is on. */
export async function enforceMaintenance(deps: AppDeps, req: Request, routePath: string, auth: AuthContext | undefined): Promise<void> {
  if (READS.has(req.method) || WRITES_DURING_MAINTENANCE.includes(routePath)) return;
  const state = await maintenanceState(deps);
  if (!state.enabled) return;
  // Staff keep working (that is how the console switches it off); a staff member using an API token does not.
  if (auth?.via === 'session' && !auth.impersonatorId) {
    const role = auth.staffRole ?? (await loadStaffRole(deps, auth.userId));
    if (role) return;
  }
  throw new MaintenanceModeError(state.message || 'Argus is down for maintenance. Please try again shortly.', state.retryAfterSeconds, {
    code: 'maintenance',
    maintenance: { message: state.message, since: state.startedAt, retryAfterSeconds: state.retryAfterSeconds },
  });
}

/**
 * What an impersonating staff member may not do as the customer: change the account's credentials or sessions,
 * create API tokens, or move money. They see what the customer sees and can reproduce problems; nothing more.
 */
const NOT_WHILE_IMPERSONATING = [/^\/api\/account(\/|$)/, /^\/api\/tokens(\/|$)/, /^\/api\/billing\//, /^\/api\/subscriptions\//, /^\/api\/auth\//];

export function enforceImpersonationLimits(req: Request, routePath: string, auth: AuthContext | undefined): void {
  if (!auth?.impersonatorId || READS.has(req.method)) return;
  if (NOT_WHILE_IMPERSONATING.some((re) => re.test(routePath))) {
    throw new ForbiddenError('While impersonating a customer you cannot change their account, tokens or billing.', { code: 'impersonation_forbidden' });
  }
}
