import { z } from 'zod';
import type { Knex } from '@argus/db';
import type { Request } from 'express';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { defineRoute } from '../http/route';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { isUuid } from '../access/workspace-access';
import { STAFF_ROLES } from '../access/permissions';
import { recordActivity } from '../audit/activity-log';
import { applyActionFilter } from '../teams/teams.service';
import { ZSimpleRestQuery, idFilter, likeContains, parseListParams, sendList } from './simple-rest';

// ---------------------------------------------------------------------------------------------------------
// Shared bits
// ---------------------------------------------------------------------------------------------------------

const ZUuid = z.uuid();
const ZBigId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/)]).transform(String);
const ZInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO date or date-time' });
const ZIdParams = z.object({ id: z.string() });
const ZText = z.string().trim().min(1).max(200);

const notFound = (what: string) => new NotFoundError(`No ${what} with that id.`);
const bigIdOrNotFound = (id: string, what: string) => {
  if (!/^\d{1,18}$/.test(id)) throw notFound(what);
  return id;
};
const ids = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/** from / to: bare dates cover whole days (UTC), instants are inclusive. */
function applyTimeRange(query: Knex.QueryBuilder, column: string, from?: string, to?: string) {
  if (from) query.where(column, '>=', new Date(from.length === 10 ? `${from}T00:00:00Z` : from));
  if (to) {
    if (to.length === 10) query.where(column, '<', new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000));
    else query.where(column, '<=', new Date(to));
  }
}

/**
 * Mail bodies carry one-time links (verification, password reset, invitations). Without SMTP the outbox is
 * how mail is delivered (status "kept"), so staff see it whole; once it went (or goes) to a real mailbox,
 * the secrets are masked so console access never turns into account access.
 */
const MAIL_SECRET = /\bargus_(?:ott|inv|rt|pat)_[A-Za-z0-9_-]+/g;
function outboxBody(row: { status: string; textBody: string }) {
  return row.status === 'kept' ? row.textBody : row.textBody.replace(MAIL_SECRET, '[redacted]');
}

// ---------------------------------------------------------------------------------------------------------
// users
// ---------------------------------------------------------------------------------------------------------

const WORKSPACE_COUNT_SQL = '(select count(*)::int from workspace_members wm where wm.user_id = u.id)';

const ZAdminUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  emailVerifiedAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  staffRole: z.enum(STAFF_ROLES).nullable(),
  workspaceCount: z.number().int(),
});

function userQuery(db: Knex) {
  return db('users as u').leftJoin('staff_grants as sg', 'sg.userId', 'u.id');
}
const selectUser = (db: Knex) => (q: Knex.QueryBuilder) =>
  q.select(
    'u.id',
    'u.email',
    'u.name',
    'u.status',
    'u.emailVerifiedAt',
    'u.lastLoginAt',
    'u.lockedUntil',
    'u.createdAt',
    'u.updatedAt',
    'sg.role as staffRole',
    db.raw(`${WORKSPACE_COUNT_SQL} as workspace_count`),
  );
function toAdminUser(row: any) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    emailVerifiedAt: row.emailVerifiedAt ?? null,
    lastLoginAt: row.lastLoginAt ?? null,
    lockedUntil: row.lockedUntil ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    staffRole: row.staffRole ?? null,
    workspaceCount: Number(row.workspaceCount ?? 0),
  };
}
async function loadAdminUser(db: Knex, id: string) {
  const row = await selectUser(db)(userQuery(db).where('u.id', id)).first();
  if (!row) throw notFound('user');
  return toAdminUser(row);
}

const usersList = {
  sortable: {
    id: 'u.id',
    email: 'lower(u.email)',
    name: 'lower(u.name)',
    status: 'u.status',
    createdAt: 'u.created_at',
    updatedAt: 'u.updated_at',
    lastLoginAt: 'u.last_login_at',
    emailVerifiedAt: 'u.email_verified_at',
    staffRole: 'sg.role',
    workspaceCount: WORKSPACE_COUNT_SQL,
  },
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZUuid),
      q: ZText.optional(),
      staffRole: z.enum([...STAFF_ROLES, 'none']).optional(),
      status: z.enum(['active', 'suspended']).optional(),
    })
    .strict(),
};

