import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import WebSocket from 'ws';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { seedFinishedRun } from '../../../e2e/support/finished-run';
import { attachLiveUpdates } from '../live/live-updates';

// Triage and SARIF on finished runs (seeded through the db module, no analysis needed), against the real app and
// Postgres, with live events through LISTEN/NOTIFY to a real WebSocket.
let env: TestEnv;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;
let repositoryId: string;

const FINDINGS = [
  { ruleId: 'eslint/no-eval', path: 'src/run.js', tool: 'eslint', category: 'security', severity: 'high', isNew: true },
  { ruleId: 'eslint/eqeqeq', path: 'src/auth.js', tool: 'eslint', category: 'bug', severity: 'medium', isNew: true },
  { ruleId: 'ruff/F401', path: 'app/models.py', tool: 'ruff', category: 'maintainability', severity: 'low' },
  { ruleId: 'argus/loose-null-check', path: 'src/util.js', tool: 'argus', category: 'style', severity: 'info' },
  { ruleId: 'ruff/S602', path: 'app/shell.py', tool: 'ruff', category: 'security', severity: 'high', suppressionKind: 'inline', suppressionReason: 'reviewed' },
] as const;

const get = (path: string) => request(env.app).get(path).set('authorization', owner.authHeader).expect(200);
const runOf = async (id: string) => (await get(`/api/runs/${id}`)).body;
const findingsOf = async (id: string) => (await get(`/api/runs/${id}/findings?pageSize=200`)).body.items as { id: string; ruleId: string; fingerprint: string; category: string; severity: string; tool: string; suppression: unknown; triage: { status: string }; builtinFix: boolean }[];

