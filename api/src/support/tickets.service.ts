import type { Request } from 'express';
import {
  findFindingById,
  findRunById,
  findTicket,
  findUserById,
  insertTicket,
  insertTicketMessage,
  listStaffEmails,
  listTicketMessages,
  lockTicket,
  updateTicket,
  type TicketMessageRow,
  type TicketPriority,
  type TicketRow,
  type TicketStatus,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { requireWorkspace } from '../access/workspace-access';
import { isUuid } from '../access/workspace-access';
import { loadStaffRole } from '../auth/auth-context';
import { staffCan } from '../access/permissions';
import { recordActivity } from '../audit/activity-log';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';

// Support tickets for both sides: customers open, converse and close in the portal; staff assign, reply (or note
// internally) and resolve in the console. Every change is audited; a staff reply is mailed to the opener, and a
// ticket a customer opens is mailed to the staff who work tickets.

/** First-response targets by priority, in minutes (what "SLA age" is measured against). */
export const SLA_TARGET_MINUTES: Record<TicketPriority, number> = { critical: 60, high: 4 * 60, medium: 24 * 60, low: 72 * 60 };

const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

function slaOf(row: TicketRow, now = new Date()) {
  const target = SLA_TARGET_MINUTES[row.priority];
  const end = row.resolvedAt ?? row.closedAt ?? now;
  const firstResponse = row.firstResponseAt ? minutesBetween(row.createdAt, row.firstResponseAt) : null;
  const waiting = firstResponse ?? (row.status === 'open' || row.status === 'in_progress' ? minutesBetween(row.createdAt, now) : 0);
  return { targetMinutes: target, ageMinutes: minutesBetween(row.createdAt, end), firstResponseMinutes: firstResponse, breached: waiting > target };
}

export function toCustomerTicket(row: TicketRow) {
  return {
    id: row.id,
    number: row.number,
    workspaceId: row.workspaceId,
    workspaceName: row.workspaceName,
    subject: row.subject,
    description: row.description,
    priority: row.priority,
    status: row.status,
    runId: row.runId,
    findingId: row.findingId,
    openedBy: row.userId ? { id: row.userId, name: row.userName ?? '', email: row.userEmail ?? '' } : null,
    messageCount: Number(row.messageCount ?? 0),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastMessageAt: row.lastMessageAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    sla: slaOf(row),
  };
}

export function toAdminTicket(row: TicketRow) {
  return { ...toCustomerTicket(row), userId: row.userId, assignedTo: row.assignedTo, assigneeName: row.assigneeName };
}

export const toMessage = (m: TicketMessageRow) => ({ ...m, internal: Boolean(m.internal) });

const noTicket = () => new NotFoundError('No ticket with that id exists in your workspaces.');

/** The ticket, if the caller is a member of its workspace; otherwise 404, as for an id that does not exist. */
export async function requireCustomerTicket(deps: AppDeps, auth: AuthContext, ticketId: string): Promise<TicketRow> {
  if (!isUuid(ticketId)) throw noTicket();
  const ticket = await findTicket(deps.knex, ticketId, { includeInternal: false });
  if (!ticket) throw noTicket();
  await requireWorkspace(deps, auth, ticket.workspaceId, 'results:view', 'ticket');
  return ticket;
}

export async function loadAdminTicket(deps: AppDeps, id: string): Promise<TicketRow> {
  const ticket = isUuid(id) ? await findTicket(deps.knex, id, { includeInternal: true }) : undefined;
  if (!ticket) throw new NotFoundError('No ticket with that id.');
  return ticket;
}

export interface OpenTicketInput {
  subject: string;
  description: string;
  priority: TicketPriority;
  runId?: string | undefined;
  findingId?: string | undefined;
}

/** A run or finding linked to a ticket must belong to the ticket's workspace. */
async function checkLinks(deps: AppDeps, workspaceId: string, input: OpenTicketInput) {
  if (input.runId) {
    const run = await findRunById(deps.knex, input.runId);
    if (run?.workspaceId !== workspaceId) throw new BadRequestError('No run with that id exists in this workspace.', { errors: [{ path: 'body.runId', message: 'is not a run of this workspace' }] });
  }
  if (input.findingId) {
    const finding = await findFindingById(deps.knex, input.findingId);
    if (finding?.workspaceId !== workspaceId) throw new BadRequestError('No finding with that id exists in this workspace.', { errors: [{ path: 'body.findingId', message: 'is not a finding of this workspace' }] });
  }
}

/**
 * Opens a ticket in a workspace, by one of its members (the portal: `by: 'customer'`, and support staff are mailed) or
 * by staff on a customer's behalf (the console: whoever opened it is already working on it).
 */
export async function openTicket(deps: AppDeps, req: Request, input: OpenTicketInput & { workspaceId: string; userId: string | null; by: 'customer' | 'staff' }) {
  await checkLinks(deps, input.workspaceId, input);
  const id = await deps.knex.transaction(async (trx) => {
    const ticket = await insertTicket(trx, {
      workspaceId: input.workspaceId,
      userId: input.userId,
      subject: input.subject,
      description: input.description,
      priority: input.priority,
      runId: input.runId ?? null,
      findingId: input.findingId ?? null,
    });
    await recordActivity(trx, req, {
      workspaceId: input.workspaceId,
      action: 'support_ticket.opened',
      resourceType: 'support_ticket',
      resourceId: ticket.id,
      after: { number: ticket.number, subject: ticket.subject, priority: ticket.priority, openedFor: input.userId },
    });
    return ticket.id;
  });
  const ticket = (await findTicket(deps.knex, id, { includeInternal: false }))!;
  if (input.by === 'customer') await mailSupportStaff(deps, ticket);
  return ticket;
}

/** Staff who work tickets (super and support admins) hear of a new one; the ticket is open whether the mail goes out or not. */
async function mailSupportStaff(deps: AppDeps, t: TicketRow) {
  try {
    const recipients = await listStaffEmails(deps.knex, (['super_admin', 'support_admin'] as const).filter((role) => staffCan(role, 'support:manage')));
    if (!recipients.length) return;
    const link = `${deps.config.ADMIN_URL.replace(/\/+$/, '')}/#/tickets/${t.id}/show`;
    const opener = t.userName || t.userEmail ? `${t.userName ?? ''}${t.userEmail ? ` <${t.userEmail}>` : ''}`.trim() : 'a customer';
    await deps.mailer.sendMany(
      recipients.map((to) => ({
        to,
        template: 'support-ticket-opened',
        subject: `[Argus support #${t.number}] New ${t.priority} ticket: ${t.subject}`,
        text:
          `${opener} of ${t.workspaceName ?? 'a workspace'} opened ticket #${t.number} (priority ${t.priority}, first response due within ${SLA_TARGET_MINUTES[t.priority] / 60} h):\n\n` +
          `${t.subject}\n\n${t.description}\n\nAssign and answer it in the ops console: ${link}\n`,
      })),
    );
  } catch (err) {
    deps.logger.warn({ err, ticketId: t.id }, 'could not mail support staff about a new ticket');
  }
}

/** A customer writes in their ticket; a resolved ticket opens again, a closed one does not. */
export async function customerReply(deps: AppDeps, req: Request, auth: AuthContext, ticket: TicketRow, content: string) {
  return deps.knex.transaction(async (trx) => {
    const locked = (await lockTicket(trx, ticket.id))!;
    if (locked.status === 'closed') throw new ConflictError('This ticket is closed. Open a new ticket if you need more help.');
    const message = await insertTicketMessage(trx, { ticketId: ticket.id, senderId: auth.userId, senderKind: 'customer', internal: false, content });
    const reopen = locked.status === 'resolved';
    await updateTicket(trx, ticket.id, { lastMessageAt: message.createdAt, ...(reopen ? { status: 'open', resolvedAt: null } : {}) });
    await recordActivity(trx, req, {
      workspaceId: ticket.workspaceId,
      action: 'support_ticket.replied',
      resourceType: 'support_ticket',
      resourceId: ticket.id,
      after: { messageId: message.id, by: 'customer', ...(reopen ? { reopened: true } : {}) },
    });
    return message;
  });
}

async function setStatus(deps: AppDeps, req: Request, ticketId: string, status: TicketStatus, action: string, extra: Record<string, unknown> = {}) {
  return deps.knex.transaction(async (trx) => {
    const locked = await lockTicket(trx, ticketId);
    if (!locked) throw new NotFoundError('No ticket with that id.');
    if (locked.status === status) return { before: locked.status, changed: false };
    if (locked.status === 'closed') throw new ConflictError('This ticket is closed; it cannot change any more.');
    const now = new Date();
    await updateTicket(trx, ticketId, {
      status,
      ...(status === 'resolved' ? { resolvedAt: now } : {}),
      ...(status === 'closed' ? { closedAt: now } : {}),
      ...(status === 'open' || status === 'in_progress' ? { resolvedAt: null } : {}),
    });
    await recordActivity(trx, req, {
      workspaceId: locked.workspaceId,
      action,
      resourceType: 'support_ticket',
      resourceId: ticketId,
      before: { status: locked.status },
      after: { status, ...extra },
    });
    return { before: locked.status, changed: true };
  });
}

export const closeTicketAsCustomer = (deps: AppDeps, req: Request, ticketId: string) => setStatus(deps, req, ticketId, 'closed', 'support_ticket.closed', { by: 'customer' });

// ----- staff -----

/** Assigns a ticket to a staff member who may work tickets, or unassigns it (null). */
export async function assignTicket(deps: AppDeps, req: Request, ticketId: string, assigneeId: string | null) {
  if (assigneeId) {
    const role = isUuid(assigneeId) ? await loadStaffRole(deps, assigneeId) : null;
    if (!role || !staffCan(role, 'support:manage')) {
      throw new BadRequestError('Tickets can only be assigned to a super admin or a support admin.', { errors: [{ path: 'body.assigneeId', message: 'is not a staff member who works tickets' }] });
    }
  }
  await deps.knex.transaction(async (trx) => {
    const locked = await lockTicket(trx, ticketId);
    if (!locked) throw new NotFoundError('No ticket with that id.');
    if (locked.status === 'closed') throw new ConflictError('This ticket is closed; it cannot be assigned.');
    if (locked.assignedTo === assigneeId) return;
    await updateTicket(trx, ticketId, { assignedTo: assigneeId, ...(assigneeId && locked.status === 'open' ? { status: 'in_progress' } : {}) });
    await recordActivity(trx, req, {
      workspaceId: locked.workspaceId,
      action: 'support_ticket.assigned',
      resourceType: 'support_ticket',
      resourceId: ticketId,
      before: { assignedTo: locked.assignedTo },
      after: { assignedTo: assigneeId },
    });
  });
}

export async function resolveTicket(deps: AppDeps, req: Request, ticketId: string) {
  const { changed } = await setStatus(deps, req, ticketId, 'resolved', 'support_ticket.resolved');
  if (changed) await mailOpener(deps, ticketId, (t) => ({
    subject: `[Argus support #${t.number}] Resolved: ${t.subject}`,
    text: `Hello ${t.userName ?? ''},\n\nWe marked your ticket #${t.number} "${t.subject}" as resolved.\nIf something is still wrong, just reply in the ticket and it opens again:\n${ticketLink(deps, t.id)}\n`,
  }));
}

export async function updateTicketAsStaff(deps: AppDeps, req: Request, ticketId: string, patch: { priority?: TicketPriority; subject?: string; status?: TicketStatus }) {
  if (patch.status) await setStatus(deps, req, ticketId, patch.status, `support_ticket.${patch.status === 'closed' ? 'closed' : 'status_changed'}`, { by: 'staff' });
  if (patch.priority || patch.subject) {
    await deps.knex.transaction(async (trx) => {
      const locked = await lockTicket(trx, ticketId);
      if (!locked) throw new NotFoundError('No ticket with that id.');
      const change = { ...(patch.priority ? { priority: patch.priority } : {}), ...(patch.subject ? { subject: patch.subject } : {}) };
      await updateTicket(trx, ticketId, change);
      await recordActivity(trx, req, {
        workspaceId: locked.workspaceId,
        action: 'support_ticket.updated',
        resourceType: 'support_ticket',
        resourceId: ticketId,
        before: { priority: locked.priority, subject: locked.subject },
        after: change,
      });
    });
  }
}

const ticketLink = (deps: AppDeps, id: string) => `${deps.config.PORTAL_URL.replace(/\/+$/, '')}/support/${id}`;

async function mailOpener(deps: AppDeps, ticketId: string, compose: (t: TicketRow) => { subject: string; text: string }) {
  const ticket = await findTicket(deps.knex, ticketId, { includeInternal: false });
  if (!ticket?.userId) return; // the opener's account is gone: nobody to tell
  const opener = await findUserById(deps.knex, ticket.userId);
  if (!opener || opener.status !== 'active') return;
  await deps.mailer.send({ to: opener.email, template: 'support-ticket-reply', ...compose(ticket) });
}

/**
 * A staff reply (mailed to the opener, counts as the first response) or an internal note (staff only, no mail).
 * Replying to an open ticket moves it to in progress.
 */
export async function staffReply(deps: AppDeps, req: Request, auth: AuthContext, ticketId: string, input: { content: string; internal: boolean }) {
  const message = await deps.knex.transaction(async (trx) => {
    const locked = await lockTicket(trx, ticketId);
    if (!locked) throw new NotFoundError('No ticket with that id.');
    if (locked.status === 'closed' && !input.internal) throw new ConflictError('This ticket is closed; only internal notes can be added.');
    const m = await insertTicketMessage(trx, { ticketId, senderId: auth.userId, senderKind: 'staff', internal: input.internal, content: input.content });
    if (!input.internal) {
      await updateTicket(trx, ticketId, {
        lastMessageAt: m.createdAt,
        ...(locked.firstResponseAt ? {} : { firstResponseAt: m.createdAt }),
        ...(locked.status === 'open' ? { status: 'in_progress' } : {}),
      });
    }
    await recordActivity(trx, req, {
      workspaceId: locked.workspaceId,
      action: input.internal ? 'support_ticket.noted' : 'support_ticket.replied',
      resourceType: 'support_ticket',
      resourceId: ticketId,
      after: { messageId: m.id, by: 'staff', internal: input.internal },
    });
    return m;
  });
  if (!input.internal) {
    await mailOpener(deps, ticketId, (t) => ({
      subject: `[Argus support #${t.number}] ${t.subject}`,
      text: `Hello ${t.userName ?? ''},\n\nArgus support replied to your ticket #${t.number}:\n\n${input.content}\n\nReply or close the ticket here: ${ticketLink(deps, t.id)}\n`,
    }));
  }
  return (await listTicketMessages(deps.knex, ticketId, { includeInternal: true })).find((m) => m.id === message.id)!;
}
