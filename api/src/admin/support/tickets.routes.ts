import { z } from 'zod';
import { findWorkspaceById, listTicketMessages, listTicketsForAdmin, TICKET_SORT, findMembership } from '@argus/db';
import { defineRoute } from '../../http/route';
import { BadRequestError } from '../../http/errors';
import { isUuid } from '../../access/workspace-access';
import { ZIdParams, ZInstantFilter, ZSimpleRestQuery, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';
import { ZAdminTicket, ZMessageText, ZSubject, ZTicketMessage, ZTicketPriority, ZTicketStatus } from '../../support/support.schemas';
import { assignTicket, loadAdminTicket, openTicket, resolveTicket, staffReply, toAdminTicket, toMessage, updateTicketAsStaff } from '../../support/tickets.service';

// The console's "tickets" resource (admin-ui/src/tickets), at seed 004's /api/admin/support/tickets.

const ticketsList = {
  sortable: TICKET_SORT,
  defaultSort: ['lastMessageAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZUuid),
      status: z.union([ZTicketStatus, z.array(ZTicketStatus).max(4)]).optional(),
      priority: z.union([ZTicketPriority, z.array(ZTicketPriority).max(4)]).optional(),
      assignedTo: z.union([ZUuid, z.literal('none')]).optional(),
      workspaceId: ZUuid.optional(),
      userId: ZUuid.optional(),
      q: ZText.optional(),
      from: ZInstantFilter.optional(),
      to: ZInstantFilter.optional(),
    })
    .strict(),
};

const auth = { tags: ['admin'], auth: 'staff' as const, staffPermission: 'support:manage' as const };
const ticketOr404 = async (deps: Parameters<typeof loadAdminTicket>[0], id: string) => toAdminTicket(await loadAdminTicket(deps, id));

export const adminTicketRoutes = [
  defineRoute({
    ...auth,
    method: 'get',
    path: '/api/admin/support/tickets',
    summary: 'Support tickets (filters: status, priority, assignedTo (a staff id or "none"), workspaceId, userId, q, from, to)',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAdminTicket, 'tickets'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, ticketsList);
      return sendList(res, 'tickets', params, await listTicketsForAdmin(deps.knex, params.filter, params), toAdminTicket);
    },
  }),
  defineRoute({
    ...auth,
    method: 'get',
    path: '/api/admin/support/tickets/:id',
    summary: 'One ticket, with its SLA age',
    params: ZIdParams,
    responses: { 200: { description: 'the ticket', schema: ZAdminTicket } },
    handler: ({ deps, params }) => ticketOr404(deps, params.id),
  }),
  defineRoute({
    ...auth,
    method: 'post',
    path: '/api/admin/support/tickets',
    summary: "Open a ticket on a customer's behalf (a phone call, an e-mail)",
    body: z.object({
      workspaceId: ZUuid,
      userId: ZUuid,
      subject: ZSubject,
      description: ZMessageText,
      priority: ZTicketPriority.default('medium'),
      runId: ZUuid.optional(),
      findingId: ZUuid.optional(),
    }),
    responses: { 201: { description: 'the ticket', schema: ZAdminTicket } },
    handler: async ({ deps, req, body }) => {
      if (!(await findWorkspaceById(deps.knex, body.workspaceId))) throw new BadRequestError('No workspace with that id.', { errors: [{ path: 'body.workspaceId', message: 'is not a workspace' }] });
      if (!(await findMembership(deps.knex, body.workspaceId, body.userId))) {
        throw new BadRequestError('The customer is not a member of that workspace.', { errors: [{ path: 'body.userId', message: 'is not a member of the workspace' }] });
      }
      const ticket = await openTicket(deps, req, { ...body, by: 'staff' });
      return ticketOr404(deps, ticket.id);
    },
  }),
  defineRoute({
    ...auth,
    method: 'put',
    path: '/api/admin/support/tickets/:id',
    summary: 'Change the subject, priority or status of a ticket',
    params: ZIdParams,
    // react-admin's update sends the whole record: only these fields are read, the rest is ignored.
    body: z.object({ subject: ZSubject.optional(), priority: ZTicketPriority.optional(), status: ZTicketStatus.optional() }),
    responses: { 200: { description: 'the ticket', schema: ZAdminTicket } },
    handler: async ({ deps, req, params, body }) => {
      const current = await loadAdminTicket(deps, params.id);
      await updateTicketAsStaff(deps, req, current.id, {
        ...(body.subject && body.subject !== current.subject ? { subject: body.subject } : {}),
        ...(body.priority && body.priority !== current.priority ? { priority: body.priority } : {}),
        ...(body.status && body.status !== current.status ? { status: body.status } : {}),
      });
      return ticketOr404(deps, current.id);
    },
  }),
  defineRoute({
    ...auth,
    method: 'post',
    path: '/api/admin/support/tickets/:id/assign',
    summary: 'Assign the ticket to a support or super admin (null unassigns it)',
    params: ZIdParams,
    body: z.object({ assigneeId: ZUuid.nullable() }),
    successStatus: 200,
    responses: { 200: { description: 'the ticket', schema: ZAdminTicket }, 409: { description: 'the ticket is closed' } },
    handler: async ({ deps, req, params, body }) => {
      const ticket = await loadAdminTicket(deps, params.id);
      await assignTicket(deps, req, ticket.id, body.assigneeId);
      return ticketOr404(deps, ticket.id);
    },
  }),
  defineRoute({
    ...auth,
    method: 'post',
    path: '/api/admin/support/tickets/:id/resolve',
    summary: 'Mark the ticket resolved (the customer is told by mail and may reopen it by replying)',
    params: ZIdParams,
    successStatus: 200,
    responses: { 200: { description: 'the ticket', schema: ZAdminTicket }, 409: { description: 'the ticket is closed' } },
    handler: async ({ deps, req, params }) => {
      const ticket = await loadAdminTicket(deps, params.id);
      await resolveTicket(deps, req, ticket.id);
      return ticketOr404(deps, ticket.id);
    },
  }),
  defineRoute({
    ...auth,
    method: 'get',
    path: '/api/admin/support/tickets/:id/messages',
    summary: 'The conversation, oldest first, internal notes included',
    params: ZIdParams,
    responses: { 200: { description: 'messages', schema: z.array(ZTicketMessage) } },
    handler: async ({ deps, params }) => {
      const ticket = await loadAdminTicket(deps, params.id);
      return (await listTicketMessages(deps.knex, ticket.id, { includeInternal: true })).map(toMessage);
    },
  }),
  defineRoute({
    ...auth,
    method: 'post',
    path: '/api/admin/support/tickets/:id/messages',
    summary: 'Reply to the customer (mailed to them) or add an internal note (staff only)',
    params: ZIdParams,
    body: z.object({ content: ZMessageText, internal: z.boolean().default(false) }),
    responses: { 201: { description: 'the message', schema: ZTicketMessage }, 409: { description: 'the ticket is closed' } },
    handler: async ({ deps, req, auth: who, params, body }) => {
      if (!isUuid(params.id)) throw notFound('ticket');
      const ticket = await loadAdminTicket(deps, params.id);
      return toMessage(await staffReply(deps, req, who, ticket.id, body));
    },
  }),
];
