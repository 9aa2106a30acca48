import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import WebSocket from 'ws';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';
import { createSampleRepo, type SampleRepo } from '../../../e2e/fixtures/sample-repo';
import { attachLiveUpdates } from '../live/live-updates';

const run = promisify(execFile);

// The whole path on real parts: API → Temporal → worker → git clone of a real local repository → the real
// analyzers → Postgres → API, and live events through Postgres LISTEN/NOTIFY to a real WebSocket.
let env: TestEnv;
let repo: SampleRepo;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let viewer: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;
let repositoryId: string;
let baselineRunId: string;
let secondRunId: string;

async function commitFile(file: string, content: string, message: string) {
  await writeFile(path.join(repo.dir, file), content);
  await run('git', ['add', '-A'], { cwd: repo.dir });
  await run('git', ['-c', 'user.email=dev@example.test', '-c', 'user.name=Dev', 'commit', '-qm', message], { cwd: repo.dir });
  return (await run('git', ['rev-parse', 'HEAD'], { cwd: repo.dir })).stdout.trim();
}

async function analyze(ref?: string) {
  const res = await request(env.app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', owner.authHeader).send(ref ? { ref } : {}).expect(202);
  return waitForRun(env.app, owner.authHeader, res.body.runId);
}

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  repo = await createSampleRepo();
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  viewer = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Shop', slug: `shop-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert([
    { workspaceId, userId: owner.user.id, role: 'admin' },
    { workspaceId, userId: viewer.user.id, role: 'viewer' },
  ]);
  await env.startWorker();
}, 180_000);
afterAll(async () => {
  await env.close();
  await repo.cleanup();
});

describe('connecting a repository', () => {
  it('connects a local repository (allowed here) and stores its credential encrypted', async () => {
    const res = await request(env.app)
      .post(`/api/workspaces/${workspaceId}/repositories`)
      .set('authorization', owner.authHeader)
      .send({ cloneUrl: `file://${repo.dir}`, name: 'acme/shop', defaultBranch: 'main', credential: 'glpat-verysecret-token' })
      .expect(201);
    repositoryId = res.body.id;
    expect(res.body).toMatchObject({ fullName: 'acme/shop', hasCredential: true });
    expect(JSON.stringify(res.body)).not.toContain('verysecret');
    const row = await env.knex('repositories').where({ id: repositoryId }).first();
    expect(row.credentialSealed).toMatch(/^v1\./);
    expect(row.credentialSealed).not.toContain('verysecret');
    await request(env.app).post(`/api/workspaces/${workspaceId}/repositories`).set('authorization', viewer.authHeader).send({ cloneUrl: `file://${repo.dir}/x` }).expect(403);
  });
});

