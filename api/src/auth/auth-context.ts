import type { Request } from 'express';
import { findApiTokenByHash, findImpersonationSession, findStaffGrant, findUserAuthState, findUserStatus, touchApiToken } from '@argus/db';
import type { AppDeps } from '../app-deps';
import { ForbiddenError, UnauthorizedError } from '../http/errors';
import { hashToken, verifyAccessToken } from './tokens';
import { staffCan, type StaffPermission, type StaffRole, type WorkspaceRole } from '../access/permissions';

export interface AuthContext {
  userId: string;
  via: 'session' | 'api_token';
  /** Set for API tokens: the token works in this one workspace, with at most this role. */
  tokenWorkspaceId?: string;
  /** Set for API tokens: the token's id (its own rate-limit bucket). */
  tokenId?: string;
  tokenRole?: WorkspaceRole;
  staffRole?: StaffRole | null;
  /** The login session (refresh-token family) of a session's access token, when it names one. */
  sessionId?: string;
  /** Whether the user's e-mail address is verified (read with the status on every request). */
  emailVerified: boolean;
  /** Set while a staff member impersonates `userId`: the real actor, whom the audit log records. */
  impersonatorId?: string;
  /** The impersonation session the token belongs to. */
  impersonationId?: string;
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
  let auth: Omit<AuthContext, 'emailVerified'>;
  let generation: number | undefined;
  if (credential.startsWith('argus_pat_')) {
    const token = await findApiTokenByHash(deps.knex, hashToken(credential));
    if (!token || token.revokedAt || (token.expiresAt && new Date(token.expiresAt) <= new Date())) {
      throw new UnauthorizedError('The API token is revoked, expired or unknown.');
    }
    // Recording use is best-effort and coarse (once a minute) to keep the hot path a single read.
    if (!token.lastUsedAt || Date.now() - new Date(token.lastUsedAt).getTime() > 60_000) {
      void touchApiToken(deps.knex, token.id).catch(() => {});
    }
    auth = { userId: token.userId, via: 'api_token', tokenWorkspaceId: token.workspaceId, tokenRole: token.role, tokenId: token.id };
  } else {
    const verified = await verifyAccessToken(deps.config.jwtSecret, credential);
    auth = { userId: verified.userId, via: 'session', ...(verified.sessionId ? { sessionId: verified.sessionId } : {}) };
    generation = verified.generation;
    if (verified.impersonationId) {
      auth.impersonatorId = await checkImpersonation(deps, verified.impersonationId, verified.userId);
      auth.impersonationId = verified.impersonationId;
    }
  }
  // One read: status, session generation, verification and (for a session's token) whether the session lives.
  const state = await findUserAuthState(deps.knex, auth.userId, auth.sessionId);
  if (!state) throw new UnauthorizedError('The account no longer exists.');
  if (state.status !== 'active') throw new UnauthorizedError('The account is suspended. Contact support.');
  if (generation !== undefined && generation !== state.sessionGeneration) {
    throw new UnauthorizedError('The password of this account was changed since this access token was issued. Log in again.');
  }
  if (!state.sessionLive) throw new UnauthorizedError('This session was ended (logged out, or ended from the account page). Log in again.');
  const full: AuthContext = { ...auth, emailVerified: state.emailVerified };
  req.auth = full;
  return full;
}

/** An impersonation token works only while its session runs and its staff member may still impersonate. */
async function checkImpersonation(deps: AppDeps, impersonationId: string, userId: string): Promise<string> {
  const session = await findImpersonationSession(deps.knex, impersonationId);
  if (!session || session.targetUserId !== userId) throw new UnauthorizedError('The impersonation session is not valid.');
  if (session.endedAt || new Date(session.expiresAt) <= new Date()) throw new UnauthorizedError('The impersonation session has ended.', { code: 'impersonation_ended' });
  const [role, staff] = await Promise.all([loadStaffRole(deps, session.staffUserId), findUserStatus(deps.knex, session.staffUserId)]);
  if (!role || !staffCan(role, 'users:impersonate') || staff !== 'active') throw new UnauthorizedError('The impersonation session has ended.', { code: 'impersonation_ended' });
  return session.staffUserId;
}

export async function loadStaffRole(deps: AppDeps, userId: string): Promise<StaffRole | null> {
  const grant = await findStaffGrant(deps.knex, userId);
  return grant?.role ?? null;
}

/** Console routes: staff only, through a session (API tokens never reach the console). */
export async function requireStaff(auth: AuthContext, permission: StaffPermission | undefined, deps: AppDeps): Promise<StaffRole> {
  if (auth.via !== 'session') throw new ForbiddenError('The ops console cannot be used with an API token.');
  if (auth.impersonatorId) throw new ForbiddenError('The ops console cannot be used while impersonating a customer.');
  const role = await loadStaffRole(deps, auth.userId);
  if (!role) throw new ForbiddenError('This area is for Argus staff only.');
  if (!staffCan(role, permission ?? 'console:access')) throw new ForbiddenError(`Your staff role (${role}) does not allow this.`);
  auth.staffRole = role;
  return role;
}

/**
 * Inviting others and connecting code need a confirmed e-mail address (issue 10): 403 with a way to get a new
 * link. Call it after the workspace check, so non-members still get 404.
 */
export function requireVerifiedEmail(auth: AuthContext, what: string): void {
  if (auth.emailVerified) return;
  throw new ForbiddenError(
    `Confirm your e-mail address before you ${what}: open the link in the verification mail we sent you. No mail, or the link expired? Ask for a new one (“Resend verification mail”, POST /api/auth/resend-verification).`,
    { code: 'email_not_verified', resendVerification: { method: 'POST', href: '/api/auth/resend-verification' } },
  );
}
