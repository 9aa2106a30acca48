import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createApp } from '../app';
import { signAccessToken } from './tokens';
import { LOCKOUT } from './auth.service';

// Mail goes to the outbox table (no SMTP here); tests read the links from it, as a user would from a mailbox.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const password = 'correct horse battery';
let n = 0;
const newEmail = () => `person${++n}-${Date.now()}@example.test`;

async function tokenFromMail(to: string, template: string): Promise<string> {
  const mail = await env.knex('outbox_emails').where({ toAddress: to, template }).orderBy('createdAt', 'desc').first();
  expect(mail, `a ${template} mail to ${to}`).toBeDefined();
  return /token=([\w-]+)/.exec(mail.textBody)![1]!;
}

async function signUpAndLogin(email = newEmail()) {
  await request(env.app).post('/api/auth/signup').send({ email, password, name: 'Pat' }).expect(201);
  const res = await request(env.app).post('/api/auth/login').send({ email, password }).expect(200);
  return { email, ...res.body } as { email: string; accessToken: string; refreshToken: string; user: { id: string } };
}

describe('sign up and e-mail verification', () => {
  it('creates the user with a personal workspace and a single-use verification link', async () => {
    const email = newEmail();
    const res = await request(env.app).post('/api/auth/signup').send({ email, password, name: 'Ada' }).expect(201);
    expect(res.body.user.emailVerifiedAt).toBeNull();
    const stored = await env.knex('users').where({ id: res.body.user.id }).first();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const token = await tokenFromMail(email, 'verify-email');
    const verified = await request(env.app).post('/api/auth/verify-email').send({ token }).expect(200);
    expect(verified.body.user.emailVerifiedAt).not.toBeNull();
    await request(env.app).post('/api/auth/verify-email').send({ token }).expect(410);
    const session = await request(env.app).post('/api/auth/login').send({ email, password }).expect(200);
    const me = await request(env.app).get('/api/me').set('authorization', `Bearer ${session.body.accessToken}`).expect(200);
    expect(me.body.workspaces).toHaveLength(1);
    expect(me.body.workspaces[0]).toMatchObject({ kind: 'personal', role: 'admin', memberCount: 1 });
  });

  it('refuses invalid fields with field errors', async () => {
    const weak = await request(env.app).post('/api/auth/signup').send({ email: 'not-an-email', password: 'short', name: '' }).expect(400);
    expect(weak.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.name', 'body.password']);
  });
});

describe('login', () => {
  it('answers the same for an unknown address and a wrong password', async () => {
    const { email } = await signUpAndLogin();
    const a = await request(env.app).post('/api/auth/login').send({ email, password: 'wrong password!' }).expect(401);
    const b = await request(env.app).post('/api/auth/login').send({ email: newEmail(), password }).expect(401);
    expect(a.body.detail).toBe(b.body.detail);
  });

  it(`locks the account after ${LOCKOUT.maxFailures} failures, even for the right password, with a clear message`, async () => {
    const { email } = await signUpAndLogin();
    for (let i = 1; i < LOCKOUT.maxFailures; i++) await request(env.app).post('/api/auth/login').send({ email, password: 'nope nope nope' }).expect(401);
    const locked = await request(env.app).post('/api/auth/login').send({ email, password: 'nope nope nope' }).expect(429);
    expect(locked.body.detail).toMatch(/locked for \d+ minutes/);
    expect(locked.headers['retry-after']).toBeDefined();
    await request(env.app).post('/api/auth/login').send({ email, password }).expect(429);
    await env.knex('users').whereRaw('lower(email) = ?', [email]).update({ lockedUntil: new Date(Date.now() - 1000) });
    await request(env.app).post('/api/auth/login').send({ email, password }).expect(200);
  });

  it('rate-limits login attempts per address', async () => {
    const app = createApp({ ...env.deps, config: { ...env.config, AUTH_RATE_LIMIT_PER_MINUTE: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(app).post('/api/auth/login').set('x-forwarded-for', '198.51.100.7').send({ email: newEmail(), password })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });

  it('lets only staff into the ops console', async () => {
    const { email, user } = await signUpAndLogin();
    await request(env.app).post('/api/admin/auth/login').send({ email, password }).expect(403);
    await env.knex('staff_grants').insert({ userId: user.id, role: 'support_admin', grantedBySystem: 'test' });
    const ok = await request(env.app).post('/api/admin/auth/login').send({ email, password }).expect(200);
    expect(ok.body.user.staffRole).toBe('support_admin');
  });
});

describe('access tokens', () => {
  it('rejects a tampered, an unsigned and an expired token', async () => {
    const { accessToken, user } = await signUpAndLogin();
    await request(env.app).get('/api/me').set('authorization', `Bearer ${accessToken}`).expect(200);
    const [h, p, s] = accessToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: '00000000-0000-0000-0000-000000000001' })).toString('base64url');
    await request(env.app).get('/api/me').set('authorization', `Bearer ${h}.${forgedPayload}.${s}`).expect(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await request(env.app).get('/api/me').set('authorization', `Bearer ${none}.${p}.`).expect(401);
    const otherKey = await signAccessToken('a-completely-different-secret-of-32-chars!', user.id);
    await request(env.app).get('/api/me').set('authorization', `Bearer ${otherKey.token}`).expect(401);
    const expired = await signAccessToken(env.config.jwtSecret, user.id, Date.now() - 60 * 60_000);
    const res = await request(env.app).get('/api/me').set('authorization', `Bearer ${expired.token}`).expect(401);
    expect(res.body.detail).toMatch(/expired/);
  });
});

describe('refresh tokens', () => {
  it('rotate on use; reusing a rotated one revokes the whole family', async () => {
    const { refreshToken: first } = await signUpAndLogin();
    const second = (await request(env.app).post('/api/auth/refresh').send({ refreshToken: first }).expect(200)).body.refreshToken;
    expect(second).not.toBe(first);
    const third = (await request(env.app).post('/api/auth/refresh').send({ refreshToken: second }).expect(200)).body.refreshToken;
    // `second` was used, so `first` coming back is a leak, even moments later.
    const reuse = await request(env.app).post('/api/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(reuse.body.detail).toMatch(/already used/);
    // The legitimate newest token died with its family.
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: third }).expect(401);
  });

  it('forgive a lost answer: a token rotated moments ago whose successor was never used refreshes once more', async () => {
    const { refreshToken: first, user } = await signUpAndLogin();
    // The browser sent `first`, the API rotated it, and the page reloaded before the answer arrived.
    const lost = (await request(env.app).post('/api/auth/refresh').send({ refreshToken: first }).expect(200)).body.refreshToken;
    const again = await request(env.app).post('/api/auth/refresh').send({ refreshToken: first }).expect(200);
    expect(again.body.refreshToken).not.toBe(lost);
    await request(env.app).get('/api/me').set('authorization', `Bearer ${again.body.accessToken}`).expect(200);
    // The lost successor is rotated away: the family has one live token, and the lost one coming back is a leak.
    const live = await env.knex('refresh_tokens').where({ userId: user.id }).whereNull('rotatedAt').whereNull('revokedAt');
    expect(live).toHaveLength(1);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: lost }).expect(401);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: again.body.refreshToken }).expect(401);
  });

  it('do not forgive a reuse after the grace period', async () => {
    const { refreshToken: first, user } = await signUpAndLogin();
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: first }).expect(200);
    await env.knex('refresh_tokens').where({ userId: user.id }).whereNotNull('rotatedAt').update({ rotatedAt: new Date(Date.now() - 60_000) });
    const reuse = await request(env.app).post('/api/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(reuse.body.detail).toMatch(/already used/);
  });

  it('stop working after logout and after expiry, and are stored only as hashes', async () => {
    const { refreshToken, user } = await signUpAndLogin();
    const rows = await env.knex('refresh_tokens').where({ userId: user.id });
    expect(JSON.stringify(rows)).not.toContain(refreshToken);
    await request(env.app).post('/api/auth/logout').send({ refreshToken }).expect(204);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken }).expect(401);
    const other = await request(env.app).post('/api/auth/login').send({ email: (await env.knex('users').where({ id: user.id }).first()).email, password }).expect(200);
    await env.knex('refresh_tokens').where({ userId: user.id }).update({ expiresAt: new Date(Date.now() - 1000) });
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
  });
});

