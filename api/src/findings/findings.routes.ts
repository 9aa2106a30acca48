import { z } from 'zod';
import { findFindingWithTriage, findTriage, refreshRollupsOfFingerprint, refreshSummariesOfFingerprint, setTriage } from '@argus/db';
import { FILE_ROLES, publishEvent } from '@argus/activities';
import { defineRoute } from '../http/route';
import { requireResource } from '../access/resource-access';
import { recordActivity } from '../audit/activity-log';
import { listFindings, publicFinding, ruleFacets, TRIAGE_STATUSES } from './findings.service';
import { exportRunAsSarif, importSarifIntoRun, ZSarifLog } from './sarif';
import { ZFinding, ZFindingsPage, ZSarifImportResult } from './findings.schemas';

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

export const findingRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/runs/:runId/findings',
    summary: 'Findings of a run, filtered and paginated (most severe first)',
    tags: ['findings'],
    auth: 'user',
    params: z.object({ runId: z.string() }),
    query: z.object({
      severity: csv(['critical', 'high', 'medium', 'low', 'info']),
      category: csv(['security', 'bug', 'performance', 'maintainability', 'style']),
      rule: z.string().max(200).optional(),
      path: z.string().max(1000).optional(),
      status: z.enum(['open', 'suppressed', 'false_positive', 'wont_fix', 'accepted']).optional(),
      new: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
      fileRole: csv(FILE_ROLES).meta({ description: 'Roles of the files to list (production, test, example, docs, fixture); production code only when absent' }),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'a page of findings, most severe first, with the run’s rule facets', schema: ZFindingsPage } },
    handler: async ({ deps, auth, params, query }) => {
      await requireResource(deps, auth, 'run', params.runId, 'results:view');
      const [page, rules] = await Promise.all([listFindings(deps, params.runId, { ...query, isNew: query.new }), ruleFacets(deps, params.runId)]);
      return { ...page, facets: { rules } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/findings/:findingId',
    summary: 'One finding with its triage',
    tags: ['findings'],
    auth: 'user',
    params: z.object({ findingId: z.string() }),
    responses: { 200: { description: 'the finding', schema: ZFinding } },
    handler: async ({ deps, auth, params }) => {
      await requireResource(deps, auth, 'finding', params.findingId, 'results:view');
      return publicFinding((await findFindingWithTriage(deps.knex, params.findingId))!);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/findings/:findingId/triage',
    summary: 'Mark a finding false positive, won’t fix or accepted (kept by fingerprint across runs)',
    tags: ['findings'],
    auth: 'user',
    params: z.object({ findingId: z.string() }),
    body: z.object({ status: z.enum(TRIAGE_STATUSES), reason: z.string().trim().max(1000).optional() }),
    responses: { 200: { description: 'the finding with its new triage', schema: ZFinding } },
    handler: async ({ deps, req, auth, params, body }) => {
      const { row } = await requireResource(deps, auth, 'finding', params.findingId, 'analysis:run');
      const before = await findTriage(deps.knex, row.repositoryId, row.fingerprint);
      await deps.knex.transaction(async (trx) => {
        await setTriage(trx, { repositoryId: row.repositoryId, fingerprint: row.fingerprint, status: body.status, reason: body.reason ?? null, updatedBy: auth.userId });
        await recordActivity(trx, req, {
          workspaceId: row.workspaceId,
          action: 'finding.triaged',
          resourceType: 'finding',
          resourceId: row.id,
          before: before ?? { status: 'open' },
          after: { status: body.status, reason: body.reason ?? null, ruleId: row.ruleId, path: row.path },
        });
        // Triage changes what counts as open in every run with this fingerprint: their summaries and gates change
        // with it, in the same transaction, and open pages hear of it when it commits.
        for (const run of await refreshSummariesOfFingerprint(trx, row.repositoryId, row.fingerprint)) {
          await publishEvent(trx, { type: 'run.updated', runId: run.id, workspaceId: run.workspaceId, repositoryId: run.repositoryId, status: run.status, summary: run.summary, gate: run.gate });
        }
        // …and so do the analytics rollups of every day with such a run.
        await refreshRollupsOfFingerprint(trx, row.repositoryId, row.fingerprint);
      });
      return publicFinding((await findFindingWithTriage(deps.knex, params.findingId))!);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/runs/:runId/sarif',
    summary: 'SARIF 2.1.0 export of a run',
    tags: ['findings'],
    auth: 'user',
    params: z.object({ runId: z.string() }),
    responses: { 200: { description: 'SARIF log', contentType: 'application/sarif+json' } },
    handler: async ({ deps, auth, params, res }) => {
      const { row } = await requireResource(deps, auth, 'run', params.runId, 'results:view');
      const log = await exportRunAsSarif(deps, row);
      res.setHeader('content-disposition', `attachment; filename="argus-${row.id}.sarif"`);
      res.type('application/sarif+json').send(JSON.stringify(log, null, 2));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/runs/:runId/sarif',
    summary: 'Import any tool’s SARIF 2.1.0 results into a run',
    tags: ['findings'],
    auth: 'user',
    jsonBodyLimit: '50mb',
    successStatus: 200,
    params: z.object({ runId: z.string() }),
    body: ZSarifLog,
    responses: { 200: { description: 'what was imported', schema: ZSarifImportResult } },
    handler: async ({ deps, req, auth, params, body }) => {
      const { row } = await requireResource(deps, auth, 'run', params.runId, 'analysis:run');
      const result = await importSarifIntoRun(deps, row, body);
      await recordActivity(deps.knex, req, { workspaceId: row.workspaceId, action: 'run.sarif_imported', resourceType: 'run', resourceId: row.id, after: result });
      return result;
    },
  }),
];
