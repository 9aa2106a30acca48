import { z } from 'zod';
import { FIX_PROVIDERS, FIX_STATUSES } from '@argus/workflows/contract';
import { orNull, ZInstant } from '../openapi/schemas';
import { ZSeverity } from '../runs/runs.schemas';
import { ZFinding } from '../findings/findings.schemas';

// Response shapes of the fixes routes, as publicFix and the AI-key functions (fixes.service.ts) build them.

const ZFixProvider = z.enum(FIX_PROVIDERS).meta({ id: 'FixProvider' });
const ZAiProvider = z.enum(['groq', 'anthropic']).meta({ id: 'AiProvider' });
const ZFixStatus = z.enum(FIX_STATUSES).meta({ id: 'FixStatus' });

const ZFixValidationFinding = z
  .object({ ruleId: z.string(), path: z.string(), line: z.number().int(), message: z.string() })
  .meta({ id: 'FixValidationFinding' });

const ZFixValidation = z
  .object({
    commitSha: z.string(),
    applies: z.boolean(),
    findingGone: z.boolean(),
    newFindings: z.array(ZFixValidationFinding),
    parseErrors: z.array(ZFixValidationFinding),
    analyzedFiles: z.array(z.string()),
  })
  .meta({ id: 'FixValidation', description: 'What the validation on a clean checkout of the run’s commit saw' });

export const ZFix = z
  .object({
    id: z.string(),
    findingId: z.string(),
    runId: z.string(),
    workspaceId: z.string(),
    repositoryId: z.string(),
    provider: ZFixProvider,
    model: z.string().nullable(),
    status: ZFixStatus,
    patch: z.string().nullable().meta({ description: 'A unified diff; null until generated, and for fixes that failed to generate' }),
    explanation: z.string().nullable(),
    files: z.array(z.string()),
    usage: z.object({ tokensIn: z.number().int().nullable(), tokensOut: z.number().int().nullable(), costMicroUsd: z.number().int().nullable() }),
    failureType: z.string().nullable().meta({ description: 'NoFixAvailable, InvalidPatch, Provider…, or ValidationFailed for a rejected fix' }),
    failureReason: z.string().nullable(),
    validation: orNull(ZFixValidation),
    pullRequest: z.object({ branch: z.string(), url: z.string().nullable(), number: z.number().int().nullable() }).nullable(),
    applied: z.object({ at: ZInstant, by: z.string().nullable() }).nullable(),
    workflowId: z.string(),
    finding: z
      .object({ ruleId: z.string(), path: z.string(), startLine: z.number().int(), severity: ZSeverity })
      .optional()
      .meta({ description: 'The fixed finding; absent in the answer of POST /api/fixes/generate/{findingId}' }),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    generatedAt: ZInstant.nullable(),
    validatedAt: ZInstant.nullable(),
    prOpenedAt: ZInstant.nullable(),
    closedAt: ZInstant.nullable(),
  })
  .meta({ id: 'Fix' });

export const ZFixPage = z
  .object({ items: z.array(ZFix), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'FixPage' });

export const ZFindingFixes = z.object({ finding: ZFinding, fixes: z.array(ZFix) }).meta({ id: 'FindingFixes' });

export const ZCreatePullRequestResult = z.object({ fix: ZFix, workflowId: z.string(), branch: z.string() }).meta({ id: 'CreatePullRequestResult' });

export const ZBatchPullRequestResult = z
  .object({ workflowId: z.string(), branch: z.string(), fixIds: z.array(z.string()) })
  .meta({ id: 'BatchPullRequestResult' });

const ZAiKeyStatus = z
  .object({
    provider: ZAiProvider,
    configured: z.boolean(),
    source: z.enum(['workspace', 'environment']).nullable().meta({ description: 'The workspace’s own (encrypted) key, or the operator’s environment' }),
    model: z.string(),
    updatedAt: ZInstant.nullable().meta({ description: 'When the workspace key was last set; null without one' }),
  })
  .meta({ id: 'AiKeyStatus' });

export const ZAiKeys = z.object({ providers: z.array(ZAiKeyStatus) }).meta({ id: 'AiKeys' });

export const ZAiKeySet = z
  .object({ provider: ZAiProvider, configured: z.literal(true), source: z.literal('workspace'), updatedAt: ZInstant })
  .meta({ id: 'AiKeySet' });
