import { z } from 'zod';
import { findWorkspaceById } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireWorkspace } from '../access/workspace-access';
import { ZTeamParams } from '../teams/teams.routes';
import { listActivity, streamActivityCsv } from './activity.service';

const ZActivity = z.object({
  id: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  resourceName: z.string().nullable().meta({ description: 'What the resource is called (a repository’s full name, a member’s name, a finding’s rule and place); null when unknown' }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});

/** Empty query values (`?actor=`) mean "no filter", as browsers send them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const ZIsoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z)' });

const ZActivityQuery = z
  .object({
    page: optional(z.coerce.number().int().min(1).max(1_000_000)),
    pageSize: optional(z.coerce.number().int().min(1).max(100)),
    actor: optional(z.uuid()),
    action: optional(z.string().trim().min(1).max(200)),
    from: optional(ZIsoDate),
    to: optional(ZIsoDate),
    format: optional(z.enum(['json', 'csv'])),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to), {
    message: '"from" must not be after "to"',
    path: ['from'],
  });

export const activityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/teams/:teamId/activity',
    summary: 'The team’s activity log, newest first; format=csv exports every match',
    tags: ['teams'],
    auth: 'user',
    params: ZTeamParams,
    query: ZActivityQuery,
    responses: {
      200: {
        description: 'a page of activity (or text/csv with format=csv)',
        schema: z.object({ items: z.array(ZActivity), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
      },
    },
    handler: async ({ deps, auth, params, query, res }) => {
      const access = await requireWorkspace(deps, auth, params.teamId, 'activity:view', 'team');
      const filters = { actor: query.actor, action: query.action, from: query.from, to: query.to };
      if (query.format === 'csv') {
        const workspace = (await findWorkspaceById(deps.knex, access.workspaceId))!;
        await streamActivityCsv(deps, res, workspace, filters);
        return;
      }
      return listActivity(deps, access.workspaceId, filters, query.page ?? 1, query.pageSize ?? 50);
    },
  }),
];