async function setUserStatus(deps: AppDeps, ctx: { req: Request; auth: AuthContext }, id: string, status: 'active' | 'suspended', reason?: string) {
  if (!isUuid(id)) throw notFound('user');
  if (id === ctx.auth.userId) throw new ConflictError(status === 'suspended' ? 'You cannot suspend your own account.' : 'You cannot reactivate your own account.');
  await deps.knex.transaction(async (trx) => {
    const user = await trx('users').where({ id }).forUpdate().first('id', 'status', 'email');
    if (!user) throw notFound('user');
    const grant = await trx('staff_grants').where({ userId: id }).first('role');
    if (grant && ctx.auth.staffRole !== 'super_admin') {
      throw new ForbiddenError('Only a super admin can suspend or reactivate a staff member.');
    }
    if (user.status === status) return; // idempotent: nothing changes, nothing to audit
    await trx('users').where({ id }).update({ status, updatedAt: trx.fn.now() });
    if (status === 'suspended') {
      // Access tokens die at the next request (authenticate checks the status); end the refresh sessions too.
      await trx('refresh_tokens').where({ userId: id }).whereNull('revokedAt').update({ revokedAt: trx.fn.now(), revokedReason: 'user_suspended' });
    }
    await recordActivity(trx, ctx.req, {
      workspaceId: null,
      action: status === 'suspended' ? 'user.suspended' : 'user.reactivated',
      resourceType: 'user',
      resourceId: id,
      before: { status: user.status, email: user.email },
      after: { status, ...(reason ? { reason } : {}) },
    });
  });
  return loadAdminUser(deps.knex, id);
}

// ---------------------------------------------------------------------------------------------------------
// audit-logs
// ---------------------------------------------------------------------------------------------------------

const ZAuditLog = z.object({
  id: z.string(),
  workspaceId: z.string().nullable(),
  workspaceName: z.string().nullable(),
  actorId: z.string().nullable(),
  actorKind: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});
function auditQuery(db: Knex) {
  return db('activity_log as al').leftJoin('users as u', 'u.id', 'al.actorId').leftJoin('workspaces as w', 'w.id', 'al.workspaceId');
}
const selectAudit = (q: Knex.QueryBuilder) =>
  q.select(
    'al.id',
    'al.workspaceId',
    'w.name as workspaceName',
    'al.actorId',
    'al.actorKind',
    'u.name as actorName',
    'u.email as actorEmail',
    'al.action',
    'al.resourceType',
    'al.resourceId',
    'al.ip',
    'al.userAgent',
    'al.before',
    'al.after',
    'al.createdAt',
  );
function toAuditLog(row: any) {
  return {
    id: String(row.id),
    workspaceId: row.workspaceId ?? null,
    workspaceName: row.workspaceName ?? null,
    actorId: row.actorId ?? null,
    actorKind: row.actorKind,
    actor: row.actorId ? { id: row.actorId, name: row.actorName, email: row.actorEmail } : null,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId ?? null,
    ip: row.ip ?? null,
    userAgent: row.userAgent ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: row.createdAt,
  };
}
const auditList = {
  sortable: { id: 'al.id', createdAt: 'al.created_at', action: 'al.action', resourceType: 'al.resource_type', actorKind: 'al.actor_kind' },
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZBigId),
      action: ZText.optional(),
      workspaceId: ZUuid.optional(),
      actorId: ZUuid.optional(),
      actorKind: z.enum(['user', 'staff', 'system', 'api_token']).optional(),
      resourceType: ZText.optional(),
      from: ZInstant.optional(),
      to: ZInstant.optional(),
    })
    .strict(),
};

// ---------------------------------------------------------------------------------------------------------
// system-logs
// ---------------------------------------------------------------------------------------------------------

