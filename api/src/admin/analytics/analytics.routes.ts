import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { platformDays, platformTopRules, queueDepth, revenueFigures, userGrowth } from '@argus/db';
import { SEVERITIES } from '@argus/workflows/contract';
import { defineRoute } from '../../http/route';
import { daysOf, resolveRange, ZDayParam } from '../../analytics/analytics-scope';
import { ZInstant, orNull } from '../../openapi/schemas';
import { workflowClient } from '../../temporal/workflow-client';
import { recordActivity } from '../../audit/activity-log';

// The ops console's platform analytics (seed 004): growth and engagement, platform load, revenue from the billing
// tables, and code quality across every workspace. Analytics staff (analytics_admin, super_admin) only.

const ZDay = z.string();
const int = () => z.number().int();
const rangeQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).optional(),
  from: ZDayParam.optional(),
  to: ZDayParam.optional(),
});
const ZRange = z.object({ from: ZDay, to: ZDay, days: int() });
const common = { tags: ['admin', 'analytics'], auth: 'staff' as const, staffPermission: 'analytics:platform' as const, query: rangeQuery };

const ZUsers = z
  .object({
    range: ZRange,
    totalUsers: int(),
    dau: int(),
    wau: int(),
    mau: int(),
    stickiness: z.number().meta({ description: 'DAU / MAU, 0–100' }),
    churnRate: z.number().meta({ description: 'Share of the people active 31–60 days ago who were not active in the last 30 days, 0–100' }),
    signups: z.array(z.object({ day: ZDay, count: int() })),
    activeByDay: z.array(z.object({ day: ZDay, count: int() })),
  })
  .meta({ id: 'AdminAnalyticsUsers' });

const ZPlatform = z
  .object({
    range: ZRange,
    totals: z.object({ runs: int(), completed: int(), failed: int(), findings: int(), newFindings: int(), fixedFindings: int(), fixesGenerated: int(), fixesMerged: int(), activeWorkspaces: int() }),
    queue: z.object({ runsQueued: int(), runsRunning: int(), fixesQueued: int(), fixesGenerating: int(), oldestQueuedAt: orNull(ZInstant) }),
    daily: z.array(z.object({ day: ZDay, runs: int(), completed: int(), failed: int(), findings: int(), fixesGenerated: int(), fixesMerged: int(), workspaces: int() })),
  })
  .meta({ id: 'AdminAnalyticsPlatform' });

const ZRevenue = z
  .object({
    range: ZRange,
    mrrCents: int(),
    arrCents: int(),
    payingSubscriptions: int(),
    trialSubscriptions: int(),
    byTier: z.array(z.object({ tier: z.string(), displayName: z.string(), subscriptions: int(), mrrCents: int() })),
    churnedMrrCents: int(),
    churnedSubscriptions: int(),
    expansionMrrCents: int(),
    contractionMrrCents: int(),
    netNewMrrCents: int().meta({ description: 'expansion − contraction − churned, in the window' }),
    collectedCents: int(),
    refundedCents: int(),
    invoicedByMonth: z.array(z.object({ month: z.string(), totalCents: int(), paidCents: int() })),
  })
  .meta({ id: 'AdminAnalyticsRevenue', description: 'Integer cents' });

const ZQuality = z
  .object({
    range: ZRange,
    daily: z.array(z.object({ day: ZDay, findings: int(), newFindings: int(), fixedFindings: int(), bySeverity: z.record(z.string(), int()) })),
    fixRate: z.number().meta({ description: 'Fixed findings per new finding in the window, 0–100' }),
    meanTimeToFixSeconds: orNull(int()),
    topRules: z.array(z.object({ ruleId: z.string(), category: z.string(), count: int(), repositories: int() })),
  })
  .meta({ id: 'AdminAnalyticsQuality' });

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const n = (v: unknown) => Number(v ?? 0);

function rangeOf(query: z.infer<typeof rangeQuery>) {
  const r = resolveRange(query);
  return { from: r.from, to: r.to, days: r.days };
}

/** Every day of the range, zero where the platform had nothing. */
function fill<T>(range: { from: string; to: string }, rows: { day: string }[], make: (row: Record<string, unknown> | undefined, day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r as Record<string, unknown>]));
  return daysOf(range.from, range.to).map((d) => make(byDay.get(d), d));
}

