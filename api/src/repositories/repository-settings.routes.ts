import { z } from 'zod';
import { ruleDoc } from '@argus/activities';
import { findRepositorySettings, updateRepositorySettings, type RepositoryGateSettings, type RepositorySettingsRow } from '@argus/db';
import { defineRoute } from '../http/route';
import { requireResource } from '../access/resource-access';
import { can } from '../access/permissions';
import { recordActivity } from '../audit/activity-log';
import { BadRequestError } from '../http/errors';
import { ZRepositoryAnalysisSettings } from './repository-settings.schemas';

// A repository's analysis settings in the portal (issue 16): the quality gate and rules turned off. Everyone in the
// workspace may read them; only admins change them. The analysis merges them with .argus.yml, which wins where it
// sets the same thing (activities/src/analyzers/repository-settings.ts).

/** The gate with no setting anywhere (activities/src/analyzers/config.ts `defaultConfig`). */
const DEFAULT_GATE = { critical: 0, high: 0, medium: null, low: null, secrets: null } as const;
const GATE_KEYS = ['critical', 'high', 'medium', 'low', 'secrets'] as const;

function publicSettings(repositoryId: string, row: RepositorySettingsRow | undefined, canEdit: boolean) {
  const stored: RepositoryGateSettings = row?.gate ?? {};
  const gate = Object.fromEntries(GATE_KEYS.map((k) => [k, stored[k] !== undefined ? stored[k] : DEFAULT_GATE[k]])) as Record<(typeof GATE_KEYS)[number], number | null>;
  const argusYml = row?.argusYml && row.argusYmlFile && row.argusYmlSeenAt ? { file: row.argusYmlFile, commitSha: row.argusYmlCommitSha, seenAt: row.argusYmlSeenAt, gate: row.argusYml.gate, rules: row.argusYml.rules } : null;
  return {
    repositoryId,
    gate,
    gateSource: argusYml?.gate ? ('argus.yml' as const) : Object.keys(stored).length > 0 ? ('portal' as const) : ('default' as const),
    rulesOff: Object.keys(row?.rules ?? {}).sort(),
    argusYml,
    canEdit,
    updatedAt: row && (Object.keys(row.gate).length > 0 || Object.keys(row.rules).length > 0) ? row.updatedAt : null,
  };
}

const ZLimit = z.number().int().min(0).max(100000).nullable();

export const repositorySettingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/repositories/:repositoryId/analysis-settings',
    summary: "A repository's quality gate and rules turned off in the portal, and what its .argus.yml overrides",
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ repositoryId: z.string() }),
    responses: { 200: { description: 'the settings', schema: ZRepositoryAnalysisSettings } },
    handler: async ({ deps, auth, params }) => {
      const { row, access } = await requireResource(deps, auth, 'repository', params.repositoryId, 'results:view');
      return publicSettings(row.id, await findRepositorySettings(deps.knex, row.id), can(access.role, 'settings:change'));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/repositories/:repositoryId/analysis-settings',
    summary: 'Change the quality gate (limits on new findings per severity and on new secrets) or turn rules off or on',
    tags: ['repositories'],
    auth: 'user',
    params: z.object({ repositoryId: z.string() }),
    body: z.object({
      gate: z.object({ critical: ZLimit.optional(), high: ZLimit.optional(), medium: ZLimit.optional(), low: ZLimit.optional(), secrets: ZLimit.optional() }).optional(),
      rules: z
        .record(z.string().min(1).max(300), z.enum(['off']).nullable())
        .optional()
        .meta({ description: 'Rule id → "off", or null to turn it back on' }),
    }),
    responses: { 200: { description: 'the settings as they are now', schema: ZRepositoryAnalysisSettings } },
    handler: async ({ deps, req, auth, params, body }) => {
      const { row, access } = await requireResource(deps, auth, 'repository', params.repositoryId, 'settings:change');
      const unknown = Object.keys(body.rules ?? {}).filter((id) => !ruleDoc(id));
      if (unknown.length > 0) {
        throw new BadRequestError(`Argus has no rule ${unknown.map((id) => JSON.stringify(id)).join(', ')}; see the rules page for the ids.`, { errors: unknown.map((id) => ({ path: `body.rules.${id}`, message: 'is not a rule of the catalogue' })) });
      }
      return deps.knex.transaction(async (trx) => {
        const before = await findRepositorySettings(trx, row.id);
        const updated = await updateRepositorySettings(trx, row.id, { gate: body.gate, rules: body.rules }, auth.userId);
        await recordActivity(trx, req, {
          workspaceId: row.workspaceId,
          action: 'repository.analysis_settings_updated',
          resourceType: 'repository',
          resourceId: row.id,
          before: { gate: before?.gate ?? {}, rulesOff: Object.keys(before?.rules ?? {}) },
          after: { gate: updated.gate, rulesOff: Object.keys(updated.rules) },
        });
        return publicSettings(row.id, updated, can(access.role, 'settings:change'));
      });
    },
  }),
];
