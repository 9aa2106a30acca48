import { z } from 'zod';
import { listTicketMessages, listWorkspaceTickets, TICKET_SORT } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { ZCustomerTicket, ZCustomerTicketDetail, ZCustomerTicketPage, ZMessageText, ZSubject, ZTicketMessage, ZTicketPriority, ZTicketStatus } from './support.schemas';
import { closeTicketAsCustomer, customerReply, openTicket, requireCustomerTicket, toCustomerTicket, toMessage } from './tickets.service';

// The customers' side of support tickets (portal/src/support): a member of a workspace sees that workspace's
// tickets only, never internal notes.

const ZTicketParams = z.object({ ticketId: z.string() });

export const supportRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/workspaces/:workspaceId/support/tickets',
    summary: "The workspace's support tickets, newest activity first",
    tags: ['support'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    query: z.object({
      status: ZTicketStatus.optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(25),
    }),
    responses: { 200: { description: 'a page of tickets', schema: ZCustomerTicketPage } },
    handler: async ({ deps, auth, params, query }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'results:view');
      const page = await listWorkspaceTickets(
        deps.knex,
        params.workspaceId,
        { ...(query.status ? { status: query.status } : {}) },
        { sortColumn: TICKET_SORT.lastMessageAt, sortOrder: 'desc', start: (query.page - 1) * query.pageSize, limit: query.pageSize },
      );
      return { items: page.rows.map(toCustomerTicket), total: page.total, page: query.page, pageSize: query.pageSize };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/workspaces/:workspaceId/support/tickets',
    summary: 'Open a support ticket, optionally about a run or a finding of the workspace',
    tags: ['support'],
    auth: 'user',
    params: z.object({ workspaceId: z.string() }),
    body: z.object({
      subject: ZSubject,
      description: ZMessageText,
      priority: ZTicketPriority.default('medium'),
      runId: z.uuid().optional(),
      findingId: z.uuid().optional(),
    }),
    responses: { 201: { description: 'the ticket', schema: ZCustomerTicket } },
    handler: async ({ deps, req, auth, params, body }) => {
      await requireWorkspace(deps, auth, params.workspaceId, 'results:view');
      return toCustomerTicket(await openTicket(deps, req, { ...body, workspaceId: params.workspaceId, userId: auth.userId, by: auth.impersonatorId ? 'staff' : 'customer' }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/support/tickets/:ticketId',
    summary: 'One ticket and its conversation (internal notes are never shown)',
    tags: ['support'],
    auth: 'user',
    params: ZTicketParams,
    responses: { 200: { description: 'the ticket and its messages, oldest first', schema: ZCustomerTicketDetail } },
    handler: async ({ deps, auth, params }) => {
      const ticket = await requireCustomerTicket(deps, auth, params.ticketId);
      const messages = await listTicketMessages(deps.knex, ticket.id, { includeInternal: false });
      return { ticket: toCustomerTicket(ticket), messages: messages.map(toMessage) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/support/tickets/:ticketId/messages',
    summary: 'Write in a ticket (a resolved ticket opens again)',
    tags: ['support'],
    auth: 'user',
    params: ZTicketParams,
    body: z.object({ content: ZMessageText }),
    responses: { 201: { description: 'the message', schema: ZTicketMessage }, 409: { description: 'the ticket is closed' } },
    handler: async ({ deps, req, auth, params, body }) => {
      const ticket = await requireCustomerTicket(deps, auth, params.ticketId);
      const message = await customerReply(deps, req, auth, ticket, body.content);
      const [row] = (await listTicketMessages(deps.knex, ticket.id, { includeInternal: false })).filter((m) => m.id === message.id);
      return toMessage(row!);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/support/tickets/:ticketId/close',
    summary: 'Close a ticket: the question is answered (a closed ticket cannot be reopened)',
    tags: ['support'],
    auth: 'user',
    params: ZTicketParams,
    successStatus: 200,
    responses: { 200: { description: 'the ticket', schema: ZCustomerTicket } },
    handler: async ({ deps, req, auth, params }) => {
      const ticket = await requireCustomerTicket(deps, auth, params.ticketId);
      await closeTicketAsCustomer(deps, req, ticket.id);
      return toCustomerTicket(await requireCustomerTicket(deps, auth, ticket.id));
    },
  }),
];