beforeAll(async () => {
  env = await createTestEnv();
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Triage', slug: `triage-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert({ workspaceId, userId: owner.user.id, role: 'admin' });
  const [repo] = await env.knex('repositories').insert({ workspaceId, provider: 'git', fullName: 'acme/triage', cloneUrl: 'https://git.example.test/acme/triage.git' }).returning('id');
  repositoryId = repo.id;
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('triage', () => {
  it('updates the summary and gate of every run with the fingerprint at once, and tells open pages', async () => {
    const earlier = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: FINDINGS.map((f) => ({ ...f, isNew: false })) });
    const run = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: [...FINDINGS], comparedToRunId: earlier.id });
    const before = await runOf(run.id);
    expect(before.summary).toMatchObject({ total: 5, open: 4, triaged: 0, suppressed: 1, new: 2, bySeverity: { high: 1, medium: 1 }, newBySeverity: { high: 1 } });
    expect(before.gate.passed).toBe(false);

    const server: Server = env.app.listen(0);
    const live = await attachLiveUpdates(server, env.deps);
    const events: { type: string; summary?: { open: number } }[] = [];
    const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}/ws/run/${run.id}?token=${owner.token}`);
    socket.on('message', (m) => events.push(JSON.parse(m.toString())));
    await new Promise((r) => socket.once('open', r));
    try {
      const evalFinding = (await findingsOf(run.id)).find((f) => f.ruleId === 'eslint/no-eval')!;
      await request(env.app).patch(`/api/findings/${evalFinding.id}/triage`).set('authorization', owner.authHeader).send({ status: 'false_positive', reason: 'constant input' }).expect(200);

      // No reload of anything else, no new run: the stored summary and the gate changed with the triage.
      const after = await runOf(run.id);
      expect(after.summary).toMatchObject({ total: 5, open: 3, triaged: 1, suppressed: 1, new: 1, bySeverity: { high: 0, medium: 1 }, byCategory: { security: 0 }, newBySeverity: { high: 0, medium: 1 } });
      expect(after.gate).toMatchObject({ passed: true, conditions: expect.arrayContaining([{ severity: 'high', maxNew: 0, actualNew: 0, passed: true }]) });
      // Triage is per fingerprint, so the earlier run of the repository counts it as triaged too.
      expect((await runOf(earlier.id)).summary).toMatchObject({ open: 3, triaged: 1 });
      // The list of the repository's runs (the dashboard's source) reads the same stored summary.
      const listed = (await get(`/api/workspaces/${workspaceId}/runs?repositoryId=${repositoryId}`)).body.items.find((r: { id: string }) => r.id === run.id);
      expect(listed.summary.open).toBe(3);

      await expect.poll(() => events.find((e) => e.type === 'run.updated')?.summary?.open, { timeout: 5000 }).toBe(3);

      // Reopening it counts it again.
      await request(env.app).patch(`/api/findings/${evalFinding.id}/triage`).set('authorization', owner.authHeader).send({ status: 'open' }).expect(200);
      expect((await runOf(run.id)).summary).toMatchObject({ open: 4, triaged: 0, newBySeverity: { high: 1 } });
      expect((await runOf(run.id)).gate.passed).toBe(false);
    } finally {
      socket.close();
      await live.close();
      server.close();
    }
  });
});

describe('SARIF import', () => {
  it('of a run’s own export into that run adds nothing and keeps triage, suppressions and categories', async () => {
    const run = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: [...FINDINGS] });
    const eqeqeq = (await findingsOf(run.id)).find((f) => f.ruleId === 'eslint/eqeqeq')!;
    await request(env.app).patch(`/api/findings/${eqeqeq.id}/triage`).set('authorization', owner.authHeader).send({ status: 'wont_fix' }).expect(200);
    const before = await findingsOf(run.id);
    const summaryBefore = (await runOf(run.id)).summary;

    const exported = JSON.parse((await get(`/api/runs/${run.id}/sarif`)).text);
    const imported = await request(env.app).post(`/api/runs/${run.id}/sarif`).set('authorization', owner.authHeader).send(exported).expect(200);
    expect(imported.body).toEqual({ imported: 0, duplicates: 5, skipped: 0 });
    expect(await findingsOf(run.id)).toEqual(before);
    expect((await runOf(run.id)).summary).toEqual(summaryBefore);
  });

  it('of an Argus export into another run of the repository keeps each finding’s identity', async () => {
    const source = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: [...FINDINGS] });
    const target = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: [] });
    const exported = JSON.parse((await get(`/api/runs/${source.id}/sarif`)).text);
    await request(env.app).post(`/api/runs/${target.id}/sarif`).set('authorization', owner.authHeader).send(exported).expect(200);
    const pick = (f: Awaited<ReturnType<typeof findingsOf>>[number]) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint, category: f.category, severity: f.severity, tool: f.tool, suppression: f.suppression, triage: f.triage.status });
    const byRule = (list: Awaited<ReturnType<typeof findingsOf>>) => list.map(pick).sort((a, b) => a.ruleId.localeCompare(b.ruleId));
    expect(byRule(await findingsOf(target.id))).toEqual(byRule(await findingsOf(source.id)));
    // Not everything became security: bug, maintainability and style stay what they were.
    expect(new Set((await findingsOf(target.id)).map((f) => f.category))).toEqual(new Set(['security', 'bug', 'maintainability', 'style']));
    expect((await runOf(target.id)).summary).toMatchObject({ total: 5, suppressed: 1 });
  });

  it('of another tool maps categories from the log instead of calling everything security', async () => {
    const run = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: [] });
    const location = (uri: string, startLine: number) => [{ physicalLocation: { artifactLocation: { uri }, region: { startLine } } }];
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'OtherLint',
              rules: [
                { id: 'slow-loop', properties: { category: 'performance' } },
                { id: 'sqli', properties: { 'security-severity': '9.1' } },
                { id: 'naming', properties: { tags: ['style'] } },
              ],
            },
          },
          results: [
            { ruleId: 'slow-loop', level: 'warning', message: { text: 'slow' }, locations: location('src/a.js', 1) },
            { ruleId: 'sqli', level: 'error', message: { text: 'sql' }, locations: location('src/b.js', 2) },
            { ruleId: 'naming', level: 'note', message: { text: 'name' }, locations: location('src/c.js', 3), suppressions: [{ kind: 'inSource', justification: 'generated' }] },
          ],
        },
      ],
    };
    expect((await request(env.app).post(`/api/runs/${run.id}/sarif`).set('authorization', owner.authHeader).send(sarif).expect(200)).body).toEqual({ imported: 3, duplicates: 0, skipped: 0 });
    const found = Object.fromEntries((await findingsOf(run.id)).map((f) => [f.ruleId, f]));
    expect(found['otherlint/slow-loop']).toMatchObject({ category: 'performance', severity: 'medium' });
    expect(found['otherlint/sqli']).toMatchObject({ category: 'security', severity: 'critical' });
    expect(found['otherlint/naming']).toMatchObject({ category: 'style', suppression: { kind: 'inline', reason: 'generated' } });
  });
});

describe('findings', () => {
  it('say whether the built-in provider fixes them, before anyone asks for a fix', async () => {
    const run = await seedFinishedRun(env.knex, { workspaceId, repositoryId, findings: [...FINDINGS] });
    const builtin = Object.fromEntries((await findingsOf(run.id)).map((f) => [f.ruleId, f.builtinFix]));
    expect(builtin).toEqual({ 'eslint/no-eval': false, 'eslint/eqeqeq': true, 'ruff/F401': true, 'argus/loose-null-check': true, 'ruff/S602': false });
  });
});
