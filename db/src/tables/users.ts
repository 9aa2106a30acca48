import { Model, type JSONSchema, type Modifiers } from 'objection';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, type Page, type PageRequest } from '../paging';
import type { StaffGrant, StaffRoleName } from './staff-grants';
import type { WorkspaceMember } from './workspaces';
import { modelNamed, registerModel } from '../model-registry';

// Owner of `users`: accounts, their login state and their status. Nothing outside this module writes the table.

export type UserStatus = 'active' | 'suspended';

export class User extends Model {
  static tableName = 'users';
  id!: string;
  email!: string;
  name!: string;
  passwordHash!: string;
  emailVerifiedAt!: Date | null;
  status!: UserStatus;
  failedLoginCount!: number;
  lockedUntil!: Date | null;
  lastLoginAt!: Date | null;
  /** Bumped by a password change or reset: access tokens issued under an older generation stop working. */
  sessionGeneration!: number;
  /** An address the user asked to change to; it replaces `email` only when the link mailed there is used. */
  pendingEmail!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      email: { type: 'string', minLength: 1 },
      name: { type: 'string' },
      passwordHash: { type: 'string' },
      status: { type: 'string', enum: ['active', 'suspended'] },
      failedLoginCount: { type: 'integer', minimum: 0 },
    },
  };

  static modifiers: Modifiers = {
    publicFields(query) {
      query.select('users.id', 'users.email', 'users.name', 'users.emailVerifiedAt', 'users.status', 'users.createdAt');
    },
    /** What a session shows of its user. */
    sessionFields(query) {
      query.select('users.id', 'users.email', 'users.name', 'users.emailVerifiedAt');
    },
  };

  static relationMappings = () => ({
    memberships: {
      relation: Model.HasManyRelation,
      modelClass: modelNamed('WorkspaceMember'),
      join: { from: 'users.id', to: 'workspace_members.userId' },
    },
    staffGrant: {
      relation: Model.HasOneRelation,
      modelClass: modelNamed('StaffGrant'),
      join: { from: 'users.id', to: 'staff_grants.userId' },
    },
  });
}

export type SessionUserRow = Pick<User, 'id' | 'email' | 'name' | 'emailVerifiedAt'>;
export type AccountUserRow = Pick<User, 'id' | 'email' | 'name' | 'emailVerifiedAt' | 'pendingEmail' | 'createdAt'>;

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  return User.query(db).findById(id);
}

/** The account's status, or undefined if it no longer exists. */
export async function findUserStatus(db: Db, id: string): Promise<UserStatus | undefined> {
  return (await User.query(db).findById(id).select('status'))?.status;
}

export interface UserAuthState {
  status: UserStatus;
  sessionGeneration: number;
  emailVerified: boolean;
  /** False when the login session (refresh-token family) the access token belongs to was ended. */
  sessionLive: boolean;
}

/**
 * Everything `authenticate` checks on every request, in one read: the status, the session generation, whether
 * the e-mail address is verified and (for an access token of a login session) whether that session still lives.
 * Undefined if the user no longer exists.
 */
export async function findUserAuthState(db: Db, id: string, sessionId?: string): Promise<UserAuthState | undefined> {
  const row = (await db('users as u')
    .where('u.id', id)
    .first(
      'u.status',
      'u.sessionGeneration',
      db.raw('u.email_verified_at is not null as email_verified'),
      sessionId
        ? db.raw('exists (select 1 from refresh_tokens rt where rt.family_id = ? and rt.user_id = u.id and rt.revoked_at is null) as session_live', [sessionId])
        : db.raw('true as session_live'),
    )) as UserAuthState | undefined;
  return row;
}

/** Inside a transaction: the user's status and session generation, share-locked so a password change waits for (or is waited on by) the caller. */
export async function lockUserSessionState(db: Db, id: string): Promise<Pick<User, 'status' | 'sessionGeneration'> | undefined> {
  return User.query(db).findById(id).forShare().select('status', 'sessionGeneration');
}

/** E-mail addresses are unique case-insensitively (users_email_lower_key). */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return User.query(db).whereRaw('lower(email) = lower(?)', [email]).first();
}

export async function findSessionUser(db: Db, id: string): Promise<SessionUserRow | undefined> {
  return User.query(db).modify('sessionFields').findById(id);
}

/** What the account page shows of the user. */
export async function findAccountUser(db: Db, id: string): Promise<AccountUserRow | undefined> {
  return User.query(db).findById(id).select('id', 'email', 'name', 'emailVerifiedAt', 'pendingEmail', 'createdAt');
}

