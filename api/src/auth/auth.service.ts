import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { UniqueViolationError } from 'objection';
import {
  changeUserEmail,
  claimLoginAttempt,
  claimLoginAttemptForUnknownAddress,
  consumeOneTimeToken as consumeOneTimeTokenRow,
  consumeOneTimeTokenOfPurposes,
  findRefreshTokenByHash,
  findSessionUser,
  findUsableOneTimeToken,
  findUserByEmail,
  insertRefreshToken,
  listWorkspacesOfUser,
  lockUserSessionState,
  markUserEmailVerified,
  recordSuccessfulLogin,
  replaceOneTimeToken,
  revokeRefreshTokenFamily,
  revokeRefreshTokensOfUser,
  rotateLostSuccessor,
  rotateRefreshToken,
  updateUserPassword,
  type Db,
  type OneTimeTokenPurpose,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import { recordActivity } from '../audit/activity-log';
import { ConflictError, ForbiddenError, GoneError, RequestValidationError, TooManyRequestsError, UnauthorizedError } from '../http/errors';
import { createUserAccount } from './accounts';
import { loadStaffRole } from './auth-context';
import { dummyPasswordHash, hashPassword, passwordWeakness, verifyPassword } from './passwords';
import { hashToken, newOpaqueToken, signAccessToken } from './tokens';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;
const REFRESH_TTL_DAYS = 30;
const VERIFY_TTL_HOURS = 24;
const RESET_TTL_MINUTES = 60;
const WRONG_CREDENTIALS = 'Wrong e-mail address or password.';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  emailVerifiedAt: string | null;
  staffRole: string | null;
}

export async function loadSessionUser(deps: AppDeps, userId: string): Promise<SessionUser> {
  const user = (await findSessionUser(deps.knex, userId))!;
  return { id: user.id, email: user.email, name: user.name, emailVerifiedAt: user.emailVerifiedAt ? new Date(user.emailVerifiedAt).toISOString() : null, staffRole: await loadStaffRole(deps, userId) };
}

const portalLink = (deps: AppDeps, path: string) => `${deps.config.PORTAL_URL.replace(/\/+$/, '')}${path}`;

/** 400 with a field error when the password is too easy to guess (zxcvbn score below 3). */
export function assertStrongPassword(password: string, inputs: (string | null | undefined)[], path: string): void {
  const weakness = passwordWeakness(password, inputs);
  if (weakness) throw new RequestValidationError([{ path, message: weakness }]);
}

/** Stores a new refresh token of the family (one login) and answers it. */
async function insertSessionToken(db: Db, req: Request, userId: string, familyId: string): Promise<string> {
  const refreshToken = newOpaqueToken('rt');
  await insertRefreshToken(db, {
    userId,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TTL_DAYS * 86_400_000),
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 500) ?? null,
  });
  return refreshToken;
}

async function sessionAnswer(deps: AppDeps, userId: string, session: { familyId: string; generation: number; refreshToken: string }) {
  const access = await signAccessToken(deps.config.jwtSecret, userId, Date.now(), { sessionId: session.familyId, generation: session.generation });
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken: session.refreshToken, user: await loadSessionUser(deps, userId) };
}

async function issueOneTimeToken(deps: AppDeps, userId: string, purpose: OneTimeTokenPurpose, ttlMs: number, extra: { newEmail?: string } = {}) {
  const token = newOpaqueToken('ott');
  // Only the newest link of a kind works.
  await replaceOneTimeToken(deps.knex, { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMs), ...extra });
  return token;
}

const linkGone = () => new GoneError('This link has expired or was already used. Ask for a new one.');

/** Single use and expiring: the update only succeeds once, for an unexpired, unused token. */
async function consumeOneTimeToken(deps: AppDeps, token: string, purpose: OneTimeTokenPurpose): Promise<string> {
  const userId = await consumeOneTimeTokenRow(deps.knex, hashToken(token), purpose);
  if (!userId) throw linkGone();
  return userId;
}

async function sendVerification(deps: AppDeps, user: { id: string; email: string; name: string }) {
  const token = await issueOneTimeToken(deps, user.id, 'verify_email', VERIFY_TTL_HOURS * 3_600_000);
  await deps.mailer.send({
    to: user.email,
    template: 'verify-email',
    subject: 'Confirm your e-mail address for Argus',
    text: `Hello ${user.name},\n\nConfirm your address by opening this link within ${VERIFY_TTL_HOURS} hours:\n${portalLink(deps, `/verify-email?token=${token}`)}\n`,
  });
}

