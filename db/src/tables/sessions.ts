import { Model, type JSONSchema, type Modifiers } from 'objection';
import type { Db } from '../knex';
import { User } from './users';

// Owner of the login-session secrets: `refresh_tokens` (rotating, in families) and `one_time_tokens` (e-mail
// verification and password-reset links). Secrets are stored only as hashes. Nothing else writes these tables.

export type RevokeReason = 'logout' | 'reuse_detected' | 'password_reset' | 'password_changed' | 'session_ended' | 'user_suspended' | 'lost_answer';

export class RefreshToken extends Model {
  static tableName = 'refresh_tokens';
  id!: string;
  userId!: string;
  familyId!: string;
  tokenHash!: string;
  expiresAt!: Date;
  rotatedAt!: Date | null;
  revokedAt!: Date | null;
  revokedReason!: string | null;
  ip!: string | null;
  userAgent!: string | null;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      userId: { type: 'string' },
      familyId: { type: 'string' },
      tokenHash: { type: 'string', minLength: 1 },
      revokedReason: { type: ['string', 'null'] },
      ip: { type: ['string', 'null'] },
      userAgent: { type: ['string', 'null'] },
    },
  };

  static modifiers: Modifiers = {
    /** Not rotated, not revoked and not expired. */
    usable(query) {
      query.whereNull('rotatedAt').whereNull('revokedAt').where('expiresAt', '>', query.knex().fn.now());
    },
    unrevoked(query) {
      query.whereNull('revokedAt');
    },
  };

  static relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'refresh_tokens.userId', to: 'users.id' } },
  });
}

export type OneTimeTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export class OneTimeToken extends Model {
  static tableName = 'one_time_tokens';
  id!: string;
  userId!: string;
  purpose!: OneTimeTokenPurpose;
  tokenHash!: string;
  /** For 'change_email': the address the user asked to change to. */
  newEmail!: string | null;
  expiresAt!: Date;
  usedAt!: Date | null;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      userId: { type: 'string' },
      purpose: { type: 'string', enum: ['verify_email', 'reset_password', 'change_email'] },
      newEmail: { type: ['string', 'null'] },
      tokenHash: { type: 'string', minLength: 1 },
    },
  };

  static modifiers: Modifiers = {
    unused(query) {
      query.whereNull('usedAt');
    },
  };

  static relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'one_time_tokens.userId', to: 'users.id' } },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Refresh tokens
// ---------------------------------------------------------------------------------------------------------

