import type { Response } from 'express';
import { findTierById, hitRateLimits, pruneRateLimits } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { TooManyRequestsError } from '../http/errors';
import { subscriptionOf } from './billing.service';

// Per-tier API rate limits for API tokens (CI and scripts; the portal's sessions are not metered): each token, and
// each workspace across all its tokens, may make the tier's requests per minute. Counted in Postgres, so several API
// processes agree. Answers carry the IETF RateLimit-* headers; over the limit, 429 with Retry-After.

const TIER_TTL_MS = 30_000;
const limits = new Map<string, { limit: number; at: number }>();

async function limitOf(deps: AppDeps, workspaceId: string): Promise<number> {
  const cached = limits.get(workspaceId);
  if (cached && Date.now() - cached.at < TIER_TTL_MS) return cached.limit;
  const sub = await subscriptionOf(deps, workspaceId);
  const limit = (await findTierById(deps.knex, sub.tierId))?.apiRequestsPerMinute ?? 60;
  if (limits.size > 10_000) limits.clear();
  limits.set(workspaceId, { limit, at: Date.now() });
  return limit;
}

export async function enforceApiRateLimit(deps: AppDeps, auth: AuthContext | undefined, res: Response): Promise<void> {
  if (!auth || auth.via !== 'api_token' || !auth.tokenWorkspaceId || !auth.tokenId) return;
  const limit = await limitOf(deps, auth.tokenWorkspaceId);
  const counts = await hitRateLimits(deps.knex, [`token:${auth.tokenId}`, `workspace:${auth.tokenWorkspaceId}`]);
  const used = Math.max(...counts.map((c) => c.count));
  const resetSeconds = Math.max(1, Math.ceil((Math.min(...counts.map((c) => c.resetAt.getTime())) - Date.now()) / 1000));
  res.setHeader('RateLimit-Policy', `${limit};w=60`);
  res.setHeader('RateLimit-Limit', String(limit));
  res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - used)));
  res.setHeader('RateLimit-Reset', String(resetSeconds));
  if (Math.random() < 0.002) void pruneRateLimits(deps.knex).catch(() => {});
  if (used > limit) {
    throw new TooManyRequestsError(`This workspace's plan allows ${limit} API requests a minute per token and per workspace. Try again in ${resetSeconds} seconds, or upgrade for a higher limit.`, resetSeconds);
  }
}

export function clearApiRateLimitCache() {
  limits.clear();
}