/** An e-mail change waits for the link mailed to the new address; it is used through POST /api/auth/verify-email. */
export async function sendEmailChangeConfirmation(deps: AppDeps, user: { id: string; name: string }, newEmail: string) {
  const token = await issueOneTimeToken(deps, user.id, 'change_email', VERIFY_TTL_HOURS * 3_600_000, { newEmail });
  await deps.mailer.send({
    to: newEmail,
    template: 'change-email',
    subject: 'Confirm your new e-mail address for Argus',
    text: `Hello ${user.name},\n\nYou asked to use this address for your Argus account. Confirm it by opening this link within ${VERIFY_TTL_HOURS} hours:\n${portalLink(deps, `/verify-email?token=${token}`)}\n\nUntil then your account keeps its current address. If you did not ask for this, ignore this mail.\n`,
  });
}

/**
 * Signing up with an address that already has an account answers exactly like a new sign-up (201 with a user),
 * so the form does not reveal who has an account; the owner gets a mail saying so instead of a second account.
 */
export async function signUp(deps: AppDeps, req: Request, input: { email: string; password: string; name: string }) {
  const email = input.email.trim();
  const name = input.name.trim();
  assertStrongPassword(input.password, [email, name], 'body.password');
  let existing = await findUserByEmail(deps.knex, email);
  if (!existing) {
    try {
      const user = await createUserAccount(deps.knex, { ...input, email, name });
      await recordActivity(deps.knex, req, { actorId: user.id, workspaceId: user.personalWorkspaceId, action: 'user.signed_up', resourceType: 'user', resourceId: user.id });
      await sendVerification(deps, user);
      return { user: await loadSessionUser(deps, user.id) };
    } catch (err) {
      // Another sign-up of the same address won the race: answer as for any existing address.
      if (!(err instanceof UniqueViolationError)) throw err;
      existing = await findUserByEmail(deps.knex, email);
    }
  } else {
    // The same work as creating the account, so the answer takes as long.
    await hashPassword(input.password);
  }
  if (existing) {
    await deps.mailer.send({
      to: existing.email,
      template: 'signup-existing-account',
      subject: 'You already have an Argus account',
      text: `Hello ${existing.name},\n\nSomeone, probably you, tried to create an Argus account with this address. You already have one, so nothing was created.\n\nLog in: ${portalLink(deps, '/login')}\nForgot your password? Reset it: ${portalLink(deps, '/forgot-password')}\n\nIf it was not you, you can ignore this mail; your account is unchanged.\n`,
    });
    await recordActivity(deps.knex, req, { actorId: existing.id, action: 'user.signup_attempted', resourceType: 'user', resourceId: existing.id });
  }
  return { user: { id: randomUUID(), email, name, emailVerifiedAt: null, staffRole: null } satisfies SessionUser };
}

function lockedError(lockedUntil: Date) {
  const seconds = Math.max(1, Math.ceil((new Date(lockedUntil).getTime() - Date.now()) / 1000));
  return new TooManyRequestsError(`Too many failed attempts. This account is locked for ${Math.ceil(seconds / 60)} more minute(s).`, seconds);
}

/** The lockout key of an address without an account (never the address itself). */
const unknownAddressKey = (email: string) => hashToken(`login:${email.trim().toLowerCase()}`);

/**
 * Each attempt is counted before the password is checked (atomically, in Postgres), so parallel guesses cannot
 * slip past the limit. Addresses without an account are counted and locked the same way, and their "password"
 * is checked against a dummy hash: status, message and timing do not tell which addresses exist.
 */
