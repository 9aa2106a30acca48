import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { createLogger, createMailer, scrubString, scrubValue } from '@argus/activities';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { LOCKOUT } from './auth.service';
import { newOpaqueToken } from './tokens';

// Issue 10's holes in the identity area, each checked over HTTP against the real API and Postgres.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const password = 'correct horse battery';
let n = 0;
const newEmail = () => `hole${++n}-${Date.now()}@example.test`;

async function mailTo(to: string, template: string) {
  const mail = await env.knex('outbox_emails').where({ toAddress: to, template }).orderBy('createdAt', 'desc').first();
  expect(mail, `a ${template} mail to ${to}`).toBeDefined();
  return mail as { id: string; textBody: string };
}
const tokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1]!;

async function signUpAndLogin(email = newEmail(), name = 'Pat') {
  await request(env.app).post('/api/auth/signup').send({ email, password, name }).expect(201);
  const res = await request(env.app).post('/api/auth/login').send({ email, password }).expect(200);
  return { email, ...res.body } as { email: string; accessToken: string; refreshToken: string; user: { id: string } };
}
const bearer = (token: string) => `Bearer ${token}`;

describe('1. the outbox, logs and scrubber never hand out a token', () => {
  it('shows kept mail with its links only to a super admin (audited); support staff see them masked', async () => {
    const victim = newEmail();
    await request(env.app).post('/api/auth/signup').send({ email: victim, password, name: 'Root' }).expect(201);
    await request(env.app).post('/api/auth/forgot-password').send({ email: victim }).expect(202);
    const reset = await mailTo(victim, 'reset-password');
    const secret = tokenIn(reset.textBody);
    const support = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
    const root = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });

    const list = await request(env.app).get('/api/admin/outbox').query({ filter: JSON.stringify({ q: victim }) }).set('authorization', support.authHeader).expect(200);
    const one = await request(env.app).get(`/api/admin/outbox/${reset.id}`).set('authorization', support.authHeader).expect(200);
    for (const body of [JSON.stringify(list.body), JSON.stringify(one.body)]) expect(body).not.toContain(secret);
    expect(one.body.textBody).toContain('token=[redacted]');
    // With the masked link, support cannot reset the password.
    await request(env.app).post('/api/auth/reset-password').send({ token: '[redacted]', password: 'taken over by support' }).expect(410);

    const whole = await request(env.app).get(`/api/admin/outbox/${reset.id}`).set('authorization', root.authHeader).expect(200);
    expect(whole.body.textBody).toContain(secret);
    const audit = await env.knex('activity_log').where({ actorId: root.user.id, action: 'outbox.secrets_viewed' });
    expect(audit.map((a) => a.resourceId)).toContain(reset.id);
  });

  it('never logs a mail’s token, even at info level without SMTP', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { logger } = createLogger({ level: 'info', component: 'mail-test' });
      const mailer = createMailer({ knex: env.knex, from: 'argus@example.test', logger });
      const token = newOpaqueToken('ott');
      await mailer.send({ to: 'x@example.test', subject: 'Reset', template: 'reset-password', text: `Open https://portal/reset-password?token=${token}` });
      logger.info({ refreshToken: newOpaqueToken('rt') }, `someone pasted ${newOpaqueToken('inv')} here`);
      const out = lines.join('');
      expect(out).toContain('mail kept in outbox');
      expect(out).not.toMatch(/argus_(ott|rt|inv)_[\w-]{10,}/);
      expect(out).not.toContain(token);
    } finally {
      spy.mockRestore();
    }
  });

  it('the scrubber removes every Argus token format, JWTs and link secrets', () => {
    const tokens = (['rt', 'pat', 'ott', 'inv'] as const).map((k) => newOpaqueToken(k));
    const text = scrubString(`tokens ${tokens.join(' and ')}; link https://portal/verify-email?token=abcdefghijklmnop&x=1`);
    for (const token of tokens) expect(text).not.toContain(token);
    expect(text).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(scrubValue({ nested: [{ message: `failed for ${tokens[3]}` }] }))).not.toContain(tokens[3]);
  });
});

