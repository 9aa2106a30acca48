import { Model, type JSONSchema, type Modifiers } from 'objection';
import type { Db } from '../knex';
import { User } from './users';
import { Workspace, type WorkspaceRoleName } from './workspaces';

// Owner of `invitations`: an e-mail address invited to a team with a role, through a one-time link (its secret
// stored only as a hash). Nothing outside this module writes the table.

export type InvitationRowStatus = 'pending' | 'accepted' | 'revoked';

export class Invitation extends Model {
  static tableName = 'invitations';
  id!: string;
  workspaceId!: string;
  email!: string;
  role!: WorkspaceRoleName;
  tokenHash!: string;
  status!: InvitationRowStatus;
  expiresAt!: Date;
  invitedBy!: string;
  acceptedBy!: string | null;
  acceptedAt!: Date | null;
  revokedAt!: Date | null;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      workspaceId: { type: 'string' },
      email: { type: 'string', minLength: 1 },
      role: { type: 'string', enum: ['admin', 'developer', 'viewer'] },
      tokenHash: { type: 'string', minLength: 1 },
      status: { type: 'string', enum: ['pending', 'accepted', 'revoked'] },
      invitedBy: { type: 'string' },
      acceptedBy: { type: ['string', 'null'] },
    },
  };

  static modifiers: Modifiers = {
    pending(query) {
      query.where('invitations.status', 'pending');
    },
  };

  static relationMappings = () => ({
    workspace: { relation: Model.BelongsToOneRelation, modelClass: Workspace, join: { from: 'invitations.workspaceId', to: 'workspaces.id' } },
    inviter: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'invitations.invitedBy', to: 'users.id' } },
  });
}

/** An invitation as team admins see it: never the hash, with who sent it. */
export interface InvitationListRow {
  id: string;
  email: string;
  role: WorkspaceRoleName;
  status: InvitationRowStatus;
  expiresAt: Date;
  createdAt: Date;
  inviterId: string | null;
  inviterName: string | null;
}

const listQuery = (db: Db) =>
  db('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invitedBy')
    .select('i.id', 'i.email', 'i.role', 'i.status', 'i.expiresAt', 'i.createdAt', 'u.id as inviterId', 'u.name as inviterName');

export async function findInvitationListRow(db: Db, id: string): Promise<InvitationListRow | undefined> {
  return (await listQuery(db).where('i.id', id).first()) as InvitationListRow | undefined;
}

/** The team's invitations, newest first. */
export async function listInvitationsOfWorkspace(db: Db, workspaceId: string): Promise<InvitationListRow[]> {
  return (await listQuery(db).where('i.workspaceId', workspaceId).orderBy([{ column: 'i.createdAt', order: 'desc' }, { column: 'i.id' }])) as InvitationListRow[];
}

/** A pending, unexpired invitation of this address (compared case-insensitively) to the workspace, if any. */
export async function findOpenInvitationForEmail(db: Db, workspaceId: string, email: string): Promise<Pick<Invitation, 'id'> | undefined> {
  return Invitation.query(db)
    .where({ workspaceId })
    .modify('pending')
    .whereRaw('lower(email) = lower(?)', [email])
    .where('expiresAt', '>', db.fn.now())
    .select('id')
    .first();
}

export async function insertInvitation(
  db: Db,
  input: { workspaceId: string; email: string; role: WorkspaceRoleName; tokenHash: string; expiresAt: Date; invitedBy: string },
): Promise<string> {
  const invitation = await Invitation.query(db).insert(input).returning('id');
  return invitation.id;
}

/** Locks one invitation of the workspace for the rest of the transaction. */
export async function lockInvitation(db: Db, id: string, workspaceId: string): Promise<Invitation | undefined> {
  return Invitation.query(db).where({ id, workspaceId }).forUpdate().first();
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string, opts: { forUpdate?: boolean } = {}): Promise<Invitation | undefined> {
  const query = Invitation.query(db).where({ tokenHash }).first();
  if (opts.forUpdate) query.forUpdate();
  return query;
}

/** A new secret and expiry: links from earlier mails stop working. */
export async function renewInvitation(db: Db, id: string, input: { tokenHash: string; expiresAt: Date }): Promise<void> {
  await Invitation.query(db).findById(id).patch({ tokenHash: input.tokenHash, expiresAt: input.expiresAt });
}

export async function markInvitationRevoked(db: Db, id: string): Promise<void> {
  await Invitation.query(db).findById(id).patch({ status: 'revoked', revokedAt: db.fn.now() });
}

export async function markInvitationAccepted(db: Db, id: string, acceptedBy: string): Promise<void> {
  await Invitation.query(db).findById(id).patch({ status: 'accepted', acceptedBy, acceptedAt: db.fn.now() });
}
