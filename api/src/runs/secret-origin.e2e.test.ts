import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';

const run = promisify(execFile);
// Joined at run time, so this file holds no key a scanner would report.
const j = (...parts: string[]) => parts.join('');

// Which commit added a committed secret, on real parts: a real git repository with history, the Temporal dev server,
// the worker and its secrets detector, Postgres, and the run's findings read through the API.
let env: TestEnv;
let dir: string;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceId: string;
const commits: string[] = [];
const git = (args: string[], author = 'Dev') => run('git', ['-c', 'user.email=dev@example.test', '-c', `user.name=${author}`, '-c', 'commit.gpgsign=false', ...args], { cwd: dir }).then((r) => r.stdout.trim());

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'argus-secret-origin-'));
  await git(['init', '-q', '-b', 'main']);
  // An old key, followed by more than the 100 commits of history Argus looks at.
  await writeFile(path.join(dir, 'legacy.js'), `module.exports = { awsKeyId: '${j('AKIA', 'QX7RZ2LM9PKD3WTB')}' };\n`);
  await git(['add', '-A']);
  await git(['commit', '-qm', 'legacy config']);
  for (let i = 0; i < 102; i++) {
    await appendFile(path.join(dir, 'CHANGELOG.md'), `- change ${i}\n`);
    await git(['add', '-A']);
    await git(['commit', '-qm', `change ${i}`]);
  }
  // Five more commits; the third one, by Mallory, adds a token to a file that existed before.
  for (let i = 0; i < 5; i++) {
    if (i === 0) await writeFile(path.join(dir, 'config.js'), "module.exports = {\n  port: 3000,\n};\n");
    if (i === 2) await writeFile(path.join(dir, 'config.js'), `module.exports = {\n  port: 3000,\n  githubToken: '${j('ghp_', 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5')}',\n};\n`);
    if (i !== 0 && i !== 2) await appendFile(path.join(dir, 'CHANGELOG.md'), `- step ${i}\n`);
    await git(['add', '-A']);
    await git(['commit', '-qm', `step ${i}`], i === 2 ? 'Mallory' : 'Dev');
    commits.push(await git(['rev-parse', 'HEAD']));
  }
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Keys', slug: `keys-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert({ workspaceId, userId: owner.user.id, role: 'admin' });
  await env.startWorker();
}, 240_000);

afterAll(async () => {
  await env?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a committed secret', () => {
  it('says which commit added it, or that it is older than the history looked at', async () => {
    const repo = await request(env.app).post(`/api/workspaces/${workspaceId}/repositories`).set('authorization', owner.authHeader).send({ cloneUrl: `file://${dir}`, name: 'acme/keys', defaultBranch: 'main' }).expect(201);
    const started = await request(env.app).post(`/api/repositories/${repo.body.id}/analyze`).set('authorization', owner.authHeader).send({}).expect(202);
    expect((await waitForRun(env.app, owner.authHeader, started.body.runId)).status).toBe('completed');
    const findings = (await request(env.app).get(`/api/runs/${started.body.runId}/findings?pageSize=100`).set('authorization', owner.authHeader).expect(200)).body.items as { path: string; tool: string; message: string }[];
    const token = findings.find((f) => f.path === 'config.js' && f.tool === 'secrets');
    const legacy = findings.find((f) => f.path === 'legacy.js' && f.tool === 'secrets');
    const today = new Date().toISOString().slice(0, 10);
    expect(token?.message).toContain(`Added to the repository in commit ${commits[2]!.slice(0, 12)} by Mallory on `);
    expect(token?.message).toMatch(new RegExp(`on (${today}|\\d{4}-\\d{2}-\\d{2}) \\(rotate it`));
    expect(legacy?.message).toContain('Added to the repository before the 100 most recent commits');
    // The key itself never appears in a message.
    expect(JSON.stringify(findings)).not.toContain('QX7RZ2LM9PKD3WTB');
  }, 180_000);
});
