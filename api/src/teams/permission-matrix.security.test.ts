import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express, { type Express } from 'express';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { mountRoutes } from '../http/router';
import { createErrorHandler } from '../http/error-handler';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import { WORKSPACE_ROLES, can, type WorkspacePermission, type WorkspaceRole } from '../access/permissions';
import { teamRoutes } from './teams.routes';

/**
 * Seed 000's permission matrix, row by row. `can()` must say exactly this, and where a route exists the
 * HTTP answer must agree: 2xx when allowed, 403 when the member lacks the right, 404 for non-members.
 */
const MATRIX: { action: string; permission: WorkspacePermission; allowed: Record<WorkspaceRole, boolean> }[] = [
  { action: 'view results', permission: 'results:view', allowed: { admin: true, developer: true, viewer: true } },
  { action: 'run analysis', permission: 'analysis:run', allowed: { admin: true, developer: true, viewer: false } },
  { action: 'generate fixes', permission: 'fixes:generate', allowed: { admin: true, developer: true, viewer: false } },
  { action: 'invite members', permission: 'members:invite', allowed: { admin: true, developer: false, viewer: false } },
  { action: 'change settings', permission: 'settings:change', allowed: { admin: true, developer: false, viewer: false } },
];

type Caller = { authHeader: string };
let counter = 0;

/** The HTTP probe for each action that has a route today (the others are asserted through can() only). */
const HTTP: Partial<Record<string, { route: string; call: (caller: Caller, teamId: string) => request.Test; success: number }>> = {
  'view results': { route: 'GET /api/teams/:teamId', call: (c, t) => request(app).get(`/api/teams/${t}`).set('authorization', c.authHeader), success: 200 },
  'invite members': {
    route: 'POST /api/teams/:teamId/members',
    call: (c, t) => request(app).post(`/api/teams/${t}/members`).set('authorization', c.authHeader).send({ email: `matrix-${++counter}@example.test`, role: 'viewer' }),
    success: 201,
  },
  'change settings': {
    route: 'PATCH /api/teams/:teamId',
    call: (c, t) => request(app).patch(`/api/teams/${t}`).set('authorization', c.authHeader).send({ settings: { maxConcurrentRuns: 1 + (++counter % 50) } }),
    success: 200,
  },
};

let env: TestEnv;
let app: Express;
let teamId: string;
const members = {} as Record<WorkspaceRole, Caller & { userId: string }>;
let outsider: Caller;
/** An admin's API token limited to each role: it must behave exactly like a member with that role. */
const adminTokens = {} as Record<WorkspaceRole, Caller>;

beforeAll(async () => {
  env = await createTestEnv();
  app = express();
  app.use(express.json());
  app.use(mountRoutes([...teamRoutes], env.deps));
  app.use(createErrorHandler(env.deps));

  const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [team] = await env.knex('workspaces').insert({ name: 'Matrix', slug: 'matrix', kind: 'team', ownerId: owner.user.id }).returning('id');
  teamId = team.id;
  for (const role of WORKSPACE_ROLES) {
    const u = role === 'admin' ? owner : await createUserWithToken(env.knex, env.config.jwtSecret);
    await env.knex('workspace_members').insert({ workspaceId: teamId, userId: u.user.id, role });
    members[role] = { authHeader: u.authHeader, userId: u.user.id };
    const pat = newOpaqueToken('pat');
    await env.knex('api_tokens').insert({ userId: owner.user.id, workspaceId: teamId, name: `as ${role}`, role, prefix: pat.slice(0, 12), tokenHash: hashToken(pat) });
    adminTokens[role] = { authHeader: `Bearer ${pat}` };
  }
  outsider = await createUserWithToken(env.knex, env.config.jwtSecret);
});
afterAll(() => env.close());

describe('seed permission matrix', () => {
  it('covers every workspace role and nothing else', () => {
    expect([...WORKSPACE_ROLES].sort()).toEqual(['admin', 'developer', 'viewer']);
  });

  for (const row of MATRIX) {
    for (const role of WORKSPACE_ROLES) {
      const expected = row.allowed[role];
      it(`${role} ${expected ? 'may' : 'may not'} ${row.action} — can()`, () => {
        expect(can(role, row.permission)).toBe(expected);
      });

      const probe = HTTP[row.action];
      if (!probe) continue;
      it(`${role} ${expected ? 'may' : 'may not'} ${row.action} — ${probe.route} answers ${expected ? probe.success : 403}`, async () => {
        const res = await probe.call(members[role], teamId);
        expect(res.status, JSON.stringify(res.body)).toBe(expected ? probe.success : 403);
        if (!expected) expect(res.body.detail).toContain(`(${role})`);
      });
      it(`an admin's API token limited to ${role} ${expected ? 'may' : 'may not'} ${row.action} — ${probe.route}`, async () => {
        const res = await probe.call(adminTokens[role], teamId);
        expect(res.status, JSON.stringify(res.body)).toBe(expected ? probe.success : 403);
      });
    }

    const probe = HTTP[row.action];
    if (probe) {
      it(`a non-member gets 404 (not 403) for ${row.action} — ${probe.route}`, async () => {
        const res = await probe.call(outsider, teamId);
        expect(res.status).toBe(404);
      });
    }
  }

  it('every permission the routes use is one of the matrix rows or a read/admin-only right', () => {
    // members:view and activity:view are for every role; members:manage is admin-only, like invite.
    for (const role of WORKSPACE_ROLES) {
      expect(can(role, 'members:view')).toBe(true);
      expect(can(role, 'activity:view')).toBe(true);
      expect(can(role, 'members:manage')).toBe(role === 'admin');
    }
  });
});
