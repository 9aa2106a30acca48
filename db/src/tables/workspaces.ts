import { Model, type JSONSchema, type ModelObject, type Modifiers } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import type { User } from './users';
import { modelNamed, registerModel } from '../model-registry';

// Owner of the workspace aggregate: `workspaces` and their `workspace_members`. A workspace is personal (one per
// user, created with the account) or a team. Nothing outside this module writes either table.

export type WorkspaceKind = 'personal' | 'team';
export type WorkspaceRoleName = 'admin' | 'developer' | 'viewer';

export class Workspace extends Model {
  static tableName = 'workspaces';
  id!: string;
  name!: string;
  slug!: string;
  description!: string;
  kind!: WorkspaceKind;
  ownerId!: string;
  maxRepositories!: number;
  maxConcurrentRuns!: number;
  createdAt!: Date;
  updatedAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      slug: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      kind: { type: 'string', enum: ['personal', 'team'] },
      ownerId: { type: 'string' },
      maxRepositories: { type: 'integer', minimum: 1 },
      maxConcurrentRuns: { type: 'integer', minimum: 1 },
    },
  };

  static modifiers: Modifiers = {
    teams(query) {
      query.where('workspaces.kind', 'team');
    },
  };

  static relationMappings = () => ({
    owner: { relation: Model.BelongsToOneRelation, modelClass: modelNamed('User'), join: { from: 'workspaces.ownerId', to: 'users.id' } },
    members: { relation: Model.HasManyRelation, modelClass: WorkspaceMember, join: { from: 'workspaces.id', to: 'workspace_members.workspaceId' } },
  });
}

export class WorkspaceMember extends Model {
  static tableName = 'workspace_members';
  static idColumn = ['workspaceId', 'userId'];
  workspaceId!: string;
  userId!: string;
  role!: WorkspaceRoleName;
  joinedAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      workspaceId: { type: 'string' },
      userId: { type: 'string' },
      role: { type: 'string', enum: ['admin', 'developer', 'viewer'] },
    },
  };

  static modifiers: Modifiers = {
    admins(query) {
      query.where('workspace_members.role', 'admin');
    },
  };

  static relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: modelNamed('User'), join: { from: 'workspace_members.userId', to: 'users.id' } },
    workspace: { relation: Model.BelongsToOneRelation, modelClass: Workspace, join: { from: 'workspace_members.workspaceId', to: 'workspaces.id' } },
  });
}

/** A workspace row with how many members it has. */
export type WorkspaceWithCount = ModelObject<Workspace> & { memberCount: number };
/** A workspace row as one of its members sees it: with the member's role. */
export type WorkspaceOfUser = WorkspaceWithCount & { role: WorkspaceRoleName };

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRoleName;
  joinedAt: Date;
}

const memberCount = (db: Db) => db.raw('(select count(*)::int from workspace_members mc where mc.workspace_id = w.id) as member_count');

/** Runs `fn` in the caller's transaction, or in a new one when handed a plain connection. */
function inTransaction<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return (db as Knex.Transaction).isTransaction ? fn(db as Knex.Transaction) : db.transaction(fn);
}

// ---------------------------------------------------------------------------------------------------------
// Workspaces
// ---------------------------------------------------------------------------------------------------------

export async function findWorkspaceById(db: Db, id: string): Promise<Workspace | undefined> {
  return Workspace.query(db).findById(id);
}

export async function findWorkspaceBySlug(db: Db, slug: string): Promise<Workspace | undefined> {
  return Workspace.query(db).where({ slug }).first();
}

/**
 * Locks the workspace row for the rest of the transaction. Changes to one workspace's membership, settings and
 * quotas (repositories, concurrent runs) take this lock first, so they run one after the other.
 */
export async function lockWorkspace(db: Db, id: string): Promise<Workspace | undefined> {
  return Workspace.query(db).findById(id).forUpdate();
}

