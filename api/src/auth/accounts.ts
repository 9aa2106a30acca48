import type { Knex } from '@argus/db';
import { hashPassword } from './passwords';

/** Turns a name into a URL slug; uniqueness is handled by the caller's retry. */
export function slugify(text: string): string {
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

export async function uniqueSlug(trx: Knex, base: string): Promise<string> {
  const slug = slugify(base);
  const taken = new Set((await trx('workspaces').where('slug', 'like', `${slug}%`).pluck('slug')) as string[]);
  if (!taken.has(slug)) return slug;
  for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

/** A user always comes with a personal workspace in which they are the admin. */
export async function createUserAccount(
  knex: Knex,
  input: { email: string; name: string; password: string; emailVerified?: boolean },
): Promise<{ id: string; email: string; name: string; personalWorkspaceId: string }> {
  const passwordHash = await hashPassword(input.password);
  return knex.transaction(async (trx) => {
    const [user] = await trx('users')
      .insert({ email: input.email.trim(), name: input.name.trim(), passwordHash, emailVerifiedAt: input.emailVerified ? trx.fn.now() : null })
      .returning(['id', 'email', 'name']);
    const [workspace] = await trx('workspaces')
      .insert({ name: `${input.name.trim()}'s workspace`, slug: await uniqueSlug(trx, `${input.name}-personal`), kind: 'personal', ownerId: user.id })
      .returning('id');
    await trx('workspace_members').insert({ workspaceId: workspace.id, userId: user.id, role: 'admin' });
    return { ...user, personalWorkspaceId: workspace.id };
  });
}
