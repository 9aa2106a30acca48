import { Model, type JSONSchema, type Modifiers } from 'objection';
import type { Db } from '../knex';
import { User } from './users';
import { Workspace, type WorkspaceRoleName } from './workspaces';

// Owner of `api_tokens`: personal tokens for CI, each limited to one workspace and a role. The secret is stored
// only as a hash. Nothing outside this module writes the table.

export class ApiToken extends Model {
  static tableName = 'api_tokens';
  id!: string;
  userId!: string;
  workspaceId!: string;
  name!: string;
  role!: WorkspaceRoleName;
  prefix!: string;
  tokenHash!: string;
  expiresAt!: Date | null;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      userId: { type: 'string' },
      workspaceId: { type: 'string' },
      name: { type: 'string', minLength: 1 },
      role: { type: 'string', enum: ['admin', 'developer', 'viewer'] },
      prefix: { type: 'string' },
      tokenHash: { type: 'string', minLength: 1 },
    },
  };

  static modifiers: Modifiers = {
    unrevoked(query) {
      query.whereNull('api_tokens.revokedAt');
    },
  };

  static relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'api_tokens.userId', to: 'users.id' } },
    workspace: { relation: Model.BelongsToOneRelation, modelClass: Workspace, join: { from: 'api_tokens.workspaceId', to: 'workspaces.id' } },
  });
}

/** A token as its owner sees it in lists: never the hash, with its workspace's name. */
export interface ApiTokenListRow {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  role: WorkspaceRoleName;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const listQuery = (db: Db) =>
  db('api_tokens as t')
    .join('workspaces as w', 'w.id', 't.workspaceId')
    .select('t.id', 't.name', 't.workspaceId', 'w.name as workspaceName', 't.role', 't.prefix', 't.createdAt', 't.lastUsedAt', 't.expiresAt', 't.revokedAt');

export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiToken | undefined> {
  return ApiToken.query(db).where({ tokenHash }).first();
}

/** Records that the token was just used. */
export async function touchApiToken(db: Db, id: string): Promise<void> {
  await ApiToken.query(db).findById(id).patch({ lastUsedAt: db.fn.now() });
}

export async function insertApiToken(
  db: Db,
  input: { userId: string; workspaceId: string; name: string; role: WorkspaceRoleName; prefix: string; tokenHash: string; expiresAt: Date | null },
): Promise<string> {
  const token = await ApiToken.query(db).insert(input).returning('id');
  return token.id;
}

export async function findApiTokenListRow(db: Db, id: string): Promise<ApiTokenListRow | undefined> {
  return (await listQuery(db).where('t.id', id).first()) as ApiTokenListRow | undefined;
}

/** The user's tokens, newest first. */
export async function listApiTokensOfUser(db: Db, userId: string): Promise<ApiTokenListRow[]> {
  return (await listQuery(db).where('t.userId', userId).orderBy([{ column: 't.createdAt', order: 'desc' }, { column: 't.id' }])) as ApiTokenListRow[];
}

/** Locks one of the user's tokens for the rest of the transaction; undefined if it is not theirs. */
export async function lockApiTokenOfUser(db: Db, id: string, userId: string): Promise<ApiToken | undefined> {
  return ApiToken.query(db).where({ id, userId }).forUpdate().first();
}

export async function revokeApiToken(db: Db, id: string): Promise<void> {
  await ApiToken.query(db).findById(id).patch({ revokedAt: db.fn.now() });
}

/** A member who leaves a workspace loses their tokens for it (so a re-join does not revive them). */
export async function revokeApiTokensOfMember(db: Db, workspaceId: string, userId: string): Promise<void> {
  await ApiToken.query(db).where({ workspaceId, userId }).modify('unrevoked').patch({ revokedAt: db.fn.now() });
}
