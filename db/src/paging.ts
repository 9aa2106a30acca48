import type { Knex } from 'knex';

// Shared helpers for the ops console's listings (ra-data-simple-rest: sort, range, filter, Content-Range total).

/** One page of a console listing. `sortColumn` must be one of the listing's whitelisted expressions. */
export interface PageRequest {
  sortColumn: string;
  sortOrder: 'asc' | 'desc';
  start: number;
  limit: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** Sortable field (as the console names it) → SQL expression. */
export type SortColumns = Readonly<Record<string, string>>;

/** Escapes LIKE wildcards so a search for "50%_off" matches literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** from / to: bare dates cover whole days (UTC), instants are inclusive. */
export function whereTimeRange(query: Knex.QueryBuilder, column: string, from?: string, to?: string): void {
  if (from) query.where(column, '>=', new Date(from.length === 10 ? `${from}T00:00:00Z` : from));
  if (to) {
    if (to.length === 10) query.where(column, '<', new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000));
    else query.where(column, '<=', new Date(to));
  }
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * Runs the page and the count of one filtered query. Orders with a tie-breaker so pages never overlap. The sort
 * expression is interpolated into SQL, so it must be one of `sortable`'s values, never a client's text.
 */
export async function fetchPage<T>(
  query: Knex.QueryBuilder,
  page: PageRequest,
  sortable: SortColumns,
  select: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  tieBreaker: string,
): Promise<Page<T>> {
  if (!Object.values(sortable).includes(page.sortColumn)) throw new Error(`not a sortable column: ${page.sortColumn}`);
  const order = page.sortOrder === 'desc' ? 'desc' : 'asc';
  const [countRow, rows] = await Promise.all([
    query.clone().clearSelect().clearOrder().count('* as total').first(),
    select(query.clone())
      .orderByRaw(`${page.sortColumn} ${order} nulls last, ${tieBreaker} ${order}`)
      .offset(page.start)
      .limit(page.limit),
  ]);
  return { rows: rows as T[], total: Number((countRow as { total?: number } | undefined)?.total ?? 0) };
}
