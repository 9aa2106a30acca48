import { Model } from 'objection';
import type { LlmProviderId } from '@argus/workflows/contract';
import type { Db } from '../knex';

// Owner of `workspace_ai_keys`: workspaces' own LLM keys, sealed with the platform SecretBox (context
// `workspace:<id>:<provider>`). The sealed key leaves this module only for the worker to unseal; it is never returned.

export interface WorkspaceAiKeyRow {
  workspaceId: string;
  provider: LlmProviderId;
  keySealed: string;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkspaceAiKeyModel extends WorkspaceAiKeyRow {}
export class WorkspaceAiKeyModel extends Model {
  static tableName = 'workspace_ai_keys';
  static idColumn = ['workspaceId', 'provider'];
}

/** The sealed key of a workspace and provider, if the workspace set one. */
export async function findWorkspaceAiKey(db: Db, workspaceId: string, provider: LlmProviderId): Promise<Pick<WorkspaceAiKeyRow, 'keySealed'> | undefined> {
  return WorkspaceAiKeyModel.query(db).findById([workspaceId, provider]).select('keySealed');
}

/** Which providers a workspace has a key for (never the keys). */
export async function workspaceAiKeysOf(db: Db, workspaceId: string): Promise<Pick<WorkspaceAiKeyRow, 'provider' | 'updatedAt'>[]> {
  return WorkspaceAiKeyModel.query(db).where({ workspaceId }).select('provider', 'updatedAt');
}

/** Sets or replaces a workspace's key; `replaced` tells which. Run it in a transaction to make the two steps one. */
export async function upsertWorkspaceAiKey(
  db: Db,
  key: { workspaceId: string; provider: LlmProviderId; keySealed: string; updatedBy: string },
): Promise<{ provider: LlmProviderId; updatedAt: Date; replaced: boolean }> {
  const existed = await WorkspaceAiKeyModel.query(db).findById([key.workspaceId, key.provider]).select('provider');
  const [row] = await db('workspace_ai_keys')
    .insert(key)
    .onConflict(['workspace_id', 'provider'])
    .merge({ keySealed: key.keySealed, updatedBy: key.updatedBy, updatedAt: db.fn.now() })
    .returning(['provider', 'updatedAt']);
  return { provider: row.provider as LlmProviderId, updatedAt: row.updatedAt as Date, replaced: Boolean(existed) };
}

/** Key rotation: every sealed AI key, a page at a time (keyset on workspace and provider). */
export async function listSealedWorkspaceAiKeys(db: Db, after: { workspaceId: string; provider: string } | null, limit: number): Promise<{ workspaceId: string; provider: LlmProviderId; keySealed: string }[]> {
  const q = db('workspace_ai_keys').orderBy(['workspaceId', 'provider']).limit(limit).select('workspaceId', 'provider', 'keySealed');
  if (after) q.whereRaw('(workspace_id, provider) > (?, ?)', [after.workspaceId, after.provider]);
  return q;
}

/** Re-seals one key, only if nobody changed it meanwhile (compare-and-set). */
export async function replaceWorkspaceAiKey(db: Db, key: { workspaceId: string; provider: LlmProviderId }, previous: string, next: string): Promise<boolean> {
  return (await db('workspace_ai_keys').where({ ...key, keySealed: previous }).update({ keySealed: next })) > 0;
}
