import { z } from 'zod';
import {
  endImpersonationSession,
  findImpersonationSession,
  findStaffGrant,
  findUserById,
  IMPERSONATION_SORT,
  insertImpersonationSession,
  listImpersonationSessions,
  type ImpersonationSessionRow,
} from '@argus/db';
import { defineRoute } from '../../http/route';
import { orNull, ZInstant } from '../../openapi/schemas';
import { isUuid } from '../../access/workspace-access';
import { recordActivity } from '../../audit/activity-log';
import { signAccessToken } from '../../auth/tokens';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { ZIdParams, ZSimpleRestQuery, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// Impersonation: a super or support admin acts as a customer in the portal, for a stated reason and a limited
// time, never as another staff member. The token carries the session; every action is audited under the staff
// member "as" the customer (api/src/audit/activity-log.ts); the portal shows a banner while it lasts.

const MAX_MINUTES = 60;

const ZSession = z
  .object({
    id: z.string(),
    staff: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
    user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
    reason: z.string(),
    startedAt: ZInstant,
    expiresAt: ZInstant,
    endedAt: ZInstant.nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'ImpersonationSession' });

const view = (s: ImpersonationSessionRow) => ({
  id: s.id,
  staff: { id: s.staffUserId, name: s.staffName, email: s.staffEmail },
  user: { id: s.targetUserId, name: s.targetName, email: s.targetEmail },
  reason: s.reason,
  startedAt: s.startedAt,
  expiresAt: s.expiresAt,
  endedAt: s.endedAt,
  active: !s.endedAt && new Date(s.expiresAt) > new Date(),
});

const impersonationList = {
  sortable: IMPERSONATION_SORT,
  defaultSort: ['startedAt', 'DESC'] as [string, 'DESC'],
  filter: z.object({ id: idFilter(ZUuid), staffUserId: ZUuid.optional(), targetUserId: ZUuid.optional() }).strict(),
};

export const impersonationRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/admin/users/:id/impersonate',
    summary: 'Act as a customer in the portal for a limited time (the reason is recorded; never for staff accounts)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:impersonate',
    params: ZIdParams,
    body: z.object({
      reason: z.string().trim().min(10, 'must say why, in at least 10 characters').max(500),
      minutes: z.number().int().min(1).max(MAX_MINUTES).default(30),
    }),
    responses: {
      201: {
        description: 'the session, its access token and the portal address that opens it',
        schema: z.object({ session: ZSession, accessToken: z.string(), portalUrl: z.string() }),
      },
      403: { description: 'the user is a staff member' },
      409: { description: 'the user is suspended, or it is yourself' },
    },
    handler: async ({ deps, req, auth, params, body }) => {
      if (!isUuid(params.id)) throw notFound('user');
      const user = await findUserById(deps.knex, params.id);
      if (!user) throw notFound('user');
      if (user.id === auth.userId) throw new ConflictError('You cannot impersonate yourself.');
      if (await findStaffGrant(deps.knex, user.id)) throw new ForbiddenError('Staff accounts cannot be impersonated.');
      if (user.status !== 'active') throw new ConflictError('The account is suspended; reactivate it before impersonating it.');
      const expiresAt = new Date(Date.now() + body.minutes * 60_000);
      const session = await deps.knex.transaction(async (trx) => {
        const s = await insertImpersonationSession(trx, { staffUserId: auth.userId, targetUserId: user.id, reason: body.reason, expiresAt });
        await recordActivity(trx, req, {
          action: 'user.impersonation_started',
          resourceType: 'user',
          resourceId: user.id,
          after: { impersonationId: s.id, email: user.email, reason: body.reason, expiresAt },
        });
        return s;
      });
      const { token } = await signAccessToken(deps.config.jwtSecret, user.id, Date.now(), { impersonationId: session.id, generation: user.sessionGeneration, expiresAt });
      const portalUrl = `${deps.config.PORTAL_URL.replace(/\/+$/, '')}/impersonate#token=${encodeURIComponent(token)}`;
      return { session: view((await findImpersonationSession(deps.knex, session.id))!), accessToken: token, portalUrl };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/admin/impersonations',
    summary: 'Impersonation sessions, newest first (filters: staffUserId, targetUserId)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'audit:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZSession, 'impersonations'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, impersonationList);
      return sendList(res, 'impersonations', params, await listImpersonationSessions(deps.knex, params.filter, params), view);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/impersonations/:id/end',
    summary: 'End an impersonation session now (its token stops working at once)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'users:impersonate',
    params: ZIdParams,
    successStatus: 200,
    responses: { 200: { description: 'the session', schema: ZSession } },
    handler: async ({ deps, req, params }) => {
      const session = isUuid(params.id) ? await findImpersonationSession(deps.knex, params.id) : undefined;
      if (!session) throw notFound('impersonation session');
      if (await endImpersonationSession(deps.knex, session.id)) {
        await recordActivity(deps.knex, req, { action: 'user.impersonation_ended', resourceType: 'user', resourceId: session.targetUserId, after: { impersonationId: session.id } });
      }
      return view((await findImpersonationSession(deps.knex, session.id))!);
    },
  }),
  // The portal's side: the banner asks whether its token is an impersonation, and ends it.
  defineRoute({
    method: 'get',
    path: '/api/impersonation',
    summary: 'Whether this session is a staff member impersonating the user (for the portal banner)',
    tags: ['account'],
    auth: 'user',
    responses: { 200: { description: 'the impersonation, if any', schema: z.object({ active: z.boolean(), session: orNull(ZSession) }) } },
    handler: async ({ deps, auth }) => {
      if (!auth.impersonationId) return { active: false, session: null };
      return { active: true, session: view((await findImpersonationSession(deps.knex, auth.impersonationId))!) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/impersonation/end',
    summary: 'End the impersonation this token belongs to',
    tags: ['account'],
    auth: 'user',
    successStatus: 204,
    responses: { 204: { description: 'ended' }, 404: { description: 'not an impersonation' } },
    handler: async ({ deps, req, auth }) => {
      if (!auth.impersonationId) throw new NotFoundError('This session is not an impersonation.');
      if (await endImpersonationSession(deps.knex, auth.impersonationId)) {
        await recordActivity(deps.knex, req, { action: 'user.impersonation_ended', resourceType: 'user', resourceId: auth.userId, after: { impersonationId: auth.impersonationId } });
      }
    },
  }),
];