describe('2. the lockout is atomic', () => {
  it(`20 parallel wrong passwords get at most ${LOCKOUT.maxFailures} checked; the account is then locked`, async () => {
    const { email } = await signUpAndLogin();
    const answers = await Promise.all(Array.from({ length: 20 }, () => request(env.app).post('/api/auth/login').send({ email, password: 'a parallel wrong guess' })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOCKOUT.maxFailures - 1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - LOCKOUT.maxFailures + 1);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const failures = await env.knex('activity_log').whereIn('action', ['auth.login_failed', 'auth.locked']).whereIn('actorId', env.knex('users').whereRaw('lower(email) = ?', [email]).select('id'));
    expect(failures.length).toBeLessThanOrEqual(LOCKOUT.maxFailures);
    await request(env.app).post('/api/auth/login').send({ email, password }).expect(429);
  });
});

describe('3. a new password ends every token at once', () => {
  it('after a reset, existing access and refresh tokens stop working immediately', async () => {
    const { email, accessToken, refreshToken } = await signUpAndLogin();
    await request(env.app).get('/api/me').set('authorization', bearer(accessToken)).expect(200);
    await request(env.app).post('/api/auth/forgot-password').send({ email }).expect(202);
    const token = tokenIn((await mailTo(email, 'reset-password')).textBody);
    await request(env.app).post('/api/auth/reset-password').send({ token, password: 'a brand new passphrase' }).expect(204);
    const stale = await request(env.app).get('/api/me').set('authorization', bearer(accessToken)).expect(401);
    expect(stale.body.detail).toMatch(/password .* changed/);
    await request(env.app).post('/api/auth/refresh').send({ refreshToken }).expect(401);
    const fresh = await request(env.app).post('/api/auth/login').send({ email, password: 'a brand new passphrase' }).expect(200);
    await request(env.app).get('/api/me').set('authorization', bearer(fresh.body.accessToken)).expect(200);
  });

  it('after logout, that session’s access token stops working too', async () => {
    const { accessToken, refreshToken } = await signUpAndLogin();
    await request(env.app).post('/api/auth/logout').send({ refreshToken }).expect(204);
    await request(env.app).get('/api/me').set('authorization', bearer(accessToken)).expect(401);
  });
});

describe('4. sign-up and login do not reveal which addresses exist', () => {
  it('signing up with a taken address answers like a new one and mails the owner instead', async () => {
    const email = newEmail();
    const first = await request(env.app).post('/api/auth/signup').send({ email, password, name: 'Owner' }).expect(201);
    const fresh = await request(env.app).post('/api/auth/signup').send({ email: newEmail(), password, name: 'Other' }).expect(201);
    const again = await request(env.app).post('/api/auth/signup').send({ email: email.toUpperCase(), password: 'an attacker password', name: 'Other' }).expect(201);
    expect(Object.keys(again.body.user)).toEqual(Object.keys(fresh.body.user));
    expect(again.body.user).toMatchObject({ email: email.toUpperCase(), name: 'Other', emailVerifiedAt: null, staffRole: null });
    expect(again.body.user.id).not.toBe(first.body.user.id);
    expect(again.headers['content-type']).toBe(fresh.headers['content-type']);
    expect(await env.knex('users').whereRaw('lower(email) = ?', [email]).count('* as n').first()).toEqual({ n: 1 });
    const notice = await mailTo(email, 'signup-existing-account');
    expect(notice.textBody).toMatch(/already have one/);
    expect(notice.textBody).not.toMatch(/token=/);
    // The owner's password is unchanged.
    await request(env.app).post('/api/auth/login').send({ email, password }).expect(200);
  });

  it('an unknown address is locked after the same number of failures, with the same status and message', async () => {
    const { email: known } = await signUpAndLogin();
    const unknown = newEmail();
    const run = async (email: string) => {
      const answers: { status: number; detail: string; retryAfter?: string }[] = [];
      for (let i = 0; i < LOCKOUT.maxFailures + 1; i++) {
        const res = await request(env.app).post('/api/auth/login').send({ email, password: 'wrong wrong wrong' });
        answers.push({ status: res.status, detail: res.body.detail, retryAfter: res.headers['retry-after'] });
      }
      return answers;
    };
    const [a, b] = [await run(known), await run(unknown)];
    expect(b).toEqual(a);
    expect(a.at(-1)!.status).toBe(429);
    expect(a[LOCKOUT.maxFailures - 1]!.detail).toMatch(/locked for 15 minutes/);
    // The stored key is a hash, never the address.
    expect(JSON.stringify(await env.knex('login_throttle').select())).not.toContain(unknown);
  });
});

describe('5. inviting and connecting code need a confirmed address', () => {
  it('answers 403 with a way to resend, and works once the address is confirmed', async () => {
    const { email, accessToken } = await signUpAndLogin();
    const auth = bearer(accessToken);
    const team = await request(env.app).post('/api/teams').set('authorization', auth).send({ name: `Team ${n}` }).expect(201);
    const invite = await request(env.app).post(`/api/teams/${team.body.id}/members`).set('authorization', auth).send({ email: newEmail(), role: 'viewer' }).expect(403);
    expect(invite.body).toMatchObject({ code: 'email_not_verified', resendVerification: { method: 'POST', href: '/api/auth/resend-verification' } });
    expect(invite.body.detail).toMatch(/Confirm your e-mail address before you invite others/);
    const me = await request(env.app).get('/api/me').set('authorization', auth).expect(200);
    const personal = me.body.workspaces.find((w: { kind: string }) => w.kind === 'personal').id;
    const repo = await request(env.app).post(`/api/workspaces/${personal}/repositories`).set('authorization', auth).send({ cloneUrl: 'https://github.com/octocat/Hello-World.git' }).expect(403);
    expect(repo.body.detail).toMatch(/connect repositories/);

    await request(env.app).post('/api/auth/resend-verification').set('authorization', auth).expect(202);
    await request(env.app).post('/api/auth/verify-email').send({ token: tokenIn((await mailTo(email, 'verify-email')).textBody) }).expect(200);
    await request(env.app).post(`/api/teams/${team.body.id}/members`).set('authorization', auth).send({ email: newEmail(), role: 'viewer' }).expect(201);
  });

  it('still answers 404, not 403, to an unverified non-member', async () => {
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    const [team] = await env.knex('workspaces').insert({ name: 'Closed', slug: `closed-${n}-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: team.id, userId: owner.user.id, role: 'admin' });
    const stranger = await createUserWithToken(env.knex, env.config.jwtSecret, { emailVerified: false });
    await request(env.app).post(`/api/teams/${team.id}/members`).set('authorization', stranger.authHeader).send({ email: newEmail(), role: 'viewer' }).expect(404);
  });
});

describe('6. passwords must be hard to guess', () => {
  it('refuses password123 and passwords made of the user’s own name or address, saying why and how to improve', async () => {
    const weak = await request(env.app).post('/api/auth/signup').send({ email: newEmail(), password: 'password123', name: 'Pat' }).expect(400);
    expect(weak.body.errors).toEqual([{ path: 'body.password', message: expect.stringMatching(/^is too easy to guess\. .*commonly used password/) }]);
    expect(weak.body.detail).toMatch(/^Password is too easy to guess\./);
    const personal = await request(env.app).post('/api/auth/signup').send({ email: 'zebulon.quartermaine@example.test', password: 'zebulonquartermaine', name: 'Zebulon Quartermaine' }).expect(400);
    expect(personal.body.errors[0].path).toBe('body.password');
  });

  it('refuses a weak reset password and keeps the link usable', async () => {
    const { email } = await signUpAndLogin();
    await request(env.app).post('/api/auth/forgot-password').send({ email }).expect(202);
    const token = tokenIn((await mailTo(email, 'reset-password')).textBody);
    const weak = await request(env.app).post('/api/auth/reset-password').send({ token, password: 'password123' }).expect(400);
    expect(weak.body.errors[0].path).toBe('body.password');
    await request(env.app).post('/api/auth/reset-password').send({ token, password: 'violet submarine orchestra' }).expect(204);
  });
});