const ZSystemLog = z.object({
  id: z.string(),
  level: z.string(),
  message: z.string(),
  component: z.string(),
  context: z.unknown(),
  stackTrace: z.string().nullable(),
  createdAt: z.string(),
});
const selectSystemLog = (q: Knex.QueryBuilder) => q.select('s.id', 's.level', 's.message', 's.component', 's.context', 's.stackTrace', 's.createdAt');
function toSystemLog(row: any) {
  return {
    id: String(row.id),
    level: row.level,
    message: row.message,
    component: row.component,
    context: row.context ?? {},
    stackTrace: row.stackTrace ?? null,
    createdAt: row.createdAt,
  };
}
const systemList = {
  sortable: { id: 's.id', createdAt: 's.created_at', level: 's.level', component: 's.component' },
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZBigId),
      level: z.union([ZText, z.array(ZText).max(10)]).optional(),
      component: ZText.optional(),
      q: ZText.optional(),
      from: ZInstant.optional(),
      to: ZInstant.optional(),
    })
    .strict(),
};

// ---------------------------------------------------------------------------------------------------------
// outbox
// ---------------------------------------------------------------------------------------------------------

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
const selectOutbox = (q: Knex.QueryBuilder) =>
  q.select('o.id', 'o.toAddress', 'o.subject', 'o.textBody', 'o.template', 'o.status', 'o.attempts', 'o.lastError', 'o.sentAt', 'o.createdAt');
function toOutbox(row: any) {
  return {
    id: row.id,
    toAddress: row.toAddress,
    subject: row.subject,
    textBody: outboxBody(row),
    template: row.template,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError ?? null,
    sentAt: row.sentAt ?? null,
    createdAt: row.createdAt,
  };
}
const outboxList = {
  sortable: { id: 'o.id', createdAt: 'o.created_at', sentAt: 'o.sent_at', status: 'o.status', template: 'o.template', toAddress: 'lower(o.to_address)', subject: 'o.subject', attempts: 'o.attempts' },
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZUuid),
      status: z.enum(['pending', 'sent', 'failed', 'kept']).optional(),
      template: ZText.optional(),
      q: ZText.optional(),
      from: ZInstant.optional(),
      to: ZInstant.optional(),
    })
    .strict(),
};

// ---------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------

const listResponses = (schema: z.ZodType, resource: string) => ({
  200: { description: `a page of ${resource}; Content-Range: ${resource} <start>-<end>/<total>`, schema: z.array(schema) },
  400: { description: 'bad sort, range or filter' },
});

