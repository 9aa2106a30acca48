import { z } from 'zod';
import { highlightWords, searchForStaff, searchIndexState, STAFF_SEARCH_TYPES, type StaffSearchType } from '@argus/db';
import { defineRoute } from '../http/route';
import { staffCan, type StaffPermission } from '../access/permissions';
import { ConflictError, ForbiddenError } from '../http/errors';
import { recordActivity } from '../audit/activity-log';
import { workflowClient } from '../temporal/workflow-client';
import { ZStaffSearchHit } from './search.schemas';

// The console's search across tenants (seed 004: customers, intakes): users, workspaces, subscriptions, invoices and
// tickets. Each type needs the staff permission of the console page that shows it.

const NEEDS: Record<StaffSearchType, StaffPermission> = {
  user: 'users:read',
  workspace: 'workspaces:read',
  subscription: 'billing:manage',
  invoice: 'billing:manage',
  ticket: 'support:manage',
};

const CONSOLE_PATH: Record<StaffSearchType, (id: string) => string> = {
  user: (id) => `/users/${id}/show`,
  workspace: (id) => `/workspaces/${id}/show`,
  subscription: (id) => `/subscriptions/${id}/show`,
  invoice: (id) => `/invoices/${id}/show`,
  ticket: (id) => `/tickets/${id}/show`,
};

const ZTypes = z
  .string()
  .max(200)
  .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
  .pipe(z.array(z.enum(STAFF_SEARCH_TYPES, { error: () => `must be a comma-separated list of: ${STAFF_SEARCH_TYPES.join(', ')}` })))
  .optional();

export const staffSearchRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/search',
    summary: 'Staff search across tenants: users, workspaces, subscriptions, invoices and tickets (by what your role may see)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'console:access',
    query: z.object({ q: z.string().trim().min(1, 'must not be empty').max(200), type: ZTypes, limit: z.coerce.number().int().min(1).max(50).default(10) }),
    responses: {
      200: {
        description: 'hits grouped by type',
        schema: z.object({ groups: z.array(z.object({ type: z.enum(STAFF_SEARCH_TYPES), total: z.number().int(), items: z.array(ZStaffSearchHit) })) }).meta({ id: 'StaffSearchResult' }),
      },
    },
    handler: async ({ deps, auth, query }) => {
      const role = auth.staffRole!;
      const allowed = STAFF_SEARCH_TYPES.filter((t) => staffCan(role, NEEDS[t]));
      const refused = (query.type ?? []).filter((t) => !allowed.includes(t));
      if (refused.length) throw new ForbiddenError(`Your staff role (${role}) cannot search ${refused.join(', ')}.`);
      const types = query.type?.length ? query.type : allowed;
      const groups = await searchForStaff(deps.knex, { q: query.q, types, limit: query.limit });
      return {
        groups: groups.map((g) => ({
          type: g.type,
          total: g.total,
          items: g.rows.map((r) => ({
            type: r.type,
            id: r.id,
            title: r.title,
            subtitle: r.subtitle,
            url: CONSOLE_PATH[r.type](r.id),
            createdAt: r.createdAt,
            highlights: { title: highlightWords(r.title, query.q), subtitle: highlightWords(r.subtitle, query.q) },
          })),
        })),
      };
    },
  }),
];

export const searchIndexRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/search/index',
    summary: 'The search backend in use and the state of its index (outbox backlog, last full reindex)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    responses: {
      200: {
        description: 'backend and index state',
        schema: z
          .object({
            backend: z.enum(['postgres', 'typesense']),
            outboxEnabled: z.boolean(),
            pending: z.number().int(),
            lastReindexStartedAt: z.iso.datetime().nullable(),
            lastReindexFinishedAt: z.iso.datetime().nullable(),
            lastReindexDocuments: z.number().int().nullable(),
          })
          .meta({ id: 'SearchIndexState' }),
      },
    },
    handler: async ({ deps }) => ({ backend: deps.config.TYPESENSE_URL ? 'typesense' : 'postgres', ...(await searchIndexState(deps.knex)) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/search/reindex',
    summary: 'Rebuild every Typesense collection from Postgres (searches keep using the old index until done)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:manage',
    successStatus: 202,
    responses: { 202: { description: 'the reindex workflow', schema: z.object({ workflowId: z.string() }) }, 409: { description: 'the Postgres backend has no index to rebuild' } },
    handler: async ({ deps, req }) => {
      if (!deps.config.TYPESENSE_URL) throw new ConflictError('Search runs on Postgres (TYPESENSE_URL is not set): its indexes are kept by Postgres itself, there is nothing to rebuild.');
      const handle = await workflowClient.startSearchReindex(deps);
      await recordActivity(deps.knex, req, { action: 'search.reindex_started', resourceType: 'search_index', resourceId: handle.workflowId });
      return { workflowId: handle.workflowId };
    },
  }),
];
