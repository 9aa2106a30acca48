import type { Request } from 'express';
import { ForeignKeyViolationError } from 'objection';
import {
  claimLoginAttempt,
  deleteUser,
  deleteWorkspace,
  findAccountUser,
  findPersonalWorkspaceId,
  findStaffGrant,
  findUserByEmail,
  findUserById,
  listScheduledRepositoriesOfWorkspace,
  listSessionsOfUser,
  lockMembershipsForDeletion,
  recordSuccessfulLogin,
  revokeRefreshTokensOfUser,
  revokeSessionOfUser,
  setUserPendingEmail,
  updateUserName,
  updateWorkspaceOwner,
  type AccountUserRow,
  type User,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { applyNewPassword, assertStrongPassword, LOCKOUT, sendEmailChangeConfirmation } from '../auth/auth.service';
import { verifyPassword } from '../auth/passwords';
import { recordActivity } from '../audit/activity-log';
import { isUuid } from '../access/workspace-access';
import { ConflictError, NotFoundError, RequestValidationError, TooManyRequestsError } from '../http/errors';
import { sessionOnly } from '../teams/team-access';
import { workflowClient } from '../temporal/workflow-client';

// The account page (issue 11 §4): the user's own profile, address, password, sessions, and deleting the account.

interface AccountUserView {
  id: string;
  email: string;
  name: string;
  emailVerifiedAt: Date | null;
  pendingEmail: string | null;
  createdAt: Date;
}

function toAccountUser(row: AccountUserRow): AccountUserView {
  return { id: row.id, email: row.email, name: row.name, emailVerifiedAt: row.emailVerifiedAt ?? null, pendingEmail: row.pendingEmail ?? null, createdAt: row.createdAt };
}

async function loadAccountUser(deps: AppDeps, userId: string): Promise<AccountUserView> {
  const row = await findAccountUser(deps.knex, userId);
  // authenticate just found the user; only a deletion in between gets here.
  if (!row) throw new NotFoundError('The account no longer exists.');
  return toAccountUser(row);
}

export async function getAccount(deps: AppDeps, auth: AuthContext) {
  const [user, personalWorkspaceId] = await Promise.all([loadAccountUser(deps, auth.userId), findPersonalWorkspaceId(deps.knex, auth.userId)]);
  return { user, personalWorkspaceId: personalWorkspaceId! };
}

export async function renameAccount(deps: AppDeps, req: Request, auth: AuthContext, name: string) {
  const before = await loadAccountUser(deps, auth.userId);
  if (before.name !== name) {
    await deps.knex.transaction(async (trx) => {
      await updateUserName(trx, auth.userId, name);
      await recordActivity(trx, req, { action: 'user.renamed', resourceType: 'user', resourceId: auth.userId, before: { name: before.name }, after: { name } });
    });
  }
  return loadAccountUser(deps, auth.userId);
}

/**
 * Re-asking for the password guards every credential change against a stolen access token. Wrong answers count
 * towards the same lockout as failed logins, so the page cannot be used to guess the password either.
 */
async function confirmPassword(deps: AppDeps, user: Pick<User, 'id' | 'passwordHash'>, password: string, path: string) {
  const claim = await claimLoginAttempt(deps.knex, user.id, LOCKOUT);
  if (claim.locked) {
    const seconds = Math.max(1, Math.ceil((new Date(claim.lockedUntil).getTime() - Date.now()) / 1000));
    throw new TooManyRequestsError(`Too many wrong passwords. Your account is locked for ${Math.ceil(seconds / 60)} more minute(s); try again then.`, seconds);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    if (claim.locksNow) throw new TooManyRequestsError(`Too many wrong passwords. Your account is locked for ${LOCKOUT.minutes} minutes.`, LOCKOUT.minutes * 60);
    throw new RequestValidationError([{ path, message: 'is not your current password' }]);
  }
  await recordSuccessfulLogin(deps.knex, user.id);
}

async function loadCredentials(deps: AppDeps, userId: string): Promise<User> {
  const user = await findUserById(deps.knex, userId);
  if (!user) throw new NotFoundError('The account no longer exists.');
  return user;
}

/**
 * Asks to change the address. Nothing changes until the link mailed to the new address is used (POST
 * /api/auth/verify-email). The answer is the same when the address belongs to another account (whose owner is
 * told instead), so this cannot be used to find out who has an account.
 */
export async function requestEmailChange(deps: AppDeps, req: Request, auth: AuthContext, input: { email: string; password: string }) {
  sessionOnly(auth, 'change the account’s e-mail address');
  const user = await loadCredentials(deps, auth.userId);
  const email = input.email.trim();
  if (email.toLowerCase() === user.email.toLowerCase()) throw new RequestValidationError([{ path: 'body.email', message: 'is already your address' }]);
  await confirmPassword(deps, user, input.password, 'body.password');
  const owner = await findUserByEmail(deps.knex, email);
  await deps.knex.transaction(async (trx) => {
    await setUserPendingEmail(trx, user.id, email);
    await recordActivity(trx, req, { action: 'user.email_change_requested', resourceType: 'user', resourceId: user.id, before: { email: user.email }, after: { pendingEmail: email } });
  });
  if (owner && owner.id !== user.id) {
    await deps.mailer.send({
      to: owner.email,
      template: 'change-email-taken',
      subject: 'Someone tried to use your address on Argus',
      text: `Hello ${owner.name},\n\nSomeone asked to move another Argus account to this address. It already belongs to your account, so nothing changed and nothing else is needed.\n`,
    });
  } else {
    await sendEmailChangeConfirmation(deps, user, email);
  }
  await deps.mailer.send({
    to: user.email,
    template: 'change-email-requested',
    subject: 'Your Argus address is about to change',
    text: `Hello ${user.name},\n\nSomeone logged in to your Argus account asked to change its address to ${email}. It changes once the link mailed there is used; until then this address stays.\n\nIf this was not you, change your password now: ${deps.config.PORTAL_URL.replace(/\/+$/, '')}/forgot-password\n`,
  });
  return { status: 'sent' as const, pendingEmail: email };
}

/**
 * A new password ends every other session and makes every access token issued before unusable (this session's
 * too); this session's refresh token stays valid and gets a token of the new generation.
 */
export async function changePassword(deps: AppDeps, req: Request, auth: AuthContext, input: { currentPassword: string; newPassword: string }) {
  sessionOnly(auth, 'change the password');
  const user = await loadCredentials(deps, auth.userId);
  await confirmPassword(deps, user, input.currentPassword, 'body.currentPassword');
  assertStrongPassword(input.newPassword, [user.email, user.name], 'body.newPassword');
  if (input.newPassword === input.currentPassword) throw new RequestValidationError([{ path: 'body.newPassword', message: 'must differ from your current password' }]);
  await deps.knex.transaction(async (trx) => {
    await applyNewPassword(trx, user.id, input.newPassword, { reason: 'password_changed', keepSessionId: auth.sessionId });
    await recordActivity(trx, req, { action: 'auth.password_changed', resourceType: 'user', resourceId: user.id });
  });
}

export async function listSessions(deps: AppDeps, auth: AuthContext) {
  sessionOnly(auth, 'list the account’s sessions');
  const rows = await listSessionsOfUser(deps.knex, auth.userId);
  return {
    items: rows.map((r) => ({ id: r.id, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, userAgent: r.userAgent ?? null, ip: r.ip ?? null, current: r.id === auth.sessionId })),
  };
}

export async function endSession(deps: AppDeps, req: Request, auth: AuthContext, sessionId: string) {
  sessionOnly(auth, 'end sessions');
  const notFound = () => new NotFoundError('You have no active session with that id.');
  if (!isUuid(sessionId)) throw notFound();
  await deps.knex.transaction(async (trx) => {
    if (!(await revokeSessionOfUser(trx, auth.userId, sessionId, 'session_ended'))) throw notFound();
    await recordActivity(trx, req, { action: 'auth.session_ended', resourceType: 'session', resourceId: sessionId, after: { current: sessionId === auth.sessionId } });
  });
}

export async function endOtherSessions(deps: AppDeps, req: Request, auth: AuthContext) {
  sessionOnly(auth, 'end sessions');
  await deps.knex.transaction(async (trx) => {
    await revokeRefreshTokensOfUser(trx, auth.userId, 'session_ended', { exceptFamilyId: auth.sessionId });
    await recordActivity(trx, req, { action: 'auth.other_sessions_ended', resourceType: 'user', resourceId: auth.userId });
  });
}

/**
 * Deletes the user. Their personal workspace goes with all its data, as does a team they are the only member of.
 * Teams with other members keep their data; the user's membership is removed, ownership passes to the
 * longest-standing other admin, and audit entries keep the name and e-mail address recorded with them. The last
 * admin of a team with other members must hand over first (409).
 */
export async function deleteAccount(deps: AppDeps, req: Request, auth: AuthContext, input: { password: string; confirmEmail: string }) {
  sessionOnly(auth, 'delete the account');
  const user = await loadCredentials(deps, auth.userId);
  await confirmPassword(deps, user, input.password, 'body.password');
  if (input.confirmEmail.trim().toLowerCase() !== user.email.toLowerCase()) {
    throw new RequestValidationError([{ path: 'body.confirmEmail', message: 'must be the e-mail address of this account, to confirm that you mean to delete it' }]);
  }
  if (await findStaffGrant(deps.knex, user.id)) {
    throw new ConflictError('This account has an Argus staff role and cannot be deleted here. Ask a super admin to remove your staff role first.');
  }

  return eraseAccount(deps, req, user, {});
}

/**
 * Deletes an account in one transaction: its personal workspace and every team of which it was the only member,
 * with all their data; teams with other members keep theirs (ownership passes to the longest-standing other admin).
 * Refused (409) for the last admin of a team with other members. Used by the account page and by the console.
 */
export async function eraseAccount(deps: AppDeps, req: Request, user: { id: string; email: string; name: string }, opts: { byStaff?: boolean; reason?: string }) {
  let deleted: { workspaceIds: string[]; scheduled: { id: string; workspaceId: string | null }[] };
  try {
    deleted = await deps.knex.transaction(async (trx) => {
      const memberships = await lockMembershipsForDeletion(trx, user.id);
      const blocking = memberships.filter((m) => m.kind === 'team' && m.otherMembers > 0 && m.otherAdminIds.length === 0);
      if (blocking.length) {
        const names = blocking.map((m) => `"${m.name}"`).join(', ');
        throw new ConflictError(
          opts.byStaff
            ? `${user.email} is the last admin of ${names}, which ${blocking.length === 1 ? 'has' : 'have'} other members. Make another member an admin first (or remove the other members), then delete the account.`
            : `You are the last admin of ${names}, which ${blocking.length === 1 ? 'has' : 'have'} other members. Make another member an admin first (or remove the other members), then delete your account.`,
          { teams: blocking.map((m) => ({ id: m.workspaceId, name: m.name })) },
        );
      }
      const toDelete = memberships.filter((m) => m.kind === 'personal' || m.otherMembers === 0);
      const kept = memberships.filter((m) => !toDelete.includes(m));
      for (const team of kept) {
        if (team.ownerId === user.id) {
          await updateWorkspaceOwner(trx, team.workspaceId, team.otherAdminIds[0]!);
          await recordActivity(trx, req, { workspaceId: team.workspaceId, action: 'team.owner_changed', resourceType: 'workspace', resourceId: team.workspaceId, before: { ownerId: user.id }, after: { ownerId: team.otherAdminIds[0] } });
        }
        if (team.role) {
          await recordActivity(trx, req, { workspaceId: team.workspaceId, action: 'member.account_deleted', resourceType: 'member', resourceId: user.id, before: { email: user.email, name: user.name, role: team.role } });
        }
      }
      await recordActivity(trx, req, {
        action: 'user.deleted',
        resourceType: 'user',
        resourceId: user.id,
        before: { email: user.email, name: user.name },
        after: { deletedWorkspaceIds: toDelete.map((m) => m.workspaceId), leftTeamIds: kept.map((m) => m.workspaceId), ...(opts.reason ? { reason: opts.reason } : {}) },
      });
      const ids = toDelete.map((m) => m.workspaceId);
      // Temporal Schedules are not in Postgres: collect them before their rows go.
      const scheduled = (await Promise.all(ids.map((id) => listScheduledRepositoriesOfWorkspace(trx, id)))).flat();
      for (const id of ids) await deleteWorkspace(trx, id);
      await deleteUser(trx, user.id);
      return { workspaceIds: ids, scheduled };
    });
  } catch (err) {
    if (err instanceof ForeignKeyViolationError) {
      throw new ConflictError(
        opts.byStaff
          ? 'Something outside its workspaces still refers to this account, so it cannot be deleted yet.'
          : 'Something outside your workspaces still refers to this account, so it cannot be deleted yet. Contact support and quote the error id.',
      );
    }
    throw err;
  }
  for (const repo of deleted.scheduled) {
    await workflowClient.applyAnalysisSchedule(deps, { id: repo.id, workspaceId: repo.workspaceId! }, null).catch((err: unknown) => {
      deps.logger.warn({ err, repositoryId: repo.id }, 'could not remove the analysis schedule of a deleted workspace');
    });
  }
  return { deletedWorkspaceIds: deleted.workspaceIds };
}