export const adminRoutes = [
  // ----- users -----
  defineRoute({
    method: 'get',
    path: '/api/admin/users',
    summary: 'Users (filters: q on email/name, staffRole, status, id)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAdminUser, 'users'),
    handler: ({ deps, req, res }) => {
      const params = parseListParams(req.query, usersList);
      const query = userQuery(deps.knex);
      const f = params.filter;
      if (f.id) query.whereIn('u.id', ids(f.id));
      if (f.q) {
        const pattern = likeContains(f.q);
        query.where((w) => w.whereILike('u.email', pattern).orWhereILike('u.name', pattern));
      }
      if (f.staffRole === 'none') query.whereNull('sg.role');
      else if (f.staffRole) query.where('sg.role', f.staffRole);
      if (f.status) query.where('u.status', f.status);
      return sendList(res, 'users', params, query, selectUser(deps.knex), 'u.id', toAdminUser);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/users/:id',
    summary: 'One user',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:read',
    params: ZIdParams,
    responses: { 200: { description: 'the user', schema: ZAdminUser } },
    handler: ({ deps, params }) => {
      if (!isUuid(params.id)) throw notFound('user');
      return loadAdminUser(deps.knex, params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/suspend',
    summary: 'Suspend a user: every session and API token stops working',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    params: ZIdParams,
    body: z.object({ reason: z.string().trim().max(500).optional() }).optional(),
    successStatus: 200,
    responses: { 200: { description: 'the user', schema: ZAdminUser }, 409: { description: 'suspending yourself' } },
    handler: ({ deps, req, auth, params, body }) => setUserStatus(deps, { req, auth }, params.id, 'suspended', body?.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/reactivate',
    summary: 'Reactivate a suspended user',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:manage',
    params: ZIdParams,
    body: z.object({ reason: z.string().trim().max(500).optional() }).optional(),
    successStatus: 200,
    responses: { 200: { description: 'the user', schema: ZAdminUser }, 409: { description: 'reactivating yourself' } },
    handler: ({ deps, req, auth, params, body }) => setUserStatus(deps, { req, auth }, params.id, 'active', body?.reason),
  }),

  // ----- audit-logs -----
  defineRoute({
    method: 'get',
    path: '/api/admin/audit-logs',
    summary: 'The activity log across all workspaces (filters: action (exact, or prefix ending in "."), workspaceId, actorId, …)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'audit:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZAuditLog, 'audit-logs'),
    handler: ({ deps, req, res }) => {
      const params = parseListParams(req.query, auditList);
      const query = auditQuery(deps.knex);
      const f = params.filter;
      if (f.id) query.whereIn('al.id', ids(f.id));
      if (f.action) applyActionFilter(query, 'al.action', f.action);
      if (f.workspaceId) query.where('al.workspaceId', f.workspaceId);
      if (f.actorId) query.where('al.actorId', f.actorId);
      if (f.actorKind) query.where('al.actorKind', f.actorKind);
      if (f.resourceType) query.where('al.resourceType', f.resourceType);
      applyTimeRange(query, 'al.createdAt', f.from, f.to);
      return sendList(res, 'audit-logs', params, query, selectAudit, 'al.id', toAuditLog);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/audit-logs/:id',
    summary: 'One activity-log entry',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'audit:read',
    params: ZIdParams,
    responses: { 200: { description: 'the entry', schema: ZAuditLog } },
    handler: async ({ deps, params }) => {
      const row = await selectAudit(auditQuery(deps.knex).where('al.id', bigIdOrNotFound(params.id, 'audit-log entry'))).first();
      if (!row) throw notFound('audit-log entry');
      return toAuditLog(row);
    },
  }),

  // ----- system-logs -----
  defineRoute({
    method: 'get',
    path: '/api/admin/system-logs',
    summary: 'The system log (filters: level, component, q, from, to)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZSystemLog, 'system-logs'),
    handler: ({ deps, req, res }) => {
      const params = parseListParams(req.query, systemList);
      const query = deps.knex('system_log as s');
      const f = params.filter;
      if (f.id) query.whereIn('s.id', ids(f.id));
      if (f.level) query.whereIn('s.level', ids(f.level));
      if (f.component) query.where('s.component', f.component);
      if (f.q) query.whereILike('s.message', likeContains(f.q));
      applyTimeRange(query, 's.createdAt', f.from, f.to);
      return sendList(res, 'system-logs', params, query, selectSystemLog, 's.id', toSystemLog);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/system-logs/:id',
    summary: 'One system-log entry',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    params: ZIdParams,
    responses: { 200: { description: 'the entry', schema: ZSystemLog } },
    handler: async ({ deps, params }) => {
      const row = await selectSystemLog(deps.knex('system_log as s').where('s.id', bigIdOrNotFound(params.id, 'system-log entry'))).first();
      if (!row) throw notFound('system-log entry');
      return toSystemLog(row);
    },
  }),

  // ----- outbox -----
  defineRoute({
    method: 'get',
    path: '/api/admin/outbox',
    summary: 'Outgoing mail, sent and unsent (filters: status, template, q on recipient/subject, from, to)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'outbox:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZOutbox, 'outbox'),
    handler: ({ deps, req, res }) => {
      const params = parseListParams(req.query, outboxList);
      const query = deps.knex('outbox_emails as o');
      const f = params.filter;
      if (f.id) query.whereIn('o.id', ids(f.id));
      if (f.status) query.where('o.status', f.status);
      if (f.template) query.where('o.template', f.template);
      if (f.q) {
        const pattern = likeContains(f.q);
        query.where((w) => w.whereILike('o.toAddress', pattern).orWhereILike('o.subject', pattern));
      }
      applyTimeRange(query, 'o.createdAt', f.from, f.to);
      return sendList(res, 'outbox', params, query, selectOutbox, 'o.id', toOutbox);
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
    handler: async ({ deps, params }) => {
      if (!isUuid(params.id)) throw notFound('mail');
      const row = await selectOutbox(deps.knex('outbox_emails as o').where('o.id', params.id)).first();
      if (!row) throw notFound('mail');
      return toOutbox(row);
    },
  }),
];