describe('the first run', () => {
  it('is the baseline: findings from every analyzer, nothing new, gate passes, usage metered once', async () => {
    const socketEvents: any[] = [];
    const server = env.app.listen(0);
    const live = await attachLiveUpdates(server, env.deps);
    const port = (server.address() as { port: number }).port;
    const dashboard = new WebSocket(`ws://127.0.0.1:${port}/ws/dashboard/${owner.user.id}?token=${owner.token}`);
    dashboard.on('message', (m) => socketEvents.push(JSON.parse(m.toString())));
    await new Promise((r) => dashboard.once('open', r));

    const done = await analyze();
    baselineRunId = done.id;
    expect(done.status).toBe('completed');
    expect(done.isBaseline).toBe(true);
    expect(done.gate.passed).toBe(true);
    expect(done.summary.new).toBe(0);
    // The Temporal UI shows every tenant's workflows: customers get no link to it, staff get one in the console.
    expect(done).not.toHaveProperty('temporalUrl');
    const staff = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
    const consoleRun = (await request(env.app).get(`/api/admin/runs/${done.id}`).set('authorization', staff.authHeader).expect(200)).body;
    expect(consoleRun.temporalUrl).toBe(`${env.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(env.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(done.workflowId)}`);
    const listed = await request(env.app).get('/api/admin/runs').query({ filter: JSON.stringify({ repositoryId: done.repositoryId }) }).set('authorization', staff.authHeader).expect(200);
    expect(listed.headers['content-range']).toMatch(/^runs 0-\d+\/\d+$/);
    expect(listed.body.map((r: { id: string }) => r.id)).toContain(done.id);
    await request(env.app).get('/api/admin/runs').set('authorization', owner.authHeader).expect(403);
    expect(done.commitSha).toBe(repo.commits.initial);

    const findings = (await request(env.app).get(`/api/runs/${done.id}/findings?pageSize=200`).set('authorization', viewer.authHeader).expect(200)).body;
    const rules = new Set(findings.items.map((f: { ruleId: string }) => f.ruleId));
    for (const expected of ['ruff/S602', 'ruff/F821']) expect(rules).toContain(expected);
    expect([...rules].some((r) => String(r).startsWith('secrets/'))).toBe(true);
    expect([...rules].some((r) => String(r).startsWith('argus/'))).toBe(true);
    expect([...rules].some((r) => String(r).startsWith('eslint/'))).toBe(true);
    expect(findings.items.every((f: { path: string }) => !/node_modules|vendor\/|docs\//.test(f.path))).toBe(true);
    const secret = findings.items.find((f: { ruleId: string }) => f.ruleId.startsWith('secrets/'));
    expect(secret.snippet).toContain('****');
    const suppressed = (await request(env.app).get(`/api/runs/${done.id}/findings?status=suppressed`).set('authorization', owner.authHeader)).body;
    expect(suppressed.items[0].suppression).toEqual({ kind: 'inline', reason: 'legacy loader, reviewed' });

    const usage = await env.knex('usage_events').where({ idempotencyKey: `analysis:${done.id}` });
    expect(usage).toHaveLength(1);
    expect(usage[0].workspaceId).toBe(workspaceId);

    const deadline = Date.now() + 5000;
    while (!socketEvents.some((e) => e.runId === done.id && e.status === 'completed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(socketEvents[0].type).toBe('snapshot');
    expect(socketEvents.some((e) => e.runId === done.id && e.status === 'running' && e.progress?.phase === 'analyzing')).toBe(true);
    expect(socketEvents.some((e) => e.runId === done.id && e.status === 'completed')).toBe(true);

    // A browser that connects after the end still gets the final state.
    const late = new WebSocket(`ws://127.0.0.1:${port}/ws/run/${done.id}?token=${viewer.token}`);
    const snapshot = await new Promise<any>((resolve) => late.once('message', (m) => resolve(JSON.parse(m.toString()))));
    expect(snapshot).toMatchObject({ type: 'snapshot', run: { id: done.id, status: 'completed' } });
    // Another user's dashboard and another workspace's run are refused.
    const stranger = await createUserWithToken(env.knex, env.config.jwtSecret);
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/run/${done.id}?token=${stranger.token}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(refused).toBe(404);
    const noToken = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/dashboard/${owner.user.id}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(noToken).toBe(401);
    dashboard.close();
    late.close();
    await live.close();
    server.close();
  });

  it('exports SARIF 2.1.0 that validates against the OASIS schema', async () => {
    const res = await request(env.app).get(`/api/runs/${baselineRunId}/sarif`).set('authorization', viewer.authHeader).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/sarif\+json/);
    const sarif = JSON.parse(res.text);
    const schema = JSON.parse(await readFile(new URL('../../../e2e/fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.rules.length).toBeGreaterThan(3);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'ruff/S602');
    expect(result.partialFingerprints['argusFingerprint/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(result.properties['security-severity']).toBe('8.0');
    expect(sarif.runs[0].results.some((r: { suppressions?: unknown[] }) => r.suppressions?.length)).toBe(true);
  });
});

describe('the next runs', () => {
  it('mark only the finding a new commit introduces as new, and fail the gate on it', async () => {
    await commitFile('src/new-feature.js', "export function run(input) {\n  return eval(input);\n}\n", 'add a risky feature');
    const done = await analyze();
    secondRunId = done.id;
    expect(done.isBaseline).toBe(false);
    expect(done.comparedToRunId).toBe(baselineRunId);
    const fresh = (await request(env.app).get(`/api/runs/${done.id}/findings?new=true`).set('authorization', owner.authHeader)).body;
    expect(fresh.items.map((f: { path: string }) => f.path)).toEqual(fresh.items.map(() => 'src/new-feature.js'));
    expect(fresh.total).toBeGreaterThanOrEqual(1);
    expect(done.gate.passed).toBe(false);
    expect(done.gate.conditions.find((c: { severity: string }) => c.severity === 'high')).toMatchObject({ passed: false });
  });

  it('keep triage by fingerprint across runs, so a false positive no longer fails the gate', async () => {
    const fresh = (await request(env.app).get(`/api/runs/${secondRunId}/findings?new=true`).set('authorization', owner.authHeader)).body;
    await request(env.app).patch(`/api/findings/${fresh.items[0].id}/triage`).set('authorization', viewer.authHeader).send({ status: 'false_positive' }).expect(403);
    for (const f of fresh.items) {
      const res = await request(env.app).patch(`/api/findings/${f.id}/triage`).set('authorization', owner.authHeader).send({ status: 'false_positive', reason: 'input is a constant' }).expect(200);
      expect(res.body.triage.status).toBe('false_positive');
    }
    // Unrelated edits above the finding must not change fingerprints.
    const source = await readFile(path.join(repo.dir, 'src/new-feature.js'), 'utf8');
    await commitFile('src/new-feature.js', `// header comment\n\n${source}`, 'unrelated edit');
    await commitFile('README.md', '# Sample shop\n\nUpdated.\n', 'docs');
    const third = await analyze();
    const items = (await request(env.app).get(`/api/runs/${third.id}/findings?path=src/new-feature.js`).set('authorization', owner.authHeader)).body.items;
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((f: { triage: { status: string } }) => f.triage.status === 'false_positive')).toBe(true);
    expect(third.gate.passed).toBe(true);
    const audit = await env.knex('activity_log').where({ action: 'finding.triaged', workspaceId });
    expect(audit.length).toBe(fresh.items.length);
  });

  it('imports another tool’s SARIF into a run, once', async () => {
    const sarif = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'Semgrep', rules: [{ id: 'js.sqli', properties: { 'security-severity': '9.1', tags: ['security'] } }] } }, results: [{ ruleId: 'js.sqli', level: 'error', message: { text: 'SQL injection' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/server.ts' }, region: { startLine: 3 } } }], partialFingerprints: { primaryLocationLineHash: 'abc123' } }] }],
    };
    const first = await request(env.app).post(`/api/runs/${secondRunId}/sarif`).set('authorization', owner.authHeader).send(sarif).expect(200);
    expect(first.body).toEqual({ imported: 1, duplicates: 0, skipped: 0 });
    const again = await request(env.app).post(`/api/runs/${secondRunId}/sarif`).set('authorization', owner.authHeader).send(sarif).expect(200);
    expect(again.body).toEqual({ imported: 0, duplicates: 1, skipped: 0 });
    const found = (await request(env.app).get(`/api/runs/${secondRunId}/findings?rule=semgrep/js.sqli`).set('authorization', owner.authHeader)).body.items;
    expect(found[0]).toMatchObject({ severity: 'critical', category: 'security', tool: 'Semgrep' });
    await request(env.app).post(`/api/runs/${secondRunId}/sarif`).set('authorization', owner.authHeader).send({ version: '2.0.0', runs: [] }).expect(400);
  });

  it('filters and paginates findings', async () => {
    const all = (await request(env.app).get(`/api/runs/${baselineRunId}/findings?pageSize=200`).set('authorization', owner.authHeader)).body;
    const page1 = (await request(env.app).get(`/api/runs/${baselineRunId}/findings?pageSize=3&page=1`).set('authorization', owner.authHeader)).body;
    const page2 = (await request(env.app).get(`/api/runs/${baselineRunId}/findings?pageSize=3&page=2`).set('authorization', owner.authHeader)).body;
    expect(page1.total).toBe(all.total);
    expect(page1.items.map((f: { id: string }) => f.id)).toEqual(all.items.slice(0, 3).map((f: { id: string }) => f.id));
    expect(page2.items.map((f: { id: string }) => f.id)).toEqual(all.items.slice(3, 6).map((f: { id: string }) => f.id));
    const security = (await request(env.app).get(`/api/runs/${baselineRunId}/findings?category=security&severity=critical,high`).set('authorization', owner.authHeader)).body;
    expect(security.items.length).toBeGreaterThan(0);
    expect(security.items.every((f: { category: string; severity: string }) => f.category === 'security' && ['critical', 'high'].includes(f.severity))).toBe(true);
    const bad = await request(env.app).get(`/api/runs/${baselineRunId}/findings?severity=urgent`).set('authorization', owner.authHeader).expect(400);
    expect(bad.body.errors[0].path).toContain('severity');
  });
});

describe('cancellation and limits', () => {
  it('a cancelled run ends as cancelled and records why', async () => {
    await env.knex('workspaces').where({ id: workspaceId }).update({ maxConcurrentRuns: 1 });
    // Hold the only slot with a run that is marked running, so the next run waits and can be cancelled.
    const [blocker] = await env.knex('analysis_runs').insert({ workspaceId, repositoryId, workflowId: `blocker-${Date.now()}`, trigger: 'manual', status: 'running' }).returning('id');
    const res = await request(env.app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', owner.authHeader).send({}).expect(202);
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = (await request(env.app).get(`/api/runs/${res.body.runId}`).set('authorization', owner.authHeader)).body;
    expect(waiting.status).toBe('queued');
    expect(waiting.progress.phase).toBe('waiting');
    await request(env.app).post(`/api/runs/${res.body.runId}/cancel`).set('authorization', viewer.authHeader).expect(403);
    await request(env.app).post(`/api/runs/${res.body.runId}/cancel`).set('authorization', owner.authHeader).expect(202);
    const done = await waitForRun(env.app, owner.authHeader, res.body.runId);
    expect(done.status).toBe('cancelled');
    await request(env.app).post(`/api/runs/${res.body.runId}/cancel`).set('authorization', owner.authHeader).expect(409);
    await env.knex('analysis_runs').where({ id: blocker.id }).update({ status: 'completed' });
    await env.knex('workspaces').where({ id: workspaceId }).update({ maxConcurrentRuns: 3 });
  });
});

describe('analysis schedule', () => {
  it('is a Temporal Schedule that starts analyses of the default branch, and goes away when cleared', async () => {
    await request(env.app).patch(`/api/repositories/${repositoryId}`).set('authorization', owner.authHeader).send({ analysisSchedule: 'every day' }).expect(400);
    const res = await request(env.app).patch(`/api/repositories/${repositoryId}`).set('authorization', owner.authHeader).send({ analysisSchedule: '0 3 * * *' }).expect(200);
    expect(res.body.analysisSchedule).toBe('0 3 * * *');
    const schedule = env.temporal.schedule.getHandle(`analysis-schedule-${repositoryId}`);
    const described = await schedule.describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'analyzeRepository', taskQueue: env.taskQueue });
    const before = (await env.knex('analysis_runs').where({ repositoryId, trigger: 'schedule' })).length;
    await schedule.trigger();
    let scheduled: { id: string; status: string } | undefined;
    for (let i = 0; i < 240 && scheduled?.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      scheduled = (await env.knex('analysis_runs').where({ repositoryId, trigger: 'schedule' }).orderBy('createdAt', 'desc'))[before];
    }
    expect(scheduled?.status).toBe('completed');
    await request(env.app).patch(`/api/repositories/${repositoryId}`).set('authorization', owner.authHeader).send({ analysisSchedule: null }).expect(200);
    await expect(schedule.describe()).rejects.toThrow();
  });
});
