import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { ensureAnalyticsSchedules } from '@argus/activities/worker';
import { scheduleIds } from '@argus/workflows/contract';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { createSampleRepo } from '../../../e2e/fixtures/sample-repo';
import { waitForRun } from '../../../e2e/support/runs';
import { eventually } from '../../../e2e/support/billing';
import { daysAgo, rollupState, seedRunOnDay } from '../../../e2e/support/analytics';

// The rollups against real Postgres, a real Temporal dev server and a real worker: a real analysis updates its day
// when it completes; seeded history, triage and fixes update theirs incrementally; and rebuilding every day from
// the source tables (the aggregation workflow, started by staff and by its Schedule) gives exactly the same rows.
let env: TestEnv;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let staff: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;
let repositoryId: string;
let sample: Awaited<ReturnType<typeof createSampleRepo>>;

const F = (ruleId: string, path: string, category: 'security' | 'bug' | 'maintainability' | 'style', severity: 'critical' | 'high' | 'medium' | 'low' | 'info') => ({ ruleId, path, category, severity, tool: ruleId.split('/')[0]!, fingerprint: `${ruleId}|${path}` });

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  await env.startWorker();
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  staff = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'analytics_admin' });
  const [ws] = await env.knex('workspaces').insert({ name: 'Rollups', slug: `rollups-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert({ workspaceId, userId: owner.user.id, role: 'admin' });
  sample = await createSampleRepo();
  const repo = await request(env.app).post(`/api/workspaces/${workspaceId}/repositories`).set('authorization', owner.authHeader).send({ cloneUrl: `file://${sample.dir}`, name: 'acme/rollups', defaultBranch: 'main' }).expect(201);
  repositoryId = repo.body.id;
}, 180_000);
afterAll(async () => {
  await sample?.cleanup();
  await env?.close();
});

