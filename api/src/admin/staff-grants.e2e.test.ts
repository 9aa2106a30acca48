import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('staff grants', () => {
  it('only a super_admin grants, the grant records who granted it, and every change is audited', async () => {
    const root = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
    const support = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
    const customer = await createUserWithToken(env.knex, env.config.jwtSecret);
    await request(env.app).put(`/api/admin/users/${customer.user.id}/staff-role`).set('authorization', support.authHeader).send({ role: 'billing_admin' }).expect(403);
    await request(env.app).put(`/api/admin/users/${customer.user.id}/staff-role`).set('authorization', customer.authHeader).send({ role: 'super_admin' }).expect(403);
    const granted = await request(env.app).put(`/api/admin/users/${customer.user.id}/staff-role`).set('authorization', root.authHeader).send({ role: 'billing_admin' }).expect(200);
    expect(granted.body).toMatchObject({ userId: customer.user.id, role: 'billing_admin', grantedBy: root.user.id });
    await request(env.app).put(`/api/admin/users/${customer.user.id}/staff-role`).set('authorization', root.authHeader).send({ role: 'janitor' }).expect(400);
    await request(env.app).put(`/api/admin/users/${root.user.id}/staff-role`).set('authorization', root.authHeader).send({ role: 'billing_admin' }).expect(409);
    await request(env.app).delete(`/api/admin/users/${customer.user.id}/staff-role`).set('authorization', root.authHeader).expect(204);
    await request(env.app).delete(`/api/admin/users/${customer.user.id}/staff-role`).set('authorization', root.authHeader).expect(404);
    const audit = await env.knex('activity_log').where({ resourceId: customer.user.id }).orderBy('id');
    expect(audit.map((a) => [a.action, a.actorId, a.actorKind])).toEqual([
      ['staff.granted', root.user.id, 'staff'],
      ['staff.revoked', root.user.id, 'staff'],
    ]);
    expect(audit[0].after).toEqual({ role: 'billing_admin' });
  });
});
