import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '@argus/db';
import { ZInstant } from '../openapi/schemas';

// Response shapes of the support tickets, for the customer (portal) and for staff (console).

export const ZTicketStatus = z.enum(TICKET_STATUSES).meta({ id: 'TicketStatus' });
export const ZTicketPriority = z.enum(TICKET_PRIORITIES).meta({ id: 'TicketPriority' });

const ZSla = z
  .object({
    targetMinutes: z.number().int().meta({ description: 'First-response target for the priority' }),
    ageMinutes: z.number().int().meta({ description: 'Minutes since the ticket was opened, until it was resolved or closed' }),
    firstResponseMinutes: z.number().int().nullable(),
    breached: z.boolean().meta({ description: 'The first staff reply came (or is still missing) after the target' }),
  })
  .meta({ id: 'TicketSla' });

const ticketFields = {
  id: z.string(),
  number: z.number().int(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  subject: z.string(),
  description: z.string(),
  priority: ZTicketPriority,
  status: ZTicketStatus,
  runId: z.string().nullable(),
  findingId: z.string().nullable(),
  openedBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  messageCount: z.number().int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  lastMessageAt: ZInstant.nullable(),
  firstResponseAt: ZInstant.nullable(),
  resolvedAt: ZInstant.nullable(),
  closedAt: ZInstant.nullable(),
  sla: ZSla,
};

export const ZCustomerTicket = z.object(ticketFields).meta({ id: 'SupportTicket' });
export const ZAdminTicket = z
  .object({ ...ticketFields, userId: z.string().nullable(), assignedTo: z.string().nullable(), assigneeName: z.string().nullable() })
  .meta({ id: 'AdminSupportTicket' });

export const ZTicketMessage = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    senderId: z.string().nullable(),
    senderName: z.string().nullable(),
    senderKind: z.enum(['customer', 'staff']),
    internal: z.boolean(),
    content: z.string(),
    createdAt: ZInstant,
  })
  .meta({ id: 'TicketMessage' });

export const ZCustomerTicketDetail = z.object({ ticket: ZCustomerTicket, messages: z.array(ZTicketMessage) }).meta({ id: 'SupportTicketDetail' });

export const ZCustomerTicketPage = z
  .object({ items: z.array(ZCustomerTicket), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'SupportTicketPage' });

export const ZCannedResponse = z
  .object({ id: z.string(), title: z.string(), body: z.string(), createdBy: z.string().nullable(), updatedBy: z.string().nullable(), createdAt: ZInstant, updatedAt: ZInstant })
  .meta({ id: 'CannedResponse' });

/** What a person writes: trimmed, not empty, bounded. */
export const ZMessageText = z.string().trim().min(1, 'must not be empty').max(20_000);
export const ZSubject = z.string().trim().min(1, 'must not be empty').max(255);