describe('analytics rollups', () => {
  it('a real run records its start once and rolls up its day when it completes', async () => {
    const started = await request(env.app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', owner.authHeader).send({}).expect(202);
    const run = await waitForRun(env.app, owner.authHeader, started.body.runId);
    expect(run.status).toBe('completed');
    const row = await env.knex('analysis_runs').where({ id: run.id }).first();
    expect(row.linesOfCode).toBeGreaterThan(0);
    const events = await env.knex('analytics_event').where({ eventType: 'run.started' }).whereRaw(`event_data->>'runId' = ?`, [run.id]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: owner.user.id, workspaceId, repositoryId });
    const day = await env.knex('analytics_repository_daily').where({ repositoryId, day: daysAgo(0) }).first();
    expect(day).toMatchObject({ runsTotal: 1, runsCompleted: 1, findingsFound: run.summary.open, snapshotRunId: run.id });
    expect(day.snapshot.linesOfCode).toBe(row.linesOfCode);
    const ws = await env.knex('analytics_workspace_daily').where({ workspaceId, day: daysAgo(0) }).first();
    expect(ws).toMatchObject({ runsTotal: 1, runsCompleted: 1, findingsFound: run.summary.open });
  }, 120_000);

  it('incremental updates and a full rebuild from the source tables give the same numbers', async () => {
    // Three days of history: a baseline, a run that fixes one finding and adds one, a failed run, a pull request.
    const d3 = daysAgo(3);
    const d2 = daysAgo(2);
    const base = await seedRunOnDay(env.knex, { workspaceId, repositoryId, day: d3, findings: [F('eslint/no-eval', 'src/auth.ts', 'security', 'high'), F('eslint/eqeqeq', 'src/a.ts', 'bug', 'medium'), F('ruff/E501', 'app/x.py', 'style', 'low')] });
    const next = await seedRunOnDay(env.knex, { workspaceId, repositoryId, day: d2, comparedToRunId: base.id, findings: [F('eslint/no-eval', 'src/auth.ts', 'security', 'high'), F('ruff/E501', 'app/x.py', 'style', 'low'), { ...F('argus/todo', 'src/b.ts', 'maintainability', 'low'), isNew: true }] });
    await seedRunOnDay(env.knex, { workspaceId, repositoryId, day: d2, hour: 12, status: 'failed' });
    await seedRunOnDay(env.knex, { workspaceId, repositoryId, day: d2, hour: 14, trigger: 'pull_request', findings: [F('eslint/no-eval', 'src/auth.ts', 'security', 'high')] });
    // A fix generated on d2 and merged today.
    const finding = await env.knex('findings').where({ runId: next.id, ruleId: 'argus/todo' }).first();
    await env.knex('fixes').insert({ findingId: finding.id, runId: next.id, workspaceId, repositoryId, provider: 'builtin', workflowId: `fix-${finding.id}-builtin`, status: 'merged', generatedAt: new Date(`${d2}T11:00:00Z`), validatedAt: new Date(`${d2}T11:05:00Z`), closedAt: new Date(`${daysAgo(0)}T01:00:00Z`) });
    // The incremental update of a fix's day is the hourly Schedule's job; here the rebuild below must produce it too.

    const day2 = await env.knex('analytics_repository_daily').where({ repositoryId, day: d2 }).first();
    expect(day2).toMatchObject({ runsTotal: 3, runsCompleted: 2, runsFailed: 1, newFindings: 1, fixedFindings: 1, snapshotRunId: next.id, findingsFound: 4 });
    expect(day2.foundBySeverity).toEqual({ high: 2, low: 2 });
    expect(day2.snapshot.counts).toEqual({ 'security:high': 1, 'style:low': 1, 'maintainability:low': 1 });
    expect(Number(day2.runSecondsSum)).toBe(180);

    // Triage through the API: the finding stops counting in every rollup at once.
    const evalFinding = await env.knex('findings').where({ runId: next.id, ruleId: 'eslint/no-eval' }).first();
    await request(env.app).patch(`/api/findings/${evalFinding.id}/triage`).set('authorization', owner.authHeader).send({ status: 'false_positive', reason: 'test fixture' }).expect(200);
    const after = await env.knex('analytics_repository_daily').where({ repositoryId, day: d2 }).first();
    expect(after.snapshot.counts).toEqual({ 'style:low': 1, 'maintainability:low': 1 });
    expect(after.findingsFound).toBe(2);
    expect((await env.knex('analytics_repository_daily').where({ repositoryId, day: d3 }).first()).snapshot.counts['security:high']).toBeUndefined();
    expect(await env.knex('analytics_event').where({ eventType: 'finding.triaged', userId: owner.user.id }).count('* as n').first()).toMatchObject({ n: 1 });

    // Today's row still lacks the merged fix (no run ended since): the rebuild adds it. Everything else must match.
    const incremental = await rollupState(env.knex);
    const rebuild = await request(env.app).post('/api/admin/analytics/rebuilds').set('authorization', staff.authHeader).send({ from: daysAgo(10), to: daysAgo(0) }).expect(202);
    const result = await env.temporal.workflow.getHandle(rebuild.body.workflowId).result();
    expect(result).toMatchObject({ from: daysAgo(10), to: daysAgo(0) });
    const rebuilt = await rollupState(env.knex);
    const todayOf = (s: typeof rebuilt) => (s.repositories as { day: string }[]).find((r) => r.day === daysAgo(0));
    expect(todayOf(rebuilt)).toMatchObject({ fixesMerged: 1, timeToFixCount: 1 });
    expect((await env.knex('analytics_repository_daily').where({ repositoryId, day: d2 }).first()).fixesGenerated).toBe(1);
    // Fix milestones and events (active people) roll up on the Schedule only; every run-derived number must match.
    const withoutFixes = (s: typeof rebuilt) => ({
      repositories: (s.repositories as Record<string, unknown>[]).map(({ fixesGenerated: _g, fixesValidated: _v, fixesMerged: _m, timeToFixSecondsSum: _t, timeToFixCount: _c, ...r }) => r),
      workspaces: (s.workspaces as Record<string, unknown>[]).map(({ fixesGenerated: _g, fixesValidated: _v, fixesMerged: _m, timeToFixSecondsSum: _t, timeToFixCount: _c, events: _e, activeUsers: _a, ...r }) => r),
    });
    expect(withoutFixes(rebuilt)).toEqual(withoutFixes(incremental));

    // Rebuilding again, from nothing, gives the same rows as the first rebuild.
    await env.knex('analytics_repository_daily').delete();
    await env.knex('analytics_workspace_daily').delete();
    await env.temporal.workflow.execute('aggregateAnalytics', { taskQueue: env.taskQueue, workflowId: `analytics-test-${randomUUID()}`, args: [{ from: daysAgo(10), to: daysAgo(0), batchSize: 1 }] });
    expect(await rollupState(env.knex)).toEqual(rebuilt);
  }, 120_000);

  it('runs on hourly and daily Schedules that skip overlaps, created idempotently', async () => {
    const prefix = `test-${randomUUID()}-`;
    expect(await ensureAnalyticsSchedules(env.temporal, { taskQueue: env.taskQueue, prefix })).toEqual(['created', 'created']);
    expect(await ensureAnalyticsSchedules(env.temporal, { taskQueue: env.taskQueue, prefix, hourlyEvery: '2 seconds' })).toEqual(['updated', 'updated']);
    const hourly = env.temporal.schedule.getHandle(`${prefix}${scheduleIds.analyticsHourly}`);
    const daily = env.temporal.schedule.getHandle(`${prefix}${scheduleIds.analyticsDaily}`);
    try {
      const [h, d] = await Promise.all([hourly.describe(), daily.describe()]);
      expect(h.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(d.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(h.spec.intervals?.[0]?.every).toBe(2000);
      expect(d.spec.intervals?.[0]?.every).toBe(86_400_000);
      expect(d.action).toMatchObject({ workflowType: 'aggregateAnalytics', args: [{ days: 35 }] });
      await env.knex('analytics_repository_daily').delete();
      await eventually('the hourly Schedule rebuilt today', async () => (await env.knex('analytics_repository_daily').where({ repositoryId, day: daysAgo(0) }).first())?.fixesMerged === 1, 30_000);
    } finally {
      await hourly.delete();
      await daily.delete();
    }
  }, 60_000);
});
