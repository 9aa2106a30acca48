import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../../e2e/support/test-env';
import { createUserWithToken } from '../../../../e2e/support/auth';
import { consoleClient } from '../../../../e2e/support/console-provider';
import { createUserAccount } from '../../auth/accounts';
import { signAccessToken } from '../../auth/tokens';
import { parseCsv } from './csv';

// The console's user actions over HTTP: the list through ra-data-simple-rest, each action as the console's
// buttons send it. Every action is checked in the database and in the audit log.
let env: TestEnv;
let server: Server;
let base: string;
let root: Awaited<ReturnType<typeof createUserWithToken>>;
let support: Awaited<ReturnType<typeof createUserWithToken>>;
let rootConsole: ReturnType<typeof consoleClient>;
let supportConsole: ReturnType<typeof consoleClient>;

const account = (email: string, name = email.split('@')[0]!) => createUserAccount(env.knex, { email, name, password: 'a long enough password 1', emailVerified: true });
const audit = (action: string, resourceId: string) => env.knex('activity_log').where({ action, resourceId }).orderBy('id');

beforeAll(async () => {
  env = await createTestEnv();
  server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'root@staff.example.test', staffRole: 'super_admin' });
  support = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'sue@staff.example.test', staffRole: 'support_admin' });
  rootConsole = consoleClient(base, root.token);
  supportConsole = consoleClient(base, support.token);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await env.close();
});

const post = (c: ReturnType<typeof consoleClient>, path: string, body: unknown = {}) => c.send(path, { method: 'POST', body: JSON.stringify(body) });