export async function insertRefreshToken(
  db: Db,
  input: { userId: string; familyId: string; tokenHash: string; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await RefreshToken.query(db).insert(input);
}

/** Marks a usable token rotated; only one caller can win. Returns its user and family, or undefined. */
export async function rotateRefreshToken(db: Db, tokenHash: string): Promise<Pick<RefreshToken, 'userId' | 'familyId'> | undefined> {
  const [rotated] = await RefreshToken.query(db).where({ tokenHash }).modify('usable').patch({ rotatedAt: db.fn.now() }).returning(['userId', 'familyId']);
  return rotated;
}

/**
 * A token rotated less than `graceMs` ago whose direct successor was never used: the answer to that refresh was lost
 * (a reload in the middle of it). The successor is revoked as `lost_answer` in the token's place, so the family never
 * has two live tokens, a token is forgiven once, and the lost successor showing up later counts as a leak.
 */
export async function rotateLostSuccessor(db: Db, tokenHash: string, graceMs: number): Promise<Pick<RefreshToken, 'userId' | 'familyId'> | undefined> {
  const prior = await RefreshToken.query(db)
    .where({ tokenHash })
    .whereNull('revokedAt')
    .whereNotNull('rotatedAt')
    .where('rotatedAt', '>', db.raw('now() - make_interval(secs => ?)', [graceMs / 1000]))
    .first();
  if (!prior) return undefined;
  const successor = await RefreshToken.query(db).where({ familyId: prior.familyId }).where('createdAt', '>=', prior.rotatedAt!).orderBy('createdAt').orderBy('id').first();
  if (!successor) return undefined;
  const [rotated] = await RefreshToken.query(db)
    .where({ id: successor.id })
    .modify('usable')
    .patch({ rotatedAt: db.fn.now(), revokedAt: db.fn.now(), revokedReason: 'lost_answer' satisfies RevokeReason })
    .returning(['userId', 'familyId']);
  return rotated;
}

export async function findRefreshTokenByHash(db: Db, tokenHash: string): Promise<RefreshToken | undefined> {
  return RefreshToken.query(db).where({ tokenHash }).first();
}

/** Ends every session of one login (all tokens descended from it). */
export async function revokeRefreshTokenFamily(db: Db, familyId: string, reason: RevokeReason): Promise<void> {
  await RefreshToken.query(db).where({ familyId }).modify('unrevoked').patch({ revokedAt: db.fn.now(), revokedReason: reason });
}

/** Ends every session of a user, or every one but `exceptFamilyId` (the caller's own). */
export async function revokeRefreshTokensOfUser(db: Db, userId: string, reason: RevokeReason, opts: { exceptFamilyId?: string } = {}): Promise<void> {
  const query = RefreshToken.query(db).where({ userId }).modify('unrevoked');
  if (opts.exceptFamilyId) query.whereNot('familyId', opts.exceptFamilyId);
  await query.patch({ revokedAt: db.fn.now(), revokedReason: reason });
}

/** Ends one session (refresh-token family) of this user; false when the user has no live session with that id. */
export async function revokeSessionOfUser(db: Db, userId: string, familyId: string, reason: RevokeReason): Promise<boolean> {
  const live = await RefreshToken.query(db).where({ userId, familyId }).modify('usable').first().select('id');
  if (!live) return false;
  await revokeRefreshTokenFamily(db, familyId, reason);
  return true;
}

export interface SessionListRow {
  /** The refresh-token family: one login, across all its rotations. */
  id: string;
  /** When the user logged in. */
  createdAt: Date;
  /** When the session last logged in or refreshed its access token. */
  lastUsedAt: Date;
  /** Of the latest login or refresh. */
  userAgent: string | null;
  ip: string | null;
}

/** The user's live sessions (a family with a usable token), most recently used first. */
export async function listSessionsOfUser(db: Db, userId: string): Promise<SessionListRow[]> {
  const live = db('refresh_tokens').where({ userId }).whereNull('rotatedAt').whereNull('revokedAt').where('expiresAt', '>', db.fn.now()).select('familyId');
  return (await db('refresh_tokens as rt')
    .where('rt.userId', userId)
    .whereIn('rt.familyId', live)
    .groupBy('rt.familyId')
    .select(
      'rt.familyId as id',
      db.raw('min(rt.created_at) as created_at'),
      db.raw('max(rt.created_at) as last_used_at'),
      db.raw('(array_agg(rt.user_agent order by rt.created_at desc))[1] as user_agent'),
      db.raw('(array_agg(rt.ip order by rt.created_at desc))[1] as ip'),
    )
    .orderBy('lastUsedAt', 'desc')) as SessionListRow[];
}

// ---------------------------------------------------------------------------------------------------------
// One-time tokens
// ---------------------------------------------------------------------------------------------------------

/** Stores a new link of a kind; earlier unused links of that kind for the user stop working. */
export async function replaceOneTimeToken(db: Db, input: { userId: string; purpose: OneTimeTokenPurpose; tokenHash: string; expiresAt: Date; newEmail?: string }): Promise<void> {
  await OneTimeToken.query(db).where({ userId: input.userId, purpose: input.purpose }).modify('unused').patch({ usedAt: db.fn.now() });
  await OneTimeToken.query(db).insert(input);
}

/** Single use and expiring: succeeds once, for an unexpired, unused token. Returns the user id, or undefined. */
export async function consumeOneTimeToken(db: Db, tokenHash: string, purpose: OneTimeTokenPurpose): Promise<string | undefined> {
  return (await consumeOneTimeTokenOfPurposes(db, tokenHash, [purpose]))?.userId;
}

/** The same for a link that may be of several kinds; answers what it was. */
export async function consumeOneTimeTokenOfPurposes(
  db: Db,
  tokenHash: string,
  purposes: OneTimeTokenPurpose[],
): Promise<Pick<OneTimeToken, 'userId' | 'purpose' | 'newEmail'> | undefined> {
  const [row] = (await OneTimeToken.query(db)
    .where({ tokenHash })
    .whereIn('purpose', purposes)
    .modify('unused')
    .where('expiresAt', '>', db.fn.now())
    .patch({ usedAt: db.fn.now() })
    .returning(['userId', 'purpose', 'newEmail'])) as unknown as Pick<OneTimeToken, 'userId' | 'purpose' | 'newEmail'>[];
  return row;
}

/** The user an unused, unexpired link belongs to, without using it up (to validate a request before consuming). */
export async function findUsableOneTimeToken(db: Db, tokenHash: string, purpose: OneTimeTokenPurpose): Promise<Pick<OneTimeToken, 'userId'> | undefined> {
  return OneTimeToken.query(db).where({ tokenHash, purpose }).modify('unused').where('expiresAt', '>', db.fn.now()).first().select('userId');
}
