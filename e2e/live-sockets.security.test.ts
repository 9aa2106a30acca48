import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import WebSocket from 'ws';
import { publishEvent } from '@argus/activities/worker';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserWithToken } from './support/auth';
import { attachLiveUpdates } from '../api/src/live/live-updates';

/**
 * Open sockets are authorized on every event, not only at connect time (measured before: a removed member, a
 * revoked API token and a suspended user kept receiving run.updated). Real API server, real Postgres
 * LISTEN/NOTIFY, real `ws` clients.
 */
let env: TestEnv;
let server: Server;
let live: { close(): Promise<void> };
let port: number;
let teamId: string;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;
let staff: Awaited<ReturnType<typeof createUserWithToken>>;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'live-admin@example.test' });
  staff = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'live-staff@example.test', staffRole: 'support_admin' });
  const [team] = await env.knex('workspaces').insert({ name: 'Live Team', slug: 'live-team', kind: 'team', ownerId: admin.user.id }).returning('id');
  teamId = team.id;
  await env.knex('workspace_members').insert({ workspaceId: teamId, userId: admin.user.id, role: 'admin' });
  server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  live = await attachLiveUpdates(server, env.deps);
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await live?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await env?.close();
});

async function member(email: string) {
  const u = await createUserWithToken(env.knex, env.config.jwtSecret, { email });
  await env.knex('workspace_members').insert({ workspaceId: teamId, userId: u.user.id, role: 'developer' });
  return u;
}

function open(path: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  const messages: { type: string; runId?: string }[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', () => resolve());
  });
  return { ws, messages, closed, ready };
}

let n = 0;
async function emit() {
  const runId = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  await publishEvent(env.knex, { type: 'run.updated', workspaceId: teamId, runId, repositoryId: runId, status: 'running' });
  return runId;
}

async function expectDelivered(socket: ReturnType<typeof open>, runId: string) {
  await expect.poll(() => socket.messages.some((m) => m.runId === runId), { timeout: 5000 }).toBe(true);
}

/** The API's LISTEN connection comes up asynchronously: emit until the socket sees an event, then it is live. */
async function untilLive(socket: ReturnType<typeof open>) {
  for (let i = 0; i < 50; i++) {
    const runId = await emit();
    for (let j = 0; j < 10; j++) {
      if (socket.messages.some((m) => m.runId === runId)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the socket never received an event');
}

describe('live sockets are re-authorized on every event', () => {
  it('a member removed from the team stops receiving, and the socket is closed', async () => {
    const dev = await member('live-removed@example.test');
    const socket = open(`/ws/dashboard/${dev.user.id}?token=${dev.token}`);
    await socket.ready;
    await untilLive(socket);
    await request(env.app).delete(`/api/teams/${teamId}/members/${dev.user.id}`).set('authorization', admin.authHeader).expect(204);
    const after = await emit();
    expect(await socket.closed).toBe(4403);
    expect(socket.messages.some((m) => m.runId === after)).toBe(false);
  });

  it('an API token revoked while its socket is open stops receiving', async () => {
    const dev = await member('live-token@example.test');
    const minted = await request(env.app).post('/api/tokens').set('authorization', dev.authHeader).send({ name: 'ci', workspaceId: teamId, role: 'viewer' });
    expect(minted.status, JSON.stringify(minted.body)).toBe(201);
    const socket = open(`/ws/dashboard/${dev.user.id}?token=${minted.body.token}`);
    await socket.ready;
    await expectDelivered(socket, await emit());
    await request(env.app).delete(`/api/tokens/${minted.body.id}`).set('authorization', dev.authHeader).expect(204);
    const after = await emit();
    expect(await socket.closed).toBe(4401);
    expect(socket.messages.some((m) => m.runId === after)).toBe(false);
  });

  it('a user suspended by staff stops receiving', async () => {
    const dev = await member('live-suspended@example.test');
    const socket = open(`/ws/dashboard/${dev.user.id}?token=${dev.token}`);
    await socket.ready;
    await expectDelivered(socket, await emit());
    await request(env.app).post(`/api/admin/users/${dev.user.id}/suspend`).set('authorization', staff.authHeader).send({ reason: 'abuse report' }).expect(200);
    const after = await emit();
    expect(await socket.closed).toBe(4401);
    expect(socket.messages.some((m) => m.runId === after)).toBe(false);
  });

  it('a member who stays keeps receiving', async () => {
    const socket = open(`/ws/dashboard/${admin.user.id}?token=${admin.token}`);
    await socket.ready;
    for (let i = 0; i < 3; i++) await expectDelivered(socket, await emit());
    socket.ws.close();
  });
});
