import express, { type Express } from 'express';
import { randomUUID } from 'node:crypto';
import pinoHttp from 'pino-http';
import type { AppDeps } from './app-deps';
import { createErrorHandler } from './http/error-handler';
import { NotFoundError } from './http/errors';
import { mountRoutes } from './http/router';
import type { RouteSpec } from './http/route';
import { mountOpenApi } from './openapi/openapi';
import { healthRoutes } from './health/health.routes';
import { probeRoutes } from './probes/probes.routes';
import { authRoutes } from './auth/auth.routes';
import { teamRoutes } from './teams/teams.routes';
import { tokenRoutes } from './tokens/tokens.routes';
import { adminRoutes } from './admin/admin.routes';
import { staffGrantRoutes } from './admin/staff-grants.routes';
import { repositoryRoutes } from './repositories/repositories.routes';
import { runRoutes } from './runs/runs.routes';
import { findingRoutes } from './findings/findings.routes';
import { webhookRoutes } from './webhooks/webhooks.routes';
import { fixRoutes } from './fixes/fixes.routes';


/** Every route of the API, as data. Tests walk this list; so does the OpenAPI generator. */
export const allRoutes: RouteSpec[] = [
  ...healthRoutes,
  ...probeRoutes,
  ...authRoutes,
  ...teamRoutes,
  ...tokenRoutes,
  ...adminRoutes,
  ...staffGrantRoutes,
  ...repositoryRoutes,
  ...runRoutes,
  ...findingRoutes,
  ...webhookRoutes,
  ...fixRoutes,
];

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Which proxy hops may set X-Forwarded-For (client IPs feed rate limits and the audit log).
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'warn' : 'info'),
    }),
  );
  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer();
    res.on('finish', () => end({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }));
    next();
  });
  // SARIF uploads can be large; every other JSON body is capped at 1 MB.
  app.use(/^\/api\/runs\/[^/]+\/sarif$/, express.json({ limit: '50mb', type: ['application/json', 'application/*+json'] }));
  // Webhook routes read their raw body themselves (signatures are computed over the exact bytes).
  app.use(express.json({ limit: '1mb', type: (req) => !req.url?.startsWith('/webhooks/') && /json/i.test(String(req.headers['content-type'] ?? '')) }));

  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  app.use(mountRoutes(allRoutes, deps));
  mountOpenApi(app, allRoutes);

  app.use((req) => {
    throw new NotFoundError(`No route for ${req.method} ${req.path}.`);
  });
  app.use(createErrorHandler(deps));
  return app;
}
