import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express, { type Express } from 'express';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { mountRoutes } from '../http/router';
import { createErrorHandler } from '../http/error-handler';
import { hashToken } from '../auth/tokens';
import { teamRoutes } from './teams.routes';
import { memberRoutes } from '../members/members.routes';
import { invitationRoutes } from '../invitations/invitations.routes';
import { activityRoutes } from '../activity/activity.routes';
import { csvCell } from '../activity/csv';

let env: TestEnv;
let app: Express;
beforeAll(async () => {
  env = await createTestEnv();
  app = express();
  app.use(express.json());
  app.use(mountRoutes([...teamRoutes, ...memberRoutes, ...invitationRoutes, ...activityRoutes], env.deps));
  app.use(createErrorHandler(env.deps));
});
afterAll(() => env.close());

type TestUser = Awaited<ReturnType<typeof createUserWithToken>>;
const newUser = (email?: string) => createUserWithToken(env.knex, env.config.jwtSecret, email ? { email } : {});
let seq = 0;
const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}-${++seq}@example.test`;

function as(u?: { authHeader: string }) {
  const r = request(app);
  const auth = (t: request.Test) => (u ? t.set('authorization', u.authHeader) : t);
  return {
    get: (path: string) => auth(r.get(path)),
    post: (path: string, body: object = {}) => auth(r.post(path)).send(body),
    patch: (path: string, body: object = {}) => auth(r.patch(path)).send(body),
    del: (path: string) => auth(r.delete(path)),
  };
}

async function createTeam(admin: TestUser, name = `Team ${++seq}`) {
  const res = await as(admin).post('/api/teams', { name, description: 'for tests' }).expect(201);
  return res.body as { id: string; slug: string; name: string };
}

async function addMember(teamId: string, u: TestUser, role: 'admin' | 'developer' | 'viewer') {
  await env.knex('workspace_members').insert({ workspaceId: teamId, userId: u.user.id, role });
}

async function latestMailTo(email: string) {
  return env.knex('outbox_emails').whereRaw('lower(to_address) = lower(?)', [email]).orderBy('createdAt', 'desc').first();
}

function tokenFromMail(text: string): string {
  const match = /\/invitations\/accept\?token=([^\s]+)/.exec(text);
  expect(match, text).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

async function invite(admin: TestUser, teamId: string, email: string, role = 'developer') {
  const res = await as(admin).post(`/api/teams/${teamId}/members`, { email, role }).expect(201);
  const mail = await latestMailTo(email);
  return { invitation: res.body, token: tokenFromMail(mail.textBody), mail };
}

async function activity(u: TestUser, teamId: string, query = '') {
  return (await as(u).get(`/api/teams/${teamId}/activity${query}`).expect(200)).body as { items: any[]; total: number; page: number; pageSize: number };
}

/** RFC 4180 reader, strict enough to prove the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('teams', () => {
  it('creates a team, makes the caller its admin and lists it with its members', async () => {
    const admin = await newUser();
    const res = await as(admin).post('/api/teams', { name: 'Platform Team', slug: `platform-${++seq}`, description: 'The platform folks' }).expect(201);
    expect(res.body).toMatchObject({ name: 'Platform Team', description: 'The platform folks', kind: 'team', role: 'admin', memberCount: 1 });
    expect(res.body.settings).toEqual({ maxRepositories: 50, maxConcurrentRuns: 3 });

    const list = await as(admin).get('/api/teams').expect(200);
    expect(list.body.map((w: { id: string }) => w.id)).toContain(res.body.id);
    const one = await as(admin).get(`/api/teams/${res.body.id}`).expect(200);
    expect(one.body).toEqual(res.body);

    const members = await as(admin).get(`/api/teams/${res.body.id}/members`).expect(200);
    expect(members.body).toEqual([{ userId: admin.user.id, email: admin.user.email, name: admin.user.name, role: 'admin', joinedAt: expect.any(String) }]);
    const feed = await activity(admin, res.body.id);
    expect(feed.items.map((a) => a.action)).toEqual(['team.created']);
    expect(feed.items[0].actor).toEqual({ id: admin.user.id, name: admin.user.name, email: admin.user.email });
  });

  it('derives a unique slug when none is given, refuses a taken or malformed slug', async () => {
    const admin = await newUser();
    const a = await as(admin).post('/api/teams', { name: 'Slugless Crew' }).expect(201);
    const b = await as(admin).post('/api/teams', { name: 'Slugless Crew' }).expect(201);
    expect(a.body.slug).toBe('slugless-crew');
    expect(b.body.slug).toBe('slugless-crew-2');
    const taken = await as(admin).post('/api/teams', { name: 'Other', slug: 'slugless-crew' }).expect(409);
    expect(taken.body.detail).toMatch(/already taken/);
    await as(admin).post('/api/teams', { name: 'Bad', slug: 'Not A Slug!' }).expect(400);
    await as(admin).post('/api/teams', { name: '' }).expect(400);
  });

  it('lists the personal workspace too, and refuses invitations into it', async () => {
    const owner = await newUser();
    const [personal] = await env.knex('workspaces').insert({ name: 'Mine', slug: `personal-${++seq}`, kind: 'personal', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: personal.id, userId: owner.user.id, role: 'admin' });
    await createTeam(owner);
    const list = await as(owner).get('/api/teams').expect(200);
    expect(list.body[0]).toMatchObject({ id: personal.id, kind: 'personal', role: 'admin' });
    expect(list.body).toHaveLength(2);

    const res = await as(owner).post(`/api/teams/${personal.id}/members`, { email: uniqueEmail('friend'), role: 'viewer' }).expect(409);
    expect(res.body.detail).toMatch(/personal workspace/i);
    const leave = await as(owner).del(`/api/teams/${personal.id}/members/${owner.user.id}`).expect(409);
    expect(leave.body.detail).toMatch(/personal workspace/i);
  });

  it('updates name, description and settings (validated) and audits before/after', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const res = await as(admin)
      .patch(`/api/teams/${team.id}`, { name: 'Renamed', settings: { maxRepositories: 10_000, maxConcurrentRuns: 100 } })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Renamed', settings: { maxRepositories: 10_000, maxConcurrentRuns: 100 } });
    for (const settings of [{ maxRepositories: 0 }, { maxRepositories: 10_001 }, { maxConcurrentRuns: 0 }, { maxConcurrentRuns: 101 }, { maxRepositories: 1.5 }]) {
      const bad = await as(admin).patch(`/api/teams/${team.id}`, { settings }).expect(400);
      expect(bad.body.errors[0].path).toMatch(/^body\.settings\./);
    }
    await as(admin).patch(`/api/teams/${team.id}`, { settings: { maxRepositories: 1, maxConcurrentRuns: 1 } }).expect(200);
    const feed = await activity(admin, team.id, '?action=team.updated');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[1].before).toEqual({ name: team.name, maxRepositories: 50, maxConcurrentRuns: 3 });
    expect(feed.items[1].after).toEqual({ name: 'Renamed', maxRepositories: 10_000, maxConcurrentRuns: 100 });
  });
});

describe('invitations', () => {
  it('invite → mail with a one-time link → the invited user accepts and becomes a member with that role', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const email = uniqueEmail('Invitee');
    const { invitation, token, mail } = await invite(admin, team.id, email, 'developer');

    expect(invitation).toMatchObject({ email, role: 'developer', status: 'pending', invitedBy: { id: admin.user.id, name: admin.user.name } });
    const ttlDays = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(ttlDays).toBeGreaterThan(6.99);
    expect(ttlDays).toBeLessThanOrEqual(7);
    expect(mail.template).toBe('team-invitation');
    expect(mail.textBody).toContain(`${env.config.PORTAL_URL}/invitations/accept?token=`);
    expect(token).toMatch(/^argus_inv_/);
    // Only the hash is stored.
    const row = await env.knex('invitations').where({ id: invitation.id }).first();
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    // The e-mail match is case-insensitive.
    const invitee = await newUser(email.toUpperCase());
    const accepted = await as(invitee).post('/api/invitations/accept', { token }).expect(200);
    expect(accepted.body).toMatchObject({ id: team.id, role: 'developer', kind: 'team', memberCount: 2 });

    const members = await as(admin).get(`/api/teams/${team.id}/members`).expect(200);
    expect(members.body.find((m: { userId: string }) => m.userId === invitee.user.id)).toMatchObject({ role: 'developer' });
    await as(invitee).get(`/api/teams/${team.id}`).expect(200);

    const again = await as(invitee).post('/api/invitations/accept', { token }).expect(409);
    expect(again.body.detail).toMatch(/already been accepted/);
    const list = await as(admin).get(`/api/teams/${team.id}/invitations`).expect(200);
    expect(list.body[0]).toMatchObject({ id: invitation.id, status: 'accepted' });

    const feed = await activity(admin, team.id);
    expect(feed.items.map((a) => a.action)).toEqual(['invitation.accepted', 'member.invited', 'team.created']);
    expect(feed.items[0].actor.id).toBe(invitee.user.id);
    expect(JSON.stringify(feed.items)).not.toContain(token);
  });

  it('refuses a user whose email is not the invited one (403), an unknown token (404), an existing member (409), a duplicate (409)', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const email = uniqueEmail('right');
    const { token, invitation } = await invite(admin, team.id, email);
    const wrong = await newUser();
    const res = await as(wrong).post('/api/invitations/accept', { token }).expect(403);
    expect(res.body.detail).toMatch(/different email/);
    await as(wrong).post('/api/invitations/accept', { token: 'argus_inv_nope' }).expect(404);
    await as(wrong).post('/api/invitations/accept', {}).expect(400);
    await as().post('/api/invitations/accept', { token }).expect(401);

    const dup = await as(admin).post(`/api/teams/${team.id}/members`, { email: email.toUpperCase(), role: 'viewer' }).expect(409);
    expect(dup.body.detail).toMatch(/pending invitation/);
    expect(dup.body.invitationId).toBe(invitation.id);

    const member = await as(admin).post(`/api/teams/${team.id}/members`, { email: admin.user.email, role: 'viewer' }).expect(409);
    expect(member.body.detail).toMatch(/already a member/);
    await as(admin).post(`/api/teams/${team.id}/members`, { email: 'not-an-email', role: 'viewer' }).expect(400);
    await as(admin).post(`/api/teams/${team.id}/members`, { email: uniqueEmail('x'), role: 'owner' }).expect(400);
  });

  it('refuses an expired invitation with 410 and lists it as expired', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const email = uniqueEmail('late');
    const { token, invitation } = await invite(admin, team.id, email);
    await env.knex('invitations').where({ id: invitation.id }).update({ expiresAt: new Date(Date.now() - 1000) });
    const invitee = await newUser(email);
    const res = await as(invitee).post('/api/invitations/accept', { token }).expect(410);
    expect(res.body.detail).toMatch(/expired/);
    const list = await as(admin).get(`/api/teams/${team.id}/invitations`).expect(200);
    expect(list.body[0]).toMatchObject({ id: invitation.id, status: 'expired' });
    // An expired invitation no longer blocks a fresh one.
    await as(admin).post(`/api/teams/${team.id}/members`, { email, role: 'viewer' }).expect(201);
  });

  it('refuses a revoked invitation with 410; revoking is audited and idempotent', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const email = uniqueEmail('revoked');
    const { token, invitation } = await invite(admin, team.id, email);
    await as(admin).del(`/api/teams/${team.id}/invitations/${invitation.id}`).expect(204);
    await as(admin).del(`/api/teams/${team.id}/invitations/${invitation.id}`).expect(204);
    const invitee = await newUser(email);
    const res = await as(invitee).post('/api/invitations/accept', { token }).expect(410);
    expect(res.body.detail).toMatch(/revoked/);
    const list = await as(admin).get(`/api/teams/${team.id}/invitations`).expect(200);
    expect(list.body[0]).toMatchObject({ status: 'revoked' });
    const feed = await activity(admin, team.id, '?action=invitation.');
    expect(feed.items.map((a) => a.action)).toEqual(['invitation.revoked']);
    await as(admin).post(`/api/teams/${team.id}/invitations/${invitation.id}/resend`).expect(409);
  });

  it('resend issues a new token and expiry, re-sends the mail, and the old link stops working', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    const email = uniqueEmail('resend');
    const first = await invite(admin, team.id, email, 'viewer');
    await env.knex('invitations').where({ id: first.invitation.id }).update({ expiresAt: new Date(Date.now() - 60_000) });

    const res = await as(admin).post(`/api/teams/${team.id}/invitations/${first.invitation.id}/resend`).expect(200);
    expect(res.body).toMatchObject({ id: first.invitation.id, status: 'pending' });
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const mails = await env.knex('outbox_emails').where({ toAddress: email });
    expect(mails).toHaveLength(2);
    const newToken = tokenFromMail((await latestMailTo(email)).textBody);
    expect(newToken).not.toBe(first.token);

    const invitee = await newUser(email);
    await as(invitee).post('/api/invitations/accept', { token: first.token }).expect(404);
    const ok = await as(invitee).post('/api/invitations/accept', { token: newToken }).expect(200);
    expect(ok.body.role).toBe('viewer');
    const feed = await activity(admin, team.id, '?action=invitation.resent');
    expect(feed.items).toHaveLength(1);
    await as(admin).post(`/api/teams/${team.id}/invitations/${first.invitation.id}/resend`).expect(409);
    await as(admin).post(`/api/teams/${team.id}/invitations/00000000-0000-4000-8000-000000000000/resend`).expect(404);
    await as(admin).post(`/api/teams/${team.id}/invitations/not-a-uuid/resend`).expect(404);
  });

  it('an invitation id of another team is not found through this team', async () => {
    const admin = await newUser();
    const teamA = await createTeam(admin);
    const teamB = await createTeam(admin);
    const { invitation } = await invite(admin, teamA.id, uniqueEmail('cross'));
    await as(admin).del(`/api/teams/${teamB.id}/invitations/${invitation.id}`).expect(404);
    await as(admin).post(`/api/teams/${teamB.id}/invitations/${invitation.id}/resend`).expect(404);
  });
});

describe('members', () => {
  it('the last admin can neither leave nor be demoted; with a second admin both work', async () => {
    const admin = await newUser();
    const dev = await newUser();
    const team = await createTeam(admin);
    await addMember(team.id, dev, 'developer');

    const leave = await as(admin).del(`/api/teams/${team.id}/members/${admin.user.id}`).expect(409);
    expect(leave.body.detail).toMatch(/last admin/);
    const demote = await as(admin).patch(`/api/teams/${team.id}/members/${admin.user.id}`, { role: 'developer' }).expect(409);
    expect(demote.body.detail).toMatch(/last admin/);

    await as(admin).patch(`/api/teams/${team.id}/members/${dev.user.id}`, { role: 'admin' }).expect(200);
    await as(admin).patch(`/api/teams/${team.id}/members/${admin.user.id}`, { role: 'viewer' }).expect(200);
    await as(dev).patch(`/api/teams/${team.id}/members/${admin.user.id}`, { role: 'admin' }).expect(200);
    await as(admin).del(`/api/teams/${team.id}/members/${admin.user.id}`).expect(204);
    await as(admin).get(`/api/teams/${team.id}`).expect(404);
    // dev is now the only admin again.
    await as(dev).del(`/api/teams/${team.id}/members/${dev.user.id}`).expect(409);
    const feed = await activity(dev, team.id, '?action=member.left');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ resourceId: admin.user.id, before: { role: 'admin' }, actor: { id: admin.user.id } });
  });

  it('audits a role change with before/after and answers the member', async () => {
    const admin = await newUser();
    const dev = await newUser();
    const team = await createTeam(admin);
    await addMember(team.id, dev, 'developer');
    const res = await as(admin).patch(`/api/teams/${team.id}/members/${dev.user.id}`, { role: 'viewer' }).expect(200);
    expect(res.body).toEqual({ userId: dev.user.id, email: dev.user.email, name: dev.user.name, role: 'viewer', joinedAt: expect.any(String) });
    const feed = await activity(admin, team.id, '?action=member.role_changed');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ resourceType: 'member', resourceId: dev.user.id, before: { role: 'developer' }, after: { role: 'viewer' } });
    await as(admin).patch(`/api/teams/${team.id}/members/${dev.user.id}`, { role: 'superuser' }).expect(400);
    await as(admin).patch(`/api/teams/${team.id}/members/00000000-0000-4000-8000-000000000000`, { role: 'viewer' }).expect(404);
  });

  it('an admin removes a member (audited); a non-admin may only remove themself (leave)', async () => {
    const admin = await newUser();
    const dev = await newUser();
    const viewer = await newUser();
    const team = await createTeam(admin);
    await addMember(team.id, dev, 'developer');
    await addMember(team.id, viewer, 'viewer');

    await as(dev).del(`/api/teams/${team.id}/members/${viewer.user.id}`).expect(403);
    await as(viewer).del(`/api/teams/${team.id}/members/${viewer.user.id}`).expect(204);
    await as(admin).del(`/api/teams/${team.id}/members/${dev.user.id}`).expect(204);
    await as(dev).get(`/api/teams/${team.id}`).expect(404);
    await as(admin).del(`/api/teams/${team.id}/members/${dev.user.id}`).expect(404);

    const feed = await activity(admin, team.id, '?action=member.');
    expect(feed.items.map((a) => a.action)).toEqual(['member.removed', 'member.left']);
    expect(feed.items[0].before).toEqual({ role: 'developer', email: dev.user.email });
  });

  it('a developer or viewer cannot invite, manage members or change settings (403)', async () => {
    const admin = await newUser();
    const team = await createTeam(admin);
    for (const role of ['developer', 'viewer'] as const) {
      const u = await newUser();
      await addMember(team.id, u, role);
      const res = await as(u).post(`/api/teams/${team.id}/members`, { email: uniqueEmail('nope'), role: 'viewer' }).expect(403);
      // Written for the person refused: their role and what it cannot do, not the permission's code.
      expect(res.body.detail).toBe(`As a ${role} of this workspace you cannot invite people. Ask one of its admins.`);
      await as(u).get(`/api/teams/${team.id}/invitations`).expect(403);
      await as(u).patch(`/api/teams/${team.id}`, { name: 'Hijacked' }).expect(403);
      await as(u).patch(`/api/teams/${team.id}/members/${admin.user.id}`, { role: 'viewer' }).expect(403);
      await as(u).patch(`/api/teams/${team.id}/members/${u.user.id}`, { role: 'admin' }).expect(403);
      await as(u).get(`/api/teams/${team.id}/members`).expect(200);
      await as(u).get(`/api/teams/${team.id}/activity`).expect(200);
    }
  });

  it('an outsider gets 404 on every team route, exactly as for a team that does not exist', async () => {
    const admin = await newUser();
    const outsider = await newUser();
    const team = await createTeam(admin);
    const { invitation } = await invite(admin, team.id, uniqueEmail('for-outsider-test'));
    const ghost = '00000000-0000-4000-8000-000000000000';
    for (const teamId of [team.id, ghost, 'not-a-uuid']) {
      const calls = [
        as(outsider).get(`/api/teams/${teamId}`),
        as(outsider).patch(`/api/teams/${teamId}`, { name: 'x' }),
        as(outsider).get(`/api/teams/${teamId}/members`),
        as(outsider).post(`/api/teams/${teamId}/members`, { email: uniqueEmail('o'), role: 'viewer' }),
        as(outsider).patch(`/api/teams/${teamId}/members/${admin.user.id}`, { role: 'viewer' }),
        as(outsider).del(`/api/teams/${teamId}/members/${admin.user.id}`),
        as(outsider).del(`/api/teams/${teamId}/members/${outsider.user.id}`),
        as(outsider).get(`/api/teams/${teamId}/invitations`),
        as(outsider).post(`/api/teams/${teamId}/invitations/${invitation.id}/resend`),
        as(outsider).del(`/api/teams/${teamId}/invitations/${invitation.id}`),
        as(outsider).get(`/api/teams/${teamId}/activity`),
        as(outsider).get(`/api/teams/${teamId}/activity?format=csv`),
      ];
      const results = await Promise.all(calls);
      results.forEach((res, i) => {
        expect(res.status, `call #${i} for team ${teamId}`).toBe(404);
        expect(res.body.detail).toBe('No team with that id exists in your workspaces.');
      });
    }
    expect((await as(outsider).get('/api/teams').expect(200)).body).toEqual([]);
    await as().get(`/api/teams/${team.id}`).expect(401);
  });
});

