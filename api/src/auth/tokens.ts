import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthorizedError } from '../http/errors';

const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Opaque secrets (refresh, API, reset, invitation tokens) are random and stored only as SHA-256. Every kind is
 * `argus_<kind>_…`; activities/src/platform/scrub.ts and the console's outbox mask each of them.
 */
const OPAQUE_TOKEN_KINDS = ['rt', 'pat', 'ott', 'inv'] as const;
export function newOpaqueToken(kind: (typeof OPAQUE_TOKEN_KINDS)[number]): string {
  return `argus_${kind}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Claims beyond the standard ones: `sid`, the login session (refresh-token family) the token was issued to, so
 * ending that session ends the token too; `gen`, the user's session generation, so a password change or reset
 * ends every token issued before it. Tokens without them (test fixtures, scripts) belong to no session and to
 * generation 0.
 */
interface AccessClaims {
  sessionId?: string;
  generation?: number;
  /** `imp`: the impersonation session (api/src/admin/impersonation) the token acts under; it ends with it. */
  impersonationId?: string;
  /** An impersonation token lives until its session's end instead of the usual 15 minutes. */
  expiresAt?: Date;
}

export async function signAccessToken(secret: string, userId: string, now = Date.now(), claims: AccessClaims = {}): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = claims.expiresAt ?? new Date(now + ACCESS_TOKEN_TTL_SECONDS * 1000);
  const token = await new SignJWT({
    ...(claims.sessionId ? { sid: claims.sessionId } : {}),
    ...(claims.generation ? { gen: claims.generation } : {}),
    ...(claims.impersonationId ? { imp: claims.impersonationId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer('argus')
    .setAudience('argus-api')
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(new TextEncoder().encode(secret));
  return { token, expiresAt };
}

interface VerifiedAccessToken {
  userId: string;
  sessionId?: string;
  generation: number;
  impersonationId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function verifyAccessToken(secret: string, token: string): Promise<VerifiedAccessToken> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer: 'argus',
      audience: 'argus-api',
    });
    if (!payload.sub) throw new UnauthorizedError('The access token has no subject.');
    const { sid, gen, imp } = payload as { sid?: unknown; gen?: unknown; imp?: unknown };
    const badId = (v: unknown) => v !== undefined && (typeof v !== 'string' || !UUID.test(v));
    if (badId(sid) || badId(imp) || (gen !== undefined && !Number.isSafeInteger(gen))) {
      throw new UnauthorizedError('The access token is not valid.');
    }
    return { userId: payload.sub, sessionId: sid as string | undefined, generation: (gen as number | undefined) ?? 0, ...(imp ? { impersonationId: imp as string } : {}) };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The access token has expired. Refresh it or log in again.');
    if (err instanceof UnauthorizedError) throw err;
    throw new UnauthorizedError('The access token is not valid.');
  }
}
