import type { Knex } from '@argus/db';
import { signAccessToken } from '../../api/src/auth/tokens';
import type { StaffRole } from '../../api/src/access/permissions';

/**
 * Inserts a user row directly and signs a real access token for it (fixtures for routes not about login). The
 * address counts as confirmed unless `emailVerified: false` (inviting and connecting repositories need it).
 */
export async function createUserWithToken(knex: Knex, jwtSecret: string, opts: { email?: string; staffRole?: StaffRole; emailVerified?: boolean } = {}) {
  const email = opts.email ?? `user-${Math.random().toString(36).slice(2)}@example.test`;
  const [user] = await knex('users')
    .insert({ email, name: email.split('@')[0], passwordHash: 'not-a-login-fixture', emailVerifiedAt: opts.emailVerified === false ? null : new Date() })
    .returning('*');
  if (opts.staffRole) await knex('staff_grants').insert({ userId: user.id, role: opts.staffRole, grantedBySystem: 'test fixture' });
  const { token } = await signAccessToken(jwtSecret, user.id);
  return { user, token, authHeader: `Bearer ${token}` };
}
