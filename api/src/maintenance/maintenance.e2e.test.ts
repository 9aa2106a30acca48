import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import examples from '@octokit/webhooks-examples';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { startGitHubApiLoopback, type GitHubApiLoopback } from '../../../e2e/support/github-loopback';
import { activateRepository, createTeam, deliverWebhook, linkInstallation, signUp } from '../../../e2e/support/github-app-flow';
import { WRITES_DURING_MAINTENANCE } from './maintenance';
import { allRoutes } from '../app';

// Maintenance mode against the real API, Postgres and Temporal: non-staff writes refused with 503 problem+json and
// Retry-After, reads kept, webhooks still recorded (and their runs started), staff still working, nothing lost.
// GitHub's API is the loopback server (e2e/support/github-loopback.ts) speaking its wire format.
const SECRET = 'maintenance-webhook-secret';
const EXAMPLE_REPO_ID = 186853002;
let env: TestEnv;
let github: GitHubApiLoopback;
let owner: Awaited<ReturnType<typeof signUp>>;
let team: { id: string };
let root: { authHeader: string };
let support: { authHeader: string };

beforeAll(async () => {
  github = await startGitHubApiLoopback();
  env = await createTestEnv({ GITHUB_WEBHOOK_SECRET: SECRET, ...github.appEnv() });
  owner = await signUp(env.app, 'Codertocat');
  team = await createTeam(env.app, owner.authHeader, 'Codertocat');
  const installation = github.addInstallation({ account: { login: 'Codertocat', type: 'User' }, repositories: [{ id: EXAMPLE_REPO_ID, name: 'Hello-World', default_branch: 'master' }], users: ['Codertocat'] });
  const linked = await linkInstallation(env.app, owner.authHeader, github, team.id, installation, 'Codertocat');
  await activateRepository(env.app, owner.authHeader, linked.installation.id, EXAMPLE_REPO_ID);
  root = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
  support = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
});
afterAll(async () => {
  await env.knex('maintenance_mode').update({ enabled: false });
  await env.close();
  await github.close();
});

const push = () => structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'push')!.examples.find((p) => p.ref === 'refs/heads/master' && !p.deleted));
const toggle = (auth: { authHeader: string }, body: object) => request(env.app).post('/api/admin/system/maintenance').set('authorization', auth.authHeader).send(body);

describe('maintenance mode', () => {
  it('only super admins switch it, and switching on needs a message', async () => {
    await toggle(support, { enabled: true, message: 'x' }).expect(403);
    const missing = await toggle(root, { enabled: true }).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.message' })]);
    await toggle(root, { enabled: true, message: 'x', retryAfterSeconds: 0 }).expect(400);
    await request(env.app).get('/api/admin/system/maintenance').set('authorization', support.authHeader).expect(200, { enabled: false, message: '', retryAfterSeconds: 300, since: null, changedBy: null });
  });

  it('refuses non-staff writes with 503 and Retry-After, keeps reads, webhooks and staff working', async () => {
    const on = await toggle(root, { enabled: true, message: 'Upgrading the database; back at 02:00 UTC.', retryAfterSeconds: 120 }).expect(200);
    expect(on.body).toMatchObject({ enabled: true, message: 'Upgrading the database; back at 02:00 UTC.', retryAfterSeconds: 120, since: expect.any(String) });

    // The portal's banner reads the public notice, before login too.
    expect((await request(env.app).get('/api/maintenance').expect(200)).body).toMatchObject({ enabled: true, message: 'Upgrading the database; back at 02:00 UTC.' });

    // A customer's write: 503 problem+json with the message and Retry-After, and nothing was written.
    const refused = await request(env.app).post('/api/teams').set('authorization', owner.authHeader).send({ name: 'During maintenance' }).expect(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('120');
    expect(refused.body).toMatchObject({ status: 503, detail: 'Upgrading the database; back at 02:00 UTC.', code: 'maintenance', maintenance: { retryAfterSeconds: 120 } });
    expect(await env.knex('workspaces').where({ name: 'During maintenance' })).toHaveLength(0);
    await request(env.app).post(`/api/workspaces/${team.id}/support/tickets`).set('authorization', owner.authHeader).send({ subject: 's', description: 'd' }).expect(503);
    await request(env.app).patch(`/api/teams/${team.id}`).set('authorization', owner.authHeader).send({ name: 'Renamed' }).expect(503);

    // Reads keep working.
    await request(env.app).get('/api/me').set('authorization', owner.authHeader).expect(200);
    await request(env.app).get(`/api/workspaces/${team.id}/runs`).set('authorization', owner.authHeader).expect(200);
    // Logging in keeps working (staff must reach the console to switch it off).
    await request(env.app).post('/api/auth/login').send({ email: owner.email, password: owner.password }).expect(200);

    // A GitHub delivery is recorded and its run started, exactly as outside maintenance.
    const deliveryId = randomUUID();
    const accepted = await deliverWebhook(env.app, SECRET, 'push', push(), deliveryId).expect(202);
    const delivery = await env.knex('webhook_deliveries').where({ deliveryId }).first();
    expect(delivery).toBeDefined();
    expect(delivery.status).toMatch(/pending|started/);
    // Committed first, the run's workflow follows (started by the request or by the relay).
    for (let i = 0; ; i++) {
      try {
        await env.temporal.workflow.getHandle(accepted.body.workflowId).describe();
        break;
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    // Staff keep working: a staff write goes through.
    const ticket = await request(env.app).post('/api/admin/support/tickets').set('authorization', support.authHeader).send({ workspaceId: team.id, userId: owner.userId, subject: 'Maintenance question', description: 'Called in.' }).expect(201);
    expect(ticket.body.status).toBe('open');

    // The switch is audited.
    const audit = await env.knex('activity_log').where({ action: 'system.maintenance_on' }).first();
    expect(audit.after).toMatchObject({ enabled: true, retryAfterSeconds: 120 });
  });

  it('after switching off, writes work again and nothing recorded during maintenance is lost', async () => {
    await toggle(root, { enabled: false }).expect(200);
    expect((await request(env.app).get('/api/maintenance').expect(200)).body).toEqual({ enabled: false, message: '', retryAfterSeconds: 300, since: null });
    await request(env.app).post('/api/teams').set('authorization', owner.authHeader).send({ name: 'After maintenance' }).expect(201);
    expect(await env.knex('support_ticket').where({ subject: 'Maintenance question' })).toHaveLength(1);
    expect(await env.knex('webhook_deliveries').where({ source: 'github', event: 'push' })).toHaveLength(1);
    expect(await env.knex('activity_log').where({ action: 'system.maintenance_off' })).toHaveLength(1);
  });

  it('exempts only routes that exist and must keep writing', () => {
    const writes = new Set(allRoutes.filter((r) => r.method !== 'get').map((r) => r.path));
    for (const path of WRITES_DURING_MAINTENANCE) expect(writes, path).toContain(path);
  });
});
