import { z } from 'zod';
import { ADMIN_SYSTEM_LOG_SORT, findSystemLogEntry, listSystemLogForAdmin, type SystemLogRow } from '@argus/db';
import { defineRoute } from '../../http/route';
import { ZBigId, ZIdParams, ZInstantFilter, ZSimpleRestQuery, ZText, bigIdOrNotFound, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';

// The console's "system-logs" resource (admin-ui/src/system-logs): warn and error lines of every process.

const ZSystemLog = z.object({
  id: z.string(),
  level: z.string(),
  message: z.string(),
  component: z.string(),
  context: z.unknown(),
  stackTrace: z.string().nullable(),
  createdAt: z.string(),
});

function toSystemLog(row: SystemLogRow) {
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
  sortable: ADMIN_SYSTEM_LOG_SORT,
  defaultSort: ['createdAt', 'DESC'] as [string, 'DESC'],
  filter: z
    .object({
      id: idFilter(ZBigId),
      level: z.union([ZText, z.array(ZText).max(10)]).optional(),
      component: ZText.optional(),
      q: ZText.optional(),
      from: ZInstantFilter.optional(),
      to: ZInstantFilter.optional(),
    })
    .strict(),
};

export const systemLogRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/system-logs',
    summary: 'The system log (filters: level, component, q, from, to)',
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    query: ZSimpleRestQuery,
    responses: listResponses(ZSystemLog, 'system-logs'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, systemList);
      return sendList(res, 'system-logs', params, await listSystemLogForAdmin(deps.knex, params.filter, params), toSystemLog);
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
      const row = await findSystemLogEntry(deps.knex, bigIdOrNotFound(params.id, 'system-log entry'));
      if (!row) throw notFound('system-log entry');
      return toSystemLog(row);
    },
  }),
];
