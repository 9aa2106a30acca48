import { z } from 'zod';
import { CATEGORIES, FIX_STATUSES, RUN_STATUSES, SEVERITIES } from '@argus/workflows/contract';
import { TICKET_STATUSES, type SearchFilters, type SearchType } from '@argus/db';

// Query parameters of the search routes (seed 004's names: q, type, status, owner_id, date_from, date_to, limit,
// offset; plus severity, category, repository_id, run_id). Each filter applies to some document types only; asking
// for one where it cannot apply is a 400 that says so, rather than a filter silently ignored.

export const RESULT_TYPES = ['repository', 'run', 'finding', 'fix', 'member', 'team', 'ticket'] as const satisfies readonly SearchType[];

const ROLES = ['admin', 'developer', 'viewer'] as const;

const STATUSES: Record<SearchType, readonly string[]> = {
  repository: [],
  run: RUN_STATUSES,
  finding: ['open', 'false_positive', 'wont_fix', 'accepted', 'suppressed'],
  fix: FIX_STATUSES,
  member: ROLES,
  // A team member's role (a team itself has none).
  team: ROLES,
  ticket: TICKET_STATUSES,
};

const PLURAL: Record<SearchType, string> = { repository: 'repositories', run: 'runs', finding: 'findings', fix: 'fixes', member: 'members', team: 'teams', ticket: 'tickets' };

/** Which types each filter means something for. */
const APPLIES: Record<'owner_id' | 'severity' | 'category' | 'repository_id' | 'run_id', readonly SearchType[]> = {
  owner_id: ['run', 'fix', 'ticket'],
  severity: ['finding', 'fix'],
  category: ['finding', 'fix'],
  repository_id: ['repository', 'run', 'finding', 'fix'],
  run_id: ['finding', 'fix'],
};

const list = (types: readonly SearchType[]) => {
  const words = types.map((t) => PLURAL[t]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
};

const csv = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .max(200)
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values, { error: () => `must be a comma-separated list of ${what}: ${values.join(', ')}` })))
    .optional();

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZDate = z
  .string()
  .trim()
  .refine((s) => (DATE.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success) && !Number.isNaN(Date.parse(s)), 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time')
  .optional();

const common = {
  workspace_id: z.uuid({ error: 'must be the id of one of your workspaces' }),
  q: z.string().trim().max(200).default(''),
  status: z.string().trim().min(1).max(40).optional(),
  owner_id: z.uuid().optional(),
  date_from: ZDate,
  date_to: ZDate,
  severity: csv(SEVERITIES, 'severities'),
  category: csv(CATEGORIES, 'categories'),
  repository_id: z.uuid().optional(),
  run_id: z.uuid().optional(),
  offset: z.coerce.number().int().min(0).max(10_000, 'must be 10000 or less: narrow the search instead of paging that far').default(0),
};

type CommonQuery = z.infer<z.ZodObject<typeof common>>;

/** Checks that every filter given applies to every type searched, that the status exists for them, and the dates. */
function checkCombination(query: CommonQuery, types: readonly SearchType[], ctx: z.RefinementCtx, explicit: boolean) {
  for (const [param, applies] of Object.entries(APPLIES) as [keyof typeof APPLIES, readonly SearchType[]][]) {
    const value = query[param];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const misfits = types.filter((t) => !applies.includes(t));
    if (misfits.length) {
      ctx.addIssue({
        code: 'custom',
        path: [param],
        message: `applies only to ${list(applies)}, not to ${list(misfits)}${explicit ? '' : '; search one of those types'}`,
      });
    }
  }
  if (query.status !== undefined) {
    const misfits = types.filter((t) => !STATUSES[t].includes(query.status!));
    if (misfits.length) {
      const valid = types.length === 1 ? STATUSES[types[0]!] : [];
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: valid.length
          ? `must be one of ${valid.join(', ')} for ${PLURAL[types[0]!]}`
          : types.length === 1
            ? `does not apply to ${PLURAL[types[0]!]}`
            : `means something different for ${list(types)}: pick one type to filter by status`,
      });
    }
  }
  if (query.date_from && query.date_to && toRange(query.date_from, 'from')! >= toRange(query.date_to, 'to')!) {
    ctx.addIssue({ code: 'custom', path: ['date_to'], message: 'must be after the start date (date_from)' });
  }
}

