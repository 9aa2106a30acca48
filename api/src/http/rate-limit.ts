import type { Request, Response, NextFunction } from 'express';
import { TooManyRequestsError } from './errors';

// Per-IP token bucket for unauthenticated endpoints. Account lockout (in Postgres) covers distributed guessing.
const state = new Map<string, { tokens: number; at: number }>();

export function rateLimit(name: 'auth', perMinute: number) {
  const capacity = perMinute;
  const refillPerSecond = perMinute / 60;
  return (req: Request, _res: Response, next: NextFunction) => {
    const key = `${name}:${req.ip}`;
    const now = Date.now();
    const s = state.get(key) ?? { tokens: capacity, at: now };
    s.tokens = Math.min(capacity, s.tokens + ((now - s.at) / 1000) * refillPerSecond);
    s.at = now;
    if (s.tokens < 1) {
      const wait = Math.ceil((1 - s.tokens) / refillPerSecond);
      throw new TooManyRequestsError(`Too many attempts from your address. Try again in ${wait} seconds.`, wait);
    }
    s.tokens -= 1;
    state.set(key, s);
    if (state.size > 50_000) state.clear();
    next();
  };
}
