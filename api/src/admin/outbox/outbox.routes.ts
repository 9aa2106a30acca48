import { z } from 'zod';
import { ADMIN_OUTBOX_SORT, findOutboxEmail, listOutboxEmailsForAdmin, type OutboxEmailRow } from '@argus/db';
import { defineRoute } from '../../http/route';
import type { AuthContext } from '../../auth/auth-context';
import { recordActivity } from '../../audit/activity-log';
import { isUuid } from '../../access/workspace-access';
import { ZIdParams, ZInstantFilter, ZSimpleRestQuery, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// The console's "outbox" resource (admin-ui/src/outbox): outgoing mail, sent and unsent.

/**
 * Mail bodies carry one-time links (verification, e-mail change, password reset, invitations): whoever reads
 * one can take over that account. Without SMTP the outbox is how mail is delivered (status "kept"), so a super
 * admin (who can grant any staff role anyway) sees kept mail whole, and reading one is audited. Every other staff
 * role, and everyone once the mail went (or goes) to a real mailbox, sees the secrets masked, so console access
 * never turns into account access (issue 10: support staff taking over a super admin).
 */
const MAIL_SECRET = /\bargus_[a-z]{2,8}_[A-Za-z0-9_-]+/g;
const hasSecret = (text: string) => new RegExp(MAIL_SECRET.source).test(text);
function showsSecrets(row: { status: string }, auth: AuthContext) {
  return row.status === 'kept' && auth.staffRole === 'super_admin';
}
function outboxBody(row: { status: string; textBody: string }, auth: AuthContext) {
  return showsSecrets(row, auth) ? row.textBody : row.textBody.replace(MAIL_SECRET, '[redacted]');
}

const ZOutbox = z.object({
  id: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  textBody: z.string(),
  template: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'kept']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});

function toOutbox(row: OutboxEmailRow, auth: AuthContext) {
  return {
    id: row.id,
    toAddress: row.toAddress,
    subject: row.subject,
    textBody: outboxBody(row, auth),
    template: row.template,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError ?? null,
    sentAt: row.sentAt ?? null,
    createdAt: row.createdAt,
  };
}

const outboxList = {
  sortable: ADMIN_OUTBOX_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZUuid),
      status: z.enum(['pending', 'sent', 'failed', 'kept']).optional(),
      template: ZText.optional(),
      q: ZText.optional(),
      from: ZInstantFilter.optional(),
      to: ZInstantFilter.optional(),
    })
    .strict(),
};

export const outboxRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/outbox',
    summary: 'Outgoing mail, sent and unsent (filters: status, template, q on recipient/subject, from, to)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'outbox:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZOutbox, 'outbox'),
    handler: async ({ deps, req, res, auth }) => {
      const params = parseListParams(req.query, outboxList);
      const page = await listOutboxEmailsForAdmin(deps.knex, params.filter, params);
      const revealed = page.rows.filter((row) => showsSecrets(row, auth) && hasSecret(row.textBody));
      if (revealed.length) await recordActivity(deps.knex, req, { action: 'outbox.secrets_viewed', resourceType: 'outbox_email', after: { ids: revealed.map((r) => r.id) } });
      return sendList(res, 'outbox', params, page, (row) => toOutbox(row, auth));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/outbox/:id',
    summary: 'One outgoing mail',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'outbox:read',
    params: ZIdParams,
    responses: { 200: { description: 'the mail', schema: ZOutbox } },
    handler: async ({ deps, req, params, auth }) => {
      if (!isUuid(params.id)) throw notFound('mail');
      const row = await findOutboxEmail(deps.knex, params.id);
      if (!row) throw notFound('mail');
      if (showsSecrets(row, auth) && hasSecret(row.textBody)) await recordActivity(deps.knex, req, { action: 'outbox.secrets_viewed', resourceType: 'outbox_email', resourceId: row.id });
      return toOutbox(row, auth);
    },
  }),
];
