import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AppDeps } from '../app-deps';
import { recordActivity } from '../audit/activity-log';
import { ConflictError, ForbiddenError, GoneError, TooManyRequestsError, UnauthorizedError } from '../http/errors';
import { createUserAccount } from './accounts';
import { loadStaffRole } from './auth-context';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { hashToken, newOpaqueToken, signAccessToken } from './tokens';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;
const REFRESH_TTL_DAYS = 30;
const VERIFY_TTL_HOURS = 24;
const RESET_TTL_MINUTES = 60;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  emailVerifiedAt: string | null;
  staffRole: string | null;
}

export async function loadSessionUser(deps: AppDeps, userId: string): Promise<SessionUser> {
  const user = await deps.knex('users').where({ id: userId }).first('id', 'email', 'name', 'emailVerifiedAt');
  return { ...user, emailVerifiedAt: user.emailVerifiedAt ? new Date(user.emailVerifiedAt).toISOString() : null, staffRole: await loadStaffRole(deps, userId) };
}

async function issueSession(deps: AppDeps, req: Request, userId: string, familyId: string = randomUUID()) {
  const refreshToken = newOpaqueToken('rt');
  await deps.knex('refreshTokens').insert({
    userId,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TTL_DAYS * 86_400_000),
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 500) ?? null,
  });
  const access = await signAccessToken(deps.config.jwtSecret, userId);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken, user: await loadSessionUser(deps, userId) };
}

async function issueOneTimeToken(deps: AppDeps, userId: string, purpose: 'verify_email' | 'reset_password', ttlMs: number) {
  const token = newOpaqueToken('ott');
  // Only the newest link of a kind works.
  await deps.knex('oneTimeTokens').where({ userId, purpose }).whereNull('usedAt').update({ usedAt: deps.knex.fn.now() });
  await deps.knex('oneTimeTokens').insert({ userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMs) });
  return token;
}

/** Single use and expiring: the update only succeeds once, for an unexpired, unused token. */
async function consumeOneTimeToken(deps: AppDeps, token: string, purpose: 'verify_email' | 'reset_password'): Promise<string> {
  const [row] = await deps.knex('oneTimeTokens')
    .where({ tokenHash: hashToken(token), purpose })
    .whereNull('usedAt')
    .where('expiresAt', '>', deps.knex.fn.now())
    .update({ usedAt: deps.knex.fn.now() })
    .returning('userId');
  if (!row) throw new GoneError('This link has expired or was already used. Ask for a new one.');
  return row.userId as string;
}

async function sendVerification(deps: AppDeps, user: { id: string; email: string; name: string }) {
  const token = await issueOneTimeToken(deps, user.id, 'verify_email', VERIFY_TTL_HOURS * 3_600_000);
  await deps.mailer.send({
    to: user.email,
    template: 'verify-email',
    subject: 'Confirm your e-mail address for Argus',
    text: `Hello ${user.name},\n\nConfirm your address by opening this link within ${VERIFY_TTL_HOURS} hours:\n${deps.config.PORTAL_URL}/verify-email?token=${token}\n`,
  });
}

export async function signUp(deps: AppDeps, req: Request, input: { email: string; password: string; name: string }) {
  const exists = await deps.knex('users').whereRaw('lower(email) = lower(?)', [input.email]).first('id');
  if (exists) throw new ConflictError('An account with this e-mail address already exists. Log in or reset your password.');
  const user = await createUserAccount(deps.knex, input);
  await recordActivity(deps.knex, req, { actorId: user.id, workspaceId: user.personalWorkspaceId, action: 'user.signed_up', resourceType: 'user', resourceId: user.id });
  await sendVerification(deps, user);
  return { user: await loadSessionUser(deps, user.id) };
}

export async function logIn(deps: AppDeps, req: Request, input: { email: string; password: string }, opts: { staffOnly?: boolean } = {}) {
  const user = await deps.knex('users').whereRaw('lower(email) = lower(?)', [input.email]).first();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new UnauthorizedError('Wrong e-mail address or password.');
  }
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    const seconds = Math.ceil((new Date(user.lockedUntil).getTime() - Date.now()) / 1000);
    throw new TooManyRequestsError(`Too many failed attempts. This account is locked for ${Math.ceil(seconds / 60)} more minute(s).`, seconds);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failures = user.failedLoginCount + 1;
    const lock = failures >= LOCKOUT.maxFailures;
    await deps.knex('users')
      .where({ id: user.id })
      .update({ failedLoginCount: lock ? 0 : failures, lockedUntil: lock ? new Date(Date.now() + LOCKOUT.minutes * 60_000) : null });
    await recordActivity(deps.knex, req, { actorId: user.id, action: lock ? 'auth.locked' : 'auth.login_failed', resourceType: 'user', resourceId: user.id });
    if (lock) throw new TooManyRequestsError(`Too many failed attempts. This account is locked for ${LOCKOUT.minutes} minutes.`, LOCKOUT.minutes * 60);
    throw new UnauthorizedError('Wrong e-mail address or password.');
  }
  if (user.status !== 'active') throw new UnauthorizedError('This account is suspended. Contact support.');
  if (opts.staffOnly && !(await loadStaffRole(deps, user.id))) throw new ForbiddenError('The ops console is for Argus staff only.');
  await deps.knex('users').where({ id: user.id }).update({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: deps.knex.fn.now() });
  await recordActivity(deps.knex, req, { actorId: user.id, action: opts.staffOnly ? 'auth.console_login' : 'auth.login', resourceType: 'user', resourceId: user.id });
  return issueSession(deps, req, user.id);
}

