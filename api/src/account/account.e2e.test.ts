import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { stableOpenApiDocument } from '../../../scripts/lib/api-types';
import { hashToken, newOpaqueToken } from '../auth/tokens';

// The account page's API (issue 11 §4), over HTTP against the real API and Postgres. Mail is read from the
// outbox, as a user would read it from their mailbox.
let env: TestEnv;
beforeAll(async () => {
  // Remotes are not resolved in tests (no network): the SSRF guard is not what this file is about.
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
});
afterAll(() => env.close());

const password = 'correct horse battery';
let n = 0;
const newEmail = () => `account${++n}-${Date.now()}@example.test`;
const bearer = (token: string) => `Bearer ${token}`;

async function lastMail(to: string, template: string) {
  return (await env.knex('outbox_emails').where({ toAddress: to, template }).orderBy('createdAt', 'desc').first()) as { textBody: string } | undefined;
}
const tokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1]!;

// The portal's account page is built on the generated types: answers must match the OpenAPI document exactly
// (objects closed, as in e2e/api-responses.e2e.test.ts).
type Json = Record<string, unknown>;
const doc = stableOpenApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>; components: Json };
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, closeObjects(s)])) : closeObjects(v)])) as Json;
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const components = closeObjects(doc.components);
function conforms(method: string, path: string, res: request.Response) {
  const documented = doc.paths[path]?.[method]?.responses[String(res.status)];
  expect(documented, `${method} ${path} answered ${res.status}, which it does not document`).toBeDefined();
  const schema = documented!.content?.['application/json']?.schema;
  if (!schema) return expect(res.status).toBe(204);
  const validate = ajv.compile({ ...(closeObjects(schema) as Json), components });
  expect(validate(res.body), `${method} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

interface Login {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}
const logIn = async (email: string, userAgent = 'ArgusTest/1.0', pw = password) =>
  (await request(env.app).post('/api/auth/login').set('user-agent', userAgent).send({ email, password: pw }).expect(200)).body as Login;

async function newAccount(name = 'Robin Account') {
  const email = newEmail();
  await request(env.app).post('/api/auth/signup').send({ email, password, name }).expect(201);
  await request(env.app).post('/api/auth/verify-email').send({ token: tokenIn((await lastMail(email, 'verify-email'))!.textBody) }).expect(200);
  const session = await logIn(email);
  return { email, name, ...session, auth: bearer(session.accessToken) };
}

describe('GET and PATCH /api/account', () => {
  it('shows the user and their personal workspace, and renames them (audited)', async () => {
    const a = await newAccount();
    const res = await request(env.app).get('/api/account').set('authorization', a.auth).expect(200);
    expect(res.body).toEqual({
      user: { id: a.user.id, email: a.email, name: a.name, emailVerifiedAt: expect.any(String), pendingEmail: null, createdAt: expect.any(String) },
      personalWorkspaceId: expect.any(String),
    });
    const me = await request(env.app).get('/api/me').set('authorization', a.auth).expect(200);
    expect(me.body.workspaces.find((w: { kind: string }) => w.kind === 'personal').id).toBe(res.body.personalWorkspaceId);

    conforms('get', '/api/account', res);
    const renamed = await request(env.app).patch('/api/account').set('authorization', a.auth).send({ name: '  Robin Renamed ' }).expect(200);
    conforms('patch', '/api/account', renamed);
    expect(renamed.body).toMatchObject({ id: a.user.id, name: 'Robin Renamed', email: a.email });
    await request(env.app).patch('/api/account').set('authorization', a.auth).send({ name: '' }).expect(400);
    const audit = await env.knex('activity_log').where({ actorId: a.user.id, action: 'user.renamed' }).first();
    expect(audit.before).toEqual({ name: a.name });
    expect(audit.after).toEqual({ name: 'Robin Renamed' });
  });

  it('needs a login', async () => {
    await request(env.app).get('/api/account').expect(401);
  });
});

describe('POST /api/account/email', () => {
  it('changes the address only once the link mailed to the new address is used', async () => {
    const a = await newAccount();
    const next = newEmail();
    await request(env.app).post('/api/account/email').set('authorization', a.auth).send({ email: next, password: 'not my password' }).expect(400);
    const res = await request(env.app).post('/api/account/email').set('authorization', a.auth).send({ email: next, password }).expect(202);
    expect(res.body).toEqual({ status: 'sent', pendingEmail: next });
    conforms('post', '/api/account/email', res);
    const pending = await request(env.app).get('/api/account').set('authorization', a.auth).expect(200);
    expect(pending.body.user).toMatchObject({ email: a.email, pendingEmail: next });
    expect((await lastMail(a.email, 'change-email-requested'))!.textBody).toContain(next);
    const token = tokenIn((await lastMail(next, 'change-email'))!.textBody);
    // Nothing changed yet: the old address still logs in, the new one does not.
    await logIn(a.email);
    await request(env.app).post('/api/auth/login').send({ email: next, password }).expect(401);

    const confirmed = await request(env.app).post('/api/auth/verify-email').send({ token }).expect(200);
    expect(confirmed.body.user).toMatchObject({ id: a.user.id, email: next, emailVerifiedAt: expect.any(String) });
    await request(env.app).post('/api/auth/verify-email').send({ token }).expect(410);
    const after = await request(env.app).get('/api/account').set('authorization', a.auth).expect(200);
    expect(after.body.user).toMatchObject({ email: next, pendingEmail: null });
    await logIn(next);
    await request(env.app).post('/api/auth/login').send({ email: a.email, password }).expect(401);
    const audit = await env.knex('activity_log').where({ actorId: a.user.id, action: 'user.email_changed' }).first();
    expect(audit).toMatchObject({ before: { email: a.email }, after: { email: next } });
  });

  it('answers the same for an address of another account, whose owner is told instead; no link is sent', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const res = await request(env.app).post('/api/account/email').set('authorization', a.auth).send({ email: b.email.toUpperCase(), password }).expect(202);
    expect(res.body).toEqual({ status: 'sent', pendingEmail: b.email.toUpperCase() });
    expect(await lastMail(b.email, 'change-email')).toBeUndefined();
    expect(await lastMail(b.email.toUpperCase(), 'change-email')).toBeUndefined();
    expect((await lastMail(b.email, 'change-email-taken'))!.textBody).not.toMatch(/token=/);
  });

  it('refuses the current address, an API token, and stays unchanged when the new address is taken before confirming', async () => {
    const a = await newAccount();
    await request(env.app).post('/api/account/email').set('authorization', a.auth).send({ email: a.email.toUpperCase(), password }).expect(400);
    const next = newEmail();
    await request(env.app).post('/api/account/email').set('authorization', a.auth).send({ email: next, password }).expect(202);
    const token = tokenIn((await lastMail(next, 'change-email'))!.textBody);
    await request(env.app).post('/api/auth/signup').send({ email: next, password, name: 'Quick' }).expect(201);
    const conflict = await request(env.app).post('/api/auth/verify-email').send({ token }).expect(409);
    expect(conflict.body.detail).toContain(`Your address stays ${a.email}`);

    const pat = newOpaqueToken('pat');
    const personal = (await request(env.app).get('/api/account').set('authorization', a.auth)).body.personalWorkspaceId;
    await env.knex('api_tokens').insert({ userId: a.user.id, workspaceId: personal, name: 'ci', role: 'admin', prefix: pat.slice(0, 14), tokenHash: hashToken(pat) });
    const viaToken = await request(env.app).post('/api/account/email').set('authorization', bearer(pat)).send({ email: newEmail(), password }).expect(403);
    expect(viaToken.body.detail).toMatch(/Log in to do this/);
  });
});

describe('POST /api/account/password', () => {
  it('ends every other session and every older access token; this session refreshes into the new one', async () => {
    const a = await newAccount();
    const other = await logIn(a.email, 'OtherDevice/2.0');
    await request(env.app).get('/api/me').set('authorization', bearer(other.accessToken)).expect(200);

    const wrong = await request(env.app).post('/api/account/password').set('authorization', a.auth).send({ currentPassword: 'nope nope nope', newPassword: 'violet submarine orchestra' }).expect(400);
    expect(wrong.body.errors).toEqual([{ path: 'body.currentPassword', message: 'is not your current password' }]);
    const weak = await request(env.app).post('/api/account/password').set('authorization', a.auth).send({ currentPassword: password, newPassword: 'password123' }).expect(400);
    expect(weak.body.errors[0]).toMatchObject({ path: 'body.newPassword', message: expect.stringMatching(/^is too easy to guess\./) });

    await request(env.app).post('/api/account/password').set('authorization', a.auth).send({ currentPassword: password, newPassword: 'violet submarine orchestra' }).expect(204);
    // Every access token issued before, this session's included, stops at once; the other session is over.
    await request(env.app).get('/api/me').set('authorization', bearer(other.accessToken)).expect(401);
    await request(env.app).get('/api/me').set('authorization', a.auth).expect(401);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    const refreshed = await request(env.app).post('/api/auth/refresh').send({ refreshToken: a.refreshToken }).expect(200);
    await request(env.app).get('/api/me').set('authorization', bearer(refreshed.body.accessToken)).expect(200);

    await request(env.app).post('/api/auth/login').send({ email: a.email, password }).expect(401);
    await logIn(a.email, 'x', 'violet submarine orchestra');
    expect(await env.knex('activity_log').where({ actorId: a.user.id, action: 'auth.password_changed' }).first()).toBeDefined();
  });

  it('counts wrong current passwords towards the lockout', async () => {
    const a = await newAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(env.app).post('/api/account/password').set('authorization', a.auth).send({ currentPassword: `wrong guess ${i}`, newPassword: 'violet submarine orchestra' })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    await request(env.app).post('/api/account/password').set('authorization', a.auth).send({ currentPassword: password, newPassword: 'violet submarine orchestra' }).expect(429);
  });
});

describe('sessions', () => {
  it('lists the logins with the current one marked, and ends one or all others at once', async () => {
    const a = await newAccount();
    const phone = await logIn(a.email, 'Phone/1.0');
    const laptop = await logIn(a.email, 'Laptop/1.0');
    const list = await request(env.app).get('/api/account/sessions').set('authorization', a.auth).expect(200);
    conforms('get', '/api/account/sessions', list);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({ userAgent: 'ArgusTest/1.0', ip: expect.stringMatching(/127\.0\.0\.1|::1/), createdAt: expect.any(String), lastUsedAt: expect.any(String) });
    const phoneSession = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'Phone/1.0');

    conforms('delete', '/api/account/sessions/{sessionId}', await request(env.app).delete(`/api/account/sessions/${phoneSession.id}`).set('authorization', a.auth).expect(204));
    await request(env.app).get('/api/me').set('authorization', bearer(phone.accessToken)).expect(401);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
    await request(env.app).delete(`/api/account/sessions/${phoneSession.id}`).set('authorization', a.auth).expect(404);

    // A refreshed session is still one session, and its latest use is shown.
    const rotated = await request(env.app).post('/api/auth/refresh').set('user-agent', 'Laptop/1.1').send({ refreshToken: laptop.refreshToken }).expect(200);
    const again = await request(env.app).get('/api/account/sessions').set('authorization', a.auth).expect(200);
    expect(again.body.items.map((s: { userAgent: string }) => s.userAgent).sort()).toEqual(['ArgusTest/1.0', 'Laptop/1.1']);

    await request(env.app).delete('/api/account/sessions').set('authorization', a.auth).expect(204);
    await request(env.app).get('/api/me').set('authorization', bearer(rotated.body.accessToken)).expect(401);
    await request(env.app).get('/api/me').set('authorization', a.auth).expect(200);
    const left = await request(env.app).get('/api/account/sessions').set('authorization', a.auth).expect(200);
    expect(left.body.items).toEqual([expect.objectContaining({ current: true })]);
  });

  it('answers 404 for another user’s session and for ids that are not ids', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const theirs = (await request(env.app).get('/api/account/sessions').set('authorization', b.auth).expect(200)).body.items[0].id;
    await request(env.app).delete(`/api/account/sessions/${theirs}`).set('authorization', a.auth).expect(404);
    await request(env.app).delete('/api/account/sessions/not-a-session').set('authorization', a.auth).expect(404);
    await request(env.app).get('/api/me').set('authorization', b.auth).expect(200);
  });
});

describe('DELETE /api/account', () => {
  async function teamWith(owner: { auth: string }, member: { email: string; auth: string; user: { id: string } }, name: string) {
    const team = await request(env.app).post('/api/teams').set('authorization', owner.auth).send({ name }).expect(201);
    await request(env.app).post(`/api/teams/${team.body.id}/members`).set('authorization', owner.auth).send({ email: member.email, role: 'developer' }).expect(201);
    const token = tokenIn((await lastMail(member.email, 'team-invitation'))!.textBody);
    await request(env.app).post('/api/invitations/accept').set('authorization', member.auth).send({ token }).expect(200);
    return team.body.id as string;
  }

  it('needs the password and the address typed again', async () => {
    const a = await newAccount();
    await request(env.app).delete('/api/account').set('authorization', a.auth).send({ password: 'wrong wrong', confirmEmail: a.email }).expect(400);
    const mismatch = await request(env.app).delete('/api/account').set('authorization', a.auth).send({ password, confirmEmail: 'someone@else.test' }).expect(400);
    expect(mismatch.body.errors[0].path).toBe('body.confirmEmail');
    await request(env.app).get('/api/me').set('authorization', a.auth).expect(200);
  });

  it('is refused for the last admin of a team with other members, until they hand over; then team data stays', async () => {
    const a = await newAccount('Alex Leaving');
    const b = await newAccount('Bea Staying');
    const shared = await teamWith(a, b, `Shared ${n}`);
    const solo = (await request(env.app).post('/api/teams').set('authorization', a.auth).send({ name: `Solo ${n}` }).expect(201)).body.id;
    const personal = (await request(env.app).get('/api/account').set('authorization', a.auth)).body.personalWorkspaceId;
    await request(env.app).post(`/api/workspaces/${personal}/repositories`).set('authorization', a.auth).send({ cloneUrl: 'https://github.com/octocat/Hello-World.git' }).expect(201);
    await request(env.app).post(`/api/workspaces/${shared}/repositories`).set('authorization', a.auth).send({ cloneUrl: 'https://github.com/octocat/Spoon-Knife.git' }).expect(201);

    const refused = await request(env.app).delete('/api/account').set('authorization', a.auth).send({ password, confirmEmail: a.email }).expect(409);
    expect(refused.body.detail).toMatch(/last admin of "Shared \d+".*Make another member an admin first/);
    expect(refused.body.teams).toEqual([{ id: shared, name: expect.stringMatching(/^Shared/) }]);

    await request(env.app).patch(`/api/teams/${shared}/members/${b.user.id}`).set('authorization', a.auth).send({ role: 'admin' }).expect(200);
    await request(env.app).delete('/api/account').set('authorization', a.auth).send({ password, confirmEmail: ` ${a.email.toUpperCase()} ` }).expect(204);

    await request(env.app).get('/api/me').set('authorization', a.auth).expect(401);
    await request(env.app).post('/api/auth/login').send({ email: a.email, password }).expect(401);
    expect(await env.knex('users').where({ id: a.user.id }).first()).toBeUndefined();
    expect(await env.knex('workspaces').whereIn('id', [personal, solo])).toEqual([]);
    expect(await env.knex('repositories').where({ workspaceId: personal })).toEqual([]);

    // The team keeps its data; ownership passed to the remaining admin.
    const team = await env.knex('workspaces').where({ id: shared }).first();
    expect(team.ownerId).toBe(b.user.id);
    const repos = await request(env.app).get(`/api/workspaces/${shared}/repositories`).set('authorization', b.auth).expect(200);
    expect(repos.body.items.map((r: { fullName: string }) => r.fullName)).toEqual(['octocat/Spoon-Knife']);
    const members = await request(env.app).get(`/api/teams/${shared}/members`).set('authorization', b.auth).expect(200);
    expect(JSON.stringify(members.body)).not.toContain(a.user.id);
    // Audit entries keep the actor's name and address as recorded.
    const activity = await request(env.app).get(`/api/teams/${shared}/activity`).set('authorization', b.auth).expect(200);
    const byA = activity.body.items.filter((e: { actor: { id: string } | null }) => e.actor?.id === a.user.id);
    expect(byA.length).toBeGreaterThanOrEqual(3);
    for (const entry of byA) expect(entry.actor).toEqual({ id: a.user.id, name: 'Alex Leaving', email: a.email });
    expect(byA.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['repository.connected', 'member.account_deleted', 'team.owner_changed']));
    const deleted = await env.knex('activity_log').where({ action: 'user.deleted', resourceId: a.user.id }).first();
    expect(deleted.after.deletedWorkspaceIds.sort()).toEqual([personal, solo].sort());
  });

  it('is refused for a staff account', async () => {
    const a = await newAccount();
    await env.knex('staff_grants').insert({ userId: a.user.id, role: 'support_admin', grantedBySystem: 'test' });
    const res = await request(env.app).delete('/api/account').set('authorization', a.auth).send({ password, confirmEmail: a.email }).expect(409);
    expect(res.body.detail).toMatch(/staff role/);
  });
});
