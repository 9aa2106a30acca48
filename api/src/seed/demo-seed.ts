import type { Knex } from '@argus/db';
import { createUserAccount } from '../auth/accounts';

export const DEMO_LOGIN = { email: 'demo@argus.local', password: 'argus-demo-password' } as const;

/**
 * The demo data `npm start` needs: one verified user who is also super_admin staff, their personal
 * workspace, and a shared team. Idempotent, so every start can run it.
 */
export async function seedDemo(knex: Knex): Promise<{ created: boolean }> {
  const existing = await knex('users').whereRaw('lower(email) = ?', [DEMO_LOGIN.email]).first('id');
  if (existing) return { created: false };
  const user = await createUserAccount(knex, { email: DEMO_LOGIN.email, name: 'Demo User', password: DEMO_LOGIN.password, emailVerified: true });
  await knex.transaction(async (trx) => {
    await trx('staff_grants').insert({ userId: user.id, role: 'super_admin', grantedBySystem: 'demo seed (npm start)' });
    const [team] = await trx('workspaces')
      .insert({ name: 'Demo Team', slug: 'demo-team', description: 'A shared workspace to try teams, roles and invitations.', kind: 'team', ownerId: user.id })
      .onConflict('slug')
      .ignore()
      .returning('id');
    if (team) {
      await trx('workspace_members').insert({ workspaceId: team.id, userId: user.id, role: 'admin' });
      await trx('activity_log').insert({ workspaceId: team.id, actorKind: 'system', action: 'team.created', resourceType: 'team', resourceId: team.id, after: JSON.stringify({ name: 'Demo Team' }) });
    }
  });
  return { created: true };
}
