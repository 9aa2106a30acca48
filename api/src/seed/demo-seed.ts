import { appendActivity, findUserByEmail, insertSystemStaffGrant, insertWorkspaceWithOwner, type Knex } from '@argus/db';
import { createUserAccount } from '../auth/accounts';

export const DEMO_LOGIN = { email: 'demo@argus.local', password: 'argus-demo-password' } as const;

/**
 * The demo data `npm start` needs: one verified user who is also super_admin staff, their personal
 * workspace, and a shared team. Idempotent, so every start can run it.
 */
export async function seedDemo(knex: Knex): Promise<{ created: boolean }> {
  const existing = await findUserByEmail(knex, DEMO_LOGIN.email);
  if (existing) return { created: false };
  const user = await createUserAccount(knex, { email: DEMO_LOGIN.email, name: 'Demo User', password: DEMO_LOGIN.password, emailVerified: true });
  await knex.transaction(async (trx) => {
    await insertSystemStaffGrant(trx, { userId: user.id, role: 'super_admin', grantedBySystem: 'demo seed (npm start)' });
    const team = await insertWorkspaceWithOwner(
      trx,
      { name: 'Demo Team', slug: 'demo-team', description: 'A shared workspace to try teams, roles and invitations.', kind: 'team', ownerId: user.id },
      { ifSlugFree: true },
    );
    if (team) {
      await appendActivity(trx, { workspaceId: team.id, actorKind: 'system', action: 'team.created', resourceType: 'team', resourceId: team.id, after: { name: 'Demo Team' } });
    }
  });
  return { created: true };
}
