import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Category, RuleDoc, RuleLanguage, RulesPage, Severity } from '../api/types';

export interface RuleFilters {
  language?: RuleLanguage;
  category?: Category;
  severity?: Severity;
  q?: string;
}

export const RULES_PAGE_SIZE = 50;

const ruleKeys = {
  list: (filters: RuleFilters, page: number) => ['rules', 'list', { ...filters, page }] as const,
  doc: (id: string) => ['rules', 'doc', id] as const,
};

export function useRules(filters: RuleFilters, page: number) {
  return useQuery({
    queryKey: ruleKeys.list(filters, page),
    queryFn: () => api<RulesPage>('/api/rules', { query: { ...filters, page, pageSize: RULES_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    staleTime: 60 * 60 * 1000,
  });
}

/** A rule's documentation; rules of imported SARIF have none (404), which the finding view shows as such. */
export function useRuleDoc(ruleId: string) {
  return useQuery({
    queryKey: ruleKeys.doc(ruleId),
    queryFn: () => api<RuleDoc>('/api/rules/doc', { query: { id: ruleId } }),
    staleTime: 60 * 60 * 1000,
    retry: false,
  });
}
