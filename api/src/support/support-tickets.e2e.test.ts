import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from 'ra-core';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { consoleClient } from '../../../e2e/support/console-provider';
import { createUserAccount } from '../auth/accounts';
import { signAccessToken } from '../auth/tokens';

// The whole support path over HTTP against the real API and Postgres: the customer's side as the portal calls it,
// the console's side through ra-data-simple-rest (the provider the console uses) and its action requests.
let env: TestEnv;
let server: Server;
let base: string;
let customer: { id: string; personalWorkspaceId: string; token: string };
let outsider: { token: string };
let support: ReturnType<typeof consoleClient>;
let supportUserId: string;
let billing: ReturnType<typeof consoleClient>;
let analyticsUserId: string;

async function portal(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
}

beforeAll(async () => {
  env = await createTestEnv();
  server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const account = await createUserAccount(env.knex, { email: 'casey@customer.example.test', name: 'Casey', password: 'long-enough-password-1', emailVerified: true });
  customer = { ...account, token: (await signAccessToken(env.config.jwtSecret, account.id)).token };
  const other = await createUserAccount(env.knex, { email: 'olly@other.example.test', name: 'Olly', password: 'long-enough-password-2', emailVerified: true });
  outsider = { token: (await signAccessToken(env.config.jwtSecret, other.id)).token };
  const s = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'sue@staff.example.test', staffRole: 'support_admin' });
  supportUserId = s.user.id;
  support = consoleClient(base, s.token);
  billing = consoleClient(base, (await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'bill@staff.example.test', staffRole: 'billing_admin' })).token);
  analyticsUserId = (await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'ana@staff.example.test', staffRole: 'analytics_admin' })).user.id;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await env.close();
});

const mailsTo = (address: string) => env.knex('outbox_emails').where({ toAddress: address }).orderBy('createdAt');

