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
import { accountRoutes } from './account/account.routes';
import { teamRoutes } from './teams/teams.routes';
import { memberRoutes } from './members/members.routes';
import { invitationRoutes } from './invitations/invitations.routes';
import { activityRoutes } from './activity/activity.routes';
import { tokenRoutes } from './tokens/tokens.routes';
import { adminUserRoutes } from './admin/users/users.routes';
import { staffGrantRoutes } from './admin/users/staff-grants.routes';
import { auditLogRoutes } from './admin/audit-logs/audit-logs.routes';
import { systemLogRoutes } from './admin/system-logs/system-logs.routes';
import { adminRunRoutes } from './admin/runs/runs.routes';
import { outboxRoutes } from './admin/outbox/outbox.routes';
import { repositoryRoutes } from './repositories/repositories.routes';
import { repositorySettingsRoutes } from './repositories/repository-settings.routes';
import { runRoutes } from './runs/runs.routes';
import { findingRoutes } from './findings/findings.routes';
import { ruleRoutes } from './rules/rules.routes';
import { webhookRoutes } from './webhooks/webhooks.routes';
import { fixRoutes } from './fixes/fixes.routes';
import { subscriptionRoutes } from './billing/subscriptions.routes';
import { billingRoutes } from './billing/billing.routes';
import { adminBillingRoutes } from './admin/billing/billing.routes';
import { githubAppRoutes } from './github-app/github-app.routes';
import { searchRoutes } from './search/search.routes';
import { savedSearchRoutes } from './search/saved-searches.routes';
import { searchIndexRoutes, staffSearchRoutes } from './search/staff-search.routes';
import { analyticsRoutes } from './analytics/analytics.routes';
import { adminAnalyticsRoutes } from './admin/analytics/analytics.routes';
import { supportRoutes } from './support/support.routes';
import { adminTicketRoutes } from './admin/support/tickets.routes';
import { cannedResponseRoutes } from './admin/support/canned-responses.routes';
import { systemRoutes } from './admin/system/system.routes';
import { impersonationRoutes } from './admin/impersonation/impersonation.routes';
import { adminWorkspaceRoutes } from './admin/workspaces/workspaces.routes';
import { dashboardRoutes } from './admin/dashboard/dashboard.routes';
import { settingsRoutes } from './admin/settings/settings.routes';


/** Every route of the API, as data. Tests walk this list; so does the OpenAPI generator. */
export const allRoutes: RouteSpec[] = [
  ...healthRoutes,
  ...probeRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...teamRoutes,
  ...memberRoutes,
  ...invitationRoutes,
  ...activityRoutes,
  ...tokenRoutes,
  ...adminUserRoutes,
  ...staffGrantRoutes,
  ...auditLogRoutes,
  ...systemLogRoutes,
  ...adminRunRoutes,
  ...outboxRoutes,
  ...repositoryRoutes,
  ...repositorySettingsRoutes,
  ...runRoutes,
  ...findingRoutes,
  ...ruleRoutes,
  ...webhookRoutes,
  ...fixRoutes,
  ...subscriptionRoutes,
  ...billingRoutes,
  ...adminBillingRoutes,
  ...githubAppRoutes,
  ...savedSearchRoutes,
  ...searchRoutes,
  ...staffSearchRoutes,
  ...searchIndexRoutes,
  ...analyticsRoutes,
  ...adminAnalyticsRoutes,
  ...supportRoutes,
  ...adminTicketRoutes,
  ...cannedResponseRoutes,
  ...systemRoutes,
  ...impersonationRoutes,
  ...adminWorkspaceRoutes,
  ...dashboardRoutes,
  ...settingsRoutes,
];

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Which proxy hops may set X-Forwarded-For (client IPs feed rate limits and the audit log).
  app.set('trust proxy', /^\d+$/.test(deps.config.TRUST_PROXY) ? Number(deps.config.TRUST_PROXY) : deps.config.TRUST_PROXY);
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
  // JSON bodies are capped at 1 MB. Routes with a larger limit (SARIF uploads) parse their own body after
  // authentication; webhook routes read their raw body themselves (signatures are over the exact bytes).
  const ownBody = allRoutes.filter((r) => r.jsonBodyLimit || r.rawBody).map((r) => ({ method: r.method.toUpperCase(), re: new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`) }));
  app.use(express.json({ limit: '1mb', type: (req) => /json/i.test(String(req.headers['content-type'] ?? '')) && !ownBody.some((o) => o.method === req.method && o.re.test((req.url ?? '').split('?')[0]!)) }));

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
