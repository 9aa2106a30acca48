import { Model } from 'objection';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, type Page, type PageRequest } from '../paging';
import { registerModel } from '../model-registry';

// Owner of `canned_response`: reply templates support admins keep and insert into ticket replies.

export class CannedResponse extends Model {
  static tableName = 'canned_response';
  id!: string;
  title!: string;
  body!: string;
  createdBy!: string | null;
  updatedBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export type CannedResponseRow = Pick<CannedResponse, 'id' | 'title' | 'body' | 'createdBy' | 'updatedBy' | 'createdAt' | 'updatedAt'>;

export const CANNED_RESPONSE_SORT = { id: 'c.id', title: 'c.title', updatedAt: 'c.updated_at', createdAt: 'c.created_at' } as const;

const cannedFields = ['c.id', 'c.title', 'c.body', 'c.createdBy', 'c.updatedBy', 'c.createdAt', 'c.updatedAt'];

export async function listCannedResponses(db: Db, filter: { id?: string | string[]; q?: string }, page: PageRequest): Promise<Page<CannedResponseRow>> {
  const query = db('canned_response as c');
  if (filter.id) query.whereIn('c.id', asList(filter.id));
  if (filter.q) query.where((w) => w.whereILike('c.title', likeContains(filter.q!)).orWhereILike('c.body', likeContains(filter.q!)));
  return fetchPage<CannedResponseRow>(query, page, CANNED_RESPONSE_SORT, (q) => q.select(cannedFields), 'c.id');
}

export async function findCannedResponse(db: Db, id: string): Promise<CannedResponseRow | undefined> {
  return (await db('canned_response as c').where('c.id', id).select(cannedFields).first()) as CannedResponseRow | undefined;
}

export async function findCannedResponseByTitle(db: Db, title: string): Promise<CannedResponseRow | undefined> {
  return (await db('canned_response as c').whereRaw('lower(c.title) = lower(?)', [title]).select(cannedFields).first()) as CannedResponseRow | undefined;
}

export async function insertCannedResponse(db: Db, input: { title: string; body: string; createdBy: string }): Promise<CannedResponseRow> {
  const [row] = (await db('canned_response').insert({ ...input, updatedBy: input.createdBy }).returning('*')) as CannedResponseRow[];
  return row!;
}

export async function updateCannedResponse(db: Db, id: string, patch: { title?: string; body?: string; updatedBy: string }): Promise<CannedResponseRow | undefined> {
  const [row] = (await db('canned_response').where({ id }).update({ ...patch, updatedAt: db.fn.now() }).returning('*')) as CannedResponseRow[];
  return row;
}

export async function deleteCannedResponse(db: Db, id: string): Promise<boolean> {
  return (await db('canned_response').where({ id }).delete()) > 0;
}

registerModel('CannedResponse', CannedResponse);