describe('support tickets, end to end', () => {
  it('customer opens → support assigns and replies with a canned response (and a note) → customer reads, answers and closes', async () => {
    // The customer opens a ticket in the portal.
    const opened = await portal(customer.token, `/api/workspaces/${customer.personalWorkspaceId}/support/tickets`, {
      method: 'POST',
      body: { subject: '  Gate fails on a clean commit ', description: 'Run 12 fails the quality gate but nothing changed.', priority: 'high' },
    });
    expect(opened.status).toBe(201);
    const ticket = opened.body;
    expect(ticket).toMatchObject({ subject: 'Gate fails on a clean commit', status: 'open', priority: 'high', messageCount: 0, openedBy: { email: 'casey@customer.example.test' } });
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(ticket.sla).toMatchObject({ targetMinutes: 240, firstResponseMinutes: null, breached: false });

    // The staff who work tickets (super and support admins, active) are mailed at once, with a link to the console;
    // other staff roles are not.
    const told = await env.knex('outbox_emails').where({ template: 'support-ticket-opened' }).orderBy('toAddress');
    expect(told.map((m: { toAddress: string }) => m.toAddress)).toEqual(['sue@staff.example.test']);
    expect(told[0]).toMatchObject({ subject: `[Argus support #${ticket.number}] New high ticket: Gate fails on a clean commit`, status: 'kept' });
    expect(told[0].textBody).toContain('Casey <casey@customer.example.test>');
    expect(told[0].textBody).toContain('Run 12 fails the quality gate but nothing changed.');
    expect(told[0].textBody).toContain(`${env.config.ADMIN_URL.replace(/\/+$/, '')}/#/tickets/${ticket.id}/show`);
    expect(await mailsTo('bill@staff.example.test')).toHaveLength(0);

    // Another tenant sees nothing of it.
    expect((await portal(outsider.token, `/api/support/tickets/${ticket.id}`)).status).toBe(404);
    expect((await portal(outsider.token, `/api/support/tickets/${ticket.id}/messages`, { method: 'POST', body: { content: 'hi' } })).status).toBe(404);
    expect((await portal(outsider.token, `/api/workspaces/${customer.personalWorkspaceId}/support/tickets`)).status).toBe(404);

    // The console lists it among the open tickets, finds it by number and by priority.
    const { dataProvider: dp, send } = support;
    const open = await dp.getList('support/tickets', { pagination: { page: 1, perPage: 10 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { status: 'open' } });
    expect(open.total).toBe(1);
    expect(open.data[0]).toMatchObject({ id: ticket.id, assignedTo: null, workspaceName: "Casey's workspace" });
    expect((await dp.getList('support/tickets', { pagination: { page: 1, perPage: 10 }, sort: { field: 'priority', order: 'DESC' }, filter: { q: `#${ticket.number}` } })).total).toBe(1);
    expect((await dp.getList('support/tickets', { pagination: { page: 1, perPage: 10 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { priority: 'low' } })).total).toBe(0);
    expect((await dp.getList('support/tickets', { pagination: { page: 1, perPage: 10 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { assignedTo: 'none' } })).total).toBe(1);

    // A support admin keeps a canned response and edits it.
    const canned = await dp.create('support/canned-responses', { data: { title: 'Gate recount', body: 'We recounted the gate; it passes now.' } });
    await dp.update('support/canned-responses', { id: canned.data.id, data: { ...canned.data, body: 'We recounted your quality gate; it passes now.' }, previousData: canned.data });
    const templates = await dp.getList('support/canned-responses', { pagination: { page: 1, perPage: 25 }, sort: { field: 'title', order: 'ASC' }, filter: { q: 'recount' } });
    expect(templates.data.map((t) => t.body)).toEqual(['We recounted your quality gate; it passes now.']);

    // Assigning needs a staff member who works tickets.
    await expect(send(`/api/admin/support/tickets/${ticket.id}/assign`, { method: 'POST', body: JSON.stringify({ assigneeId: analyticsUserId }) })).rejects.toMatchObject({ status: 400 });
    const assigned = await send(`/api/admin/support/tickets/${ticket.id}/assign`, { method: 'POST', body: JSON.stringify({ assigneeId: supportUserId }) });
    expect(assigned.json).toMatchObject({ assignedTo: supportUserId, assigneeName: 'sue', status: 'in_progress' });
    expect((await dp.getOne('support/tickets', { id: ticket.id })).data.priority).toBe('high');
    await dp.update('support/tickets', { id: ticket.id, data: { ...assigned.json, priority: 'critical' }, previousData: assigned.json });

    // An internal note (never mailed, never shown to the customer), then the reply from the template.
    await send(`/api/admin/support/tickets/${ticket.id}/messages`, { method: 'POST', body: JSON.stringify({ content: 'Looks like the baseline was stale.', internal: true }) });
    expect(await mailsTo('casey@customer.example.test')).toHaveLength(0);
    const reply = await send(`/api/admin/support/tickets/${ticket.id}/messages`, { method: 'POST', body: JSON.stringify({ content: templates.data[0]!.body }) });
    expect(reply.status).toBe(201);
    const mails = await mailsTo('casey@customer.example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'support-ticket-reply', subject: `[Argus support #${ticket.number}] Gate fails on a clean commit` });
    expect(mails[0].textBody).toContain('We recounted your quality gate; it passes now.');
    expect(mails[0].textBody).toContain(`/support/${ticket.id}`);
    expect(mails[0].textBody).not.toContain('baseline was stale');

    const staffView = (await send(`/api/admin/support/tickets/${ticket.id}/messages`)).json;
    expect(staffView.map((m: { internal: boolean }) => m.internal)).toEqual([true, false]);

    // The customer sees the reply, not the note; the ticket shows who answered and when.
    const seen = await portal(customer.token, `/api/support/tickets/${ticket.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.ticket).toMatchObject({ status: 'in_progress', priority: 'critical', messageCount: 1 });
    expect(seen.body.ticket.firstResponseAt).not.toBeNull();
    expect(seen.body.ticket.sla.firstResponseMinutes).toBe(0);
    expect(seen.body.messages).toEqual([expect.objectContaining({ senderKind: 'staff', senderName: 'sue', content: 'We recounted your quality gate; it passes now.', internal: false })]);
    expect(JSON.stringify(seen.body)).not.toContain('baseline was stale');
    expect(JSON.stringify(seen.body)).not.toContain('assignedTo');

    // Resolved, the customer answers (which reopens it) and then closes it.
    await send(`/api/admin/support/tickets/${ticket.id}/resolve`, { method: 'POST', body: '{}' });
    expect((await mailsTo('casey@customer.example.test')).map((m) => m.subject)).toContain(`[Argus support #${ticket.number}] Resolved: Gate fails on a clean commit`);
    const answer = await portal(customer.token, `/api/support/tickets/${ticket.id}/messages`, { method: 'POST', body: { content: 'Confirmed, thank you!' } });
    expect(answer.status).toBe(201);
    expect((await portal(customer.token, `/api/support/tickets/${ticket.id}`)).body.ticket.status).toBe('open');
    const closed = await portal(customer.token, `/api/support/tickets/${ticket.id}/close`, { method: 'POST' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();
    expect((await portal(customer.token, `/api/support/tickets/${ticket.id}/messages`, { method: 'POST', body: { content: 'one more thing' } })).status).toBe(409);
    await expect(send(`/api/admin/support/tickets/${ticket.id}/messages`, { method: 'POST', body: JSON.stringify({ content: 'late reply' }) })).rejects.toMatchObject({ status: 409 });

    const list = await portal(customer.token, `/api/workspaces/${customer.personalWorkspaceId}/support/tickets`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: ticket.id, status: 'closed', messageCount: 2 }] });

    // Every step is in the audit trail, under who did it.
    const audit = await env.knex('activity_log').where({ resourceId: ticket.id }).orderBy('id').select('action', 'actorId', 'actorKind');
    expect(audit.map((a) => a.action)).toEqual([
      'support_ticket.opened',
      'support_ticket.assigned',
      'support_ticket.updated',
      'support_ticket.noted',
      'support_ticket.replied',
      'support_ticket.resolved',
      'support_ticket.replied',
      'support_ticket.closed',
    ]);
    expect(audit[1]).toMatchObject({ actorId: supportUserId, actorKind: 'staff' });
    expect(audit[0]).toMatchObject({ actorId: customer.id, actorKind: 'user' });
  });

  it('refuses bad input with 400 and other staff roles with 403', async () => {
    const bad = await portal(customer.token, `/api/workspaces/${customer.personalWorkspaceId}/support/tickets`, { method: 'POST', body: { subject: '', description: 'x', priority: 'urgent' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.priority', 'body.subject']);
    const foreignRun = await portal(customer.token, `/api/workspaces/${customer.personalWorkspaceId}/support/tickets`, { method: 'POST', body: { subject: 's', description: 'd', runId: '00000000-0000-4000-8000-000000000000' } });
    expect(foreignRun.status).toBe(400);
    await expect(billing.dataProvider.getList('support/tickets', { pagination: { page: 1, perPage: 10 }, sort: { field: 'createdAt', order: 'DESC' }, filter: {} })).rejects.toBeInstanceOf(HttpError);
    await expect(billing.send('/api/admin/support/canned-responses')).rejects.toMatchObject({ status: 403 });
    await expect(support.dataProvider.getList('support/tickets', { pagination: { page: 1, perPage: 10 }, sort: { field: 'nope', order: 'DESC' }, filter: {} })).rejects.toMatchObject({ status: 400 });
    await expect(support.dataProvider.getOne('support/tickets', { id: 'not-a-uuid' })).rejects.toMatchObject({ status: 404 });
  });

  it('lets support open a ticket on behalf of a member of the workspace only', async () => {
    const { dataProvider: dp } = support;
    await expect(dp.create('support/tickets', { data: { workspaceId: customer.personalWorkspaceId, userId: supportUserId, subject: 'Phone call', description: 'Called about invoices' } })).rejects.toMatchObject({ status: 400 });
    const created = await dp.create('support/tickets', { data: { workspaceId: customer.personalWorkspaceId, userId: customer.id, subject: 'Phone call', description: 'Called about invoices', priority: 'low' } });
    expect(created.data).toMatchObject({ status: 'open', userId: customer.id, priority: 'low' });
    // Staff opened it, so staff are not told about it.
    expect(await env.knex('outbox_emails').where({ template: 'support-ticket-opened' }).where('subject', 'like', '%Phone call%')).toHaveLength(0);
    const mine = await portal(customer.token, `/api/workspaces/${customer.personalWorkspaceId}/support/tickets?status=open`);
    expect(mine.body.items.map((t: { subject: string }) => t.subject)).toEqual(['Phone call']);
  });
});