describe('user actions', () => {
  it('sends a password reset mail, and unlocks a locked account', async () => {
    const u = await account('locked@example.test');
    await env.knex('users').where({ id: u.id }).update({ lockedUntil: new Date(Date.now() + 3_600_000), failedLoginCount: 4 });
    const listed = await supportConsole.dataProvider.getOne('users', { id: u.id });
    expect(listed.data.lockedUntil).not.toBeNull();

    const sent = await post(supportConsole, `/api/admin/users/${u.id}/reset-password`, { reason: 'asked on the phone' });
    expect(sent.json).toEqual({ sentTo: 'locked@example.test' });
    const mail = await env.knex('outbox_emails').where({ toAddress: 'locked@example.test', template: 'reset-password' }).first();
    expect(mail.textBody).toMatch(/Argus support sent you this link/);
    expect(mail.textBody).toMatch(/\/reset-password\?token=argus_ott_/);
    expect(await audit('user.password_reset_sent', u.id)).toHaveLength(1);

    const unlocked = await post(supportConsole, `/api/admin/users/${u.id}/unlock`);
    expect(unlocked.json.lockedUntil).toBeNull();
    expect((await env.knex('users').where({ id: u.id }).first()).failedLoginCount).toBe(0);
    expect(await audit('user.unlocked', u.id)).toHaveLength(1);
    // The unlocked account logs in again.
    await request(env.app).post('/api/auth/login').send({ email: 'locked@example.test', password: 'a long enough password 1' }).expect(200);
  });

  it('shows history: workspaces, logins and tickets', async () => {
    const u = await account('history@example.test', 'Hilda');
    await request(env.app).post('/api/auth/login').send({ email: 'history@example.test', password: 'a long enough password 1' }).expect(200);
    const token = (await signAccessToken(env.config.jwtSecret, u.id)).token;
    await request(env.app).post(`/api/workspaces/${u.personalWorkspaceId}/support/tickets`).set('authorization', `Bearer ${token}`).send({ subject: 'Help', description: 'Please' }).expect(201);
    const history = (await supportConsole.send(`/api/admin/users/${u.id}/history`)).json;
    expect(history.workspaces).toEqual([expect.objectContaining({ id: u.personalWorkspaceId, kind: 'personal', role: 'admin' })]);
    expect(history.logins).toHaveLength(1);
    expect(history.tickets).toEqual([expect.objectContaining({ subject: 'Help', status: 'open' })]);
    await expect(supportConsole.send(`/api/admin/users/00000000-0000-4000-8000-000000000000/history`)).rejects.toMatchObject({ status: 404 });
  });

  it('deletes an account with a reason and the address typed again, stating what happens to its data', async () => {
    const u = await account('leaving@example.test', 'Leaving');
    // Support admins may not delete.
    await expect(supportConsole.send(`/api/admin/users/${u.id}`, { method: 'DELETE', body: JSON.stringify({ reason: 'asked to', confirmEmail: 'leaving@example.test' }) })).rejects.toMatchObject({ status: 403 });
    const preview = (await rootConsole.send(`/api/admin/users/${u.id}/deletion-preview`)).json;
    expect(preview.deletedWorkspaces).toEqual([{ id: u.personalWorkspaceId, name: "Leaving's workspace", kind: 'personal' }]);
    expect(preview.consequences.join(' ')).toMatch(/Every session and API token/);
    await expect(rootConsole.send(`/api/admin/users/${u.id}`, { method: 'DELETE', body: JSON.stringify({ reason: 'GDPR request', confirmEmail: 'wrong@example.test' }) })).rejects.toMatchObject({ status: 400 });
    await expect(rootConsole.send(`/api/admin/users/${u.id}`, { method: 'DELETE', body: JSON.stringify({ confirmEmail: 'leaving@example.test' }) })).rejects.toMatchObject({ status: 400 });
    const deleted = await rootConsole.send(`/api/admin/users/${u.id}`, { method: 'DELETE', body: JSON.stringify({ reason: 'GDPR request', confirmEmail: 'LEAVING@example.test' }) });
    expect(deleted.json).toEqual({ id: u.id, deletedWorkspaceIds: [u.personalWorkspaceId] });
    expect(await env.knex('users').where({ id: u.id })).toHaveLength(0);
    expect(await env.knex('workspaces').where({ id: u.personalWorkspaceId })).toHaveLength(0);
    const [entry] = await audit('user.deleted', u.id);
    expect(entry).toMatchObject({ actorId: root.user.id, actorKind: 'staff', after: expect.objectContaining({ reason: 'GDPR request' }) });
    // Staff accounts are not deleted here.
    await expect(rootConsole.send(`/api/admin/users/${support.user.id}`, { method: 'DELETE', body: JSON.stringify({ reason: 'x', confirmEmail: 'sue@staff.example.test' }) })).rejects.toMatchObject({ status: 409 });
  });

  it('suspends in bulk, skipping staff and itself, and exports CSV', async () => {
    const a = await account('bulk-a@example.test');
    const b = await account('bulk-b@example.test');
    const res = await post(supportConsole, '/api/admin/users/bulk-suspend', { ids: [a.id, b.id, root.user.id, support.user.id, a.id], reason: 'spam wave' });
    expect(res.json.suspended.sort()).toEqual([a.id, b.id].sort());
    expect(res.json.skipped).toEqual(expect.arrayContaining([{ id: root.user.id, reason: 'a staff member (only a super admin can suspend staff)' }, { id: support.user.id, reason: 'your own account' }]));
    expect(await env.knex('users').whereIn('id', [a.id, b.id]).pluck('status')).toEqual(['suspended', 'suspended']);
    const suspendedList = await supportConsole.dataProvider.getList('users', { pagination: { page: 1, perPage: 10 }, sort: { field: 'email', order: 'ASC' }, filter: { status: 'suspended', q: 'bulk-' } });
    expect(suspendedList.data.map((u) => u.email)).toEqual(['bulk-a@example.test', 'bulk-b@example.test']);

    const csv = await request(env.app).get(`/api/admin/users/export?filter=${encodeURIComponent(JSON.stringify({ status: 'suspended' }))}`).set('authorization', support.authHeader).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['id', 'email', 'name', 'status', 'staff_role', 'email_verified_at', 'last_login_at', 'created_at', 'workspace_count']);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(['bulk-a@example.test', 'bulk-b@example.test']);
    expect(await env.knex('activity_log').where({ action: 'user.exported' })).toHaveLength(1);
    await request(env.app).get('/api/admin/users/export').set('authorization', (await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'analytics_admin' })).authHeader).expect(403);
  });

  it('imports users from CSV with a report of rejected rows (dry run first)', async () => {
    await account('already@example.test');
    const csv = [
      'email,name',
      'new-1@example.test,New One',
      '"new-2@example.test","Two, with comma"',
      'not-an-address,Broken',
      'already@example.test,Exists',
      'new-1@example.test,Twice',
      'new-3@example.test,',
      '=cmd@example.test,Formula',
    ].join('\n');
    const dry = await post(supportConsole, '/api/admin/users/import', { csv, dryRun: true });
    expect(dry.json).toMatchObject({ dryRun: true, accepted: 2, created: [] });
    expect(await env.knex('users').where({ email: 'new-1@example.test' })).toHaveLength(0);
    const report = (await post(supportConsole, '/api/admin/users/import', { csv })).json;
    expect(report.created.map((c: { email: string }) => c.email)).toEqual(['new-1@example.test', 'new-2@example.test']);
    expect(report.rejected).toEqual([
      { line: 4, email: 'not-an-address', reason: 'email is not an e-mail address' },
      { line: 5, email: 'already@example.test', reason: 'an account with this address already exists' },
      { line: 6, email: 'new-1@example.test', reason: 'the address appears more than once in the file' },
      { line: 7, email: 'new-3@example.test', reason: 'name is empty' },
      { line: 8, email: '=cmd@example.test', reason: 'email is not an e-mail address' },
    ]);
    const two = await env.knex('users').where({ email: 'new-2@example.test' }).first();
    expect(two.name).toBe('Two, with comma');
    expect(await env.knex('workspaces').where({ ownerId: two.id, kind: 'personal' })).toHaveLength(1);
    expect(await env.knex('outbox_emails').where({ toAddress: 'new-2@example.test', template: 'reset-password' })).toHaveLength(1);
    await expect(post(supportConsole, '/api/admin/users/import', { csv: 'mail,fullname\na,b' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('impersonation', () => {
  it('acts as a customer for a limited time, audited under the staff member "as" the customer, never for staff', async () => {
    const u = await account('casey@example.test', 'Casey');
    await expect(post(supportConsole, `/api/admin/users/${u.id}/impersonate`, { reason: 'short' })).rejects.toMatchObject({ status: 400 });
    await expect(post(supportConsole, `/api/admin/users/${root.user.id}/impersonate`, { reason: 'checking the super admin view' })).rejects.toMatchObject({ status: 403 });
    const billing = consoleClient(base, (await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'billing_admin' })).token);
    await expect(post(billing, `/api/admin/users/${u.id}/impersonate`, { reason: 'checking the invoice page' })).rejects.toMatchObject({ status: 403 });

    const started = (await post(supportConsole, `/api/admin/users/${u.id}/impersonate`, { reason: 'Reproduce ticket #1001 gate issue', minutes: 10 })).json;
    expect(started.portalUrl).toMatch(/\/impersonate#token=/);
    expect(started.session).toMatchObject({ active: true, reason: 'Reproduce ticket #1001 gate issue', staff: { id: support.user.id }, user: { id: u.id, email: 'casey@example.test' } });
    expect(new Date(started.session.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const as = `Bearer ${started.accessToken}`;

    // The portal's banner asks; the customer's data is visible; actions are recorded under the real actor.
    const banner = await request(env.app).get('/api/impersonation').set('authorization', as).expect(200);
    expect(banner.body).toMatchObject({ active: true, session: { staff: { email: 'sue@staff.example.test' } } });
    await request(env.app).get('/api/me').set('authorization', as).expect(200);
    const ticket = await request(env.app).post(`/api/workspaces/${u.personalWorkspaceId}/support/tickets`).set('authorization', as).send({ subject: 'Opened while impersonating', description: 'Repro' }).expect(201);
    const [entry] = await audit('support_ticket.opened', ticket.body.id);
    expect(entry).toMatchObject({ actorId: support.user.id, actorKind: 'staff', actingAsId: u.id, actingAsEmail: 'casey@example.test' });
    const logged = await supportConsole.dataProvider.getList('audit-logs', { pagination: { page: 1, perPage: 5 }, sort: { field: 'id', order: 'DESC' }, filter: { action: 'support_ticket.opened' } });
    expect(logged.data[0]).toMatchObject({ actor: { email: 'sue@staff.example.test' }, actingAs: { id: u.id, email: 'casey@example.test' } });
    // The console can list only what was done as a customer, or only the rest.
    const asCustomers = await supportConsole.dataProvider.getList('audit-logs', { pagination: { page: 1, perPage: 50 }, sort: { field: 'id', order: 'DESC' }, filter: { impersonated: true } });
    expect(asCustomers.data.map((e) => e.resourceId)).toEqual([ticket.body.id]);
    const rest = await supportConsole.dataProvider.getList('audit-logs', { pagination: { page: 1, perPage: 50 }, sort: { field: 'id', order: 'DESC' }, filter: { impersonated: false } });
    expect(rest.data.some((e) => e.actingAs)).toBe(false);
    // Staff opened it (as the customer), so staff are not mailed about a new ticket.
    expect(await env.knex('outbox_emails').where({ template: 'support-ticket-opened' }).where('subject', 'like', '%Opened while impersonating%')).toHaveLength(0);

    // Never the account's credentials, tokens or billing, and never the console.
    await request(env.app).post('/api/account/password').set('authorization', as).send({ currentPassword: 'x', newPassword: 'y' }).expect(403);
    await request(env.app).post('/api/tokens').set('authorization', as).send({ name: 'ci' }).expect(403);
    await request(env.app).get('/api/admin/users').set('authorization', as).expect(403);

    // Ending it stops the token at once.
    await request(env.app).post('/api/impersonation/end').set('authorization', as).expect(204);
    await request(env.app).get('/api/me').set('authorization', as).expect(401);
    const sessions = await supportConsole.dataProvider.getList('impersonations', { pagination: { page: 1, perPage: 5 }, sort: { field: 'startedAt', order: 'DESC' }, filter: { targetUserId: u.id } });
    expect(sessions.data[0]).toMatchObject({ active: false, endedAt: expect.any(String) });
    expect((await env.knex('activity_log').where({ action: 'user.impersonation_ended', resourceId: u.id })).length).toBe(1);
  });

  it('a token outlives neither its session nor the staff member’s role', async () => {
    const u = await account('dana@example.test', 'Dana');
    const helper = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
    const started = (await post(consoleClient(base, helper.token), `/api/admin/users/${u.id}/impersonate`, { reason: 'Looking at the runs page' })).json;
    const as = `Bearer ${started.accessToken}`;
    await request(env.app).get('/api/me').set('authorization', as).expect(200);
    await env.knex('staff_grants').where({ userId: helper.user.id }).update({ role: 'analytics_admin' });
    const refused = await request(env.app).get('/api/me').set('authorization', as).expect(401);
    expect(refused.body.code).toBe('impersonation_ended');
    await env.knex('staff_grants').where({ userId: helper.user.id }).update({ role: 'support_admin' });
    await request(env.app).get('/api/me').set('authorization', as).expect(200);
    await env.knex('impersonation_session').where({ id: started.session.id }).update({ expiresAt: new Date(Date.now() - 1000), startedAt: new Date(Date.now() - 2000) });
    await request(env.app).get('/api/me').set('authorization', as).expect(401);
  });
});
