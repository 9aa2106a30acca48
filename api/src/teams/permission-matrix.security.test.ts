import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express, { type Express } from 'express';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { mountRoutes } from '../http/router';
import { createErrorHandler } from '../http/error-handler';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import { WORKSPACE_ROLES, can, type WorkspacePermission, type WorkspaceRole } from '../access/permissions';
import { repositoryRoutes } from '../repositories/repositories.routes';
import { fixRoutes } from '../fixes/fixes.routes';
import { teamRoutes } from './teams.routes';
import { memberRoutes } from '../members/members.routes';
import { invitationRoutes } from '../invitations/invitations.routes';
import { activityRoutes } from '../activity/activity.routes';

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

/** The HTTP probe for each row: every row of the matrix is exercised through the real routes. */
const HTTP: Record<string, { route: string; call: (caller: Caller, teamId: string) => PromiseLike<request.Response>; success: number }> = {
  'view results': { route: 'GET /api/teams/:teamId', call: (c, t) => request(app).get(`/api/teams/${t}`).set('authorization', c.authHeader), success: 200 },
  'run analysis': {
    // Starts the analyzeRepository workflow (nothing polls this file's task queue, so it only waits).
    route: 'POST /api/repositories/:repositoryId/analyze',
    call: (c) => request(app).post(`/api/repositories/${repositoryId}/analyze`).set('authorization', c.authHeader).send({}),
    success: 202,
  },
  'generate fixes': {
    // A finding of its own per call, so an allowed call always starts a new fix (202, not the 200 of a repeat).
    route: 'POST /api/fixes/generate/:findingId',
    call: async (c) => request(app).post(`/api/fixes/generate/${await newFinding()}`).set('authorization', c.authHeader),
    success: 202,
  },
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
let repositoryId: string;
let runId: string;

/** A finding in the team's repository (the seed's "result"), for the fix probe. */
async function newFinding(): Promise<string> {
  const n = ++counter;
  const [finding] = await env.knex('findings')
    .insert({ runId, repositoryId, workspaceId: teamId, tool: 'eslint', ruleId: 'eslint/no-eval', category: 'security', severity: 'high', path: `src/matrix-${n}.js`, startLine: 1, startColumn: 1, endLine: 1, endColumn: 5, message: 'eval is evil', snippet: 'eval(input)', fingerprint: `fp-matrix-${n}` })
    .returning('id');
  return finding.id as string;
}
const members = {} as Record<WorkspaceRole, Caller & { userId: string }>;
let outsider: Caller;
/** An admin's API token limited to each role: it must behave exactly like a member with that role. */
const adminTokens = {} as Record<WorkspaceRole, Caller>;

beforeAll(async () => {
  env = await createTestEnv();
  app = express();
  app.use(express.json());
  app.use(mountRoutes([...teamRoutes, ...memberRoutes, ...invitationRoutes, ...activityRoutes], env.deps));
  app.use(mountRoutes([...repositoryRoutes, ...fixRoutes], env.deps));
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
  const [repo] = await env.knex('repositories').insert({ workspaceId: teamId, provider: 'git', fullName: 'matrix/app', cloneUrl: 'https://git.example.test/matrix/app.git' }).returning('id');
  repositoryId = repo.id;
  const [run] = await env.knex('analysis_runs').insert({ workspaceId: teamId, repositoryId, workflowId: 'analysis-matrix-run', trigger: 'manual', status: 'completed' }).returning('id');
  runId = run.id;
});
afterAll(() => env.close());

describe('seed permission matrix', () => {
  it('covers every workspace role and nothing else', () => {
    expect([...WORKSPACE_ROLES].sort()).toEqual(['admin', 'developer', 'viewer']);
  });

  it('probes every row of the matrix over HTTP, not only through can()', () => {
    expect(MATRIX.map((row) => row.action).filter((action) => !HTTP[action])).toEqual([]);
    expect(Object.keys(HTTP).sort()).toEqual(MATRIX.map((row) => row.action).sort());
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
        // The refusal names the caller's role.
        if (!expected) expect(res.body.detail).toMatch(new RegExp(`\\b${role}\\b`));
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
