import type { Request } from 'express';
import type { AppDeps } from '../app-deps';
import { ForbiddenError, UnauthorizedError } from '../http/errors';
import { hashToken, verifyAccessToken } from './tokens';
import { staffCan, type StaffPermission, type StaffRole, type WorkspaceRole } from '../access/permissions';

export interface AuthContext {
  userId: string;
  via: 'session' | 'api_token';
  /** Set for API tokens: the token works in this one workspace, with at most this role. */
  tokenWorkspaceId?: string;
  tokenRole?: WorkspaceRole;
  staffRole?: StaffRole | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

/** Resolves the bearer credential: a short-lived JWT, or a personal API token for CI. */
export async function authenticate(req: Request, deps: AppDeps, opts: { optional?: boolean } = {}): Promise<AuthContext | undefined> {
  const header = req.get('authorization');
  if (!header) {
    if (opts.optional) return undefined;
    throw new UnauthorizedError('Log in first: this endpoint needs an Authorization: Bearer token.');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
  const credential = match[1]!;
  let auth: AuthContext;
  if (credential.startsWith('argus_pat_')) {
    const token = await deps.knex('api_tokens').where({ tokenHash: hashToken(credential) }).first();
    if (!token || token.revokedAt || (token.expiresAt && new Date(token.expiresAt) <= new Date())) {
      throw new UnauthorizedError('The API token is revoked, expired or unknown.');
    }
    // Recording use is best-effort and coarse (once a minute) to keep the hot path a single read.
    if (!token.lastUsedAt || Date.now() - new Date(token.lastUsedAt).getTime() > 60_000) {
      void deps.knex('api_tokens').where({ id: token.id }).update({ lastUsedAt: deps.knex.fn.now() }).catch(() => {});
    }
    auth = { userId: token.userId, via: 'api_token', tokenWorkspaceId: token.workspaceId, tokenRole: token.role };
  } else {
    auth = { userId: await verifyAccessToken(deps.config.jwtSecret, credential), via: 'session' };
  }
  const user = await deps.knex('users').where({ id: auth.userId }).first('status');
  if (!user) throw new UnauthorizedError('The account no longer exists.');
  if (user.status !== 'active') throw new UnauthorizedError('The account is suspended. Contact support.');
  req.auth = auth;
  return auth;
}

export async function loadStaffRole(deps: AppDeps, userId: string): Promise<StaffRole | null> {
  const grant = await deps.knex('staff_grants').where({ userId }).first('role');
  return (grant?.role as StaffRole | undefined) ?? null;
}

/** Console routes: staff only, through a session (API tokens never reach the console). */
export async function requireStaff(auth: AuthContext, permission: StaffPermission | undefined, deps: AppDeps): Promise<StaffRole> {
  if (auth.via !== 'session') throw new ForbiddenError('The ops console cannot be used with an API token.');
  const role = await loadStaffRole(deps, auth.userId);
  if (!role) throw new ForbiddenError('This area is for Argus staff only.');
  if (!staffCan(role, permission ?? 'console:access')) throw new ForbiddenError(`Your staff role (${role}) does not allow this.`);
  auth.staffRole = role;
  return role;
}