function toRange(value: string | undefined, end: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  if (DATE.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    // A bare date_to covers that whole day.
    return end === 'to' ? new Date(day.getTime() + 86_400_000) : day;
  }
  const instant = new Date(value);
  return end === 'to' ? new Date(instant.getTime() + 1) : instant;
}

export function toSearchFilters(workspaceId: string, query: CommonQuery & { limit: number }): SearchFilters {
  return {
    workspaceId,
    q: query.q,
    status: query.status,
    ownerId: query.owner_id,
    dateFrom: toRange(query.date_from, 'from'),
    dateTo: toRange(query.date_to, 'to'),
    severity: query.severity,
    category: query.category,
    repositoryId: query.repository_id,
    runId: query.run_id,
    limit: query.limit,
    offset: query.offset,
  };
}

/** One type's endpoint (/api/search/findings …). */
export function typeQuery(type: SearchType) {
  return z.object({ ...common, limit: z.coerce.number().int().min(1).max(100).default(20) }).superRefine((query, ctx) => checkCombination(query, [type], ctx, true));
}

/** The grouped search: `type` picks the groups; a filter given without `type` narrows to the types it applies to. */
export const ZGroupedQuery = z
  .object({
    ...common,
    q: z.string().trim().min(1, 'must not be empty: type something to search for').max(200),
    type: csv(RESULT_TYPES, 'result types'),
    limit: z.coerce.number().int().min(1).max(20).default(5).meta({ description: 'Results per group' }),
    record: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(true)
      .meta({ description: 'Add the query to the recent searches (the palette passes false while the user is typing)' }),
  })
  .superRefine((query, ctx) => {
    checkCombination(query, groupTypes(query), ctx, Boolean(query.type?.length));
    if (query.offset > 0) ctx.addIssue({ code: 'custom', path: ['offset'], message: 'pages one type at a time: use /api/search/<type> with offset' });
  });

/** The groups a grouped search covers: `type`, or every type the given filters apply to. */
export function groupTypes(query: CommonQuery & { type?: SearchType[] }): SearchType[] {
  if (query.type?.length) return query.type;
  let types: SearchType[] = [...RESULT_TYPES];
  for (const [param, applies] of Object.entries(APPLIES) as [keyof typeof APPLIES, readonly SearchType[]][]) {
    const value = query[param];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) types = types.filter((t) => applies.includes(t));
  }
  if (query.status !== undefined) {
    const fitting = types.filter((t) => STATUSES[t].includes(query.status!));
    // One type, or types where the status means the same (a role, for members and teams).
    if (fitting.length && fitting.every((t) => STATUSES[t] === STATUSES[fitting[0]!])) types = fitting;
  }
  return types;
}

export const ZCodeQuery = z.object({
  workspace_id: common.workspace_id,
  q: z.string().min(3, 'must be at least 3 characters for code search').max(200).refine((q) => !/[\r\n]/.test(q), 'must be on one line'),
  mode: z.enum(['literal', 'word']).default('literal').meta({ description: 'literal: the exact text; word: whole words' }),
  repository_id: z.uuid().optional(),
  language: z.string().trim().min(1).max(40).optional(),
  path: z.string().trim().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: common.offset,
}).superRefine((query, ctx) => {
  if (query.mode === 'word' && !/^[\p{L}\p{N}_]+$/u.test(query.q)) {
    ctx.addIssue({ code: 'custom', path: ['q'], message: 'must be one word (letters, digits, underscores) with mode=word; use mode=literal for other text' });
  }
});

export const ZSuggestQuery = z.object({
  workspace_id: common.workspace_id,
  q: z.string().trim().min(1, 'must not be empty').max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
