import { listSealedRepositoryCredentials, listSealedWorkspaceAiKeys, replaceRepositoryCredential, replaceWorkspaceAiKey, type Db } from '@argus/db';
import type { SecretBox } from './secrets';

export interface ReencryptResult {
  checked: number;
  reencrypted: number;
}

/**
 * After a key rotation (a new ARGUS_ENCRYPTION_ACTIVE_KEY_ID, old keys kept in ARGUS_ENCRYPTION_KEYS), re-seals every
 * stored third-party secret with the active key, so the old key can then be removed. Idempotent and safe to run
 * beside live traffic: each row is replaced only if it did not change meanwhile. The worker runs it at start-up;
 * `npm run secrets:reencrypt` runs it on demand.
 */
export async function reencryptSecrets(db: Db, box: SecretBox, pageSize = 500): Promise<ReencryptResult> {
  const result: ReencryptResult = { checked: 0, reencrypted: 0 };
  for (let after: string | null = null; ; ) {
    const page = await listSealedRepositoryCredentials(db, after, pageSize);
    for (const row of page) {
      result.checked++;
      if (!box.needsRotation(row.credentialSealed)) continue;
      const context = `repository:${row.id}`;
      if (await replaceRepositoryCredential(db, row.id, row.credentialSealed, box.encrypt(box.decrypt(row.credentialSealed, context), context))) result.reencrypted++;
    }
    if (page.length < pageSize) break;
    after = page.at(-1)!.id;
  }
  for (let after: { workspaceId: string; provider: string } | null = null; ; ) {
    const page = await listSealedWorkspaceAiKeys(db, after, pageSize);
    for (const row of page) {
      result.checked++;
      if (!box.needsRotation(row.keySealed)) continue;
      const context = `workspace:${row.workspaceId}:${row.provider}`;
      if (await replaceWorkspaceAiKey(db, row, row.keySealed, box.encrypt(box.decrypt(row.keySealed, context), context))) result.reencrypted++;
    }
    if (page.length < pageSize) break;
    after = page.at(-1)!;
  }
  return result;
}