export async function updateUserName(db: Db, id: string, name: string): Promise<void> {
  await User.query(db).findById(id).patch({ name, updatedAt: db.fn.now() });
}

/** Records the address an e-mail change waits to be confirmed for (null clears it). */
export async function setUserPendingEmail(db: Db, id: string, pendingEmail: string | null): Promise<void> {
  await User.query(db).findById(id).patch({ pendingEmail, updatedAt: db.fn.now() });
}

/**
 * Makes a confirmed address the user's e-mail (verified by the confirmation itself). Answers false when the
 * address belongs to another account by now (users_email_lower_key), leaving the user unchanged.
 */
export async function changeUserEmail(db: Db, id: string, email: string): Promise<boolean> {
  const taken = await User.query(db).whereRaw('lower(email) = lower(?)', [email]).whereNot('id', id).first().select('id');
  if (taken) return false;
  await User.query(db).findById(id).patch({ email, pendingEmail: null, emailVerifiedAt: db.fn.now(), updatedAt: db.fn.now() });
  return true;
}

/** Deletes the user row; their memberships, tokens and sessions go with it (ON DELETE CASCADE). */
export async function deleteUser(db: Db, id: string): Promise<void> {
  await User.query(db).findById(id).delete();
}

export async function insertUser(db: Db, input: { email: string; name: string; passwordHash: string; emailVerified?: boolean }): Promise<User> {
  return User.query(db)
    .insert({ email: input.email, name: input.name, passwordHash: input.passwordHash, emailVerifiedAt: input.emailVerified ? db.fn.now() : null })
    .returning('*');
}

export interface LoginLimit {
  maxFailures: number;
  minutes: number;
}

/**
 * The outcome of claiming a login attempt: `locked` (no attempt allowed; `lockedUntil` says until when), or an
 * attempt that may check the password, with `locksNow` set when it is the last one before the lock.
 */
export type LoginAttemptClaim = { locked: true; lockedUntil: Date } | { locked: false; locksNow: boolean };

/**
 * Counts a login attempt *before* the password is checked, in one atomic update: parallel guesses cannot all
 * read the same count, so at most `maxFailures` passwords are ever checked before the account locks. The attempt
 * that reaches the limit sets the lock; a successful login (recordSuccessfulLogin) clears count and lock.
 */
export async function claimLoginAttempt(db: Db, id: string, limit: LoginLimit): Promise<LoginAttemptClaim> {
  const { rows } = await db.raw<{ rows: { locked_until: Date | null }[] }>(
    `update users set
       failed_login_count = case when failed_login_count + 1 >= :max then 0 else failed_login_count + 1 end,
       locked_until = case when failed_login_count + 1 >= :max then now() + make_interval(mins => :minutes) else null end
     where id = :id and (locked_until is null or locked_until <= now())
     returning locked_until`,
    { id, max: limit.maxFailures, minutes: limit.minutes },
  );
  if (rows[0]) return { locked: false, locksNow: rows[0].locked_until !== null };
  const current = await User.query(db).findById(id).select('lockedUntil');
  return { locked: true, lockedUntil: current?.lockedUntil ?? new Date(Date.now() + limit.minutes * 60_000) };
}

/**
 * The same for an address without an account (`addressHash`: a SHA-256 of the normalised address), so a lockout
 * looks the same whether or not the address exists. Rows untouched for a day are pruned now and then.
 */
export async function claimLoginAttemptForUnknownAddress(db: Db, addressHash: string, limit: LoginLimit): Promise<LoginAttemptClaim> {
  const { rows } = await db.raw<{ rows: { locked_until: Date | null }[] }>(
    `insert into login_throttle as t (address_hash, failed_count, locked_until, updated_at)
       values (:hash, case when 1 >= :max then 0 else 1 end, case when 1 >= :max then now() + make_interval(mins => :minutes) else null end, now())
     on conflict (address_hash) do update set
       failed_count = case when t.failed_count + 1 >= :max then 0 else t.failed_count + 1 end,
       locked_until = case when t.failed_count + 1 >= :max then now() + make_interval(mins => :minutes) else null end,
       updated_at = now()
       where t.locked_until is null or t.locked_until <= now()
     returning t.locked_until`,
    { hash: addressHash, max: limit.maxFailures, minutes: limit.minutes },
  );
  if (Math.random() < 0.01) void db.raw(`delete from login_throttle where updated_at < now() - interval '1 day'`).catch(() => {});
  if (rows[0]) return { locked: false, locksNow: rows[0].locked_until !== null };
  const current = (await db.raw<{ rows: { locked_until: Date | null }[] }>(`select locked_until from login_throttle where address_hash = ?`, [addressHash])).rows[0];
  return { locked: true, lockedUntil: current?.locked_until ?? new Date(Date.now() + limit.minutes * 60_000) };
}

