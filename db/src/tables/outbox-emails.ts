import { Model, type JSONSchema, type ModelObject, type Modifiers } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, whereTimeRange, type Page, type PageRequest } from '../paging';

// Owner of `outbox_emails`: every outgoing mail is written here first, then sent (or kept, without SMTP).
// Nothing outside this module writes the table.

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'kept';

export class OutboxEmail extends Model {
  static tableName = 'outbox_emails';
  id!: string;
  toAddress!: string;
  subject!: string;
  textBody!: string;
  template!: string;
  status!: OutboxStatus;
  attempts!: number;
  lastError!: string | null;
  sentAt!: Date | null;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      toAddress: { type: 'string', minLength: 1 },
      subject: { type: 'string' },
      textBody: { type: 'string' },
      template: { type: 'string' },
      status: { type: 'string', enum: ['pending', 'sent', 'failed', 'kept'] },
      attempts: { type: 'integer', minimum: 0 },
      lastError: { type: ['string', 'null'] },
    },
  };

  static modifiers: Modifiers = {
    unsent(query) {
      query.whereIn('outbox_emails.status', ['pending', 'failed']);
    },
  };
}

export type OutboxEmailRow = ModelObject<OutboxEmail>;

/** Queues one mail; answers its id. */
export async function insertOutboxEmail(db: Db, mail: { toAddress: string; subject: string; textBody: string; template: string; status: 'pending' | 'kept' }): Promise<string> {
  const row = await OutboxEmail.query(db).insert(mail).returning('id');
  return row.id;
}

/** Queues many mails in one statement (an invoicing run's announcements); answers their ids in order. */
export async function insertOutboxEmails(db: Db, mails: { toAddress: string; subject: string; textBody: string; template: string; status: 'pending' | 'kept' }[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < mails.length; i += 1000) ids.push(...((await db('outbox_emails').insert(mails.slice(i, i + 1000)).returning('id')) as { id: string }[]).map((r) => r.id));
  return ids;
}

/** After the first delivery attempt succeeded. */
export async function markOutboxEmailSent(db: Db, id: string): Promise<void> {
  await OutboxEmail.query(db).findById(id).patch({ status: 'sent', sentAt: db.fn.now(), attempts: 1 });
}

/** After the first delivery attempt failed; the mail stays in the outbox. */
export async function markOutboxEmailFailed(db: Db, id: string, error: string): Promise<void> {
  await OutboxEmail.query(db).findById(id).patch({ status: 'failed', attempts: 1, lastError: error });
}

// ----- the ops console's list -----

export interface AdminOutboxFilter {
  id?: string | string[];
  status?: OutboxStatus;
  template?: string;
  /** Contained in the recipient or the subject, case-insensitively. */
  q?: string;
  from?: string;
  to?: string;
}

export const ADMIN_OUTBOX_SORT = {
  id: 'o.id',
  createdAt: 'o.created_at',
  sentAt: 'o.sent_at',
  status: 'o.status',
  template: 'o.template',
  toAddress: 'lower(o.to_address)',
  subject: 'o.subject',
  attempts: 'o.attempts',
} as const;

const selectOutbox = (q: Knex.QueryBuilder) =>
  q.select('o.id', 'o.toAddress', 'o.subject', 'o.textBody', 'o.template', 'o.status', 'o.attempts', 'o.lastError', 'o.sentAt', 'o.createdAt');

export async function listOutboxEmailsForAdmin(db: Db, filter: AdminOutboxFilter, page: PageRequest): Promise<Page<OutboxEmailRow>> {
  const query = db('outbox_emails as o');
  if (filter.id) query.whereIn('o.id', asList(filter.id));
  if (filter.status) query.where('o.status', filter.status);
  if (filter.template) query.where('o.template', filter.template);
  if (filter.q) {
    const pattern = likeContains(filter.q);
    query.where((w) => w.whereILike('o.toAddress', pattern).orWhereILike('o.subject', pattern));
  }
  whereTimeRange(query, 'o.createdAt', filter.from, filter.to);
  return fetchPage<OutboxEmailRow>(query, page, ADMIN_OUTBOX_SORT, selectOutbox, 'o.id');
}

export async function findOutboxEmail(db: Db, id: string): Promise<OutboxEmailRow | undefined> {
  return (await selectOutbox(db('outbox_emails as o').where('o.id', id)).first()) as OutboxEmailRow | undefined;
}
