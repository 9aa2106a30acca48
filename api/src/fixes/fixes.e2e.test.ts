import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';
import { createBareSampleRemote, gitIn, mergeIntoMain, ROLES_JS, waitForFix, type BareRemote } from '../../../e2e/support/fixes';

// The built-in provider end to end on real parts: API → Temporal (generateFix, fixToPullRequest) → worker → git clones
// of the fixture repository from a local bare remote (file://) → ESLint's own fixes → validation by the real analyzers
// → Postgres; the fix branch is pushed to that bare remote, merged there, and the next analysis no longer finds it.
let env: TestEnv;
let remote: BareRemote;
type Caller = Awaited<ReturnType<typeof createUserWithToken>>;
let admin: Caller;
let developer: Caller;
let viewer: Caller;
let workspaceId: string;
let repositoryId: string;
let run: { id: string; commitSha: string };
let findings: { id: string; ruleId: string; path: string; startLine: number; fingerprint: string }[];

const finding = (ruleId: string, path: string, line?: number) => {
  const f = findings.find((x) => x.ruleId === ruleId && x.path === path && (line === undefined || x.startLine === line));
  if (!f) throw new Error(`no ${ruleId} finding in ${path}`);
  return f;
};

async function analyze() {
  const res = await request(env.app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', admin.authHeader).send({}).expect(202);
  return waitForRun(env.app, admin.authHeader, res.body.runId);
}

function generate(findingId: string, caller: Caller = developer, provider = 'builtin') {
  return request(env.app).post(`/api/fixes/generate/${findingId}?provider=${provider}`).set('authorization', caller.authHeader);
}

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  remote = await createBareSampleRemote({ 'src/roles.js': ROLES_JS });
  admin = await createUserWithToken(env.knex, env.config.jwtSecret);
  developer = await createUserWithToken(env.knex, env.config.jwtSecret);
  viewer = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Shop', slug: `shop-fix-${Date.now()}`, kind: 'team', ownerId: admin.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert([
    { workspaceId, userId: admin.user.id, role: 'admin' },
    { workspaceId, userId: developer.user.id, role: 'developer' },
    { workspaceId, userId: viewer.user.id, role: 'viewer' },
  ]);
  await env.startWorker();
  const connected = await request(env.app)
    .post(`/api/workspaces/${workspaceId}/repositories`)
    .set('authorization', admin.authHeader)
    .send({ cloneUrl: `file://${remote.bare}`, name: 'acme/shop', defaultBranch: 'main' })
    .expect(201);
  repositoryId = connected.body.id;
  run = await analyze();
  expect(run.commitSha).toBe(remote.head);
  findings = (await request(env.app).get(`/api/runs/${run.id}/findings?pageSize=200`).set('authorization', viewer.authHeader).expect(200)).body.items;
}, 180_000);
afterAll(async () => {
  await env?.close();
  await remote?.cleanup();
});

