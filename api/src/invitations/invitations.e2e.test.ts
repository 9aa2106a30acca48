import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';

// What people read about invitations: the mail's dates, the page behind its link, and the team's activity log.
let env: TestEnv;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;
let invitee: Awaited<ReturnType<typeof createUserWithToken>>;
let teamId: string;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `admin-${Date.now()}@example.test` });
  invitee = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `invitee-${Date.now()}@example.test` });
  await env.knex('users').whereIn('id', [admin.user.id, invitee.user.id]).update({ emailVerifiedAt: new Date() });
  await env.knex('users').where({ id: admin.user.id }).update({ name: 'Ada Admin' });
  const team = await request(env.app).post('/api/teams').set('authorization', admin.authHeader).send({ name: 'Rocket Team', slug: `rocket-${Date.now()}` }).expect(201);
  teamId = team.body.id;
}, 120_000);
afterAll(async () => {
  await env?.close();
});

async function invite(email: string) {
  await request(env.app).post(`/api/teams/${teamId}/members`).set('authorization', admin.authHeader).send({ email, role: 'developer' }).expect(201);
  const mail = await env.knex('outbox_emails').where({ toAddress: email }).orderBy('createdAt', 'desc').first();
  return { mail, token: decodeURIComponent(/token=([^\s&]+)/.exec(mail.textBody)![1]!) };
}

describe('an invitation', () => {
  it('mails its expiry written for people, not as an ISO timestamp', async () => {
    const { mail } = await invite(invitee.user.email);
    expect(mail.textBody).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const expires = new Date(Date.now() + 7 * 86_400_000);
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(expires);
    expect(mail.textBody).toMatch(new RegExp(`expires on ${day.replace(/,/g, '')}, \\d{2}:\\d{2} UTC`));
  });

  it('link says what it is an invitation to, before it is accepted', async () => {
    const { token } = await invite(`second-${Date.now()}@example.test`);
    const preview = await request(env.app).post('/api/invitations/preview').set('authorization', invitee.authHeader).send({ token }).expect(200);
    expect(preview.body).toMatchObject({ teamName: 'Rocket Team', invitedBy: 'Ada Admin', role: 'developer', status: 'pending', forYou: false });
    // Looking does not accept it.
    expect((await env.knex('invitations').where({ email: preview.body.email }).first()).status).toBe('pending');
    await request(env.app).post('/api/invitations/preview').set('authorization', invitee.authHeader).send({ token: 'not-a-token' }).expect(404);
  });
});

describe('the activity log', () => {
  it('names what each entry is about', async () => {
    const log = await request(env.app).get(`/api/teams/${teamId}/activity`).set('authorization', admin.authHeader).expect(200);
    const named = Object.fromEntries(log.body.items.map((i: { action: string; resourceName: string | null }) => [i.action, i.resourceName]));
    expect(named['team.created']).toBe('Rocket Team');
    expect(named['member.invited']).toMatch(/@example\.test$/);
  });
});
