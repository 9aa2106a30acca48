import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserWithToken } from './support/auth';

// Connecting a repository through the real API refuses every private, loopback, link-local and local remote,
// whatever its spelling (the guard itself: activities/src/platform/ssrf.security.test.ts; at clone time too).
let strict: TestEnv;
let authHeader: string;
let workspaceId: string;
beforeAll(async () => {
  strict = await createTestEnv();
  const u = await createUserWithToken(strict.knex, strict.config.jwtSecret);
  await strict.knex('users').where({ id: u.user.id }).update({ emailVerifiedAt: new Date() });
  authHeader = u.authHeader;
  const [w] = await strict.knex('workspaces').insert({ name: 'W', slug: `w-${Date.now()}`, kind: 'team', ownerId: u.user.id }).returning('id');
  workspaceId = w.id;
  await strict.knex('workspace_members').insert({ workspaceId, userId: u.user.id, role: 'admin' });
});
afterAll(() => strict?.close());

describe('connecting a repository (SSRF)', () => {
  it.each([
    'file:///etc', 'https://127.0.0.1/x.git', 'https://169.254.169.254/latest', 'https://[::1]/x.git', 'https://10.1.2.3/x.git', 'git@192.168.1.2:x/y.git', 'ftp://example.com/x',
    'https://[::ffff:127.0.0.1]/x.git', 'https://[::ffff:169.254.169.254]/latest', 'https://[64:ff9b::a9fe:a9fe]/x', 'https://198.18.0.1/x.git', 'https://[fe90::1]/x.git',
    'https://localhost/x.git', 'https://2130706433/x.git', 'http://example.com/x.git',
  ])('refuses %s with a message for people', async (cloneUrl) => {
    const res = await request(strict.app).post(`/api/workspaces/${workspaceId}/repositories`).set('authorization', authHeader).send({ cloneUrl });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors[0].path).toBe('body.cloneUrl');
    expect(JSON.stringify(res.body)).not.toMatch(/ARGUS_ALLOW_PRIVATE_GIT/);
  });
});
