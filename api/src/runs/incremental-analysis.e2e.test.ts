import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { AnalyzeRepositoryInput } from '@argus/workflows/contract';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';
import { createFixtureApp } from '../../../e2e/fixtures/fixture-apps';

const run = promisify(execFile);

// Incremental pull-request analysis on real parts: a real git repository (the vulnerable Express fixture, whose
// taint flows cross files), the Temporal dev server, the worker and its analyzers, Postgres. The same pull-request
// commit is analyzed incrementally and in full; both must store exactly the same findings.
let env: TestEnv;
let app: Awaited<ReturnType<typeof createFixtureApp>>;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let repositoryId: string;
let baseSha: string;
let headSha: string;
let baseRunId: string;

const git = (args: string[]) => run('git', ['-c', 'user.email=dev@example.test', '-c', 'user.name=Dev', '-c', 'commit.gpgsign=false', ...args], { cwd: app.dir }).then((r) => r.stdout.trim());

async function analyzePullRequest(extra: Partial<AnalyzeRepositoryInput> = {}) {
  const runId = randomUUID();
  await env.temporal.workflow.execute('analyzeRepository', {
    taskQueue: env.taskQueue,
    workflowId: `analysis-pr-${runId}`,
    args: [{ runId, trigger: 'pull_request', repositoryId, commitSha: headSha, baseSha, ref: 'refs/heads/feature', pullRequestNumber: 7, slotPollInterval: '1 second', ...extra }],
  });
  return runId;
}

/** What a user sees of a finding, by fingerprint. */
async function findingsOf(runId: string, { withNew = true } = {}) {
  const rows = await env.knex('findings').where({ runId }).orderBy('fingerprint');
  return rows.map((f) => [f.fingerprint, f.ruleId, f.path, f.startLine, f.endLine, f.severity, f.message, withNew ? f.isNew : '-', f.fileRole, f.suppressionKind, JSON.stringify(f.codeFlow)].join(' | '));
}

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  app = await createFixtureApp('vulnerable-express');
  // A few more modules, so that most of the tree is untouched by the change below.
  await mkdir(path.join(app.dir, 'src'), { recursive: true });
  for (let i = 0; i < 12; i++) {
    await writeFile(path.join(app.dir, 'src', `helper-${i}.js`), `const util = require('./helper-${(i + 1) % 12}');\nfunction compare${i}(a, b) {\n  return a == b;\n}\nmodule.exports = { compare${i}, util };\n`);
  }
  await git(['add', '-A']);
  await git(['commit', '-qm', 'helpers']);
  baseSha = await git(['rev-parse', 'HEAD']);
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Shop', slug: `shop-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
  await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: owner.user.id, role: 'admin' });
  await env.startWorker();
  const repo = await request(env.app).post(`/api/workspaces/${ws.id}/repositories`).set('authorization', owner.authHeader).send({ cloneUrl: `file://${app.dir}`, name: 'acme/shop', defaultBranch: 'main' }).expect(201);
  repositoryId = repo.body.id;
  const started = await request(env.app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', owner.authHeader).send({}).expect(202);
  baseRunId = started.body.runId;
  expect((await waitForRun(env.app, owner.authHeader, baseRunId)).status).toBe('completed');

  // The pull request: a cross-file sink fixed (tools.js, imported by routes/index.js), a new module with a new
  // flow, a deleted file with a secret, a helper changed in the middle of an import chain.
  await git(['checkout', '-qb', 'feature']);
  await writeFile(path.join(app.dir, 'lib', 'tools.js'), "const { execFile } = require('child_process');\n\nfunction pingHost(host, done) {\n  execFile('ping', ['-c', '1', String(host)], (err, stdout) => done(err, stdout));\n}\n\nmodule.exports = { pingHost };\n");
  await writeFile(path.join(app.dir, 'lib', 'greeting.js'), "function greet(res, name) {\n  res.send('<p>Hello ' + name + '</p>');\n}\n\nmodule.exports = { greet };\n");
  await writeFile(path.join(app.dir, 'routes', 'hello.js'), "const express = require('express');\nconst { greet } = require('../lib/greeting');\n\nconst router = express.Router();\nrouter.get('/hello', (req, res) => greet(res, req.query.name));\n\nmodule.exports = router;\n");
  await writeFile(path.join(app.dir, 'src', 'helper-5.js'), "const util = require('./helper-6');\nfunction compare5(a, b) {\n  if (a == null) return false;\n  return a == b;\n}\nmodule.exports = { compare5, util };\n");
  await rm(path.join(app.dir, 'config', 'keys.js'));
  await git(['add', '-A']);
  await git(['commit', '-qm', 'feature']);
  headSha = await git(['rev-parse', 'HEAD']);
}, 240_000);