describe('generating a built-in fix', () => {
  let fixId: string;

  it('validates ESLint’s fix on a clean checkout, starts once when asked twice, meters and audits it', async () => {
    const eq = finding('eslint/eqeqeq', 'src/legacy.js');
    const first = await generate(eq.id).expect(202);
    expect(first.body).toMatchObject({ findingId: eq.id, runId: run.id, provider: 'builtin', workflowId: `fix-generation-${first.body.id}` });
    expect(['queued', 'generating']).toContain(first.body.status);
    // A double click (even by someone else) returns the same fix instead of starting a second one.
    const second = await generate(eq.id, admin).expect(200);
    expect(second.body.id).toBe(first.body.id);
    fixId = first.body.id;

    const fix = await waitForFix(env.app, viewer.authHeader, eq.id, fixId);
    expect(fix.status).toBe('validated');
    expect(fix.patch).toContain('--- a/src/legacy.js');
    expect(fix.patch).toContain("-  return user.role == 'admin';");
    expect(fix.patch).toContain("+  return user.role === 'admin';");
    expect(fix.files).toEqual(['src/legacy.js']);
    expect(fix.model).toBe('eslint');
    expect(fix.explanation).toMatch(/ESLint's suggestion for eqeqeq/);
    expect(fix.validation).toMatchObject({ commitSha: run.commitSha, applies: true, findingGone: true, newFindings: [], parseErrors: [], analyzedFiles: ['src/legacy.js'] });
    expect(fix.usage).toEqual({ tokensIn: null, tokensOut: null, costMicroUsd: null });

    // The row turns validated before the workflow's last step (usage metering) ends: wait for the workflow.
    expect(await env.temporal.workflow.getHandle(`fix-generation-${fixId}`).result()).toEqual({ fixId, status: 'validated', reason: null });
    const description = await env.temporal.workflow.getHandle(`fix-generation-${fixId}`).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(await env.knex('fixes').where({ findingId: eq.id }).count('* as n').first()).toEqual({ n: 1 });

    const usage = await env.knex('usage_events').where({ idempotencyKey: `fix:${fixId}` });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ workspaceId, kind: 'fix', quantity: 1 });
    expect(usage[0].metadata).toMatchObject({ provider: 'builtin', findingId: eq.id, runId: run.id, model: 'eslint' });

    const audit = await env.knex('activity_log').where({ resourceType: 'fix', resourceId: fixId }).orderBy('id');
    expect(audit.map((a) => [a.action, a.actorKind, a.actorId])).toEqual([
      ['fix.requested', 'user', developer.user.id],
      ['fix.validated', 'system', null],
    ]);

    const latest = await request(env.app).get(`/api/fixes/${eq.id}`).set('authorization', viewer.authHeader).expect(200);
    expect(latest.body).toMatchObject({ id: fixId, status: 'validated', finding: { ruleId: 'eslint/eqeqeq', path: 'src/legacy.js', startLine: 17 } });
  });

  it('lets viewers read fixes but not generate, apply or open pull requests', async () => {
    const eq = finding('eslint/eqeqeq', 'src/legacy.js');
    const denied = await generate(eq.id, viewer).expect(403);
    expect(denied.body.detail).toContain('As a viewer');
    await request(env.app).post(`/api/fixes/${fixId}/apply`).set('authorization', viewer.authHeader).expect(403);
    await request(env.app).post(`/api/fixes/${fixId}/create-pr`).set('authorization', viewer.authHeader).expect(403);
    await request(env.app).post(`/api/runs/${run.id}/fixes/batch`).set('authorization', viewer.authHeader).send({ ruleId: 'eslint/eqeqeq' }).expect(403);
    const all = await request(env.app).get(`/api/fixes/result/${eq.id}/all`).set('authorization', viewer.authHeader).expect(200);
    expect(all.body.finding).toMatchObject({ id: eq.id, ruleId: 'eslint/eqeqeq' });
    expect(all.body.fixes.map((f: { id: string }) => f.id)).toEqual([fixId]);
    const listed = await request(env.app).get(`/api/runs/${run.id}/fixes?status=validated`).set('authorization', viewer.authHeader).expect(200);
    expect(listed.body.items.map((f: { id: string }) => f.id)).toEqual([fixId]);
    await request(env.app).get(`/api/fixes/${finding('argus/empty-catch', 'src/server.ts').id}`).set('authorization', viewer.authHeader).expect(404);
  });

  it('ends as failed, with its reason, when there is no built-in fix; asking again tries again', async () => {
    const evalFinding = finding('eslint/no-eval', 'src/legacy.js', 13);
    const res = await generate(evalFinding.id).expect(202);
    const fix = await waitForFix(env.app, developer.authHeader, evalFinding.id, res.body.id);
    expect(fix).toMatchObject({ status: 'failed', failureType: 'NoFixAvailable', patch: null });
    expect(fix.failureReason).toContain('eslint/no-eval');
    await request(env.app).post(`/api/fixes/${fix.id}/create-pr`).set('authorization', developer.authHeader).expect(409);
    await request(env.app).post(`/api/fixes/${fix.id}/apply`).set('authorization', developer.authHeader).expect(409);
    expect(await env.knex('usage_events').where({ idempotencyKey: `fix:${fix.id}` })).toHaveLength(0);
    const again = await generate(evalFinding.id).expect(202);
    expect(again.body.id).not.toBe(fix.id);
    await waitForFix(env.app, developer.authHeader, evalFinding.id, again.body.id);
  });

  it('marks a fix as applied idempotently, audited once', async () => {
    const unused = finding('eslint/no-unused-vars', 'src/legacy.js');
    const res = await generate(unused.id).expect(202);
    const fix = await waitForFix(env.app, developer.authHeader, unused.id, res.body.id);
    expect(fix.status).toBe('validated');
    expect(fix.patch).toContain('-  const unusedCounter = 0;');
    const first = await request(env.app).post(`/api/fixes/${fix.id}/apply`).set('authorization', developer.authHeader).expect(200);
    const second = await request(env.app).post(`/api/fixes/${fix.id}/apply`).set('authorization', admin.authHeader).expect(200);
    expect(first.body.applied).toMatchObject({ by: developer.user.id });
    expect(second.body.applied).toEqual(first.body.applied);
    expect(second.body.status).toBe('validated');
    expect(await env.knex('activity_log').where({ action: 'fix.applied', resourceId: fix.id })).toHaveLength(1);
  });
});

