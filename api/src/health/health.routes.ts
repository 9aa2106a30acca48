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
const ZPublicHealth = z.object({ status: z.enum(['ok', 'degraded', 'unavailable']), checks: z.array(ZCheck.omit({ detail: true })) });
const REQUIRED = new Set(['postgres', 'temporal']);

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
    summary: 'Readiness: Postgres and Temporal answer (the worker is reported, not required)',
    tags: ['health'],
    auth: 'public',
    responses: { 200: { description: 'ready', schema: ZPublicHealth }, 503: { description: 'a dependency is down', schema: ZPublicHealth } },
    handler: async ({ deps, res }) => {
      const checks = await checkDependencies(deps, { includeOptional: false });
      const ready = checks.filter((c) => REQUIRED.has(c.name)).every((c) => c.status === 'ok');
      const status = !ready ? 'unavailable' : checks.every((c) => c.status === 'ok') ? 'ok' : 'degraded';
      // Anyone may call this: names and states only, never a dependency's error text (staff see it in the console).
      res.status(ready ? 200 : 503).json({ status, checks: checks.map(({ name, status: s, latencyMs }) => ({ name, status: s, latencyMs })) });
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
      const required = checks.filter((c) => REQUIRED.has(c.name));
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
        schema: z.object({
          sentryDsn: z.string().nullable(),
          environment: z.string(),
          release: z.string(),
          temporalUiUrl: z.string(),
          // The browser apps' Sentry sampling (SENTRY_SAMPLE_RATE, SENTRY_TRACES_SAMPLE_RATE, SENTRY_REPLAY_*).
          sentrySampleRate: z.number(),
          sentryTracesSampleRate: z.number(),
          sentryReplaySampleRate: z.number(),
          sentryReplayOnErrorSampleRate: z.number(),
        }),
      },
    },
    handler: ({ deps }) => ({
      sentryDsn: process.env.SENTRY_BROWSER_DSN ?? deps.config.SENTRY_DSN ?? null,
      environment: deps.config.environment,
      release: deps.config.release,
      temporalUiUrl: deps.config.TEMPORAL_UI_URL,
      sentrySampleRate: deps.config.SENTRY_SAMPLE_RATE,
      sentryTracesSampleRate: deps.config.SENTRY_TRACES_SAMPLE_RATE,
      sentryReplaySampleRate: deps.config.SENTRY_REPLAY_SAMPLE_RATE,
      sentryReplayOnErrorSampleRate: deps.config.SENTRY_REPLAY_ON_ERROR_SAMPLE_RATE,
    }),
  }),
];