afterAll(async () => {
  await env?.close();
  await app?.cleanup();
});

describe('incremental pull-request analysis', () => {
  let incrementalRunId: string;
  let fullRunId: string;

  it('analyzes only the changed files and their importers, and carries the rest from the base run', async () => {
    incrementalRunId = await analyzePullRequest();
    const runRow = await env.knex('analysis_runs').where({ id: incrementalRunId }).first();
    expect(runRow).toMatchObject({ status: 'completed', analysisMode: 'incremental', carriedFromRunId: baseRunId, comparedToRunId: baseRunId, filesChanged: 5 });
    const base = await env.knex('analysis_runs').where({ id: baseRunId }).first();
    expect(base.analysisMode).toBe('full');
    // Changed: tools.js, greeting.js, hello.js, helper-5.js (+ the deleted keys.js). Importers within three hops:
    // routes/index.js (tools.js), app.js (routes), helper-4/3/2 (the helper-5 chain).
    expect(runRow.filesAnalyzed).toBeGreaterThanOrEqual(4);
    expect(runRow.filesAnalyzed).toBeLessThan(base.filesAnalyzed);
    const res = await request(env.app).get(`/api/runs/${incrementalRunId}`).set('authorization', owner.authHeader).expect(200);
    expect(res.body).toMatchObject({ analysisMode: 'incremental', filesAnalyzed: runRow.filesAnalyzed, carriedFromRunId: baseRunId });
  });

  it('stores exactly the findings a full analysis of the same commit stores', async () => {
    fullRunId = await analyzePullRequest({ fullAnalysis: true });
    const full = await env.knex('analysis_runs').where({ id: fullRunId }).first();
    expect(full).toMatchObject({ status: 'completed', analysisMode: 'full', carriedFromRunId: null });
    const incremental = await findingsOf(incrementalRunId);
    const complete = await findingsOf(fullRunId);
    expect(incremental.length).toBeGreaterThan(10);
    expect(incremental).toEqual(complete);
    const inc = await env.knex('analysis_runs').where({ id: incrementalRunId }).first();
    expect(inc.summary).toEqual(full.summary);
    expect(inc.gate).toEqual(full.gate);
  });

  it('sees what the change did: the fixed cross-file command injection is gone, the new XSS flow is new', async () => {
    const rows = await env.knex('findings').where({ runId: incrementalRunId });
    const baseRows = await env.knex('findings').where({ runId: baseRunId });
    expect(baseRows.some((f) => f.ruleId === 'taint/command-injection')).toBe(true);
    expect(rows.some((f) => f.ruleId === 'taint/command-injection')).toBe(false);
    expect(rows.some((f) => f.ruleId === 'taint/xss' && f.path === 'lib/greeting.js' && f.isNew)).toBe(true);
    expect(rows.some((f) => f.path === 'config/keys.js')).toBe(false);
    // Untouched files keep their findings (carried forward, not new).
    const carried = rows.filter((f) => f.path === 'src/helper-9.js');
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((f) => !f.isNew)).toBe(true);
  });

  it('analyzes nothing when nothing changed, and everything when the base commit has no run', async () => {
    const runId = await analyzePullRequest({ baseSha: headSha });
    const row = await env.knex('analysis_runs').where({ id: runId }).first();
    // headSha's completed runs exist (the two above) and carry the same key: this one is incremental with no change.
    expect(row).toMatchObject({ status: 'completed', analysisMode: 'incremental', filesAnalyzed: 0, filesChanged: 0 });
    expect(await findingsOf(runId, { withNew: false })).toEqual(await findingsOf(fullRunId, { withNew: false }));
    const orphan = await analyzePullRequest({ baseSha: '0'.repeat(40) });
    expect(await env.knex('analysis_runs').where({ id: orphan }).first()).toMatchObject({ status: 'completed', analysisMode: 'full' });
  });
});
