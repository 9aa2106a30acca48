import { z } from 'zod';
import { ZInstant } from '../openapi/schemas';
import { ZCategory, ZSeverity } from '../runs/runs.schemas';
import { FILE_ROLES } from '@argus/activities';
import { TRIAGE_STATUSES } from './findings.service';

// Response shapes of the findings routes, as publicFinding (findings.service.ts) builds them.

const ZTriageStatus = z.enum(TRIAGE_STATUSES).meta({ id: 'TriageStatus' });
const ZFileRole = z
  .enum(FILE_ROLES)
  .meta({ id: 'FileRole', description: 'What the file is for; only production findings count toward the gate, ratings and default counts' });
const ZFlowStep = z
  .object({ path: z.string(), line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int(), note: z.string() })
  .meta({ id: 'FlowStep' });

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
    fileRole: ZFileRole,
    cwe: z.array(z.string()).meta({ description: 'CWE ids of the rule (CWE-89)' }),
    codeFlow: z
      .array(ZFlowStep)
      .nullable()
      .meta({ description: 'Taint findings: the path from the source of the data to the sink, in order' }),
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
