import { z } from 'zod';
import { CANNED_RESPONSE_SORT, deleteCannedResponse, findCannedResponse, insertCannedResponse, listCannedResponses, updateCannedResponse, type CannedResponseRow } from '@argus/db';
import { defineRoute } from '../../http/route';
import { isUuid } from '../../access/workspace-access';
import { recordActivity } from '../../audit/activity-log';
import { ZIdParams, ZSimpleRestQuery, ZText, ZUuid, idFilter, listResponses, notFound, parseListParams, sendList } from '../simple-rest';
import { ZCannedResponse, ZMessageText } from '../../support/support.schemas';

// The console's "canned-responses" resource: reply templates support admins keep, insert and edit.

const cannedList = {
  sortable: CANNED_RESPONSE_SORT,
  defaultSort: ['title', 'ASC'] as [string, 'ASC'],
  filter: z.object({ id: idFilter(ZUuid), q: ZText.optional() }).strict(),
};

const ZTitle = z.string().trim().min(1, 'must not be empty').max(120);
const auth = { tags: ['admin'], auth: 'staff' as const, staffPermission: 'support:manage' as const };
const view = (row: CannedResponseRow) => row;

async function loadCanned(db: Parameters<typeof findCannedResponse>[0], id: string) {
  const row = isUuid(id) ? await findCannedResponse(db, id) : undefined;
  if (!row) throw notFound('canned response');
  return row;
}

export const cannedResponseRoutes = [
  defineRoute({
    ...auth,
    method: 'get',
    path: '/api/admin/support/canned-responses',
    summary: 'Canned responses (filters: q on title and text, id)',
    query: ZSimpleRestQuery,
    responses: listResponses(ZCannedResponse, 'canned-responses'),
    handler: async ({ deps, req, res }) => {
      const params = parseListParams(req.query, cannedList);
      return sendList(res, 'canned-responses', params, await listCannedResponses(deps.knex, params.filter, params), view);
    },
  }),
  defineRoute({
    ...auth,
    method: 'get',
    path: '/api/admin/support/canned-responses/:id',
    summary: 'One canned response',
    params: ZIdParams,
    responses: { 200: { description: 'the canned response', schema: ZCannedResponse } },
    handler: ({ deps, params }) => loadCanned(deps.knex, params.id),
  }),
  defineRoute({
    ...auth,
    method: 'post',
    path: '/api/admin/support/canned-responses',
    summary: 'Add a canned response (titles are unique)',
    body: z.object({ title: ZTitle, body: ZMessageText }),
    responses: { 201: { description: 'the canned response', schema: ZCannedResponse }, 409: { description: 'a canned response with that title exists' } },
    handler: ({ deps, req, auth: who, body }) =>
      deps.knex.transaction(async (trx) => {
        const row = await insertCannedResponse(trx, { ...body, createdBy: who.userId });
        await recordActivity(trx, req, { action: 'canned_response.created', resourceType: 'canned_response', resourceId: row.id, after: { title: row.title } });
        return row;
      }),
  }),
  defineRoute({
    ...auth,
    method: 'put',
    path: '/api/admin/support/canned-responses/:id',
    summary: 'Edit a canned response',
    params: ZIdParams,
    body: z.object({ title: ZTitle.optional(), body: ZMessageText.optional() }),
    responses: { 200: { description: 'the canned response', schema: ZCannedResponse }, 409: { description: 'a canned response with that title exists' } },
    handler: async ({ deps, req, auth: who, params, body }) => {
      const before = await loadCanned(deps.knex, params.id);
      return deps.knex.transaction(async (trx) => {
        const row = (await updateCannedResponse(trx, before.id, { ...body, updatedBy: who.userId }))!;
        await recordActivity(trx, req, { action: 'canned_response.updated', resourceType: 'canned_response', resourceId: row.id, before: { title: before.title, body: before.body }, after: { title: row.title, body: row.body } });
        return row;
      });
    },
  }),
  defineRoute({
    ...auth,
    method: 'delete',
    path: '/api/admin/support/canned-responses/:id',
    summary: 'Delete a canned response',
    params: ZIdParams,
    successStatus: 200,
    responses: { 200: { description: 'the deleted canned response', schema: ZCannedResponse } },
    handler: async ({ deps, req, params }) => {
      const before = await loadCanned(deps.knex, params.id);
      await deps.knex.transaction(async (trx) => {
        await deleteCannedResponse(trx, before.id);
        await recordActivity(trx, req, { action: 'canned_response.deleted', resourceType: 'canned_response', resourceId: before.id, before: { title: before.title } });
      });
      return before;
    },
  }),
];
