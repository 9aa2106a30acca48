import { z } from 'zod';
import { orNull, ZInstant } from '../openapi/schemas';

// Response shape of the repository analysis settings routes (repository-settings.routes.ts).

const limit = z.number().int().nullable().meta({ description: 'Max new findings before the gate fails; null = no limit' });

const ZRepositoryGateLimits = z
  .object({ critical: limit, high: limit, medium: limit, low: limit, secrets: limit.meta({ description: 'Max new secrets (any severity); null = no limit' }) })
  .meta({ id: 'RepositoryGateLimits' });

const ZArgusYmlSeen = z
  .object({
    file: z.string(),
    commitSha: z.string().nullable(),
    seenAt: ZInstant,
    gate: orNull(ZRepositoryGateLimits.partial()).meta({ description: 'The gate the file sets (it replaces the portal gate), or null when it sets none' }),
    rules: z.record(z.string(), z.string()).meta({ description: 'Rule settings in the file (off or a severity); they win over the portal' }),
  })
  .meta({ id: 'ArgusYmlSeen' });

export const ZRepositoryAnalysisSettings = z
  .object({
    repositoryId: z.string(),
    gate: ZRepositoryGateLimits.meta({ description: 'The gate set in the portal (defaults where nobody set a value)' }),
    gateSource: z.enum(['portal', 'default', 'argus.yml']).meta({ description: 'Where the gate of the next analysis comes from' }),
    rulesOff: z.array(z.string()).meta({ description: 'Rule ids turned off in the portal' }),
    argusYml: orNull(ZArgusYmlSeen).meta({ description: 'What the newest analysis found in .argus.yml; null before the first analysis or without a file' }),
    canEdit: z.boolean().meta({ description: 'Whether the caller may change the settings (workspace admins)' }),
    updatedAt: ZInstant.nullable(),
  })
  .meta({ id: 'RepositoryAnalysisSettings' });
