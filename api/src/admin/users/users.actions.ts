import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import {
  existingEmails,
  findStaffGrant,
  findUserById,
  lockMembershipsForDeletion,
  lockUser,
  revokeRefreshTokensOfUser,
  unlockUser,
  updateUserStatus,
} from '@argus/db';
import type { AppDeps } from '../../app-deps';
import type { AuthContext } from '../../auth/auth-context';
import { isUuid } from '../../access/workspace-access';
import { recordActivity } from '../../audit/activity-log';
import { ConflictError, ForbiddenError, RequestValidationError } from '../../http/errors';
import { mailPasswordReset } from '../../auth/auth.service';
import { createUserAccount } from '../../auth/accounts';
import { eraseAccount } from '../../account/account.service';
import { notFound } from '../simple-rest';
import { parseCsv } from './csv';

// The console's actions on users beyond suspend/reactivate: password reset, unlock, delete, bulk suspend, import.

type Ctx = { req: Request; auth: AuthContext };

/** Loads the target; staff accounts can only be acted on by a super admin, and never by themselves. */
async function target(deps: AppDeps, ctx: Ctx, id: string, what: string) {
  if (!isUuid(id)) throw notFound('user');
  const user = await findUserById(deps.knex, id);
  if (!user) throw notFound('user');
  if (id === ctx.auth.userId) throw new ConflictError(`You cannot ${what} your own account here.`);
  const grant = await findStaffGrant(deps.knex, id);
  if (grant && ctx.auth.staffRole !== 'super_admin') throw new ForbiddenError(`Only a super admin can ${what} a staff member.`);
  return { user, grant };
}

export async function sendPasswordReset(deps: AppDeps, ctx: Ctx, id: string, reason?: string) {
  const { user } = await target(deps, ctx, id, 'reset the password of');
  if (user.status !== 'active') throw new ConflictError('The account is suspended: reactivate it first, then send the reset mail.');
  await mailPasswordReset(deps, user, { bySupport: true });
  await recordActivity(deps.knex, ctx.req, { action: 'user.password_reset_sent', resourceType: 'user', resourceId: id, after: { email: user.email, ...(reason ? { reason } : {}) } });
  return { sentTo: user.email };
}

export async function unlockAccount(deps: AppDeps, ctx: Ctx, id: string) {
  await target(deps, ctx, id, 'unlock');
  await deps.knex.transaction(async (trx) => {
    const lockedUntil = await unlockUser(trx, id);
    await recordActivity(trx, ctx.req, { action: 'user.unlocked', resourceType: 'user', resourceId: id, before: { lockedUntil }, after: { lockedUntil: null } });
  });
}

/** What deleting the account would do to its data, shown in the console's confirmation. */
export async function deletionPreview(deps: AppDeps, ctx: Ctx, id: string) {
  const { user, grant } = await target(deps, ctx, id, 'delete');
  // Read under the same locks the deletion takes, then let go (nothing is written).
  const memberships = await deps.knex.transaction((trx) => lockMembershipsForDeletion(trx, id));
  const deleted = memberships.filter((m) => m.kind === 'personal' || m.otherMembers === 0);
  const blocking = memberships.filter((m) => m.kind === 'team' && m.otherMembers > 0 && m.otherAdminIds.length === 0);
  const kept = memberships.filter((m) => !deleted.includes(m));
  return {
    email: user.email,
    isStaff: Boolean(grant),
    deletedWorkspaces: deleted.map((m) => ({ id: m.workspaceId, name: m.name, kind: m.kind })),
    keptTeams: kept.map((m) => ({ id: m.workspaceId, name: m.name, ownershipPasses: m.ownerId === id && !blocking.includes(m) })),
    blockingTeams: blocking.map((m) => ({ id: m.workspaceId, name: m.name })),
    consequences: [
      'Every session and API token of the account stops working at once.',
      deleted.length
        ? `Deleted with all their repositories, runs, findings, fixes and tokens: ${deleted.map((m) => `"${m.name}"`).join(', ')}.`
        : 'No workspace is deleted.',
      kept.length ? `Teams with other members keep all their data; the account leaves them: ${kept.map((m) => `"${m.name}"`).join(', ')}.` : null,
      'Support tickets stay with their workspace, shown as from a deleted user; audit entries keep the name and e-mail address recorded with them.',
    ].filter((c): c is string => c !== null),
  };
}

