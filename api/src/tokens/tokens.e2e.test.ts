import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express, { type Express } from 'express';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { mountRoutes } from '../http/router';
import { createErrorHandler } from '../http/error-handler';
import { hashToken } from '../auth/tokens';
import { teamRoutes } from '../teams/teams.routes';
import { memberRoutes } from '../members/members.routes';
import { invitationRoutes } from '../invitations/invitations.routes';
import { activityRoutes } from '../activity/activity.routes';
import { tokenRoutes } from './tokens.routes';

let env: TestEnv;
let app: Express;
beforeAll(async () => {
  env = await createTestEnv();
  app = express();
  app.use(express.json());
  app.use(mountRoutes([...teamRoutes, ...memberRoutes, ...invitationRoutes, ...activityRoutes, ...tokenRoutes], env.deps));
  app.use(createErrorHandler(env.deps));
});
afterAll(() => env.close());

type TestUser = Awaited<ReturnType<typeof createUserWithToken>>;
const newUser = () => createUserWithToken(env.knex, env.config.jwtSecret);
const bearer = (token: string) => ({ authHeader: `Bearer ${token}` });

function as(u: { authHeader: string }) {
  const r = request(app);
  return {
    get: (path: string) => r.get(path).set('authorization', u.authHeader),
    post: (path: string, body: object = {}) => r.post(path).set('authorization', u.authHeader).send(body),
    patch: (path: string, body: object = {}) => r.patch(path).set('authorization', u.authHeader).send(body),
    del: (path: string) => r.delete(path).set('authorization', u.authHeader),
  };
}

async function createTeam(admin: TestUser) {
  return (await as(admin).post('/api/teams', { name: `Token team ${Math.random().toString(36).slice(2, 8)}` }).expect(201)).body as { id: string; name: string };
}