describe('activity feed', () => {
  let admin: TestUser;
  let other: TestUser;
  let team: { id: string; slug: string };
  const base = Date.parse('2026-03-01T00:00:00Z');

  beforeAll(async () => {
    admin = await newUser();
    other = await newUser();
    team = await createTeam(admin);
    await addMember(team.id, other, 'viewer');
    await env.knex('users').where({ id: other.user.id }).update({ name: 'Doe, "Jane"' });
    // 130 entries, one a minute from 2026-03-01, alternating actors; every tenth a member.* action.
    const rows = Array.from({ length: 130 }, (_, i) => ({
      workspaceId: team.id,
      actorId: i % 2 ? other.user.id : admin.user.id,
      action: i % 10 === 0 ? 'member.role_changed' : 'repo.scanned',
      resourceType: 'test',
      resourceId: `r${i}`,
      createdAt: new Date(base + i * 60_000),
      after: JSON.stringify({ i }),
    }));
    await env.knex('activity_log').insert(rows);
    // Another team's entries never leak in.
    const foreign = await createTeam(other);
    await env.knex('activity_log').insert({ workspaceId: foreign.id, actorId: other.user.id, action: 'repo.scanned', resourceType: 'test', createdAt: new Date(base) });
  });

  it('pages newest first with a total (default page size 50, at most 100)', async () => {
    const first = await activity(admin, team.id);
    expect(first).toMatchObject({ total: 131, page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.items[0].action).toBe('team.created');
    expect(first.items[1].resourceId).toBe('r129');
    const times = first.items.map((a) => Date.parse(a.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const third = await activity(admin, team.id, '?page=3&pageSize=50');
    expect(third.items).toHaveLength(31);
    expect(third.items.at(-1).resourceId).toBe('r0');
    const max = await activity(admin, team.id, '?pageSize=100');
    expect(max.items).toHaveLength(100);
    const beyond = await activity(admin, team.id, '?page=99');
    expect(beyond).toMatchObject({ items: [], total: 131, page: 99 });

    for (const bad of ['pageSize=101', 'pageSize=0', 'page=0', 'page=abc', 'actor=not-a-uuid', 'from=yesterday', 'format=xml', 'from=2026-03-02&to=2026-03-01']) {
      await as(admin).get(`/api/teams/${team.id}/activity?${bad}`).expect(400);
    }
  });

  it('filters by actor, by exact action or prefix, and by time range', async () => {
    const byOther = await activity(admin, team.id, `?actor=${other.user.id}&pageSize=100`);
    expect(byOther.total).toBe(65);
    expect(byOther.items.every((a) => a.actor.id === other.user.id && a.actor.name === 'Doe, "Jane"' && a.actor.email === other.user.email)).toBe(true);

    expect((await activity(admin, team.id, '?action=member.role_changed')).total).toBe(13);
    expect((await activity(admin, team.id, '?action=member.')).total).toBe(13);
    expect((await activity(admin, team.id, '?action=member.*')).total).toBe(13);
    expect((await activity(admin, team.id, '?action=member')).total).toBe(0);
    expect((await activity(admin, team.id, '?action=team.')).total).toBe(1);
    expect((await activity(admin, team.id, '?action=%25')).total).toBe(0);

    const range = await activity(admin, team.id, `?from=${new Date(base + 10 * 60_000).toISOString()}&to=${new Date(base + 19 * 60_000).toISOString()}`);
    expect(range.items.map((a) => a.resourceId)).toEqual(Array.from({ length: 10 }, (_, i) => `r${19 - i}`));
    const day = await activity(admin, team.id, '?from=2026-03-01&to=2026-03-01&pageSize=100&page=2');
    expect(day.total).toBe(130);
    const combined = await activity(admin, team.id, `?actor=${admin.user.id}&action=member.&to=2026-03-01T00:30:00Z`);
    expect(combined.items.map((a) => a.resourceId)).toEqual(['r30', 'r20', 'r10', 'r0']);
    // Empty filter values are ignored, as browsers send them.
    expect((await activity(admin, team.id, '?actor=&action=&from=&to=')).total).toBe(131);
  });

  it('exports CSV with a header, proper quoting and formula-injection guards, honouring the filters', async () => {
    const [row] = await env.knex('activity_log')
      .insert({
        workspaceId: team.id,
        actorId: other.user.id,
        action: 'evil.entry',
        resourceType: '=HYPERLINK("http://evil.example","click")',
        resourceId: 'line one\nline two, "quoted"',
        ip: '+1+1',
        userAgent: '@SUM(A1:A9)',
        before: JSON.stringify({ note: '-2+3' }),
        createdAt: new Date(base - 60_000),
      })
      .returning('id');
    const res = await as(other).get(`/api/teams/${team.id}/activity?format=csv&action=evil.entry`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="activity-${team.slug}.csv"`);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['id', 'createdAt', 'actorId', 'actorName', 'actorEmail', 'action', 'resourceType', 'resourceId', 'ip', 'userAgent', 'before', 'after']);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      String(row.id),
      new Date(base - 60_000).toISOString(),
      other.user.id,
      'Doe, "Jane"',
      other.user.email,
      'evil.entry',
      `'=HYPERLINK("http://evil.example","click")`,
      'line one\nline two, "quoted"',
      "'+1+1",
      "'@SUM(A1:A9)",
      '{"note":"-2+3"}',
      '',
    ]);
    // Raw text: every quote doubled inside a quoted cell.
    expect(res.text).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');

    const all = parseCsv((await as(admin).get(`/api/teams/${team.id}/activity?format=csv&page=2&pageSize=1`).expect(200)).text);
    expect(all).toHaveLength(1 + 132); // pagination does not apply to the export
    const filtered = parseCsv((await as(admin).get(`/api/teams/${team.id}/activity?format=csv&action=member.&actor=${admin.user.id}`).expect(200)).text);
    expect(filtered.slice(1).map((r) => r[7])).toEqual(Array.from({ length: 13 }, (_, k) => `r${120 - 10 * k}`));
  });

  it('streams large exports in batches without losing or repeating rows (equal timestamps included)', async () => {
    const bulkAdmin = await newUser();
    const bulk = await createTeam(bulkAdmin);
    const sameInstant = new Date('2026-04-01T12:00:00.123456Z');
    await env.knex('activity_log').insert(
      Array.from({ length: 1203 }, (_, i) => ({ workspaceId: bulk.id, action: 'bulk.row', resourceType: 'test', resourceId: String(i), createdAt: i < 700 ? sameInstant : new Date(Date.parse('2026-04-02T00:00:00Z') + i) })),
    );
    const rows = parseCsv((await as(bulkAdmin).get(`/api/teams/${bulk.id}/activity?format=csv&action=bulk.row`).expect(200)).text).slice(1);
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r[0])).size).toBe(1203);
  });

  it('csvCell guards every formula prefix and leaves harmless values alone', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx'].map(csvCell)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", `"'\rx"`]);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
  });
});