export async function logIn(deps: AppDeps, req: Request, input: { email: string; password: string }, opts: { staffOnly?: boolean } = {}) {
  const user = await findUserByEmail(deps.knex, input.email);
  const claim = user ? await claimLoginAttempt(deps.knex, user.id, LOCKOUT) : await claimLoginAttemptForUnknownAddress(deps.knex, unknownAddressKey(input.email), LOCKOUT);
  if (claim.locked) throw lockedError(claim.lockedUntil);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    if (user) await recordActivity(deps.knex, req, { actorId: user.id, action: claim.locksNow ? 'auth.locked' : 'auth.login_failed', resourceType: 'user', resourceId: user.id });
    if (claim.locksNow) throw new TooManyRequestsError(`Too many failed attempts. This account is locked for ${LOCKOUT.minutes} minutes.`, LOCKOUT.minutes * 60);
    throw new UnauthorizedError(WRONG_CREDENTIALS);
  }
  await recordSuccessfulLogin(deps.knex, user.id);
  if (user.status !== 'active') throw new UnauthorizedError('This account is suspended. Contact support.');
  if (opts.staffOnly && !(await loadStaffRole(deps, user.id))) throw new ForbiddenError('The ops console is for Argus staff only.');
  await recordActivity(deps.knex, req, { actorId: user.id, action: opts.staffOnly ? 'auth.console_login' : 'auth.login', resourceType: 'user', resourceId: user.id });
  const familyId = randomUUID();
  const refreshToken = await insertSessionToken(deps.knex, req, user.id, familyId);
  return sessionAnswer(deps, user.id, { familyId, generation: user.sessionGeneration, refreshToken });
}

/** How long a rotated token still works when its successor was never used (the answer was lost to a reload). */
const REFRESH_REUSE_GRACE_MS = 20_000;

/**
 * Rotates a refresh token. Presenting a token that was already rotated means it leaked: the whole family
 * (every token descended from that login) is revoked — unless it was rotated moments ago and its successor never
 * used, which is a lost answer (see rotateLostSuccessor). The user row is share-locked while rotating, so a password
 * change either waits for this refresh (and then revokes the new token) or makes it fail.
 */
export async function refreshSession(deps: AppDeps, req: Request, refreshToken: string) {
  const tokenHash = hashToken(refreshToken);
  const known = await findRefreshTokenByHash(deps.knex, tokenHash);
  if (!known) throw new UnauthorizedError('The refresh token is expired, revoked or unknown. Log in again.');
  const issued = await deps.knex.transaction(async (trx) => {
    const user = await lockUserSessionState(trx, known.userId);
    const rotated = (await rotateRefreshToken(trx, tokenHash)) ?? (await rotateLostSuccessor(trx, tokenHash, REFRESH_REUSE_GRACE_MS));
    if (!rotated || !user) return undefined;
    if (user.status !== 'active') return { suspended: true as const };
    const next = await insertSessionToken(trx, req, rotated.userId, rotated.familyId);
    return { suspended: false as const, familyId: rotated.familyId, generation: user.sessionGeneration, refreshToken: next };
  });
  if (issued?.suspended) throw new UnauthorizedError('This account is suspended. Contact support.');
  if (issued) return sessionAnswer(deps, known.userId, issued);
  const current = await findRefreshTokenByHash(deps.knex, tokenHash);
  if (current?.rotatedAt && (!current.revokedAt || current.revokedReason === 'lost_answer')) {
    await revokeRefreshTokenFamily(deps.knex, current.familyId, 'reuse_detected');
    await recordActivity(deps.knex, req, { actorId: current.userId, action: 'auth.refresh_reuse_detected', resourceType: 'session', resourceId: current.familyId });
    throw new UnauthorizedError('This refresh token was already used. For your safety every session of that login was ended; log in again.');
  }
  throw new UnauthorizedError('The refresh token is expired, revoked or unknown. Log in again.');
}

export async function logOut(deps: AppDeps, req: Request, refreshToken: string) {
  const known = await findRefreshTokenByHash(deps.knex, hashToken(refreshToken));
  if (!known) return;
  await revokeRefreshTokenFamily(deps.knex, known.familyId, 'logout');
  await recordActivity(deps.knex, req, { actorId: known.userId, action: 'auth.logout', resourceType: 'session', resourceId: known.familyId });
}

/** Confirms an address: the one signed up with (verify_email), or a new one asked for on the account page (change_email). */
export async function verifyEmail(deps: AppDeps, req: Request, token: string) {
  const userId = await deps.knex.transaction(async (trx) => {
    const used = await consumeOneTimeTokenOfPurposes(trx, hashToken(token), ['verify_email', 'change_email']);
    if (!used) throw linkGone();
    if (used.purpose === 'verify_email') {
      await markUserEmailVerified(trx, used.userId);
      await recordActivity(trx, req, { actorId: used.userId, action: 'user.email_verified', resourceType: 'user', resourceId: used.userId });
      return used.userId;
    }
    const before = (await findSessionUser(trx, used.userId))!;
    if (!(await changeUserEmail(trx, used.userId, used.newEmail!))) {
      throw new ConflictError(`${used.newEmail} now belongs to another Argus account, so it cannot become yours. Your address stays ${before.email}.`);
    }
    await recordActivity(trx, req, { actorId: used.userId, action: 'user.email_changed', resourceType: 'user', resourceId: used.userId, before: { email: before.email }, after: { email: used.newEmail } });
    return used.userId;
  });
  return { user: await loadSessionUser(deps, userId) };
}

