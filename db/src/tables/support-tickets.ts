import { Model } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, whereTimeRange, type Page, type PageRequest } from '../paging';
import { registerModel } from '../model-registry';

// Owner of `support_ticket` and `ticket_message`: customers' tickets and their conversation. Internal notes
// (`internal`) are staff-only; every customer-facing query here leaves them out. Nothing else writes these tables.

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketSenderKind = 'customer' | 'staff';

export class SupportTicket extends Model {
  static tableName = 'support_ticket';
  id!: string;
  number!: number;
  workspaceId!: string;
  userId!: string | null;
  subject!: string;
  description!: string;
  priority!: TicketPriority;
  status!: TicketStatus;
  assignedTo!: string | null;
  runId!: string | null;
  findingId!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  firstResponseAt!: Date | null;
  lastMessageAt!: Date | null;
  resolvedAt!: Date | null;
  closedAt!: Date | null;
}

export class TicketMessage extends Model {
  static tableName = 'ticket_message';
  id!: string;
  ticketId!: string;
  senderId!: string | null;
  senderKind!: TicketSenderKind;
  internal!: boolean;
  content!: string;
  createdAt!: Date;
}

/** A ticket as listings show it: with the names of its workspace, opener and assignee. */
export interface TicketRow {
  id: string;
  number: number;
  workspaceId: string;
  workspaceName: string;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  subject: string;
  description: string;
  priority: TicketPriority;
  status: TicketStatus;
  assignedTo: string | null;
  assigneeName: string | null;
  runId: string | null;
  findingId: string | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  lastMessageAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  messageCount: number;
}

export interface TicketMessageRow {
  id: string;
  ticketId: string;
  senderId: string | null;
  senderName: string | null;
  senderKind: TicketSenderKind;
  internal: boolean;
  content: string;
  createdAt: Date;
}

function ticketQuery(db: Db, opts: { includeInternal: boolean }): Knex.QueryBuilder {
  const count = db('ticket_message as m').count('*').whereRaw('m.ticket_id = t.id');
  if (!opts.includeInternal) count.where('m.internal', false);
  return db('support_ticket as t')
    .join('workspaces as w', 'w.id', 't.workspaceId')
    .leftJoin('users as u', 'u.id', 't.userId')
    .leftJoin('users as a', 'a.id', 't.assignedTo')
    .select(
      't.id', 't.number', 't.workspaceId', 'w.name as workspaceName', 't.userId', 'u.name as userName', 'u.email as userEmail',
      't.subject', 't.description', 't.priority', 't.status', 't.assignedTo', 'a.name as assigneeName', 't.runId', 't.findingId',
      't.createdAt', 't.updatedAt', 't.firstResponseAt', 't.lastMessageAt', 't.resolvedAt', 't.closedAt',
      db.raw('(?)::int as message_count', [count]),
    );
}

export interface NewTicket {
  workspaceId: string;
  userId: string | null;
  subject: string;
  description: string;
  priority: TicketPriority;
  runId?: string | null;
  findingId?: string | null;
}

export async function insertTicket(db: Db, input: NewTicket): Promise<SupportTicket> {
  const [row] = (await db('support_ticket').insert({ ...input, lastMessageAt: db.fn.now() }).returning('*')) as SupportTicket[];
  return row!;
}

export async function findTicket(db: Db, id: string, opts: { includeInternal: boolean }): Promise<TicketRow | undefined> {
  return (await ticketQuery(db, opts).where('t.id', id).first()) as TicketRow | undefined;
}

/** The ticket only if it belongs to the workspace: another tenant's id reads as absent. */
export async function findWorkspaceTicket(db: Db, workspaceId: string, id: string): Promise<TicketRow | undefined> {
  return (await ticketQuery(db, { includeInternal: false }).where({ 't.id': id, 't.workspaceId': workspaceId }).first()) as TicketRow | undefined;
}

/** Locks the ticket row for a change of state or a new message. */
export async function lockTicket(db: Db, id: string): Promise<SupportTicket | undefined> {
  return SupportTicket.query(db).findById(id).forUpdate();
}

export async function updateTicket(
  db: Db,
  id: string,
  patch: Partial<Pick<SupportTicket, 'status' | 'priority' | 'assignedTo' | 'subject' | 'firstResponseAt' | 'lastMessageAt' | 'resolvedAt' | 'closedAt'>>,
): Promise<void> {
  await db('support_ticket').where({ id }).update({ ...patch, updatedAt: db.fn.now() });
}

