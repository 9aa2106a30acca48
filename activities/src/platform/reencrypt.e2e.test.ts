import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { createSecretBox } from './secrets';
import { reencryptSecrets } from './reencrypt';

// Real Postgres: secrets sealed under an old key are re-sealed under the active one, and still decrypt.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('re-encryption after a key rotation', () => {
  it('moves every stored secret to the active key, once, and keeps it readable', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createSecretBox(new Map([['old', oldKey]]), 'old');
    const after = createSecretBox(new Map([['old', oldKey], ['new', newKey]]), 'new');
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    const [ws] = await env.knex('workspaces').insert({ name: 'Rotate', slug: `rotate-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    const repoIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await env.knex('repositories').insert({ id, workspaceId: ws.id, provider: 'git', fullName: `r/${i}`, cloneUrl: `https://git.example.com/r/${i}.git`, credentialSealed: before.encrypt(`token-${i}`, `repository:${id}`) });
      repoIds.push(id);
    }
    await env.knex('workspace_ai_keys').insert({ workspaceId: ws.id, provider: 'groq', keySealed: before.encrypt('gsk_live', `workspace:${ws.id}:groq`), updatedBy: owner.user.id });

    const first = await reencryptSecrets(env.knex, after, 2);
    expect(first.reencrypted).toBe(4);
    expect((await reencryptSecrets(env.knex, after, 2)).reencrypted).toBe(0);

    const newOnly = createSecretBox(new Map([['new', newKey]]), 'new');
    for (const [i, id] of repoIds.entries()) {
      const row = await env.knex('repositories').where({ id }).first();
      expect(row.credentialSealed.split('.')[1]).toBe('new');
      expect(newOnly.decrypt(row.credentialSealed, `repository:${id}`)).toBe(`token-${i}`);
    }
    const key = await env.knex('workspace_ai_keys').where({ workspaceId: ws.id, provider: 'groq' }).first();
    expect(newOnly.decrypt(key.keySealed, `workspace:${ws.id}:groq`)).toBe('gsk_live');
  });
});
