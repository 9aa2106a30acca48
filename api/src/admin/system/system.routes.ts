import { z } from 'zod';
import { writeMaintenanceState } from '@argus/db';
import { defineRoute } from '../../http/route';
import { ZInstant } from '../../openapi/schemas';
import { recordActivity } from '../../audit/activity-log';
import { checkDependencies } from '../../health/health.checks';
import { forgetMaintenanceState, maintenanceState } from '../../maintenance/maintenance';
import { systemLogRoutes } from '../system-logs/system-logs.routes';
import { performanceReport } from './performance';

// The console's System Monitoring page: health of every dependency and the worker, logs, performance, and the
// maintenance switch.

const REQUIRED = new Set(['postgres', 'temporal']);

const ZMaintenance = z
  .object({
    enabled: z.boolean(),
    message: z.string(),
    retryAfterSeconds: z.number().int(),
    since: ZInstant.nullable(),
    changedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'MaintenanceState' });

const ZPublicMaintenance = z.object({ enabled: z.boolean(), message: z.string(), retryAfterSeconds: z.number().int(), since: ZInstant.nullable() }).meta({ id: 'MaintenanceNotice' });

const ZPerformance = z.object({
  generatedAt: ZInstant,
  uptimeSeconds: z.number().int(),
  routes: z.array(
    z.object({
      method: z.string(),
      route: z.string(),
      requests: z.number(),
      errors: z.number(),
      errorRate: z.number(),
      requestsPerMinute: z.number(),
      avgLatencyMs: z.number(),
      p95LatencyMs: z.number().nullable(),
    }),
  ),
  series: z.array(z.object({ at: ZInstant, requestsPerSecond: z.number(), errorRate: z.number(), avgLatencyMs: z.number().nullable() })),
  temporal: z.object({ available: z.boolean(), running: z.number().nullable(), failed24h: z.number().nullable(), timedOut24h: z.number().nullable(), detail: z.string().nullable() }),
  database: z.object({
    databaseBytes: z.number(),
    tables: z.array(z.object({ name: z.string(), totalBytes: z.number(), rows: z.number() })),
    slowQueries: z.array(z.object({ pid: z.number(), durationMs: z.number(), state: z.string(), query: z.string(), applicationName: z.string() })),
    connections: z.object({ total: z.number(), active: z.number() }),
  }),
});

async function maintenanceView(deps: Parameters<typeof maintenanceState>[0]) {
  const s = await maintenanceState(deps);
  return {
    enabled: s.enabled,
    message: s.message,
    retryAfterSeconds: s.retryAfterSeconds,
    since: s.startedAt,
    changedBy: s.changedBy ? { id: s.changedBy, name: s.changedByName } : null,
  };
}

const [systemLogList] = systemLogRoutes;

export const systemRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/system/health',
    summary: 'Every dependency and the worker, with latency and detail',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    responses: {
      200: {
        description: 'dependency status',
        schema: z.object({
          status: z.enum(['ok', 'degraded', 'unavailable']),
          checks: z.array(z.object({ name: z.string(), status: z.enum(['ok', 'down', 'not_configured']), latencyMs: z.number().nullable(), detail: z.string() })),
          maintenance: ZMaintenance,
        }),
      },
    },
    handler: async ({ deps }) => {
      const [checks, maintenance] = await Promise.all([checkDependencies(deps, { includeOptional: true }), maintenanceView(deps)]);
      const required = checks.filter((c) => REQUIRED.has(c.name));
      const status = required.some((c) => c.status !== 'ok') ? 'unavailable' : checks.some((c) => c.status === 'down') ? 'degraded' : 'ok';
      return { status, checks, maintenance };
    },
  }),
  // The same listing as the console's system-logs resource, at seed 004's path.
  { ...systemLogList!, path: '/api/admin/system/logs' },
  defineRoute({
    method: 'get',
    path: '/api/admin/system/performance',
    summary: "Request rates and latencies by route (this API process's metrics), Temporal backlog and failures, database size and slow statements",
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    responses: { 200: { description: 'performance', schema: ZPerformance } },
    handler: ({ deps }) => performanceReport(deps),
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/system/maintenance',
    summary: 'Whether maintenance mode is on, since when, by whom',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    responses: { 200: { description: 'the maintenance state', schema: ZMaintenance } },
    handler: ({ deps }) => maintenanceView(deps),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/system/maintenance',
    summary: 'Switch maintenance mode on (non-staff writes get 503 with the message and Retry-After) or off',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:manage',
    body: z
      .object({
        enabled: z.boolean(),
        message: z.string().trim().max(500).default(''),
        retryAfterSeconds: z.number().int().min(1).max(86_400).default(300),
      })
      .refine((b) => !b.enabled || b.message.length > 0, { path: ['message'], message: 'must say what is happening when maintenance is switched on' }),
    successStatus: 200,
    responses: { 200: { description: 'the maintenance state', schema: ZMaintenance } },
    handler: async ({ deps, req, auth, body }) => {
      await deps.knex.transaction(async (trx) => {
        const before = await writeMaintenanceState(trx, { ...body, changedBy: auth.userId });
        await recordActivity(trx, req, {
          action: body.enabled ? 'system.maintenance_on' : 'system.maintenance_off',
          resourceType: 'system',
          resourceId: 'maintenance',
          before,
          after: body,
        });
      });
      forgetMaintenanceState(deps);
      return maintenanceView(deps);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/maintenance',
    summary: 'Maintenance notice for the portal banner (public: shown before login too)',
    tags: ['health'],
    auth: 'public',
    responses: { 200: { description: 'the notice', schema: ZPublicMaintenance } },
    handler: async ({ deps }) => {
      const s = await maintenanceState(deps);
      return { enabled: s.enabled, message: s.enabled ? s.message : '', retryAfterSeconds: s.retryAfterSeconds, since: s.enabled ? s.startedAt : null };
    },
  }),
];