describe('personal API tokens', () => {
  it('creates a token (plaintext once, hash stored), lists it without the secret, and audits it', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const res = await as(admin).post('/api/tokens', { name: 'CI', workspaceId: team.id, role: 'developer', expiresInDays: 30 }).expect(201);
    const token: string = res.body.token;
    expect(token).toMatch(/^argus_pat_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({ name: 'CI', workspaceId: team.id, workspaceName: team.name, role: 'developer', prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null });
    expect((new Date(res.body.expiresAt).getTime() - Date.now()) / 86_400_000).toBeCloseTo(30, 1);

    const row = await env.knex('api_tokens').where({ id: res.body.id }).first();
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const list = await as(admin).get('/api/tokens').expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toEqual({ ...res.body, token: undefined, lastUsedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(token);

    const audit = await env.knex('activity_log').where({ workspaceId: team.id, action: 'token.created' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.user.id, resourceType: 'api_token', resourceId: res.body.id, after: { name: 'CI', role: 'developer', prefix: token.slice(0, 12) } });
    const everything = JSON.stringify(await env.knex('activity_log'));
    expect(everything).not.toContain(token);

    const noExpiry = await as(admin).post('/api/tokens', { name: 'forever', workspaceId: team.id, role: 'viewer' }).expect(201);
    expect(noExpiry.body.expiresAt).toBeNull();
  });

  it('authenticates as Bearer argus_pat_… for its workspace only, capped at the token role', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const otherTeam = await createTeam(admin);
    const { token } = (await as(admin).post('/api/tokens', { name: 'ro', workspaceId: team.id, role: 'viewer' }).expect(201)).body;

    const res = await as(bearer(token)).get(`/api/teams/${team.id}`).expect(200);
    expect(res.body).toMatchObject({ id: team.id, role: 'viewer' });
    const other = await as(bearer(token)).get(`/api/teams/${otherTeam.id}`).expect(404);
    expect(other.body.detail).toMatch(/No team with that id/);
    // Listing shows only the token's workspace, with the capped role.
    const list = await as(bearer(token)).get('/api/teams').expect(200);
    expect(list.body.map((w: { id: string; role: string }) => [w.id, w.role])).toEqual([[team.id, 'viewer']]);
    // The admin's token with viewer role cannot act as admin.
    await as(bearer(token)).patch(`/api/teams/${team.id}`, { name: 'nope' }).expect(403);
    await as(bearer(token)).post(`/api/teams/${team.id}/members`, { email: 'x@example.test', role: 'viewer' }).expect(403);

    // Usage is recorded (best-effort, asynchronously).
    await expect.poll(async () => (await env.knex('api_tokens').where({ tokenHash: hashToken(token) }).first()).lastUsedAt).not.toBeNull();
  });

  it('an API token cannot mint, list or revoke tokens, create teams or accept invitations (403)', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const created = (await as(admin).post('/api/tokens', { name: 'admin-token', workspaceId: team.id, role: 'admin' }).expect(201)).body;
    const pat = bearer(created.token);
    const mint = await as(pat).post('/api/tokens', { name: 'child', workspaceId: team.id, role: 'viewer' }).expect(403);
    expect(mint.body.detail).toMatch(/Log in/);
    await as(pat).get('/api/tokens').expect(403);
    await as(pat).del(`/api/tokens/${created.id}`).expect(403);
    await as(pat).post('/api/teams', { name: 'From CI' }).expect(403);
    await as(pat).post('/api/invitations/accept', { token: 'argus_inv_x' }).expect(403);
    expect(await env.knex('api_tokens').where({ userId: admin.user.id }).count('* as n').first()).toEqual({ n: 1 });
  });

  it('refuses a role above the caller’s (403) and a workspace the caller is not in (404)', async () => {
    const admin = await newUser();
    const dev = await newUser();
    const team = await createTeam(admin);
    await env.knex('workspace_members').insert({ workspaceId: team.id, userId: dev.user.id, role: 'developer' });
    const res = await as(dev).post('/api/tokens', { name: 'x', workspaceId: team.id, role: 'admin' }).expect(403);
    expect(res.body.detail).toMatch(/more rights than you/);
    await as(dev).post('/api/tokens', { name: 'x', workspaceId: team.id, role: 'developer' }).expect(201);
    await as(dev).post('/api/tokens', { name: 'x', workspaceId: team.id, role: 'viewer' }).expect(201);

    const outsider = await newUser();
    await as(outsider).post('/api/tokens', { name: 'x', workspaceId: team.id, role: 'viewer' }).expect(404);
    await as(outsider).post('/api/tokens', { name: 'x', workspaceId: 'not-a-uuid', role: 'viewer' }).expect(404);
    await as(outsider).post('/api/tokens', { name: '', workspaceId: team.id, role: 'viewer' }).expect(400);
    await as(outsider).post('/api/tokens', { name: 'x', workspaceId: team.id, role: 'viewer', expiresInDays: 0 }).expect(400);
  });

  it('revokes (audited, idempotent): the token then answers 401; another user’s token is 404', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const created = (await as(admin).post('/api/tokens', { name: 'ci', workspaceId: team.id, role: 'developer' }).expect(201)).body;
    await as(bearer(created.token)).get(`/api/teams/${team.id}`).expect(200);

    const stranger = await newUser();
    await as(stranger).del(`/api/tokens/${created.id}`).expect(404);
    await as(stranger).del('/api/tokens/not-a-uuid').expect(404);
    await as(bearer(created.token)).get(`/api/teams/${team.id}`).expect(200);

    await as(admin).del(`/api/tokens/${created.id}`).expect(204);
    await as(admin).del(`/api/tokens/${created.id}`).expect(204);
    const refused = await as(bearer(created.token)).get(`/api/teams/${team.id}`).expect(401);
    expect(refused.body.detail).toMatch(/revoked, expired or unknown/);
    const list = await as(admin).get('/api/tokens').expect(200);
    expect(list.body[0].revokedAt).not.toBeNull();
    const audit = await env.knex('activity_log').where({ action: 'token.revoked', resourceId: created.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.user.id, workspaceId: team.id, before: { name: 'ci', role: 'developer', prefix: created.prefix } });
  });

  it('an expired token answers 401; leaving or being removed from the workspace revokes the member’s tokens', async () => {
    const admin = await newUser();
    const dev = await newUser();
    const team = await createTeam(admin);
    await env.knex('workspace_members').insert({ workspaceId: team.id, userId: dev.user.id, role: 'developer' });
    const expiring = (await as(dev).post('/api/tokens', { name: 'old', workspaceId: team.id, role: 'developer', expiresInDays: 1 }).expect(201)).body;
    await env.knex('api_tokens').where({ id: expiring.id }).update({ expiresAt: new Date(Date.now() - 1000) });
    await as(bearer(expiring.token)).get(`/api/teams/${team.id}`).expect(401);

    const live = (await as(dev).post('/api/tokens', { name: 'live', workspaceId: team.id, role: 'developer' }).expect(201)).body;
    await as(bearer(live.token)).get(`/api/teams/${team.id}`).expect(200);
    await as(admin).del(`/api/teams/${team.id}/members/${dev.user.id}`).expect(204);
    await env.knex('workspace_members').insert({ workspaceId: team.id, userId: dev.user.id, role: 'developer' });
    await as(bearer(live.token)).get(`/api/teams/${team.id}`).expect(401);
  });
});