/** `slug` if it is free, else the first free `slug-2`, `slug-3`, … */
export async function uniqueWorkspaceSlug(db: Db, slug: string): Promise<string> {
  const taken = new Set((await Workspace.query(db).where('slug', 'like', `${slug}%`).select('slug')).map((w) => w.slug));
  if (!taken.has(slug)) return slug;
  for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

/**
 * Creates a workspace with its owner as its admin (both rows, in the caller's transaction or a new one). With
 * `ifSlugFree`, a taken slug creates nothing and answers undefined.
 */
export async function insertWorkspaceWithOwner(
  db: Db,
  input: { name: string; slug: string; description?: string; kind: WorkspaceKind; ownerId: string },
  opts: { ifSlugFree: true },
): Promise<Workspace | undefined>;
export async function insertWorkspaceWithOwner(
  db: Db,
  input: { name: string; slug: string; description?: string; kind: WorkspaceKind; ownerId: string },
): Promise<Workspace>;
export async function insertWorkspaceWithOwner(
  db: Db,
  input: { name: string; slug: string; description?: string; kind: WorkspaceKind; ownerId: string },
  opts: { ifSlugFree?: boolean } = {},
): Promise<Workspace | undefined> {
  return inTransaction(db, async (trx) => {
    const insert = trx('workspaces').insert({
      name: input.name,
      slug: input.slug,
      ...(input.description !== undefined ? { description: input.description } : {}),
      kind: input.kind,
      ownerId: input.ownerId,
    });
    if (opts.ifSlugFree) insert.onConflict('slug').ignore();
    const [workspace] = (await insert.returning('*')) as Workspace[];
    if (!workspace) return undefined;
    await WorkspaceMember.query(trx).insert({ workspaceId: workspace.id, userId: input.ownerId, role: 'admin' });
    return workspace;
  });
}

export type WorkspaceChanges = Partial<Pick<Workspace, 'name' | 'description' | 'maxRepositories' | 'maxConcurrentRuns'>>;

export async function updateWorkspace(db: Db, id: string, changes: WorkspaceChanges): Promise<void> {
  await Workspace.query(db).findById(id).patch({ ...changes, updatedAt: db.fn.now() });
}

export async function findWorkspaceWithCount(db: Db, id: string): Promise<WorkspaceWithCount | undefined> {
  return (await db('workspaces as w').where('w.id', id).first('w.*', memberCount(db))) as WorkspaceWithCount | undefined;
}

/**
 * The workspaces a user belongs to, with their role: the personal one first, then by name (`lowerName`, the
 * default, ignores case and breaks ties by id; `name` is the plain text order). `workspaceId` narrows to one.
 */
export async function listWorkspacesOfUser(db: Db, userId: string, opts: { workspaceId?: string; order?: 'lowerName' | 'name' } = {}): Promise<WorkspaceOfUser[]> {
  const query = db('workspaces as w').join('workspace_members as m', 'm.workspaceId', 'w.id').where('m.userId', userId).select('w.*', 'm.role', memberCount(db));
  if (opts.order === 'name') query.orderByRaw(`w.kind = 'personal' desc, w.name`);
  else query.orderByRaw(`case when w.kind = 'personal' then 0 else 1 end, lower(w.name), w.id`);
  if (opts.workspaceId) query.where('w.id', opts.workspaceId);
  return (await query) as WorkspaceOfUser[];
}

// ---------------------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------------------

/** The user's membership (their role) in a workspace; `forUpdate` locks it for the rest of the transaction. */
export async function findMembership(db: Db, workspaceId: string, userId: string, opts: { forUpdate?: boolean } = {}): Promise<Pick<WorkspaceMember, 'role'> | undefined> {
  const query = WorkspaceMember.query(db).where({ workspaceId, userId }).select('role').first();
  if (opts.forUpdate) query.forUpdate();
  return query;
}

/** Ids of every workspace the user is a member of. */
export async function listWorkspaceIdsOfUser(db: Db, userId: string): Promise<string[]> {
  return (await WorkspaceMember.query(db).where({ userId }).select('workspaceId')).map((m) => m.workspaceId);
}

export async function countWorkspaceAdmins(db: Db, workspaceId: string): Promise<number> {
  return WorkspaceMember.query(db).where({ workspaceId }).modify('admins').resultSize();
}

const memberQuery = (db: Db, workspaceId: string) =>
  db('workspace_members as m').join('users as u', 'u.id', 'm.userId').where('m.workspaceId', workspaceId).select('m.userId', 'u.email', 'u.name', 'm.role', 'm.joinedAt');

/** Members with their name and e-mail address, oldest first. */
export async function listMembers(db: Db, workspaceId: string): Promise<MemberRow[]> {
  return (await memberQuery(db, workspaceId).orderBy([{ column: 'm.joinedAt' }, { column: 'u.email' }])) as MemberRow[];
}

export async function findMember(db: Db, workspaceId: string, userId: string): Promise<MemberRow | undefined> {
  return (await memberQuery(db, workspaceId).where('m.userId', userId).first()) as MemberRow | undefined;
}

/** The member with this e-mail address (compared case-insensitively), if any. */
export async function findMemberByEmail(db: Db, workspaceId: string, email: string): Promise<Pick<MemberRow, 'userId'> | undefined> {
  return (await db('workspace_members as m')
    .join('users as u', 'u.id', 'm.userId')
    .where('m.workspaceId', workspaceId)
    .whereRaw('lower(u.email) = lower(?)', [email])
    .first('m.userId')) as Pick<MemberRow, 'userId'> | undefined;
}

export async function insertMember(db: Db, input: { workspaceId: string; userId: string; role: WorkspaceRoleName }): Promise<void> {
  await WorkspaceMember.query(db).insert(input);
}

export async function updateMemberRole(db: Db, workspaceId: string, userId: string, role: WorkspaceRoleName): Promise<void> {
  await WorkspaceMember.query(db).where({ workspaceId, userId }).patch({ role });
}

export async function deleteMember(db: Db, workspaceId: string, userId: string): Promise<void> {
  await WorkspaceMember.query(db).where({ workspaceId, userId }).delete();
}

// ---------------------------------------------------------------------------------------------------------
// Deleting an account (api/src/account): what happens to each workspace the user belongs to
// ---------------------------------------------------------------------------------------------------------

export interface MembershipForDeletion {
  workspaceId: string;
  name: string;
  kind: WorkspaceKind;
  ownerId: string;
  /** Null when the user owns the workspace without being a member of it any more. */
  role: WorkspaceRoleName | null;
  /** Members other than the user. */
  otherMembers: number;
  /** Admins other than the user, the longest-standing first (the first takes over ownership). */
  otherAdminIds: string[];
}

/** Every workspace of the user, locked (FOR UPDATE) in id order, with who else is in it. Call inside a transaction. */
export async function lockMembershipsForDeletion(db: Db, userId: string): Promise<MembershipForDeletion[]> {
  const ids = (await db('workspace_members').where({ userId }).select('workspaceId')).map((r: { workspaceId: string }) => r.workspaceId);
  const owned = (await db('workspaces').where({ ownerId: userId }).select('id')).map((r: { id: string }) => r.id);
  const all = [...new Set([...ids, ...owned])].sort();
  if (!all.length) return [];
  await db('workspaces').whereIn('id', all).orderBy('id').forUpdate().select('id');
  const rows = (await db('workspaces as w')
    .leftJoin('workspace_members as m', function () {
      this.on('m.workspaceId', '=', 'w.id').andOn('m.userId', '=', db.raw('?', [userId]));
    })
    .whereIn('w.id', all)
    .select(
      'w.id as workspaceId',
      'w.name',
      'w.kind',
      'w.ownerId',
      'm.role',
      db.raw('(select count(*)::int from workspace_members o where o.workspace_id = w.id and o.user_id <> ?) as other_members', [userId]),
      db.raw(
        `coalesce((select array_agg(o.user_id order by o.joined_at, o.user_id) from workspace_members o where o.workspace_id = w.id and o.user_id <> ? and o.role = 'admin'), '{}') as other_admin_ids`,
        [userId],
      ),
    )
    .orderBy('w.id')) as MembershipForDeletion[];
  return rows;
}

/** Deletes a workspace and everything in it (members, repositories, runs, findings, fixes, tokens: ON DELETE CASCADE). */
export async function deleteWorkspace(db: Db, id: string): Promise<void> {
  await Workspace.query(db).findById(id).delete();
}

export async function updateWorkspaceOwner(db: Db, id: string, ownerId: string): Promise<void> {
  await Workspace.query(db).findById(id).patch({ ownerId, updatedAt: db.fn.now() });
}

/** The id of the user's personal workspace (created with the account). */
export async function findPersonalWorkspaceId(db: Db, userId: string): Promise<string | undefined> {
  return (await Workspace.query(db).where({ ownerId: userId, kind: 'personal' }).first().select('id'))?.id;
}

registerModel('Workspace', Workspace);
registerModel('WorkspaceMember', WorkspaceMember);
