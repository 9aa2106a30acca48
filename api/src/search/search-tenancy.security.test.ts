import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { replaceCodeFiles } from '@argus/db';
import { allRoutes } from '../app';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { seedFinishedRun } from '../../../e2e/support/finished-run';

// Search is where one tenant's words meet another's index. Every search route is called by an attacker (a) with
// the victim's workspace id, which must be 404 like a workspace that does not exist, and (b) in the attacker's own
// workspace with queries made of the victim's secrets, which must match, count, suggest and highlight nothing.
let env: TestEnv;
let attacker: Awaited<ReturnType<typeof createUserWithToken>>;
let victimWorkspace: string;
let attackerWorkspace: string;
const SECRETS = ['zanzibar-ledger', 'victimcorp/payroll-core', 'payrollSigningKey', 'quokkaMigration'];

const searchRoutes = allRoutes.filter((r) => r.method === 'get' && r.path.startsWith('/api/search') && r.auth === 'user');
const queryFor = (path: string, q: string) => (path.endsWith('/history') || path.endsWith('/saved') ? {} : { q });

beforeAll(async () => {
  env = await createTestEnv();
  const victim = await createUserWithToken(env.knex, env.config.jwtSecret);
  attacker = await createUserWithToken(env.knex, env.config.jwtSecret);
  const workspace = async (name: string, userId: string) => {
    const [ws] = await env.knex('workspaces').insert({ name, slug: `${name}-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: userId }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId, role: 'admin' });
    return ws.id as string;
  };
  victimWorkspace = await workspace('victimcorp', victim.user.id);
  attackerWorkspace = await workspace('attacker', attacker.user.id);
  // The victim's team and its members are documents of the `team` type: their words are secrets too.
  await env.knex('workspaces').where({ id: victimWorkspace }).update({ description: 'Owners of zanzibar-ledger' });
  await env.knex('users').where({ id: victim.user.id }).update({ name: 'quokkaMigration Lead', email: 'payrollSigningKey@victim.test' });
  const [repo] = await env.knex('repositories').insert({ workspaceId: victimWorkspace, provider: 'git', fullName: 'victimcorp/payroll-core', cloneUrl: 'https://git.example.test/victimcorp/payroll-core.git' }).returning('id');
  const run = await seedFinishedRun(env.knex, {
    workspaceId: victimWorkspace,
    repositoryId: repo.id,
    findings: [{ ruleId: 'victim/zanzibar-ledger', path: 'src/quokkaMigration.ts', message: 'payrollSigningKey leaks through zanzibar-ledger' }],
  });
  await replaceCodeFiles(env.knex, { runId: run.id, repositoryId: repo.id, workspaceId: victimWorkspace, runCreatedAt: run.createdAt }, [
    { path: 'src/keys.ts', language: 'typescript', content: 'export const payrollSigningKey = "zanzibar-ledger";\n' },
  ]);
  await env.knex('searchHistory').insert({ userId: victim.user.id, workspaceId: victimWorkspace, query: 'quokkaMigration' });
  // A repository of the attacker's own, so their workspace has something to search.
  await env.knex('repositories').insert({ workspaceId: attackerWorkspace, provider: 'git', fullName: 'attacker/app', cloneUrl: 'https://git.example.test/attacker/app.git' });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('search tenancy', () => {
  it('covers every customer search route', () => {
    expect(searchRoutes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/search', '/api/search/findings', '/api/search/code', '/api/search/suggestions', '/api/search/history', '/api/search/saved', '/api/search/tickets', '/api/search/teams']));
  });

  it.each(searchRoutes.map((r) => [r.path] as const))('%s answers 404 for the victim’s workspace, like for none', async (path) => {
    const q = 'zanzibar-ledger';
    const theirs = await request(env.app).get(path).query({ workspace_id: victimWorkspace, ...queryFor(path, q) }).set('authorization', attacker.authHeader);
    const nobodys = await request(env.app).get(path).query({ workspace_id: randomUUID(), ...queryFor(path, q) }).set('authorization', attacker.authHeader);
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail).toBe(nobodys.body.detail);
    for (const secret of SECRETS) expect(JSON.stringify(theirs.body)).not.toContain(secret);
  });

  it.each(searchRoutes.flatMap((r) => SECRETS.map((s) => [r.path, s] as const)))('%s in the attacker’s own workspace finds nothing for “%s”', async (path, secret) => {
    const res = await request(env.app).get(path).query({ workspace_id: attackerWorkspace, ...queryFor(path, secret), ...(path === '/api/search' ? { record: 'false' } : {}) }).set('authorization', attacker.authHeader).expect(200);
    // The grouped answer echoes the attacker's own query; everything else must be free of the victim's words.
    const { q: _echo, ...body } = res.body as Record<string, unknown>;
    const text = JSON.stringify(body);
    for (const s of SECRETS) expect(text).not.toContain(s);
    if ('total' in body) expect(body.total).toBe(0);
    if (path === '/api/search') expect(body.didYouMean).toBeNull();
  });

  it('an API token of one workspace cannot search another of the same user', async () => {
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    await env.knex('workspaceMembers').insert({ workspaceId: victimWorkspace, userId: owner.user.id, role: 'viewer' });
    await env.knex('workspaceMembers').insert({ workspaceId: attackerWorkspace, userId: owner.user.id, role: 'viewer' });
    const created = await request(env.app).post('/api/tokens').set('authorization', owner.authHeader).send({ name: 'ci', workspaceId: attackerWorkspace, role: 'viewer' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pat = `Bearer ${created.body.token}`;
    await request(env.app).get('/api/search/findings').query({ workspace_id: victimWorkspace, q: 'zanzibar' }).set('authorization', pat).expect(404);
    await request(env.app).get('/api/search/findings').query({ workspace_id: attackerWorkspace, q: 'zanzibar' }).set('authorization', pat).expect(200);
    // Teams are the caller's own, across workspaces; a token's, only its own workspace's.
    const teams = (await request(env.app).get('/api/search/teams').query({ workspace_id: attackerWorkspace, q: 'zanzibar' }).set('authorization', pat).expect(200)).body;
    expect(teams.total).toBe(0);
    for (const s of SECRETS) expect(JSON.stringify(teams)).not.toContain(s);
    const session = (await request(env.app).get('/api/search/teams').query({ workspace_id: attackerWorkspace, q: 'zanzibar' }).set('authorization', owner.authHeader).expect(200)).body;
    expect(session.items.map((h: { id: string }) => h.id)).toEqual([victimWorkspace]);
  });
});
