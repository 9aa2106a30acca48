import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { allRoutes } from '../app';
import { STAFF_ROLES, staffCan, type StaffPermission, type StaffRole } from '../access/permissions';
import { canAccess, type ConsoleArea } from '../../../admin-ui/src/permissions';

// Every console route, called by every staff role, a customer and nobody: a role without the route's permission
// gets 403, one with it never does (it reaches validation or the handler); customers get 403, anonymous 401.
// Bodies are empty, so an allowed call stops at validation or a 404 for the random id: nothing is changed.
let env: TestEnv;
const headers: Partial<Record<StaffRole | 'customer', string>> = {};
const staffRoutes = allRoutes.filter((r) => r.auth === 'staff');
// Starts the readiness workflow and waits for a worker (none runs here): only its refusals are checked.
const WAITS_FOR_A_WORKER = new Set(['POST /api/probes']);

beforeAll(async () => {
  env = await createTestEnv();
  for (const role of STAFF_ROLES) headers[role] = (await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: role })).authHeader;
  headers.customer = (await createUserWithToken(env.knex, env.config.jwtSecret)).authHeader;
});
afterAll(() => env.close());

const call = (route: (typeof staffRoutes)[number], authHeader?: string) => {
  const url = route.path.replace(/:(\w+)/g, () => randomUUID());
  const r = request(env.app)[route.method](url);
  if (authHeader) r.set('authorization', authHeader);
  return route.method === 'get' ? r : r.send({});
};

describe('staff roles decide every console route', () => {
  it('covers the console routes', () => {
    expect(staffRoutes.length).toBeGreaterThan(40);
    expect(staffRoutes.filter((r) => !r.path.startsWith('/api/admin/')).map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual([...WAITS_FOR_A_WORKER]);
  });

  for (const route of staffRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const permission: StaffPermission = route.staffPermission ?? 'console:access';
      expect((await call(route)).status).toBe(401);
      expect((await call(route, headers.customer)).status).toBe(403);
      for (const role of STAFF_ROLES) {
        if (staffCan(role, permission) && WAITS_FOR_A_WORKER.has(`${route.method.toUpperCase()} ${route.path}`)) continue;
        const res = await call(route, headers[role]);
        if (staffCan(role, permission)) expect([401, 403], `${role} should pass: ${JSON.stringify(res.body)}`).not.toContain(res.status);
        else {
          expect(res.status, `${role} should be refused`).toBe(403);
          expect(res.body.detail).toMatch(new RegExp(`staff role \\(${role}\\)`));
        }
        expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
    });
  }

  it("the console's menu shows a page to exactly the roles its API allows", () => {
    const pages: Record<Exclude<ConsoleArea, `${string}.${string}` | 'health'>, string> = {
      users: '/api/admin/users',
      'audit-logs': '/api/admin/audit-logs',
      'system-logs': '/api/admin/system-logs',
      runs: '/api/admin/runs',
      outbox: '/api/admin/outbox',
      invoices: '/api/admin/invoices',
      subscriptions: '/api/admin/subscriptions',
      tiers: '/api/admin/subscriptions/tiers',
      tickets: '/api/admin/support/tickets',
      'canned-responses': '/api/admin/support/canned-responses',
      workspaces: '/api/admin/workspaces',
      repositories: '/api/admin/repositories',
      impersonations: '/api/admin/impersonations',
      system: '/api/admin/system/performance',
      settings: '/api/admin/settings',
      analytics: '/api/admin/analytics/users',
    };
    const actions: Record<`${string}.${string}` & ConsoleArea, [string, string]> = {
      'users.manage': ['post', '/api/admin/users/:id/suspend'],
      'users.delete': ['delete', '/api/admin/users/:id'],
      'users.impersonate': ['post', '/api/admin/users/:id/impersonate'],
      'staff.grant': ['put', '/api/admin/users/:id/staff-role'],
      'system.maintenance': ['post', '/api/admin/system/maintenance'],
    };
    const permissionOf = (method: string, path: string) => {
      const route = staffRoutes.find((r) => r.method === method && r.path === path);
      expect(route, `${method} ${path}`).toBeDefined();
      return route!.staffPermission ?? 'console:access';
    };
    for (const role of STAFF_ROLES) {
      for (const [area, path] of Object.entries(pages)) expect(canAccess(role, area as ConsoleArea), `${role} ${area}`).toBe(staffCan(role, permissionOf('get', path)));
      for (const [area, [method, path]] of Object.entries(actions)) expect(canAccess(role, area as ConsoleArea), `${role} ${area}`).toBe(staffCan(role, permissionOf(method, path)));
    }
  });
});
