import { insertUser, insertWorkspaceWithOwner, uniqueWorkspaceSlug, type Db, type Knex } from '@argus/db';
import { hashPassword } from './passwords';

/** Turns a name into a URL slug; uniqueness is handled by the caller's retry. */
function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'workspace'
  );
}

export async function uniqueSlug(db: Db, base: string): Promise<string> {
  return uniqueWorkspaceSlug(db, slugify(base));
}

/** A user always comes with a personal workspace in which they are the admin. */
export async function createUserAccount(
  knex: Knex,
  input: { email: string; name: string; password: string; emailVerified?: boolean },
): Promise<{ id: string; email: string; name: string; personalWorkspaceId: string }> {
  const passwordHash = await hashPassword(input.password);
  return knex.transaction(async (trx) => {
    const user = await insertUser(trx, { email: input.email.trim(), name: input.name.trim(), passwordHash, emailVerified: input.emailVerified });
    const workspace = await insertWorkspaceWithOwner(trx, {
      name: `${input.name.trim()}'s workspace`,
      slug: await uniqueSlug(trx, `${input.name}-personal`),
      kind: 'personal',
      ownerId: user.id,
    });
    return { id: user.id, email: user.email, name: user.name, personalWorkspaceId: workspace.id };
  });
}
