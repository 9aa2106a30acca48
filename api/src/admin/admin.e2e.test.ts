import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express, { type Express } from 'express';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { mountRoutes } from '../http/router';
import { createErrorHandler } from '../http/error-handler';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { StaffRole } from '../access/permissions';
import { adminUserRoutes } from './users/users.routes';
import { auditLogRoutes } from './audit-logs/audit-logs.routes';
import { systemLogRoutes } from './system-logs/system-logs.routes';
import { outboxRoutes } from './outbox/outbox.routes';
import { parseListParams } from './simple-rest';
import { z } from 'zod';

let env: TestEnv;
let app: Express;
let superAdmin: TestUser;
let support: TestUser;
let analytics: TestUser;
let billing: TestUser;
let customer: TestUser;

type TestUser = Awaited<ReturnType<typeof createUserWithToken>>;
const newUser = (opts: { email?: string; staffRole?: StaffRole } = {}) => createUserWithToken(env.knex, env.config.jwtSecret, opts);

beforeAll(async () => {
  env = await createTestEnv();
  app = express();
  app.use(express.json());
  app.use(mountRoutes([...adminUserRoutes, ...auditLogRoutes, ...systemLogRoutes, ...outboxRoutes], env.deps));
  app.use(createErrorHandler(env.deps));
  superAdmin = await newUser({ email: 'root@staff.example.test', staffRole: 'super_admin' });
  support = await newUser({ email: 'support@staff.example.test', staffRole: 'support_admin' });
  analytics = await newUser({ email: 'analytics@staff.example.test', staffRole: 'analytics_admin' });
  billing = await newUser({ email: 'billing@staff.example.test', staffRole: 'billing_admin' });
  customer = await newUser({ email: 'customer@example.test' });
  // 30 more users, three of them in two workspaces.
  for (let i = 0; i < 30; i++) await newUser({ email: `listed-${String(i).padStart(2, '0')}@example.test` });
  const owner = await env.knex('users').where({ email: 'listed-00@example.test' }).first('id');
  const ws = await env.knex('workspaces').insert([{ name: 'A', slug: 'adm-a', kind: 'team', ownerId: owner.id }, { name: 'B', slug: 'adm-b', kind: 'team', ownerId: owner.id }]).returning('id');
  for (const email of ['listed-00@example.test', 'listed-01@example.test', 'listed-02@example.test']) {
    const u = await env.knex('users').where({ email }).first('id');
    await env.knex('workspace_members').insert(ws.map((w: { id: string }) => ({ workspaceId: w.id, userId: u.id, role: 'viewer' })));
  }
  await env.knex('users').where({ email: 'listed-07@example.test' }).update({ name: 'Zoë 50%_off' });
});
afterAll(() => env.close());

function get(u: { authHeader: string } | null, path: string, query: Record<string, unknown> = {}) {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  const t = request(app).get(qs ? `${path}?${qs}` : path);
  return u ? t.set('authorization', u.authHeader) : t;
}
const post = (u: { authHeader: string }, path: string, body: object = {}) => request(app).post(path).set('authorization', u.authHeader).send(body);

