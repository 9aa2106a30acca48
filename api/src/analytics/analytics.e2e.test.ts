import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { daysAgo, seedRunOnDay } from '../../../e2e/support/analytics';

// The workspace analytics endpoints through the real API and Postgres, on history seeded through the db module
// and rolled up the way a finishing run does: numbers, health and drivers, date ranges, tenancy, CSV export.
let env: TestEnv;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let viewer: Awaited<ReturnType<typeof createUserWithToken>>;
let outsider: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;
let otherWorkspaceId: string;
let api: string;
let web: string;
let otherRepo: string;

const F = (ruleId: string, path: string, category: 'security' | 'bug' | 'maintainability' | 'style', severity: 'critical' | 'high' | 'medium' | 'low' | 'info', extra: { isNew?: boolean } = {}) => ({
  ruleId,
  path,
  category,
  severity,
  tool: ruleId.split('/')[0]!,
  fingerprint: `${ruleId}|${path}`,
  ...extra,
});
const get = (user: { authHeader: string }, path: string) => request(env.app).get(path).set('authorization', user.authHeader);

async function workspaceOf(user: { user: { id: string } }, name: string) {
  const [ws] = await env.knex('workspaces').insert({ name, slug: `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, kind: 'team', ownerId: user.user.id }).returning('id');
  await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: user.user.id, role: 'admin' });
  return ws.id as string;
}
async function repoOf(ws: string, fullName: string) {
  const [repo] = await env.knex('repositories').insert({ workspaceId: ws, provider: 'git', fullName, cloneUrl: `https://git.example.test/${encodeURIComponent(fullName)}.git` }).returning('id');
  return repo.id as string;
}

beforeAll(async () => {
  env = await createTestEnv();
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  viewer = await createUserWithToken(env.knex, env.config.jwtSecret);
  outsider = await createUserWithToken(env.knex, env.config.jwtSecret);
  workspaceId = await workspaceOf(owner, 'Acme');
  await env.knex('workspace_members').insert({ workspaceId, userId: viewer.user.id, role: 'viewer' });
  otherWorkspaceId = await workspaceOf(outsider, 'Globex');
  api = await repoOf(workspaceId, 'acme/api');
  // A name a spreadsheet would run as a formula: the export must neutralise it.
  web = await repoOf(workspaceId, '=HYPERLINK("http://evil.example","web")');
  otherRepo = await repoOf(otherWorkspaceId, 'globex/secret');

  const base = await seedRunOnDay(env.knex, {
    workspaceId,
    repositoryId: api,
    day: daysAgo(20),
    linesOfCode: 1000,
    findings: [F('eslint/no-eval', 'src/auth.ts', 'security', 'high'), F('eslint/no-implied-eval', 'src/auth.ts', 'security', 'high'), F('eslint/eqeqeq', 'src/a.ts', 'bug', 'medium'), F('ruff/E501', 'app/x.py', 'style', 'low'), F('ruff/E501', 'app/y.py', 'style', 'low'), F('ruff/E501', 'app/z.py', 'style', 'low')],
  });
  await seedRunOnDay(env.knex, {
    workspaceId,
    repositoryId: api,
    day: daysAgo(5),
    linesOfCode: 1000,
    comparedToRunId: base.id,
    findings: [F('eslint/eqeqeq', 'src/a.ts', 'bug', 'medium'), F('ruff/E501', 'app/x.py', 'style', 'low'), F('ruff/E501', 'app/y.py', 'style', 'low'), F('ruff/E501', 'app/z.py', 'style', 'low'), F('argus/todo', 'src/b.ts', 'maintainability', 'low', { isNew: true })],
  });
  await seedRunOnDay(env.knex, { workspaceId, repositoryId: api, day: daysAgo(1), status: 'failed' });
  await seedRunOnDay(env.knex, { workspaceId, repositoryId: web, day: daysAgo(10), linesOfCode: 500, findings: [F('semgrep/sql-injection', 'src/db.ts', 'security', 'critical')] });
  // Outside the default window, and in another tenant's workspace: neither may count.
  await seedRunOnDay(env.knex, { workspaceId, repositoryId: api, day: daysAgo(45), findings: [F('eslint/no-eval', 'src/old.ts', 'security', 'high')] });
  await seedRunOnDay(env.knex, { workspaceId: otherWorkspaceId, repositoryId: otherRepo, day: daysAgo(3), findings: [F('eslint/no-eval', 'src/secret.ts', 'security', 'high')] });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('workspace analytics', () => {
  it('run statistics: 30 days by default, summary and a row for every day, scoped by workspace and repository', async () => {
    const res = await get(owner, '/api/analytics/runs/stats').expect(200);
    expect(res.body.range).toMatchObject({ days: 30, from: daysAgo(29), to: daysAgo(0), previousFrom: daysAgo(59), previousTo: daysAgo(30) });
    expect(res.body.summary).toMatchObject({ totalRuns: 4, completed: 3, failed: 1, successRate: 75, totalIssues: 12, newIssues: 1, fixedIssues: 2, averageRunSeconds: 90 });
    expect(res.body.summary.averageIssuesPerRun).toBe(4);
    expect(res.body.dailyBreakdown).toHaveLength(30);
    expect(res.body.dailyBreakdown.find((d: { day: string }) => d.day === daysAgo(5))).toMatchObject({ runs: 1, completed: 1, issues: 5, newIssues: 1, fixedIssues: 2 });

    const oneRepo = await get(owner, `/api/analytics/runs/stats?repository_id=${api}&days=7`).expect(200);
    expect(oneRepo.body.summary).toMatchObject({ totalRuns: 2, completed: 1, failed: 1 });
    expect(oneRepo.body.dailyBreakdown).toHaveLength(7);
    const ranged = await get(viewer, `/api/analytics/runs/stats?workspaceId=${workspaceId}&from=${daysAgo(60)}&to=${daysAgo(0)}`).expect(200);
    expect(ranged.body.summary.totalRuns).toBe(5);
  });

  it('answers only for workspaces the caller belongs to; bad ranges are 400s', async () => {
    await get(outsider, `/api/analytics/runs/stats?workspaceId=${workspaceId}`).expect(404);
    await get(outsider, `/api/analytics/repository-health?repositoryId=${api}`).expect(404);
    await get(outsider, `/api/analytics/export?repositoryId=${web}`).expect(404);
    await get(owner, `/api/analytics/top-issues?repositoryId=${otherRepo}`).expect(404);
    await get(owner, `/api/analytics/runs/stats?workspaceId=${workspaceId}&repositoryId=${otherRepo}`).expect(404);
    await get(owner, '/api/analytics/runs/stats?workspaceId=not-a-uuid').expect(404);
    const own = await get(outsider, '/api/analytics/runs/stats').expect(200);
    expect(own.body.summary.totalRuns).toBe(1);
    const mine = await get(owner, '/api/analytics/top-issues?limit=50').expect(200);
    expect(JSON.stringify(mine.body)).not.toContain('secret.ts');
    for (const q of ['days=0', 'days=366', 'days=abc', `from=${daysAgo(1)}&to=${daysAgo(2)}`, 'from=2026-02-31', `from=${daysAgo(400)}`]) {
      const bad = await get(owner, `/api/analytics/runs/stats?${q}`).expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
    }
    await request(env.app).get('/api/analytics/dashboard').expect(401);
  });

  it('health: ratings A–E with drivers, the new-code score, history and trend', async () => {
    const res = await get(owner, `/api/analytics/repository-health?repositoryId=${api}`).expect(200);
    // Latest default-branch run: one medium bug (reliability C), four low smells in 1,000 lines (maintainability A).
    expect(res.body.health.ratings).toEqual({ security: { rating: 'A', score: 100 }, reliability: { rating: 'C', score: 60 }, maintainability: { rating: 'A', score: 100 } });
    expect(res.body.healthScore).toBe(88);
    expect(res.body.health.drivers).toEqual([expect.objectContaining({ dimension: 'reliability', rating: 'C', reason: 'C because 1 medium reliability finding in src/a.ts' })]);
    // Before the fix: two high security findings in src/auth.ts made security D (score 58).
    const history = res.body.history as { day: string; score: number | null }[];
    expect(history).toHaveLength(30);
    expect(history.find((h) => h.day === daysAgo(21))!.score).toBe(70); // the 45-day-old run, carried forward
    expect(history.find((h) => h.day === daysAgo(20))!.score).toBe(58);
    expect(history.find((h) => h.day === daysAgo(6))!.score).toBe(58);
    expect(history.find((h) => h.day === daysAgo(0))!.score).toBe(88);
    expect(res.body.trend.direction).toBe('improving');
    expect(res.body.metrics).toMatchObject({ totalRuns: 3, successRate: 66.7, fixedIssues: 2 });
    // A 10-day window starts after the baseline run: only the TODO is new code.
    const recent = await get(owner, `/api/analytics/repository-health?repositoryId=${api}&days=10`).expect(200);
    expect(recent.body.newCode).toMatchObject({ newFindings: 1, score: 100, openFindings: 1 });
    expect(recent.body.trend.direction).toBe('improving');
    // Before the window: history of the older state.
    const before = await get(owner, `/api/analytics/repository-health?repositoryId=${api}&from=${daysAgo(19)}&to=${daysAgo(10)}`).expect(200);
    expect(before.body.healthScore).toBe(58);
    expect(before.body.health.drivers[0].reason).toBe('D because 2 high security findings in src/auth.ts');
    expect(before.body.trend.direction).toBe('stable');

    // The whole workspace: the critical SQL injection names its repository.
    const all = await get(owner, `/api/analytics/repository-health?workspaceId=${workspaceId}`).expect(200);
    expect(all.body.health.ratings.security.rating).toBe('E');
    expect(all.body.health.drivers[0].reason).toBe('E because 1 critical security finding in =HYPERLINK("http://evil.example","web"):src/db.ts');
  });

  it('triage stops a finding counting at once in the rollups and the score, and is an analytics event', async () => {
    const latest = await env.knex('analysis_runs').where({ repositoryId: api, status: 'completed' }).orderBy('createdAt', 'desc').first();
    const bug = await env.knex('findings').where({ runId: latest.id, ruleId: 'eslint/eqeqeq' }).first();
    await request(env.app).patch(`/api/findings/${bug.id}/triage`).set('authorization', owner.authHeader).send({ status: 'wont_fix', reason: 'legacy' }).expect(200);
    const res = await get(owner, `/api/analytics/repository-health?repositoryId=${api}`).expect(200);
    expect(res.body.healthScore).toBe(100);
    expect(res.body.history.at(-1).score).toBe(100);
    const severity = await get(owner, `/api/analytics/issues/severity?repositoryId=${api}`).expect(200);
    expect(severity.body.daily.at(-1).open).toMatchObject({ medium: 0, low: 4 });
    const timeline = await get(owner, `/api/analytics/timeline?workspaceId=${workspaceId}`).expect(200);
    const triaged = (timeline.body.events as { type: string; userName: string | null }[]).filter((e) => e.type === 'finding.triaged');
    expect(triaged).toHaveLength(1);
    await request(env.app).patch(`/api/findings/${bug.id}/triage`).set('authorization', owner.authHeader).send({ status: 'open' }).expect(200);
    expect((await get(owner, `/api/analytics/repository-health?repositoryId=${api}`).expect(200)).body.healthScore).toBe(88);
  });

  it('categories, severity over time, top issues and the rule browser', async () => {
    const cats = await get(owner, `/api/analytics/issues/categories?workspaceId=${workspaceId}`).expect(200);
    expect(cats.body.categories[0]).toMatchObject({ category: 'style', open: 3, found: 6 });
    expect(cats.body.categories.find((c: { category: string }) => c.category === 'security')).toMatchObject({ open: 1, found: 3 });
    const sev = await get(owner, `/api/analytics/issues/severity?repositoryId=${api}`).expect(200);
    const at = (d: string) => sev.body.daily.find((x: { day: string }) => x.day === d);
    expect(at(daysAgo(29)).open).toMatchObject({ high: 1 }); // the 45-day-old run, carried forward
    expect(at(daysAgo(20)).open).toMatchObject({ high: 2, medium: 1, low: 3 });
    expect(at(daysAgo(5)).open).toMatchObject({ high: 0, medium: 1, low: 4 });

    const top = await get(owner, `/api/analytics/top-issues?workspaceId=${workspaceId}&limit=2`).expect(200);
    expect(top.body.items).toHaveLength(2);
    expect(top.body.items[0]).toMatchObject({ ruleId: 'ruff/E501', count: 3, files: 3, repositories: 1, severity: 'low' });

    const rules = await get(owner, `/api/analytics/issues/rules?repositoryId=${api}&pageSize=2&page=2`).expect(200);
    expect(rules.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(rules.body.items).toHaveLength(1);
    const where = await get(owner, `/api/analytics/issues/rule-findings?repositoryId=${api}&ruleId=ruff/E501`).expect(200);
    expect(where.body.items.map((f: { path: string }) => f.path)).toEqual(['app/x.py', 'app/y.py', 'app/z.py']);
    expect(where.body.items[0].firstSeenAt.slice(0, 10)).toBe(daysAgo(20));
  });

  it('dashboard KPIs with deltas, projects per repository and the timeline', async () => {
    const dash = await get(owner, `/api/analytics/dashboard?workspaceId=${workspaceId}`).expect(200);
    const kpi = (key: string) => dash.body.kpis.find((k: { key: string }) => k.key === key);
    expect(kpi('runs')).toMatchObject({ value: 4, previous: 1, delta: 3 });
    expect(kpi('successRate')).toMatchObject({ value: 75, previous: 100 });
    expect(kpi('healthScore').value).toBe(dash.body.health.score);

    const projects = await get(owner, `/api/analytics/projects?workspaceId=${workspaceId}&sort=health`).expect(200);
    expect(projects.body.total).toBe(2);
    expect(projects.body.items.map((p: { repositoryId: string }) => p.repositoryId)).toEqual([web, api]);
    expect(projects.body.items[1]).toMatchObject({ healthScore: 88, ratings: { security: 'A', reliability: 'C', maintainability: 'A' }, runs: 3, newFindings: 1, fixedFindings: 2 });
    expect(projects.body.items[0].topDriver).toMatch(/^E because 1 critical security finding/);

    const timeline = await get(owner, `/api/analytics/timeline?repositoryId=${api}`).expect(200);
    expect(timeline.body.days).toHaveLength(30);
    expect(timeline.body.days.find((d: { day: string }) => d.day === daysAgo(1))).toMatchObject({ runs: 1, failed: 1, healthScore: 88 });
  });

  it('exports the window as CSV, streamed, with formula cells neutralised, audited and counted once', async () => {
    const res = await get(viewer, `/api/analytics/export?workspaceId=${workspaceId}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="argus-analytics-/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^day,repository,runs,completed,failed/);
    expect(lines).toHaveLength(1 + 4);
    const webLine = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(webLine).toContain(`"'=HYPERLINK(""http://evil.example"",""web"")"`);
    expect(lines.find((l) => l.startsWith(`${daysAgo(5)},acme/api,`))).toBeDefined();
    const exported = await env.knex('analytics_event').where({ eventType: 'export.downloaded', userId: viewer.user.id });
    expect(exported).toHaveLength(1);
    expect(exported[0].eventData).toMatchObject({ from: daysAgo(29), to: daysAgo(0) });
    expect(await env.knex('activity_log').where({ action: 'analytics.exported', actorId: viewer.user.id }).count('* as n').first()).toMatchObject({ n: 1 });
  });
});