export async function recordSuccessfulLogin(db: Db, id: string): Promise<void> {
  await User.query(db).findById(id).patch({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: db.fn.now() });
}

export async function markUserEmailVerified(db: Db, id: string): Promise<void> {
  await User.query(db).findById(id).whereNull('emailVerifiedAt').patch({ emailVerifiedAt: db.fn.now() });
}

/**
 * A new password also clears a lockout, and starts a new session generation: every access token issued before
 * stops working. Answers the new generation.
 */
export async function updateUserPassword(db: Db, id: string, passwordHash: string): Promise<number> {
  const row = (await User.query(db)
    .findById(id)
    .patch({ passwordHash, failedLoginCount: 0, lockedUntil: null, sessionGeneration: User.raw('session_generation + 1'), updatedAt: db.fn.now() })
    .returning('sessionGeneration')) as unknown as Pick<User, 'sessionGeneration'>;
  return row.sessionGeneration;
}

/** Locks the user row for the rest of the transaction. */
export async function lockUser(db: Db, id: string): Promise<Pick<User, 'id' | 'status' | 'email'> | undefined> {
  return User.query(db).findById(id).forUpdate().select('id', 'status', 'email');
}

/** Ends a login lockout now (support unlocking an account); answers the lock it had, if any. */
export async function unlockUser(db: Db, id: string): Promise<Date | null> {
  const before = await User.query(db).findById(id).forUpdate().select('lockedUntil');
  await User.query(db).findById(id).patch({ failedLoginCount: 0, lockedUntil: null, updatedAt: db.fn.now() });
  return before?.lockedUntil ?? null;
}

export async function updateUserStatus(db: Db, id: string, status: UserStatus): Promise<void> {
  await User.query(db).findById(id).patch({ status, updatedAt: db.fn.now() });
}

// ---------------------------------------------------------------------------------------------------------
// The ops console's user list (joins staff_grants and counts workspace_members)
// ---------------------------------------------------------------------------------------------------------

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  emailVerifiedAt: Date | null;
  lastLoginAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  staffRole: StaffRoleName | null;
  workspaceCount: number;
}

export interface AdminUserFilter {
  id?: string | string[];
  /** Contained in the e-mail address or the name, case-insensitively. */
  q?: string;
  staffRole?: StaffRoleName | 'none';
  status?: UserStatus;
}

const WORKSPACE_COUNT_SQL = '(select count(*)::int from workspace_members wm where wm.user_id = u.id)';

export const ADMIN_USER_SORT = {
  id: 'u.id',
  email: 'lower(u.email)',
  name: 'lower(u.name)',
  status: 'u.status',
  createdAt: 'u.created_at',
  updatedAt: 'u.updated_at',
  lastLoginAt: 'u.last_login_at',
  emailVerifiedAt: 'u.email_verified_at',
  staffRole: 'sg.role',
  workspaceCount: WORKSPACE_COUNT_SQL,
} as const;

const adminUserQuery = (db: Db) => db('users as u').leftJoin('staff_grants as sg', 'sg.userId', 'u.id');
const selectAdminUser = (db: Db) => (q: ReturnType<typeof adminUserQuery>) =>
  q.select(
    'u.id',
    'u.email',
    'u.name',
    'u.status',
    'u.emailVerifiedAt',
    'u.lastLoginAt',
    'u.lockedUntil',
    'u.createdAt',
    'u.updatedAt',
    'sg.role as staffRole',
    db.raw(`${WORKSPACE_COUNT_SQL} as workspace_count`),
  );

export async function listUsersForAdmin(db: Db, filter: AdminUserFilter, page: PageRequest): Promise<Page<AdminUserRow>> {
  const query = adminUserQuery(db);
  if (filter.id) query.whereIn('u.id', asList(filter.id));
  if (filter.q) {
    const pattern = likeContains(filter.q);
    query.where((w) => w.whereILike('u.email', pattern).orWhereILike('u.name', pattern));
  }
  if (filter.staffRole === 'none') query.whereNull('sg.role');
  else if (filter.staffRole) query.where('sg.role', filter.staffRole);
  if (filter.status) query.where('u.status', filter.status);
  return fetchPage<AdminUserRow>(query, page, ADMIN_USER_SORT, selectAdminUser(db), 'u.id');
}

export async function findUserForAdmin(db: Db, id: string): Promise<AdminUserRow | undefined> {
  return (await selectAdminUser(db)(adminUserQuery(db).where('u.id', id)).first()) as AdminUserRow | undefined;
}

registerModel('User', User);
