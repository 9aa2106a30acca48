import { z } from 'zod';
import { CATEGORIES, RUN_STATUSES, RUN_TRIGGERS, SEVERITIES } from '@argus/workflows/contract';
import { orNull, ZInstant } from '../openapi/schemas';

// Response shapes of the runs routes, as publicRun (runs.service.ts) builds them. Named schemas (`.meta({ id })`)
// become components of the OpenAPI document and, through it, the browser's types. Dates are ISO strings in JSON.

/** An object with one integer count per key, every key present (what `summarize` builds). */
const counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

export const ZRunStatus = z.enum(RUN_STATUSES).meta({ id: 'RunStatus' });
const ZRunTrigger = z.enum(RUN_TRIGGERS).meta({ id: 'RunTrigger' });
export const ZSeverity = z.enum(SEVERITIES).meta({ id: 'Severity', description: 'Most severe first.' });
export const ZCategory = z.enum(CATEGORIES).meta({ id: 'Category' });

/** What the worker writes while a run is in flight (activities/src/analysis.ts); every field is optional. */
const ZRunProgress = z
  .object({
    phase: z.string().optional().meta({ description: 'waiting, cloning, analyzing, reporting, done, failed or cancelled' }),
    filesDone: z.number().int().optional(),
    filesTotal: z.number().int().optional(),
    detail: z.string().optional(),
    languages: z.record(z.string(), z.number().int()).optional().meta({ description: 'Files per language' }),
    skipped: z.number().int().optional().meta({ description: 'How many files discovery skipped (vendored, generated, binary, too large)' }),
  })
  .meta({ id: 'RunProgress' });

const ZRunSummary = z
  .object({
    total: z.number().int(),
    open: z.number().int(),
    new: z.number().int(),
    suppressed: z.number().int(),
    triaged: z.number().int(),
    bySeverity: counts(SEVERITIES),
    byCategory: counts(CATEGORIES),
    newBySeverity: counts(SEVERITIES),
    outsideProduction: z.number().int().optional().meta({ description: 'Findings in test, example, docs and fixture files: listed under their own filter, counted nowhere else' }),
    newSecrets: z.number().int().optional().meta({ description: 'New open secrets in production code (the gate’s secrets limit)' }),
  })
  .meta({ id: 'RunSummary', description: 'Open findings of production code count toward bySeverity, byCategory and new; suppressed, triaged and non-production ones do not.' });

const ZGateCondition = z
  .object({
    severity: z.enum([...SEVERITIES, 'secrets']).meta({ description: 'The severity limited, or `secrets`: new committed secrets of any severity' }),
    maxNew: z.number().int(),
    actualNew: z.number().int(),
    passed: z.boolean(),
  })
  .meta({ id: 'GateCondition' });
const ZGate = z.object({ passed: z.boolean(), conditions: z.array(ZGateCondition) }).meta({ id: 'Gate' });

const ZConfigError = z
  .object({ path: z.string().meta({ description: 'Dotted path of the offending key in .argus.yml, or "" for the whole file' }), message: z.string() })
  .meta({ id: 'ConfigError' });

/** A run as the HTTP routes answer it: always with its repository's name (the WebSocket snapshot of one run leaves it out). */
export const ZRun = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    repositoryId: z.string(),
    repositoryName: z.string(),
    workflowId: z.string(),
    trigger: ZRunTrigger,
    ref: z.string().nullable(),
    commitSha: z.string().nullable(),
    baseSha: z.string().nullable(),
    pullRequestNumber: z.number().int().nullable(),
    status: ZRunStatus,
    progress: ZRunProgress,
    summary: orNull(ZRunSummary),
    gate: orNull(ZGate),
    configErrors: z.array(ZConfigError),
    isBaseline: z.boolean(),
    comparedToRunId: z.string().nullable(),
    analysisMode: z.enum(['full', 'incremental']).nullable().meta({ description: 'incremental: only the files a pull request changed (and their importers) were analyzed; the other findings were carried from carriedFromRunId.' }),
    filesAnalyzed: z.number().int().nullable(),
    filesChanged: z.number().int().nullable(),
    carriedFromRunId: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: ZInstant,
    startedAt: ZInstant.nullable(),
    finishedAt: ZInstant.nullable(),
  })
  .meta({ id: 'Run' });

export const ZRunPage = z
  .object({ items: z.array(ZRun), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'RunPage' });

export const ZRunCancelled = z.object({ status: z.literal('cancelling') });
