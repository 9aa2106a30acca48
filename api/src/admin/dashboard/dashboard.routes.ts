import { z } from 'zod';
import { readDashboardMetrics } from '@argus/db';
import { defineRoute } from '../../http/route';
import { staffCan } from '../../access/permissions';
import { SLA_TARGET_MINUTES } from '../../support/tickets.service';
import { checkDependencies } from '../../health/health.checks';
import { maintenanceState } from '../../maintenance/maintenance';

// The console's dashboard: key metrics, health, alerts and recent activity; each part only for roles that may see it.

const ZDashboard = z.object({
  users: z.object({ total: z.number().int(), newLast7Days: z.number().int(), suspended: z.number().int() }),
  workspaces: z.number().int(),
  subscriptions: z.object({ active: z.number().int(), trial: z.number().int(), pastDue: z.number().int(), mrrCents: z.number().int() }).nullable(),
  tickets: z.object({ open: z.number().int(), inProgress: z.number().int(), unassigned: z.number().int(), slaBreached: z.number().int() }).nullable(),
  runs: z.object({
    today: z.number().int(),
    failedToday: z.number().int(),
    running: z.number().int(),
    perDay: z.array(z.object({ day: z.string(), runs: z.number().int(), completed: z.number().int(), failed: z.number().int() })).meta({ description: 'The last 14 UTC days, oldest first, each present' }),
  }),
  health: z.object({ status: z.enum(['ok', 'degraded', 'unavailable']), down: z.array(z.string()) }).nullable(),
  maintenance: z.object({ enabled: z.boolean(), message: z.string() }),
  alerts: z.array(z.object({ severity: z.enum(['error', 'warning', 'info']), message: z.string(), link: z.string().nullable() })),
  recentActivity: z
    .array(z.object({ id: z.number(), action: z.string(), actorName: z.string().nullable(), actorKind: z.string(), resourceType: z.string(), createdAt: z.string() }))
    .nullable(),
});

export const dashboardRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/dashboard',
    summary: 'Key metrics (users, active subscriptions, MRR, open tickets, runs today), health, alerts and recent activity',
    tags: ['admin'],
    auth: 'staff',
    responses: { 200: { description: 'the dashboard', schema: ZDashboard } },
    handler: async ({ deps, auth }) => {
      const role = auth.staffRole!;
      const seesSystem = staffCan(role, 'system:read');
      const [m, checks, maintenance] = await Promise.all([
        readDashboardMetrics(deps.knex, SLA_TARGET_MINUTES),
        seesSystem ? checkDependencies(deps, { includeOptional: true }) : Promise.resolve(null),
        maintenanceState(deps),
      ]);
      const down = checks?.filter((c) => c.status === 'down').map((c) => c.name) ?? [];
      const required = checks?.filter((c) => c.name === 'postgres' || c.name === 'temporal') ?? [];
      const seesMoney = staffCan(role, 'billing:manage') || staffCan(role, 'analytics:read');
      const seesTickets = staffCan(role, 'support:manage');
      const alerts: { severity: 'error' | 'warning' | 'info'; message: string; link: string | null }[] = [];
      if (maintenance.enabled) alerts.push({ severity: 'warning', message: `Maintenance mode is on: ${maintenance.message}`, link: '/system' });
      if (down.length) alerts.push({ severity: required.some((c) => c.status !== 'ok') ? 'error' : 'warning', message: `Down: ${down.join(', ')}`, link: '/system' });
      if (seesTickets && m.tickets.slaBreached) alerts.push({ severity: 'warning', message: `${m.tickets.slaBreached} ticket(s) past their first-response target`, link: '/tickets' });
      if (seesMoney && m.subscriptions.pastDue) alerts.push({ severity: 'info', message: `${m.subscriptions.pastDue} subscription(s) past due`, link: '/subscriptions' });
      if (m.runs.failedToday) alerts.push({ severity: 'info', message: `${m.runs.failedToday} run(s) failed today`, link: staffCan(role, 'system:read') ? '/runs' : null });
      return {
        users: m.users,
        workspaces: m.workspaces,
        subscriptions: seesMoney ? m.subscriptions : null,
        tickets: seesTickets ? m.tickets : null,
        runs: m.runs,
        health: checks ? { status: required.some((c) => c.status !== 'ok') ? 'unavailable' : down.length ? 'degraded' : 'ok', down } : null,
        maintenance: { enabled: maintenance.enabled, message: maintenance.message },
        alerts,
        recentActivity: staffCan(role, 'audit:read') ? m.recentActivity : null,
      };
    },
  }),
];