describe('password reset', () => {
  it('is single-use, expires, and ends existing sessions', async () => {
    const { email, refreshToken } = await signUpAndLogin();
    await request(env.app).post('/api/auth/forgot-password').send({ email: newEmail() }).expect(202);
    await request(env.app).post('/api/auth/forgot-password').send({ email }).expect(202);
    const token = await tokenFromMail(email, 'reset-password');
    await request(env.app).post('/api/auth/reset-password').send({ token, password: 'a brand new password' }).expect(204);
    await request(env.app).post('/api/auth/reset-password').send({ token, password: 'another new password' }).expect(410);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken }).expect(401);
    await request(env.app).post('/api/auth/login').send({ email, password }).expect(401);
    await request(env.app).post('/api/auth/login').send({ email, password: 'a brand new password' }).expect(200);

    await request(env.app).post('/api/auth/forgot-password').send({ email }).expect(202);
    const late = await tokenFromMail(email, 'reset-password');
    await env.knex('one_time_tokens').where({ purpose: 'reset_password' }).update({ expiresAt: new Date(Date.now() - 1000) });
    await request(env.app).post('/api/auth/reset-password').send({ token: late, password: 'too late password' }).expect(410);
  });
});

describe('activity log', () => {
  it('records logins with ip and user agent', async () => {
    const email = newEmail();
    const userAgent = 'ArgusSecurityTest/1.0 (activity log)';
    await request(env.app).post('/api/auth/signup').send({ email, password, name: 'Pat' }).expect(201);
    const res = await request(env.app).post('/api/auth/login').set('user-agent', userAgent).send({ email, password }).expect(200);
    const entry = await env.knex('activity_log').where({ actorId: res.body.user.id, action: 'auth.login' }).first();
    expect(entry.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(entry.userAgent).toBe(userAgent);
  });
});