describe('admin users', () => {
  it('lists with Content-Range, range and sort', async () => {
    const total = Number((await env.knex('users').count('* as n').first())!.n);
    const res = await get(superAdmin, '/api/admin/users', { sort: ['email', 'ASC'], range: [0, 9] }).expect(200);
    expect(res.headers['content-range']).toBe(`users 0-9/${total}`);
    expect(res.body).toHaveLength(10);
    const emails = res.body.map((u: { email: string }) => u.email);
    expect(emails).toEqual([...emails].sort());
    expect(res.body[0]).toEqual({
      id: expect.any(String),
      email: 'analytics@staff.example.test',
      name: 'analytics',
      status: 'active',
      emailVerifiedAt: expect.any(String),
      lastLoginAt: null,
      lockedUntil: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      staffRole: 'analytics_admin',
      workspaceCount: 0,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);

    const page2 = await get(superAdmin, '/api/admin/users', { sort: ['email', 'ASC'], range: [10, 19] }).expect(200);
    expect(page2.headers['content-range']).toBe(`users 10-19/${total}`);
    expect(page2.body[0].email > emails[9]).toBe(true);

    const desc = await get(superAdmin, '/api/admin/users', { sort: ['email', 'DESC'], range: [0, 0] }).expect(200);
    expect(desc.body[0].email).toBe('support@staff.example.test');

    const byCount = await get(superAdmin, '/api/admin/users', { sort: ['workspaceCount', 'DESC'], range: [0, 2] }).expect(200);
    expect(byCount.body.map((u: { workspaceCount: number }) => u.workspaceCount)).toEqual([2, 2, 2]);

    const beyond = await get(superAdmin, '/api/admin/users', { range: [500, 524] }).expect(200);
    expect(beyond.body).toEqual([]);
    expect(beyond.headers['content-range']).toBe(`users */${total}`);
    // Defaults: newest first, 25 rows.
    const defaults = await get(superAdmin, '/api/admin/users').expect(200);
    expect(defaults.headers['content-range']).toBe(`users 0-24/${total}`);
  });

  it('caps a page at 100 rows', async () => {
    for (let i = 0; i < 80; i++) await env.knex('users').insert({ email: `bulk-${i}@example.test`, name: `bulk ${i}`, passwordHash: 'x' });
    const total = Number((await env.knex('users').count('* as n').first())!.n);
    const res = await get(superAdmin, '/api/admin/users', { range: [0, 499] }).expect(200);
    expect(res.body).toHaveLength(100);
    expect(res.headers['content-range']).toBe(`users 0-99/${total}`);
  });

  it('filters by q (email or name, case-insensitive, wildcards literal), staffRole and id', async () => {
    const q = await get(support, '/api/admin/users', { filter: { q: 'LISTED-1' } }).expect(200);
    expect(q.headers['content-range']).toBe('users 0-9/10');
    const byName = await get(support, '/api/admin/users', { filter: { q: '50%_' } }).expect(200);
    expect(byName.body.map((u: { email: string }) => u.email)).toEqual(['listed-07@example.test']);
    const literal = await get(support, '/api/admin/users', { filter: { q: '%' } }).expect(200);
    expect(literal.body).toHaveLength(1);

    const staff = await get(billing, '/api/admin/users', { filter: { staffRole: 'support_admin' } }).expect(200);
    expect(staff.body.map((u: { email: string }) => u.email)).toEqual(['support@staff.example.test']);
    const none = await get(billing, '/api/admin/users', { filter: { staffRole: 'none', q: 'staff.example' } }).expect(200);
    expect(none.body).toEqual([]);

    const many = await get(analytics, '/api/admin/users', { filter: { id: [customer.user.id, support.user.id] }, sort: ['email', 'ASC'] }).expect(200);
    expect(many.body.map((u: { email: string }) => u.email)).toEqual(['customer@example.test', 'support@staff.example.test']);
  });

  it('rejects bad sort, range and filter with 400', async () => {
    const cases: Record<string, unknown>[] = [
      { sort: ['passwordHash', 'ASC'] },
      { sort: ['email', 'SIDEWAYS'] },
      { sort: '["email"' },
      { sort: ['email'] },
      { range: [5, 1] },
      { range: [-1, 3] },
      { range: 'nope' },
      { filter: '{"q":' },
      { filter: ['q'] },
      { filter: { nope: 1 } },
      { filter: { staffRole: 'god' } },
      { filter: { id: 'not-a-uuid' } },
    ];
    for (const query of cases) {
      const res = await get(superAdmin, '/api/admin/users', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.errorId).toMatch(/^[0-9a-f]{32}$/);
    }
    const res = await get(superAdmin, '/api/admin/users', { sort: ['passwordHash', 'ASC'] });
    expect(res.body.detail).toMatch(/cannot sort by "passwordHash"/);
    expect(res.body.detail).not.toMatch(/select|from/i);
  });

  it('answers one user, 404 for unknown or malformed ids', async () => {
    const res = await get(support, `/api/admin/users/${customer.user.id}`).expect(200);
    expect(res.body).toMatchObject({ id: customer.user.id, email: 'customer@example.test', staffRole: null, status: 'active' });
    await get(support, '/api/admin/users/00000000-0000-4000-8000-000000000000').expect(404);
    await get(support, '/api/admin/users/42').expect(404);
  });

  it('is for staff with the right permission only', async () => {
    await get(null, '/api/admin/users').expect(401);
    const res = await get(customer, '/api/admin/users').expect(403);
    expect(res.body.detail).toMatch(/staff only/);
    await get(customer, `/api/admin/users/${customer.user.id}`).expect(403);
    await get(analytics, '/api/admin/audit-logs').expect(403);
    await get(analytics, '/api/admin/system-logs').expect(403);
    await get(billing, '/api/admin/outbox').expect(403);
    await post(billing, `/api/admin/users/${customer.user.id}/suspend`).expect(403);
    await post(analytics, `/api/admin/users/${customer.user.id}/suspend`).expect(403);
    // A staff member's API token never reaches the console.
    const ws = await env.knex('workspaces').insert({ name: 'S', slug: 'staff-ws', kind: 'team', ownerId: superAdmin.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws[0].id, userId: superAdmin.user.id, role: 'admin' });
    const pat = newOpaqueToken('pat');
    await env.knex('api_tokens').insert({ userId: superAdmin.user.id, workspaceId: ws[0].id, name: 't', role: 'admin', prefix: pat.slice(0, 12), tokenHash: hashToken(pat) });
    await get({ authHeader: `Bearer ${pat}` }, '/api/admin/users').expect(403);
  });
});

describe('suspend / reactivate', () => {
  it('suspends (sessions end, audited with the staff actor) and reactivates', async () => {
    const victim = await newUser();
    await env.knex('refresh_tokens').insert({ userId: victim.user.id, familyId: '00000000-0000-4000-8000-000000000001', tokenHash: 'h1', expiresAt: new Date(Date.now() + 86_400_000) });
    const res = await post(support, `/api/admin/users/${victim.user.id}/suspend`, { reason: 'abuse report #12' }).expect(200);
    expect(res.body).toMatchObject({ id: victim.user.id, status: 'suspended' });
    // The suspended user's access token stops working at once.
    const refused = await get(victim, '/api/admin/users').expect(401);
    expect(refused.body.detail).toMatch(/suspended/);
    expect((await env.knex('refresh_tokens').where({ userId: victim.user.id }).first()).revokedReason).toBe('user_suspended');

    // Idempotent: a second suspend changes nothing and is not audited again.
    await post(support, `/api/admin/users/${victim.user.id}/suspend`).expect(200);
    const audit = await env.knex('activity_log').where({ resourceId: victim.user.id }).orderBy('id');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.suspended', actorId: support.user.id, actorKind: 'staff', resourceType: 'user', workspaceId: null, before: { status: 'active' }, after: { status: 'suspended', reason: 'abuse report #12' } });

    const back = await post(support, `/api/admin/users/${victim.user.id}/reactivate`).expect(200);
    expect(back.body.status).toBe('active');
    await get(victim, '/api/admin/users').expect(403); // authenticated again (not staff, hence 403, not 401)
    const after = await env.knex('activity_log').where({ resourceId: victim.user.id }).orderBy('id');
    expect(after.map((a: { action: string }) => a.action)).toEqual(['user.suspended', 'user.reactivated']);
  });

  it('refuses suspending yourself (409), unknown users (404), and staff unless super admin (403)', async () => {
    const self = await post(support, `/api/admin/users/${support.user.id}/suspend`).expect(409);
    expect(self.body.detail).toMatch(/your own account/);
    await post(support, '/api/admin/users/00000000-0000-4000-8000-000000000000/suspend').expect(404);
    await post(support, '/api/admin/users/nope/suspend').expect(404);
    await post(support, `/api/admin/users/${billing.user.id}/suspend`).expect(403);
    await post(superAdmin, `/api/admin/users/${billing.user.id}/suspend`).expect(200);
    await post(superAdmin, `/api/admin/users/${billing.user.id}/reactivate`).expect(200);
  });
});

describe('admin audit-logs, system-logs, outbox', () => {
  let wsId: string;
  beforeAll(async () => {
    const [ws] = await env.knex('workspaces').insert({ name: 'Audited', slug: 'audited', kind: 'team', ownerId: customer.user.id }).returning('id');
    wsId = ws.id;
    const base = Date.parse('2026-05-01T00:00:00Z');
    await env.knex('activity_log').insert([
      { workspaceId: wsId, actorId: customer.user.id, action: 'team.created', resourceType: 'team', resourceId: wsId, createdAt: new Date(base) },
      { workspaceId: wsId, actorId: customer.user.id, action: 'team.updated', resourceType: 'team', resourceId: wsId, before: JSON.stringify({ name: 'a' }), after: JSON.stringify({ name: 'b' }), createdAt: new Date(base + 1000) },
      { workspaceId: wsId, actorId: support.user.id, actorKind: 'staff', action: 'member.removed', resourceType: 'member', resourceId: customer.user.id, createdAt: new Date(base + 2000) },
      { workspaceId: null, actorId: null, actorKind: 'system', action: 'system.started', resourceType: 'system', createdAt: new Date(base + 3000) },
    ]);
    await env.knex('system_log').insert([
      { level: 'error', component: 'worker', message: 'boom', context: JSON.stringify({ runId: 'r1' }), stackTrace: 'Error: boom', createdAt: new Date('2026-05-01T10:00:00Z') },
      { level: 'warn', component: 'worker', message: 'slow', createdAt: new Date('2026-05-02T10:00:00Z') },
      { level: 'error', component: 'api', message: 'bad', createdAt: new Date('2026-05-03T10:00:00Z') },
    ]);
  });

  it('audit-logs: list with Content-Range, filters, embedded actor, one entry', async () => {
    const res = await get(support, '/api/admin/audit-logs', { filter: { workspaceId: wsId }, sort: ['createdAt', 'DESC'], range: [0, 1] }).expect(200);
    expect(res.headers['content-range']).toBe('audit-logs 0-1/3');
    expect(res.body.map((a: { action: string }) => a.action)).toEqual(['member.removed', 'team.updated']);
    expect(res.body[0]).toMatchObject({ actorId: support.user.id, actorKind: 'staff', actor: { id: support.user.id, email: support.user.email }, workspaceName: 'Audited' });

    const byActor = await get(superAdmin, '/api/admin/audit-logs', { filter: { actorId: customer.user.id } }).expect(200);
    expect(byActor.body.map((a: { action: string }) => a.action)).toEqual(['team.updated', 'team.created']);
    const exact = await get(superAdmin, '/api/admin/audit-logs', { filter: { action: 'team.created', workspaceId: wsId } }).expect(200);
    expect(exact.body).toHaveLength(1);
    const prefix = await get(superAdmin, '/api/admin/audit-logs', { filter: { action: 'team.', workspaceId: wsId }, sort: ['action', 'ASC'] }).expect(200);
    expect(prefix.body.map((a: { action: string }) => a.action)).toEqual(['team.created', 'team.updated']);
    await get(superAdmin, '/api/admin/audit-logs', { filter: { workspaceId: 'x' } }).expect(400);
    await get(superAdmin, '/api/admin/audit-logs', { sort: ['ip', 'ASC'] }).expect(400);

    const one = await get(support, `/api/admin/audit-logs/${res.body[1].id}`).expect(200);
    expect(one.body).toMatchObject({ action: 'team.updated', before: { name: 'a' }, after: { name: 'b' } });
    await get(support, '/api/admin/audit-logs/999999999').expect(404);
    await get(support, '/api/admin/audit-logs/abc').expect(404);
    const many = await get(support, '/api/admin/audit-logs', { filter: { id: [res.body[0].id, res.body[1].id] } }).expect(200);
    expect(many.body).toHaveLength(2);
  });

  it('system-logs: filters level, component, from, to', async () => {
    const errors = await get(support, '/api/admin/system-logs', { filter: { level: 'error' } }).expect(200);
    expect(errors.headers['content-range']).toBe('system-logs 0-1/2');
    expect(errors.body.map((l: { message: string }) => l.message)).toEqual(['bad', 'boom']);
    const worker = await get(support, '/api/admin/system-logs', { filter: { component: 'worker' }, sort: ['createdAt', 'ASC'] }).expect(200);
    expect(worker.body.map((l: { message: string }) => l.message)).toEqual(['boom', 'slow']);
    const window = await get(support, '/api/admin/system-logs', { filter: { from: '2026-05-01T12:00:00.000Z', to: '2026-05-02T23:00:00.000Z' } }).expect(200);
    expect(window.body.map((l: { message: string }) => l.message)).toEqual(['slow']);
    const days = await get(support, '/api/admin/system-logs', { filter: { from: '2026-05-02', to: '2026-05-03' } }).expect(200);
    expect(days.body.map((l: { message: string }) => l.message)).toEqual(['bad', 'slow']);
    await get(support, '/api/admin/system-logs', { filter: { from: 'last week' } }).expect(400);

    const one = await get(support, `/api/admin/system-logs/${errors.body[1].id}`).expect(200);
    expect(one.body).toMatchObject({ level: 'error', component: 'worker', message: 'boom', context: { runId: 'r1' }, stackTrace: 'Error: boom' });
    await get(support, '/api/admin/system-logs/0').expect(404);
  });

  it('outbox: sent and unsent mail; secrets shown only to a super admin, only for mail kept in the outbox', async () => {
    const secret = newOpaqueToken('ott');
    const [kept] = await env.knex('outbox_emails').insert({ toAddress: 'kept@example.test', subject: 'Verify', textBody: `Open http://x/verify-email?token=${secret}`, template: 'verify-email', status: 'kept' }).returning('id');
    const [sent] = await env.knex('outbox_emails').insert({ toAddress: 'sent@example.test', subject: 'Reset', textBody: `Open http://x/reset-password?token=${secret}`, template: 'reset-password', status: 'sent', sentAt: new Date(), attempts: 1 }).returning('id');

    const list = await get(support, '/api/admin/outbox', { sort: ['createdAt', 'DESC'] }).expect(200);
    expect(list.headers['content-range']).toMatch(/^outbox 0-\d+\/\d+$/);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([kept.id, sent.id]));
    const keptMail = (await get(support, `/api/admin/outbox/${kept.id}`).expect(200)).body;
    expect(keptMail.textBody).toBe('Open http://x/verify-email?token=[redacted]');
    expect((await get(superAdmin, `/api/admin/outbox/${kept.id}`).expect(200)).body.textBody).toContain(secret);
    const sentMail = (await get(support, `/api/admin/outbox/${sent.id}`).expect(200)).body;
    expect(sentMail).toMatchObject({ status: 'sent', attempts: 1, toAddress: 'sent@example.test' });
    expect(sentMail.textBody).toBe('Open http://x/reset-password?token=[redacted]');

    const onlySent = await get(support, '/api/admin/outbox', { filter: { status: 'sent' } }).expect(200);
    expect(onlySent.body.map((m: { id: string }) => m.id)).toEqual([sent.id]);
    const q = await get(support, '/api/admin/outbox', { filter: { q: 'KEPT@' } }).expect(200);
    expect(q.body.map((m: { id: string }) => m.id)).toEqual([kept.id]);
    await get(support, '/api/admin/outbox/00000000-0000-4000-8000-000000000000').expect(404);
    await get(support, '/api/admin/outbox', { filter: { status: 'lost' } }).expect(400);
  });
});

describe('parseListParams', () => {
  const options = { sortable: { id: 'x.id' }, defaultSort: ['id', 'ASC'] as [string, 'ASC'], filter: z.object({ q: z.string().optional() }).strict() };
  it('defaults to the first 25 rows and the default sort', () => {
    expect(parseListParams({}, options)).toEqual({ sortColumn: 'x.id', sortOrder: 'asc', start: 0, limit: 25, filter: {} });
  });
  it('refuses a repeated parameter and ignores null/empty filter values', () => {
    expect(() => parseListParams({ sort: ['["id","ASC"]', '["id","DESC"]'] }, options)).toThrow(/given once/);
    expect(parseListParams({ filter: '{"q":null}' }, options).filter).toEqual({});
    expect(parseListParams({ filter: '{"q":""}' }, options).filter).toEqual({});
    expect(() => parseListParams({ sort: '["constructor","ASC"]' }, options)).toThrow(/cannot sort/);
  });
});
