import type { Db } from '../knex';
import { fetchPage, type Page, type PageRequest } from '../paging';

// Owner of `impersonation_session`: a staff member acting as a customer, with a reason and a hard end.

export interface ImpersonationSessionRow {
  id: string;
  staffUserId: string;
  staffName: string | null;
  staffEmail: string | null;
  targetUserId: string;
  targetName: string | null;
  targetEmail: string | null;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

const select = (db: Db) =>
  db('impersonation_session as i')
    .leftJoin('users as s', 's.id', 'i.staffUserId')
    .leftJoin('users as t', 't.id', 'i.targetUserId')
    .select('i.id', 'i.staffUserId', 's.name as staffName', 's.email as staffEmail', 'i.targetUserId', 't.name as targetName', 't.email as targetEmail', 'i.reason', 'i.startedAt', 'i.expiresAt', 'i.endedAt');

export async function insertImpersonationSession(db: Db, input: { staffUserId: string; targetUserId: string; reason: string; expiresAt: Date }): Promise<{ id: string }> {
  const [row] = (await db('impersonation_session').insert(input).returning('id')) as { id: string }[];
  return row!;
}

export async function findImpersonationSession(db: Db, id: string): Promise<ImpersonationSessionRow | undefined> {
  return (await select(db).where('i.id', id).first()) as ImpersonationSessionRow | undefined;
}

/** Ends a session that is still running; returns whether it was. */
export async function endImpersonationSession(db: Db, id: string): Promise<boolean> {
  return (await db('impersonation_session').where({ id }).whereNull('endedAt').update({ endedAt: db.fn.now() })) > 0;
}

export const IMPERSONATION_SORT = { id: 'i.id', startedAt: 'i.started_at', expiresAt: 'i.expires_at' } as const;

export async function listImpersonationSessions(db: Db, filter: { staffUserId?: string; targetUserId?: string }, page: PageRequest): Promise<Page<ImpersonationSessionRow>> {
  const query = db('impersonation_session as i');
  if (filter.staffUserId) query.where('i.staffUserId', filter.staffUserId);
  if (filter.targetUserId) query.where('i.targetUserId', filter.targetUserId);
  return fetchPage<ImpersonationSessionRow>(query, page, IMPERSONATION_SORT, (q) => q.leftJoin('users as s', 's.id', 'i.staffUserId').leftJoin('users as t', 't.id', 'i.targetUserId').select('i.id', 'i.staffUserId', 's.name as staffName', 's.email as staffEmail', 'i.targetUserId', 't.name as targetName', 't.email as targetEmail', 'i.reason', 'i.startedAt', 'i.expiresAt', 'i.endedAt'), 'i.id');
}