export async function resendVerification(deps: AppDeps, userId: string) {
  const user = (await findSessionUser(deps.knex, userId))!;
  if (user.emailVerifiedAt) throw new ConflictError('Your e-mail address is already verified.');
  await sendVerification(deps, user);
}

/** Mails a password-reset link (the newest link of the account is the only one that works). */
export async function mailPasswordReset(deps: AppDeps, user: { id: string; email: string; name: string }, opts: { bySupport?: boolean } = {}) {
  const token = await issueOneTimeToken(deps, user.id, 'reset_password', RESET_TTL_MINUTES * 60_000);
  const asked = opts.bySupport ? 'Argus support sent you this link to reset your password.' : 'Someone asked to reset your password. If it was you,';
  await deps.mailer.send({
    to: user.email,
    template: 'reset-password',
    subject: 'Reset your Argus password',
    text: opts.bySupport
      ? `Hello ${user.name},\n\n${asked} Open it within ${RESET_TTL_MINUTES} minutes:\n${portalLink(deps, `/reset-password?token=${token}`)}\n\nIf you did not ask support for this, you can ignore this mail; your password stays as it is.\n`
      : `Hello ${user.name},\n\n${asked} open this link within ${RESET_TTL_MINUTES} minutes:\n${portalLink(deps, `/reset-password?token=${token}`)}\n\nIf it was not you, ignore this mail.\n`,
  });
}

export async function requestPasswordReset(deps: AppDeps, req: Request, email: string) {
  const user = await findUserByEmail(deps.knex, email);
  // The answer is the same whether or not the address has an account.
  if (!user || user.status !== 'active') return;
  await mailPasswordReset(deps, user);
  await recordActivity(deps.knex, req, { actorId: user.id, action: 'auth.password_reset_requested', resourceType: 'user', resourceId: user.id });
}

/**
 * Stores a new password and ends sessions, in the caller's transaction: the session generation moves on (every
 * access token issued before stops working at once) and refresh tokens are revoked, all of them or all but
 * `keepSessionId` (the session that changed the password, which refreshes into the new generation).
 */
export async function applyNewPassword(trx: Db, userId: string, password: string, opts: { reason: 'password_reset' | 'password_changed'; keepSessionId?: string }) {
  const generation = await updateUserPassword(trx, userId, await hashPassword(password));
  await revokeRefreshTokensOfUser(trx, userId, opts.reason, { exceptFamilyId: opts.keepSessionId });
  return generation;
}

export async function resetPassword(deps: AppDeps, req: Request, token: string, password: string) {
  const tokenHash = hashToken(token);
  // Checked before the link is used up, so a weak password can be replaced without asking for a new link.
  const pending = await findUsableOneTimeToken(deps.knex, tokenHash, 'reset_password');
  if (!pending) throw linkGone();
  const user = (await findSessionUser(deps.knex, pending.userId))!;
  assertStrongPassword(password, [user.email, user.name], 'body.password');
  const userId = await consumeOneTimeToken(deps, token, 'reset_password');
  await deps.knex.transaction(async (trx) => {
    await applyNewPassword(trx, userId, password, { reason: 'password_reset' });
    await recordActivity(trx, req, { actorId: userId, action: 'auth.password_reset', resourceType: 'user', resourceId: userId });
  });
}

export async function listWorkspaces(deps: AppDeps, userId: string) {
  const rows = await listWorkspacesOfUser(deps.knex, userId, { order: 'name' });
  return rows.map((w) => ({
    id: w.id,
    name: w.name,
    slug: w.slug,
    description: w.description,
    kind: w.kind,
    role: w.role,
    memberCount: w.memberCount,
    settings: { maxRepositories: w.maxRepositories, maxConcurrentRuns: w.maxConcurrentRuns },
  }));
}
