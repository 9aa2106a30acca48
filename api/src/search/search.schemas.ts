import { z } from 'zod';
import { ZInstant } from '../openapi/schemas';

// Response shapes of the search routes. Highlights are runs of text with a match flag, never markup: the portal
// renders them as text, so nothing a finding or commit message contains can become HTML.

const ZSegment = z.object({ text: z.string(), match: z.boolean() }).meta({ id: 'SearchSegment' });
const ZSegments = z.array(ZSegment);

const ZSearchResultType = z.enum(['repository', 'run', 'finding', 'fix', 'member', 'team', 'ticket']).meta({ id: 'SearchResultType' });

const ZSearchHit = z
  .object({
    type: ZSearchResultType,
    id: z.string(),
    title: z.string(),
    subtitle: z.string(),
    body: z.string().meta({ description: 'A short excerpt (the finding message, the run error, the fix explanation …)' }),
    url: z.string().meta({ description: 'Where the portal shows it' }),
    repositoryId: z.string().nullable(),
    repositoryName: z.string().nullable(),
    runId: z.string().nullable(),
    status: z.string().nullable(),
    severity: z.string().nullable(),
    category: z.string().nullable(),
    createdAt: ZInstant,
    runCount: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Findings: one hit per finding (repository and fingerprint), its latest run’s occurrence; this counts the matching runs it appears in. Null for other types.' }),
    highlights: z.object({ title: ZSegments, body: ZSegments }),
  })
  .meta({ id: 'SearchHit' });

const ZBackend = z.enum(['postgres', 'typesense']).meta({ description: 'Which backend answered (Typesense falls back to Postgres when unreachable)' });

export const ZSearchPage = z
  .object({ items: z.array(ZSearchHit), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), backend: ZBackend })
  .meta({ id: 'SearchPage' });

export const ZSearchGroups = z
  .object({
    q: z.string(),
    total: z.number().int(),
    groups: z.array(z.object({ type: ZSearchResultType, total: z.number().int(), items: z.array(ZSearchHit) })),
    didYouMean: z.string().nullable().meta({ description: 'A close term of the workspace when nothing matched' }),
    backend: ZBackend,
  })
  .meta({ id: 'SearchGroups' });

const ZCodeLine = z.object({ number: z.number().int(), segments: ZSegments }).meta({ id: 'CodeLine' });

const ZCodeHit = z
  .object({
    repositoryId: z.string(),
    repositoryName: z.string(),
    runId: z.string(),
    path: z.string(),
    language: z.string().nullable(),
    url: z.string(),
    matchCount: z.number().int().meta({ description: 'Matching lines in the file' }),
    matches: z.array(z.object({ line: z.number().int(), lines: z.array(ZCodeLine) })).meta({ description: 'The first matching lines, each with a few lines of context' }),
  })
  .meta({ id: 'CodeHit' });

export const ZCodeSearchPage = z
  .object({ items: z.array(ZCodeHit), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'CodeSearchPage' });

export const ZSuggestions = z
  .object({ items: z.array(z.object({ text: z.string(), kind: z.enum(['repository', 'rule', 'recent']) })) })
  .meta({ id: 'SearchSuggestions' });

export const ZSearchHistory = z
  .object({ items: z.array(z.object({ query: z.string(), times: z.number().int(), lastSearchedAt: ZInstant })) })
  .meta({ id: 'SearchHistory' });

export const ZSavedSearchFilters = z
  .object({
    status: z.string().max(40).optional(),
    owner_id: z.uuid().optional(),
    date_from: z.string().max(40).optional(),
    date_to: z.string().max(40).optional(),
    severity: z.string().max(200).optional(),
    category: z.string().max(200).optional(),
    repository_id: z.uuid().optional(),
  })
  .strict()
  .meta({ id: 'SavedSearchFilters' });

export const ZSavedSearch = z
  .object({ id: z.string(), name: z.string(), q: z.string(), scope: z.string(), filters: ZSavedSearchFilters, createdAt: ZInstant, updatedAt: ZInstant })
  .meta({ id: 'SavedSearch' });

export const ZStaffSearchHit = z
  .object({
    type: z.enum(['user', 'workspace', 'subscription', 'invoice', 'ticket']),
    id: z.string(),
    title: z.string(),
    subtitle: z.string(),
    url: z.string().meta({ description: 'Where the console shows it' }),
    createdAt: ZInstant,
    highlights: z.object({ title: ZSegments, subtitle: ZSegments }),
  })
  .meta({ id: 'StaffSearchHit' });