/**
 * Rotates a refresh token. Presenting a token that was already rotated means it leaked: the whole family
 * (every token descended from that login) is revoked.
 */
export async function refreshSession(deps: AppDeps, req: Request, refreshToken: string) {
  const tokenHash = hashToken(refreshToken);
  const [rotated] = await deps.knex('refreshTokens')
    .where({ tokenHash })
    .whereNull('rotatedAt')
    .whereNull('revokedAt')
    .where('expiresAt', '>', deps.knex.fn.now())
    .update({ rotatedAt: deps.knex.fn.now() })
    .returning(['userId', 'familyId']);
  if (rotated) {
    const user = await deps.knex('users').where({ id: rotated.userId }).first('status');
    if (user?.status !== 'active') throw new UnauthorizedError('This account is suspended. Contact support.');
    return issueSession(deps, req, rotated.userId, rotated.familyId);
  }
  const known = await deps.knex('refreshTokens').where({ tokenHash }).first();
  if (known?.rotatedAt && !known.revokedAt) {
    await deps.knex('refreshTokens').where({ familyId: known.familyId }).whereNull('revokedAt').update({ revokedAt: deps.knex.fn.now(), revokedReason: 'reuse_detected' });
    await recordActivity(deps.knex, req, { actorId: known.userId, action: 'auth.refresh_reuse_detected', resourceType: 'session', resourceId: known.familyId });
    throw new UnauthorizedError('This refresh token was already used. For your safety every session of that login was ended; log in again.');
  }
  throw new UnauthorizedError('The refresh token is expired, revoked or unknown. Log in again.');
}

export async function logOut(deps: AppDeps, req: Request, refreshToken: string) {
  const known = await deps.knex('refreshTokens').where({ tokenHash: hashToken(refreshToken) }).first('familyId', 'userId');
  if (!known) return;
  await deps.knex('refreshTokens').where({ familyId: known.familyId }).whereNull('revokedAt').update({ revokedAt: deps.knex.fn.now(), revokedReason: 'logout' });
  await recordActivity(deps.knex, req, { actorId: known.userId, action: 'auth.logout', resourceType: 'session', resourceId: known.familyId });
}

export async function verifyEmail(deps: AppDeps, req: Request, token: string) {
  const userId = await consumeOneTimeToken(deps, token, 'verify_email');
  await deps.knex('users').where({ id: userId }).whereNull('emailVerifiedAt').update({ emailVerifiedAt: deps.knex.fn.now() });
  await recordActivity(deps.knex, req, { actorId: userId, action: 'user.email_verified', resourceType: 'user', resourceId: userId });
  return { user: await loadSessionUser(deps, userId) };
}

export async function resendVerification(deps: AppDeps, userId: string) {
  const user = await deps.knex('users').where({ id: userId }).first('id', 'email', 'name', 'emailVerifiedAt');
  if (user.emailVerifiedAt) throw new ConflictError('Your e-mail address is already verified.');
  await sendVerification(deps, user);
}

export async function requestPasswordReset(deps: AppDeps, req: Request, email: string) {
  const user = await deps.knex('users').whereRaw('lower(email) = lower(?)', [email]).first('id', 'email', 'name', 'status');
  // The answer is the same whether or not the address has an account.
  if (!user || user.status !== 'active') return;
  const token = await issueOneTimeToken(deps, user.id, 'reset_password', RESET_TTL_MINUTES * 60_000);
  await deps.mailer.send({
    to: user.email,
    template: 'reset-password',
    subject: 'Reset your Argus password',
    text: `Hello ${user.name},\n\nSomeone asked to reset your password. If it was you, open this link within ${RESET_TTL_MINUTES} minutes:\n${deps.config.PORTAL_URL}/reset-password?token=${token}\n\nIf it was not you, ignore this mail.\n`,
  });
  await recordActivity(deps.knex, req, { actorId: user.id, action: 'auth.password_reset_requested', resourceType: 'user', resourceId: user.id });
}

export async function resetPassword(deps: AppDeps, req: Request, token: string, password: string) {
  const userId = await consumeOneTimeToken(deps, token, 'reset_password');
  await deps.knex.transaction(async (trx) => {
    await trx('users').where({ id: userId }).update({ passwordHash: await hashPassword(password), failedLoginCount: 0, lockedUntil: null, updatedAt: trx.fn.now() });
    // A new password ends every existing session.
    await trx('refreshTokens').where({ userId }).whereNull('revokedAt').update({ revokedAt: trx.fn.now(), revokedReason: 'password_reset' });
    await recordActivity(trx, req, { actorId: userId, action: 'auth.password_reset', resourceType: 'user', resourceId: userId });
  });
}

export async function listWorkspaces(deps: AppDeps, userId: string) {
  const rows = await deps.knex('workspaceMembers as m')
    .join('workspaces as w', 'w.id', 'm.workspaceId')
    .where('m.userId', userId)
    .select('w.id', 'w.name', 'w.slug', 'w.description', 'w.kind', 'm.role', 'w.maxRepositories', 'w.maxConcurrentRuns')
    .select(deps.knex.raw('(select count(*)::int from workspace_members x where x.workspace_id = w.id) as member_count'))
    .orderByRaw(`w.kind = 'personal' desc, w.name`);
  return rows.map(({ maxRepositories, maxConcurrentRuns, ...w }) => ({ ...w, settings: { maxRepositories, maxConcurrentRuns } }));
}