export async function deleteUserAccount(deps: AppDeps, ctx: Ctx, id: string, input: { reason: string; confirmEmail: string }) {
  const { user, grant } = await target(deps, ctx, id, 'delete');
  if (input.confirmEmail.trim().toLowerCase() !== user.email.toLowerCase()) {
    throw new RequestValidationError([{ path: 'body.confirmEmail', message: 'must be the e-mail address of the account, to confirm that you mean to delete it' }]);
  }
  if (grant) throw new ConflictError('This account has a staff role. Remove the staff role first, then delete the account.');
  return eraseAccount(deps, ctx.req, user, { byStaff: true, reason: input.reason });
}

export async function bulkSuspend(deps: AppDeps, ctx: Ctx, ids: string[], reason: string) {
  const suspended: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const id of [...new Set(ids)]) {
    if (id === ctx.auth.userId) {
      skipped.push({ id, reason: 'your own account' });
      continue;
    }
    const outcome = await deps.knex.transaction(async (trx) => {
      const user = await lockUser(trx, id);
      if (!user) return 'no such user';
      if ((await findStaffGrant(trx, id)) && ctx.auth.staffRole !== 'super_admin') return 'a staff member (only a super admin can suspend staff)';
      if (user.status === 'suspended') return 'already suspended';
      await updateUserStatus(trx, id, 'suspended');
      await revokeRefreshTokensOfUser(trx, id, 'user_suspended');
      await recordActivity(trx, ctx.req, { action: 'user.suspended', resourceType: 'user', resourceId: id, before: { status: user.status, email: user.email }, after: { status: 'suspended', reason, bulk: true } });
      return null;
    });
    if (outcome) skipped.push({ id, reason: outcome });
    else suspended.push(id);
  }
  return { suspended, skipped };
}

export const IMPORT_MAX_ROWS = 1000;
const ZImportRow = z.object({ email: z.email('is not an e-mail address').max(254), name: z.string().trim().min(1, 'is empty').max(100, 'is longer than 100 characters') });

/**
 * Imports users from CSV (header `email,name`). Each valid row becomes an account with its personal workspace and
 * gets a mail to set its password; every rejected row is reported with its line and why. `dryRun` only validates.
 */
export async function importUsers(deps: AppDeps, ctx: Ctx, input: { csv: string; dryRun: boolean }) {
  const rows = parseCsv(input.csv);
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  if (!header || !header.includes('email') || !header.includes('name')) {
    throw new RequestValidationError([{ path: 'body.csv', message: 'must start with a header line naming the columns "email" and "name"' }]);
  }
  if (rows.length > IMPORT_MAX_ROWS) throw new RequestValidationError([{ path: 'body.csv', message: `has ${rows.length} rows; import at most ${IMPORT_MAX_ROWS} at a time` }]);
  const at = { email: header.indexOf('email'), name: header.indexOf('name') };
  const rejected: { line: number; email: string; reason: string }[] = [];
  const valid: { line: number; email: string; name: string }[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const line = i + 2; // 1-based, after the header
    const email = (cells[at.email] ?? '').trim();
    const parsed = ZImportRow.safeParse({ email, name: cells[at.name] ?? '' });
    if (!parsed.success) {
      rejected.push({ line, email, reason: parsed.error.issues.map((x) => `${String(x.path[0])} ${x.message}`).join('; ') });
      return;
    }
    if (seen.has(email.toLowerCase())) {
      rejected.push({ line, email, reason: 'the address appears more than once in the file' });
      return;
    }
    seen.add(email.toLowerCase());
    valid.push({ line, email, name: parsed.data.name });
  });
  const existing = await existingEmails(deps.knex, valid.map((v) => v.email));
  const toCreate = valid.filter((v) => {
    if (!existing.has(v.email.toLowerCase())) return true;
    rejected.push({ line: v.line, email: v.email, reason: 'an account with this address already exists' });
    return false;
  });
  const created: { line: number; email: string; id: string }[] = [];
  if (!input.dryRun) {
    for (const row of toCreate) {
      // An unusable random password: the person sets their own through the mailed link.
      const account = await createUserAccount(deps.knex, { email: row.email, name: row.name, password: randomBytes(24).toString('base64url') });
      await recordActivity(deps.knex, ctx.req, { action: 'user.imported', resourceType: 'user', resourceId: account.id, after: { email: account.email, name: account.name } });
      await mailPasswordReset(deps, account, { bySupport: true });
      created.push({ line: row.line, email: account.email, id: account.id });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { dryRun: input.dryRun, accepted: toCreate.length, created, rejected };
}