export const adminAnalyticsRoutes = [
  defineRoute({
    ...common,
    method: 'get',
    path: '/api/admin/analytics/users',
    summary: 'Growth (signups), engagement (DAU/WAU/MAU) and churn',
    responses: { 200: { description: 'user analytics', schema: ZUsers } },
    handler: async ({ deps, query }) => {
      const range = rangeOf(query);
      const g = await userGrowth(deps.knex, range, new Date());
      const churned = g.activePrevious30 - g.retainedFromPrevious30;
      return {
        range,
        totalUsers: g.totalUsers,
        dau: g.dau,
        wau: g.wau,
        mau: g.mau,
        stickiness: pct(g.dau, g.mau),
        churnRate: pct(churned, g.activePrevious30),
        signups: fill(range, g.signups, (r, day) => ({ day, count: n(r?.count) })),
        activeByDay: fill(range, g.activeByDay, (r, day) => ({ day, count: n(r?.count) })),
      };
    },
  }),
  defineRoute({
    ...common,
    method: 'get',
    path: '/api/admin/analytics/platform',
    summary: 'Runs, findings and fixes across every workspace, and what is waiting now',
    responses: { 200: { description: 'platform analytics', schema: ZPlatform } },
    handler: async ({ deps, query }) => {
      const range = rangeOf(query);
      const [days, queue] = await Promise.all([platformDays(deps.knex, range), queueDepth(deps.knex)]);
      const sum = (k: string) => days.reduce((s, d) => s + n((d as unknown as Record<string, unknown>)[k]), 0);
      return {
        range,
        totals: {
          runs: sum('runsTotal'),
          completed: sum('runsCompleted'),
          failed: sum('runsFailed'),
          findings: sum('findingsFound'),
          newFindings: sum('newFindings'),
          fixedFindings: sum('fixedFindings'),
          fixesGenerated: sum('fixesGenerated'),
          fixesMerged: sum('fixesMerged'),
          activeWorkspaces: Math.max(0, ...days.map((d) => d.workspaces)),
        },
        queue,
        daily: fill(range, days, (r, day) => ({
          day,
          runs: n(r?.runsTotal),
          completed: n(r?.runsCompleted),
          failed: n(r?.runsFailed),
          findings: n(r?.findingsFound),
          fixesGenerated: n(r?.fixesGenerated),
          fixesMerged: n(r?.fixesMerged),
          workspaces: n(r?.workspaces),
        })),
      };
    },
  }),
  defineRoute({
    ...common,
    method: 'get',
    path: '/api/admin/analytics/revenue',
    summary: 'MRR, ARR, MRR by tier, churned and expansion MRR, collected revenue (from subscriptions, tiers and invoices)',
    responses: { 200: { description: 'revenue analytics', schema: ZRevenue } },
    handler: async ({ deps, query }) => {
      const range = rangeOf(query);
      const r = await revenueFigures(deps.knex, range);
      return { range, ...r, arrCents: r.mrrCents * 12, netNewMrrCents: r.expansionMrrCents - r.contractionMrrCents - r.churnedMrrCents };
    },
  }),
  defineRoute({
    ...common,
    method: 'get',
    path: '/api/admin/analytics/quality',
    summary: 'Code quality across the platform: findings reported, new and fixed per day, fix rate, time to fix, top rules',
    responses: { 200: { description: 'quality analytics', schema: ZQuality } },
    handler: async ({ deps, query }) => {
      const range = rangeOf(query);
      const [days, topRules] = await Promise.all([platformDays(deps.knex, range), platformTopRules(deps.knex, 10)]);
      const sum = (k: string) => days.reduce((s, d) => s + n((d as unknown as Record<string, unknown>)[k]), 0);
      const fixCount = sum('timeToFixCount');
      return {
        range,
        daily: fill(range, days, (r, day) => ({
          day,
          findings: n(r?.findingsFound),
          newFindings: n(r?.newFindings),
          fixedFindings: n(r?.fixedFindings),
          bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, n((r?.foundBySeverity as Record<string, unknown> | undefined)?.[s])])),
        })),
        fixRate: pct(sum('fixedFindings'), sum('newFindings')),
        meanTimeToFixSeconds: fixCount ? Math.round(sum('timeToFixSecondsSum') / fixCount) : null,
        topRules,
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/admin/analytics/rebuilds',
    summary: 'Rebuild the analytics rollups of a range of days from the source tables, now (safe beside the Schedules)',
    tags: ['admin', 'analytics'],
    auth: 'staff',
    staffPermission: 'analytics:platform',
    successStatus: 202,
    body: z.object({
      from: ZDayParam,
      to: ZDayParam,
    }),
    responses: { 202: { description: 'the rebuild', schema: z.object({ workflowId: z.string(), from: ZDay, to: ZDay }) } },
    handler: async ({ deps, req, body }) => {
      const range = resolveRange(body);
      const handle = await workflowClient.startAnalyticsRebuild(deps, randomUUID(), { from: range.from, to: range.to });
      await recordActivity(deps.knex, req, { action: 'analytics.rebuild_started', resourceType: 'analytics_rebuild', resourceId: handle.workflowId, after: { from: range.from, to: range.to } });
      return { workflowId: handle.workflowId, from: range.from, to: range.to };
    },
  }),
];
