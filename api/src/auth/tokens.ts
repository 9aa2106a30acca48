import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthorizedError } from '../http/errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** Opaque secrets (refresh, API, reset, invitation tokens) are random and stored only as SHA-256. */
export function newOpaqueToken(kind: 'rt' | 'pat' | 'ott' | 'inv'): string {
  return `argus_${kind}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export async function signAccessToken(secret: string, userId: string, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(now + ACCESS_TOKEN_TTL_SECONDS * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer('argus')
    .setAudience('argus-api')
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(new TextEncoder().encode(secret));
  return { token, expiresAt };
}

export async function verifyAccessToken(secret: string, token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer: 'argus',
      audience: 'argus-api',
    });
    if (!payload.sub) throw new UnauthorizedError('The access token has no subject.');
    return payload.sub;
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The access token has expired. Refresh it or log in again.');
    if (err instanceof UnauthorizedError) throw err;
    throw new UnauthorizedError('The access token is not valid.');
  }
}
