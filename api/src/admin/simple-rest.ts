import type { Response } from 'express';
import { z } from 'zod';
import type { Page, SortColumns } from '@argus/db';
import { NotFoundError, RequestValidationError, zodIssuesToErrors } from '../http/errors';

/**
 * ra-data-simple-rest list conventions:
 *   GET /api/admin/<resource>?sort=["field","ASC"]&range=[0,24]&filter={"q":"x"}
 * answers a JSON array plus `Content-Range: <resource> <start>-<end>/<total>`.
 */
const MAX_PAGE_SIZE = 100;
const DEFAULT_RANGE: [number, number] = [0, 24];

/** The query as it reaches the route: three JSON-encoded strings (documented in OpenAPI). */
export const ZSimpleRestQuery = z.object({
  sort: z.string().optional().describe('JSON ["field","ASC"|"DESC"]'),
  range: z.string().optional().describe('JSON [start, end], inclusive, at most 100 rows'),
  filter: z.string().optional().describe('JSON object of filters'),
});

export interface ListParams<F> {
  /** A SQL column expression from the resource's whitelist, never the client's text. */
  sortColumn: string;
  sortOrder: 'asc' | 'desc';
  start: number;
  limit: number;
  filter: F;
}

export interface ListOptions<F> {
  /** Sortable field (as the client names it) → column expression (the listing's, from @argus/db). Anything else is refused with 400. */
  sortable: SortColumns;
  defaultSort: [string, 'ASC' | 'DESC'];
  /** Validates the parsed filter object; use `.strict()` so unknown filters are refused, not ignored. */
  filter: z.ZodType<F>;
}

function bad(path: string, message: string): never {
  throw new RequestValidationError([{ path: `query.${path}`, message }]);
}

function parseJson(raw: unknown, path: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') bad(path, 'must be given once, as JSON');
  try {
    return JSON.parse(raw);
  } catch {
    bad(path, 'is not valid JSON');
  }
}

export function parseListParams<F>(query: Record<string, unknown>, options: ListOptions<F>): ListParams<F> {
  const sort = parseJson(query.sort, 'sort') ?? options.defaultSort;
  if (!Array.isArray(sort) || sort.length !== 2 || typeof sort[0] !== 'string' || typeof sort[1] !== 'string') {
    bad('sort', 'must be ["field","ASC"|"DESC"]');
  }
  const [field, order] = sort as [string, string];
  if (!Object.hasOwn(options.sortable, field)) bad('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(options.sortable).join(', ')}`);
  if (!/^(asc|desc)$/i.test(order)) bad('sort', 'order must be "ASC" or "DESC"');

  const range = parseJson(query.range, 'range') ?? DEFAULT_RANGE;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isSafeInteger(n) && n >= 0) || range[0] > range[1]) {
    bad('range', 'must be [start, end] with 0 <= start <= end');
  }
  const [start, end] = range as [number, number];

  const rawFilter = parseJson(query.filter, 'filter') ?? {};
  if (typeof rawFilter !== 'object' || rawFilter === null || Array.isArray(rawFilter)) bad('filter', 'must be a JSON object');
  // react-admin drops empty inputs, but be lenient with a stray null / "".
  const cleaned = Object.fromEntries(Object.entries(rawFilter as Record<string, unknown>).filter(([, v]) => v !== null && v !== ''));
  const parsed = options.filter.safeParse(cleaned);
  if (!parsed.success) throw new RequestValidationError(zodIssuesToErrors(parsed.error, 'query.filter'));

  return {
    sortColumn: options.sortable[field]!,
    sortOrder: order.toLowerCase() as 'asc' | 'desc',
    start,
    limit: Math.min(end - start + 1, MAX_PAGE_SIZE),
    filter: parsed.data,
  };
}

/**
 * Answers one page of a listing (from @argus/db's list functions, which order with a tie-breaker so pages never
 * overlap): sets Content-Range and returns the mapped rows.
 */
export function sendList<R, T>(res: Response, resource: string, params: ListParams<unknown>, page: Page<R>, map: (row: R) => T): T[] {
  const items = page.rows.map(map);
  res.setHeader('Content-Range', items.length ? `${resource} ${params.start}-${params.start + items.length - 1}/${page.total}` : `${resource} */${page.total}`);
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
  return items;
}

/** Optional id filter that react-admin's getMany sends: {"id": [..]} or a single id. */
export function idFilter<T extends z.ZodType>(id: T) {
  return z.union([id, z.array(id).max(MAX_PAGE_SIZE)]).optional();
}

// ----- shared by the console resources (admin/users, admin/audit-logs, admin/system-logs, admin/outbox) -----

export const ZUuid = z.uuid();
/** A bigint id (audit and system log entries), as a number or its decimal text. */
export const ZBigId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/)]).transform(String);
export const ZInstantFilter = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO date or date-time' });
export const ZIdParams = z.object({ id: z.string() });
export const ZText = z.string().trim().min(1).max(200);

export const notFound = (what: string) => new NotFoundError(`No ${what} with that id.`);
export const bigIdOrNotFound = (id: string, what: string) => {
  if (!/^\d{1,18}$/.test(id)) throw notFound(what);
  return id;
};

export const listResponses = (schema: z.ZodType, resource: string) => ({
  200: { description: `a page of ${resource}; Content-Range: ${resource} <start>-<end>/<total>`, schema: z.array(schema) },
  400: { description: 'bad sort, range or filter' },
});
