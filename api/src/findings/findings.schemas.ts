import { z } from 'zod';
import { ZInstant } from '../openapi/schemas';
import { ZCategory, ZSeverity } from '../runs/runs.schemas';
import { TRIAGE_STATUSES } from './findings.service';

// Response shapes of the findings routes, as publicFinding (findings.service.ts) builds them.

const ZTriageStatus = z.enum(TRIAGE_STATUSES).meta({ id: 'TriageStatus' });

export const ZFinding = z
  .object({
    id: z.string(),
    runId: z.string(),
    repositoryId: z.string(),
    tool: z.string(),
    ruleId: z.string(),
    category: ZCategory,
    severity: ZSeverity,
    path: z.string(),
    startLine: z.number().int(),
    startColumn: z.number().int(),
    endLine: z.number().int(),
    endColumn: z.number().int(),
    message: z.string(),
    snippet: z.string(),
    helpUrl: z.string().nullable(),
    fingerprint: z.string(),
    isNew: z.boolean(),
    suppression: z
      .object({ kind: z.literal('inline'), reason: z.string().nullable() })
      .nullable()
      .meta({ description: 'Set when the source suppresses the finding with an inline comment' }),
    triage: z
      .object({ status: ZTriageStatus, reason: z.string().nullable(), updatedAt: ZInstant.nullable() })
      .meta({ description: 'Kept per repository and fingerprint across runs; status open and nulls when never triaged' }),
    builtinFix: z.boolean().meta({ description: 'The built-in provider (no key, no code sent anywhere) has a fix for this rule; validation still decides' }),
  })
  .meta({ id: 'Finding' });

const ZRuleFacet = z.object({ ruleId: z.string(), tool: z.string(), count: z.number().int() }).meta({ id: 'RuleFacet' });

export const ZFindingsPage = z
  .object({
    items: z.array(ZFinding),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({ rules: z.array(ZRuleFacet).meta({ description: 'The run’s findings per rule (all of them, not only this page), most frequent first' }) }),
  })
  .meta({ id: 'FindingsPage' });

export const ZSarifImportResult = z
  .object({ imported: z.number().int(), duplicates: z.number().int(), skipped: z.number().int().meta({ description: 'Results without a location or rule id' }) })
  .meta({ id: 'SarifImportResult' });
