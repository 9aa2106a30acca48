import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Category, FileRole, FindingStatus, Severity } from '../api/types';
import { CATEGORIES, FINDING_STATUSES, SEVERITIES } from '../api/enums';
import type { FindingFilters } from './findings.api';

// Every filter lives in the URL query string, so a filtered view survives a reload and can be shared:
// ?severity=critical,high&category=security&rule=…&path=src/&status=open&new=true&page=2

function csv<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(','));
  return allowed.filter((v) => wanted.has(v)); // canonical order, unknown values dropped
}

/** ?code=test|example|docs|fixture|all; production code when absent. */
export const CODE_SCOPES: readonly (FileRole | 'all')[] = ['production', 'test', 'example', 'docs', 'fixture', 'all'];

export interface FindingFilterState {
  filters: FindingFilters;
  page: number;
  active: boolean;
  /** Applies changes to filters (page goes back to 1) or, with only `page`, turns the page. */
  update: (changes: Partial<FindingFilters> & { page?: number }) => void;
  clear: () => void;
}

export function useFindingFilters(): FindingFilterState {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<FindingFilters>(() => {
    const status = params.get('status');
    const isNew = params.get('new');
    return {
      severity: csv<Severity>(params.get('severity'), SEVERITIES),
      category: csv<Category>(params.get('category'), CATEGORIES),
      rule: params.get('rule') || undefined,
      path: params.get('path') || undefined,
      status: FINDING_STATUSES.includes(status as FindingStatus) ? (status as FindingStatus) : undefined,
      isNew: isNew === 'true' ? true : isNew === 'false' ? false : undefined,
      fileRole: CODE_SCOPES.includes(params.get('code') as FileRole | 'all') ? (params.get('code') as FileRole | 'all') : undefined,
    };
  }, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);

  const update = useCallback(
    (changes: Partial<FindingFilters> & { page?: number }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const set = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
          if ('severity' in changes) set('severity', changes.severity?.join(','));
          if ('category' in changes) set('category', changes.category?.join(','));
          if ('rule' in changes) set('rule', changes.rule);
          if ('path' in changes) set('path', changes.path);
          if ('status' in changes) set('status', changes.status);
          if ('isNew' in changes) set('new', changes.isNew === undefined ? undefined : String(changes.isNew));
          if ('fileRole' in changes) set('code', changes.fileRole === 'production' ? undefined : changes.fileRole);
          const onlyPage = Object.keys(changes).every((k) => k === 'page');
          set('page', onlyPage && changes.page && changes.page > 1 ? String(changes.page) : undefined);
          return next;
        },
        // Turning pages is navigation worth a history entry; tweaking filters is not.
        { replace: !Object.keys(changes).every((k) => k === 'page') },
      );
    },
    [setParams],
  );

  const clear = useCallback(
    () => update({ severity: [], category: [], rule: undefined, path: undefined, status: undefined, isNew: undefined, fileRole: undefined }),
    [update],
  );

  const active =
    filters.severity.length > 0 ||
    filters.category.length > 0 ||
    Boolean(filters.rule || filters.path || filters.status) ||
    filters.isNew !== undefined ||
    (filters.fileRole !== undefined && filters.fileRole !== 'production');

  return { filters, page, active, update, clear };
}