export async function insertTicketMessage(
  db: Db,
  input: { ticketId: string; senderId: string | null; senderKind: TicketSenderKind; internal: boolean; content: string },
): Promise<TicketMessage> {
  const [row] = (await db('ticket_message').insert(input).returning('*')) as TicketMessage[];
  return row!;
}

export async function listTicketMessages(db: Db, ticketId: string, opts: { includeInternal: boolean }): Promise<TicketMessageRow[]> {
  const q = db('ticket_message as m')
    .leftJoin('users as u', 'u.id', 'm.senderId')
    .where('m.ticketId', ticketId)
    .select('m.id', 'm.ticketId', 'm.senderId', 'u.name as senderName', 'm.senderKind', 'm.internal', 'm.content', 'm.createdAt')
    .orderBy([{ column: 'm.createdAt' }, { column: 'm.id' }]);
  if (!opts.includeInternal) q.where('m.internal', false);
  return (await q) as TicketMessageRow[];
}

// ----- listings -----

export interface TicketFilter {
  id?: string | string[];
  status?: TicketStatus | TicketStatus[];
  priority?: TicketPriority | TicketPriority[];
  /** A user id, or 'none' for unassigned tickets. */
  assignedTo?: string;
  workspaceId?: string;
  userId?: string;
  /** Contained in the subject or description, or the ticket number. */
  q?: string;
  from?: string;
  to?: string;
}

export const TICKET_SORT = {
  id: 't.id',
  number: 't.number',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  lastMessageAt: 't.last_message_at',
  status: 't.status',
  subject: 't.subject',
  // critical first when descending
  priority: `array_position(array['low','medium','high','critical']::text[], t.priority)`,
} as const;

function applyTicketFilter(query: Knex.QueryBuilder, filter: TicketFilter): void {
  if (filter.id) query.whereIn('t.id', asList(filter.id));
  if (filter.status) query.whereIn('t.status', asList(filter.status));
  if (filter.priority) query.whereIn('t.priority', asList(filter.priority));
  if (filter.assignedTo === 'none') query.whereNull('t.assignedTo');
  else if (filter.assignedTo) query.where('t.assignedTo', filter.assignedTo);
  if (filter.workspaceId) query.where('t.workspaceId', filter.workspaceId);
  if (filter.userId) query.where('t.userId', filter.userId);
  if (filter.q) {
    const q = filter.q.trim();
    const number = /^#?\d{1,15}$/.test(q) ? Number(q.replace('#', '')) : undefined;
    query.where((w) => {
      w.whereILike('t.subject', likeContains(q)).orWhereILike('t.description', likeContains(q));
      if (number !== undefined) w.orWhere('t.number', number);
    });
  }
  whereTimeRange(query, 't.createdAt', filter.from, filter.to);
}

export async function listTicketsForAdmin(db: Db, filter: TicketFilter, page: PageRequest): Promise<Page<TicketRow>> {
  const query = db('support_ticket as t');
  applyTicketFilter(query, filter);
  const p = await fetchPage<{ id: string }>(query, page, TICKET_SORT, (q) => q.select('t.id'), 't.id');
  return { total: p.total, rows: await hydrate(db, p.rows, true) };
}

/** A workspace's tickets, for its members (internal notes not counted). */
export async function listWorkspaceTickets(db: Db, workspaceId: string, filter: Omit<TicketFilter, 'workspaceId'>, page: PageRequest): Promise<Page<TicketRow>> {
  const query = db('support_ticket as t').where('t.workspaceId', workspaceId);
  applyTicketFilter(query, filter);
  const p = await fetchPage<{ id: string }>(query, page, TICKET_SORT, (q) => q.select('t.id'), 't.id');
  return { total: p.total, rows: await hydrate(db, p.rows, false) };
}

/** The full rows for one page of ids, in the page's order. */
async function hydrate(db: Db, ids: { id: string }[], includeInternal: boolean): Promise<TicketRow[]> {
  if (!ids.length) return [];
  const rows = (await ticketQuery(db, { includeInternal }).whereIn('t.id', ids.map((r) => r.id))) as TicketRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((r) => byId.get(r.id)!).filter(Boolean);
}

registerModel('SupportTicket', SupportTicket);
registerModel('TicketMessage', TicketMessage);
