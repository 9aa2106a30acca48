import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { findCodeIndexOfRepository } from '@argus/db';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';

const exec = promisify(execFile);

// Code search on real parts: a real local git repository, analyzed through the API → Temporal → worker (which
// indexes the checkout's files at analysis time) → Postgres trigram index → GET /api/search/code.
let env: TestEnv;
let dir: string;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let rival: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;
let rivalWorkspaceId: string;
let repositoryId: string;

const BILLING_TS = [
  "import { round } from './math';",
  '',
  'export function calculateInvoiceTotal(lines: { cents: number }[]) {',
  '  const subtotal = lines.reduce((sum, l) => sum + l.cents, 0);',
  '  const total = round(subtotal * 1.2);',
  '  return total;',
  '}',
  '',
].join('\n');

async function git(args: string[]) {
  return (await exec('git', ['-c', 'user.email=dev@example.test', '-c', 'user.name=Dev', ...args], { cwd: dir })).stdout.trim();
}

async function analyze(ref?: string) {
  const res = await request(env.app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', owner.authHeader).send(ref ? { ref } : {}).expect(202);
  return waitForRun(env.app, owner.authHeader, res.body.runId);
}

const code = (query: Record<string, string | number>, who = owner, ws = workspaceId) =>
  request(env.app).get('/api/search/code').query({ workspace_id: ws, ...query }).set('authorization', who.authHeader);

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'argus-code-search-'));
  await mkdir(path.join(dir, 'src'));
  await writeFile(path.join(dir, 'src', 'billing.ts'), BILLING_TS);
  await writeFile(path.join(dir, 'src', 'math.ts'), 'export const round = (n: number) => Math.round(n);\n');
  await writeFile(path.join(dir, 'README.md'), '# Ledger\nComputes the invoice total.\n');
  await exec('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  await git(['add', '-A']);
  await git(['commit', '-qm', 'Initial']);
  await git(['checkout', '-qb', 'feature']);
  await writeFile(path.join(dir, 'src', 'feature-only.ts'), 'export const featureFlagZebra = true;\n');
  await git(['add', '-A']);
  await git(['commit', '-qm', 'Feature']);
  await git(['checkout', '-q', 'main']);

  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  rival = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Ledger', slug: `ledger-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
  workspaceId = ws.id;
  const [other] = await env.knex('workspaces').insert({ name: 'Rival', slug: `rival-${Date.now()}`, kind: 'team', ownerId: rival.user.id }).returning('id');
  rivalWorkspaceId = other.id;
  await env.knex('workspace_members').insert([
    { workspaceId, userId: owner.user.id, role: 'admin' },
    { workspaceId: rivalWorkspaceId, userId: rival.user.id, role: 'admin' },
  ]);
  await env.startWorker();
  const repo = await request(env.app).post(`/api/workspaces/${workspaceId}/repositories`).set('authorization', owner.authHeader).send({ cloneUrl: `file://${dir}`, name: 'acme/ledger', defaultBranch: 'main' }).expect(201);
  repositoryId = repo.body.id;
}, 180_000);
afterAll(async () => {
  await env?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('code search', () => {
  it('indexes the default branch at analysis time and answers with path, line, context and highlights', async () => {
    const run = await analyze();
    expect(run.status).toBe('completed');
    expect(await findCodeIndexOfRepository(env.knex, repositoryId)).toMatchObject({ runId: run.id, files: 3 });

    const body = (await code({ q: 'calculateInvoiceTotal' }).expect(200)).body;
    expect(body.total).toBe(1);
    const [hit] = body.items;
    expect(hit).toMatchObject({ repositoryId, repositoryName: 'acme/ledger', runId: run.id, path: 'src/billing.ts', language: 'typescript', matchCount: 1 });
    expect(hit.matches).toHaveLength(1);
    expect(hit.matches[0].line).toBe(3);
    // Two lines of context on each side, each numbered; the match itself is marked.
    expect(hit.matches[0].lines.map((l: { number: number }) => l.number)).toEqual([1, 2, 3, 4, 5]);
    expect(hit.matches[0].lines[2].segments).toEqual([
      { text: 'export function ', match: false },
      { text: 'calculateInvoiceTotal', match: true },
      { text: '(lines: { cents: number }[]) {', match: false },
    ]);
  });

  it('matches literal text case-insensitively and, in word mode, whole words only', async () => {
    const literal = (await code({ q: 'TOTAL' }).expect(200)).body;
    expect(literal.items.map((h: { path: string }) => h.path).sort()).toEqual(['README.md', 'src/billing.ts']);
    const billing = literal.items.find((h: { path: string }) => h.path === 'src/billing.ts');
    // calculateInvoiceTotal, subtotal (twice on one line counts once), total: lines 3, 4, 5 and 6.
    expect(billing.matches.map((m: { line: number }) => m.line)).toEqual([3, 4, 5, 6]);

    const word = (await code({ q: 'total', mode: 'word', path: 'src/' }).expect(200)).body;
    expect(word.items).toHaveLength(1);
    expect(word.items[0].matches.map((m: { line: number }) => m.line)).toEqual([5, 6]);
    expect((await code({ q: 'round(', language: 'typescript' }).expect(200)).body.items.map((h: { path: string }) => h.path)).toEqual(['src/billing.ts', 'src/math.ts']);
    expect((await code({ q: 'invoice', language: 'markdown' }).expect(200)).body.items.map((h: { path: string }) => h.path)).toEqual(['README.md']);
    // LIKE wildcards are literal text.
    expect((await code({ q: '%_%' }).expect(200)).body.total).toBe(0);
  });

  it('leaves the index alone for other branches and replaces it on the next default-branch run', async () => {
    const feature = await analyze('feature');
    expect(feature.status).toBe('completed');
    expect((await code({ q: 'featureFlagZebra' }).expect(200)).body.total).toBe(0);

    await exec('git', ['rm', '-q', 'README.md'], { cwd: dir });
    await writeFile(path.join(dir, 'src', 'tax.ts'), 'export const VAT_RATE_PERCENT = 20;\n');
    await git(['add', '-A']);
    await git(['commit', '-qm', 'Tax']);
    const next = await analyze();
    expect((await findCodeIndexOfRepository(env.knex, repositoryId))!.runId).toBe(next.id);
    expect((await code({ q: 'VAT_RATE_PERCENT' }).expect(200)).body.items.map((h: { path: string; runId: string }) => [h.path, h.runId])).toEqual([['src/tax.ts', next.id]]);
    expect((await code({ q: 'Ledger' }).expect(200)).body.total).toBe(0);
  });

  it('shows no other workspace’s code, and refuses other workspaces', async () => {
    await code({ q: 'calculateInvoiceTotal' }, rival, workspaceId).expect(404);
    expect((await code({ q: 'calculateInvoiceTotal' }, rival, rivalWorkspaceId).expect(200)).body).toMatchObject({ total: 0, items: [] });
  });
});
