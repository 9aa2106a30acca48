import { Model, type JSONSchema, type ModelObject, type Modifiers } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, whereTimeRange, type Page, type PageRequest } from '../paging';

// Owner of `system_log`: the warn and error lines of every Argus process, for the ops console. The logger's sink
// is its one writer.

export class SystemLogEntry extends Model {
  static tableName = 'system_log';
  id!: number;
  level!: string;
  message!: string;
  component!: string;
  context!: Record<string, unknown>;
  stackTrace!: string | null;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      level: { type: 'string' },
      message: { type: 'string' },
      component: { type: 'string' },
      stackTrace: { type: ['string', 'null'] },
    },
  };

  static modifiers: Modifiers = {
    errors(query) {
      query.whereIn('system_log.level', ['error', 'fatal']);
    },
  };
}

export type SystemLogRow = ModelObject<SystemLogEntry>;

export interface NewSystemLogEntry {
  level: string;
  message: string;
  component: string;
  /** JSON text (already scrubbed). */
  context: string;
  stackTrace: string | null;
}

/** One batch of log lines, in one statement. */
export async function insertSystemLogEntries(db: Db, entries: NewSystemLogEntry[]): Promise<void> {
  if (entries.length) await db('system_log').insert(entries);
}

// ----- the ops console's list -----

export interface AdminSystemLogFilter {
  id?: string | string[];
  level?: string | string[];
  component?: string;
  /** Contained in the message, case-insensitively. */
  q?: string;
  from?: string;
  to?: string;
}

export const ADMIN_SYSTEM_LOG_SORT = { id: 's.id', createdAt: 's.created_at', level: 's.level', component: 's.component' } as const;

const selectSystemLog = (q: Knex.QueryBuilder) => q.select('s.id', 's.level', 's.message', 's.component', 's.context', 's.stackTrace', 's.createdAt');

export async function listSystemLogForAdmin(db: Db, filter: AdminSystemLogFilter, page: PageRequest): Promise<Page<SystemLogRow>> {
  const query = db('system_log as s');
  if (filter.id) query.whereIn('s.id', asList(filter.id));
  if (filter.level) query.whereIn('s.level', asList(filter.level));
  if (filter.component) query.where('s.component', filter.component);
  if (filter.q) query.whereILike('s.message', likeContains(filter.q));
  whereTimeRange(query, 's.createdAt', filter.from, filter.to);
  return fetchPage<SystemLogRow>(query, page, ADMIN_SYSTEM_LOG_SORT, selectSystemLog, 's.id');
}

/** `id` is the decimal text of the bigint id. */
export async function findSystemLogEntry(db: Db, id: string): Promise<SystemLogRow | undefined> {
  return (await selectSystemLog(db('system_log as s').where('s.id', id)).first()) as SystemLogRow | undefined;
}