describe('from a validated fix to a pull request branch on a plain git remote', () => {
  it('pushes argus/fix-<id> to the bare remote; merged into main, the finding is gone on re-analysis', async () => {
    const eq = finding('eslint/eqeqeq', 'src/legacy.js');
    const fix = (await request(env.app).get(`/api/fixes/${eq.id}`).set('authorization', developer.authHeader).expect(200)).body;
    const res = await request(env.app).post(`/api/fixes/${fix.id}/create-pr`).set('authorization', developer.authHeader).expect(202);
    expect(res.body).toMatchObject({ branch: `argus/fix-${fix.id}`, workflowId: `fix-pr-${fix.id}` });
    const opened = await waitForFix(env.app, developer.authHeader, eq.id, fix.id, ['pr_open']);
    // A plain git remote has no pull requests: the branch is recorded, without a URL.
    expect(opened.pullRequest).toEqual({ branch: `argus/fix-${fix.id}`, url: null, number: null });
    const again = await request(env.app).post(`/api/fixes/${fix.id}/create-pr`).set('authorization', developer.authHeader).expect(200);
    expect(again.body.branch).toBe(`argus/fix-${fix.id}`);

    const branchSha = await gitIn(remote.bare, ['rev-parse', `refs/heads/argus/fix-${fix.id}`]);
    expect(await gitIn(remote.bare, ['rev-parse', `${branchSha}^`])).toBe(run.commitSha);
    expect(await gitIn(remote.bare, ['diff', '--name-only', run.commitSha, branchSha])).toBe('src/legacy.js');
    expect(await gitIn(remote.bare, ['log', '-1', '--format=%an <%ae>%n%B', branchSha])).toMatch(/^Argus <fixes@argus\.local>\nArgus: fix eslint\/eqeqeq in src\/legacy\.js/);
    expect(await env.knex('activity_log').where({ action: 'fix.pr_opened', resourceId: fix.id })).toHaveLength(1);

    await mergeIntoMain(remote.bare, `argus/fix-${fix.id}`);
    const next = await analyze();
    expect(next.status).toBe('completed');
    const after = (await request(env.app).get(`/api/runs/${next.id}/findings?pageSize=200`).set('authorization', viewer.authHeader).expect(200)).body.items as typeof findings;
    expect(after.some((f) => f.fingerprint === eq.fingerprint)).toBe(false);
    expect(after.filter((f) => f.ruleId === 'eslint/eqeqeq').map((f) => f.path)).toEqual(['src/roles.js', 'src/roles.js']);
    // Everything else is still there, with the same fingerprints.
    const untouched = findings.filter((f) => f.id !== eq.id).map((f) => f.fingerprint).sort();
    expect(after.map((f) => f.fingerprint).sort()).toEqual(untouched);
  });

  it('puts every validated fix of a rule in one branch (batch), merging neighbouring changes to one file', async () => {
    const roles = findings.filter((f) => f.ruleId === 'eslint/eqeqeq' && f.path === 'src/roles.js');
    expect(roles).toHaveLength(2);
    const ids: string[] = [];
    for (const f of roles) ids.push((await generate(f.id).expect(202)).body.id);
    for (const [i, f] of roles.entries()) expect((await waitForFix(env.app, developer.authHeader, f.id, ids[i]!)).status).toBe('validated');

    const res = await request(env.app).post(`/api/runs/${run.id}/fixes/batch`).set('authorization', developer.authHeader).send({ ruleId: 'eslint/eqeqeq' }).expect(202);
    // The legacy.js fix already has its own branch: only the two roles.js fixes go in.
    expect(res.body).toMatchObject({ workflowId: `fix-batch-${run.id}-eslint/eqeqeq`, branch: `argus/fix-batch-${run.id.slice(0, 8)}-eslint-eqeqeq` });
    expect([...res.body.fixIds].sort()).toEqual([...ids].sort());
    const result = await env.temporal.workflow.getHandle(res.body.workflowId).result();
    expect(result).toMatchObject({ branch: res.body.branch, url: null, skipped: [] });
    for (const [i, f] of roles.entries()) expect((await waitForFix(env.app, developer.authHeader, f.id, ids[i]!, ['pr_open'])).pullRequest.branch).toBe(res.body.branch);

    const branchSha = await gitIn(remote.bare, ['rev-parse', `refs/heads/${res.body.branch}`]);
    expect(await gitIn(remote.bare, ['rev-parse', `${branchSha}^`])).toBe(run.commitSha);
    const content = await gitIn(remote.bare, ['show', `${branchSha}:src/roles.js`]);
    expect(content).toBe(ROLES_JS.replace(/ == /g, ' === ').trimEnd());

    const listed = await request(env.app).get(`/api/runs/${run.id}/fixes?rule=eslint/eqeqeq`).set('authorization', viewer.authHeader).expect(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.items.every((f: { status: string }) => f.status === 'pr_open')).toBe(true);
    const none = await request(env.app).post(`/api/runs/${run.id}/fixes/batch`).set('authorization', developer.authHeader).send({ ruleId: 'eslint/eqeqeq' }).expect(409);
    expect(none.body.detail).toContain('no validated fix');
  });
});
