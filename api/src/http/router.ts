import express, { Router, type Request, type Response, type NextFunction } from 'express';
import type { AppDeps } from '../app-deps';
import { RequestValidationError, zodIssuesToErrors } from './errors';
import type { RouteSpec } from './route';
import { authenticate, requireStaff } from '../auth/auth-context';
import { rateLimit } from './rate-limit';
import { findBadText } from './text-guard';
import { enforceApiRateLimit } from '../billing/api-rate-limits';
import { enforceImpersonationLimits, enforceMaintenance } from '../maintenance/maintenance';

function parsePart(schema: RouteSpec['params'] | RouteSpec['body'], value: unknown, where: string, problems: { path: string; message: string }[]) {
  const bad = findBadText(value, where);
  if (bad) {
    problems.push({ path: bad, message: 'must not contain NUL characters or broken Unicode (unpaired surrogates)' });
    return undefined;
  }
  if (!schema) return value;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    problems.push(...zodIssuesToErrors(result.error, where));
    return undefined;
  }
  return result.data;
}

/** Mounts route specs: authenticate, validate every part with zod, run the handler, answer JSON. */
export function mountRoutes(routes: RouteSpec[], deps: AppDeps): Router {
  const router = Router();
  for (const route of routes) {
    const handlers = [] as ((req: Request, res: Response, next: NextFunction) => unknown)[];
    // GitHub caps payloads at 25 MB; larger bodies get 413 before any work.
    if (route.rawBody) handlers.push(express.raw({ type: () => true, limit: '25mb' }));
    if (route.rateLimit) handlers.push(rateLimit(route.rateLimit, deps.config.AUTH_RATE_LIMIT_PER_MINUTE));
    // Authenticate before reading a large body, so nobody can make the API parse 50 MB without a valid login.
    handlers.push(async (req, res, next) => {
      const auth = route.auth === 'public' ? await authenticate(req, deps, { optional: true }) : await authenticate(req, deps);
      if (route.auth === 'staff') await requireStaff(auth!, route.staffPermission, deps);
      // Maintenance mode refuses non-staff writes before any body is read or any work done.
      await enforceMaintenance(deps, req, route.path, auth);
      enforceImpersonationLimits(req, route.path, auth);
      // API tokens are metered per tier (billing), in Postgres so that every API process agrees.
      await enforceApiRateLimit(deps, auth, res);
      res.locals.auth = auth;
      next();
    });
    if (route.jsonBodyLimit) handlers.push(express.json({ limit: route.jsonBodyLimit, type: ['application/json', 'application/*+json'] }));
    handlers.push(async (req, res) => {
      const auth = res.locals.auth as Awaited<ReturnType<typeof authenticate>>;
      const problems: { path: string; message: string }[] = [];
      const params = parsePart(route.params, req.params, 'params', problems);
      const query = parsePart(route.query, req.query, 'query', problems);
      const body = parsePart(route.body, req.body, 'body', problems);
      if (problems.length) throw new RequestValidationError(problems);
      const result = await route.handler({ req, res, params, query, body, auth: auth!, deps });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(route.successStatus ?? (route.method === 'post' ? 201 : 200)).json(result);
    });
    router[route.method](route.path, ...handlers);
  }
  return router;
}
