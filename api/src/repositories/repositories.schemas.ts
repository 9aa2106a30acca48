import { z } from 'zod';
import { orNull, ZInstant } from '../openapi/schemas';
import { ZRunStatus } from '../runs/runs.schemas';

// Response shapes of the repositories routes, as publicRepository (repositories.service.ts) builds them.

const ZRepositoryLastRun = z
  .object({
    id: z.string(),
    status: ZRunStatus,
    gatePassed: z.boolean().nullable().meta({ description: 'null until the run has a gate' }),
    createdAt: ZInstant,
  })
  .meta({ id: 'RepositoryLastRun' });

export const ZRepository = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    provider: z.enum(['github', 'git']),
    fullName: z.string(),
    cloneUrl: z.string(),
    defaultBranch: z.string(),
    hasCredential: z.boolean(),
    analysisSchedule: z.string().nullable().meta({ description: 'Five-field cron expression, or null for none' }),
    createdAt: ZInstant,
    lastRun: orNull(ZRepositoryLastRun).meta({ description: 'The newest run; only the list fills it in, single-repository answers carry null' }),
  })
  .meta({ id: 'Repository' });

export const ZRepositoryPage = z
  .object({ items: z.array(ZRepository), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'RepositoryPage' });

export const ZAnalysisStarted = z.object({ runId: z.string(), workflowId: z.string() }).meta({ id: 'AnalysisStarted' });
