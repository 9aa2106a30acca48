import { z } from 'zod';
import { defineRoute } from '../http/route';
import { checkDependencies } from './health.checks';

const ZCheck = z.object({
  name: z.string(),
  status: z.enum(['ok', 'down', 'not_configured']),
  latencyMs: z.number().nullable(),
  detail: z.string(),
});
const ZHealth = z.object({ status: z.enum(['ok', 'degraded', 'unavailable']), checks: z.array(ZCheck) });

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['health'],
    auth: 'public',
    responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: () => ({ status: 'ok' }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: Postgres and Temporal answer',
    tags: ['health'],
    auth: 'public',
    responses: { 200: { description: 'ready', schema: ZHealth }, 503: { description: 'a dependency is down', schema: ZHealth } },
    handler: async ({ deps, res }) => {
      const checks = await checkDependencies(deps, { includeOptional: false });
      const ready = checks.every((c) => c.status === 'ok');
      res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/health',
    summary: 'Status of every dependency, for the console system page',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    responses: { 200: { description: 'dependency status', schema: ZHealth } },
    handler: async ({ deps }) => {
      const checks = await checkDependencies(deps, { includeOptional: true });
      const required = checks.filter((c) => c.name === 'postgres' || c.name === 'temporal');
      const status = required.some((c) => c.status !== 'ok') ? 'unavailable' : checks.some((c) => c.status === 'down') ? 'degraded' : 'ok';
      return { status, checks };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/public-config',
    summary: 'Settings the browser apps need before login',
    tags: ['health'],
    auth: 'public',
    responses: {
      200: {
        description: 'public settings',
        schema: z.object({ sentryDsn: z.string().nullable(), environment: z.string(), release: z.string(), temporalUiUrl: z.string() }),
      },
    },
    handler: ({ deps }) => ({
      sentryDsn: process.env.SENTRY_BROWSER_DSN ?? deps.config.SENTRY_DSN ?? null,
      environment: deps.config.environment,
      release: deps.config.release,
      temporalUiUrl: deps.config.TEMPORAL_UI_URL,
    }),
  }),
];
