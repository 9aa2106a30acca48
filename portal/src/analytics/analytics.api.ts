import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, downloadFile } from '../api/client';
import type { ResponseBody } from '../api/schema.gen';

export type IssueCategories = ResponseBody<'/api/analytics/issues/categories', 'get'>;
export type IssueSeverity = ResponseBody<'/api/analytics/issues/severity', 'get'>;
export type RepositoryHealth = ResponseBody<'/api/analytics/repository-health', 'get'>;
export type HealthScore = RepositoryHealth['health'];
export type HealthTrend = RepositoryHealth['trend'];
export type TopIssues = ResponseBody<'/api/analytics/top-issues', 'get'>;
export type RuleGroupsPage = ResponseBody<'/api/analytics/issues/rules', 'get'>;
export type RuleFindings = ResponseBody<'/api/analytics/issues/rule-findings', 'get'>;
export type AnalyticsDashboard = ResponseBody<'/api/analytics/dashboard', 'get'>;
export type Kpi = AnalyticsDashboard['kpis'][number];
export type AnalyticsProjects = ResponseBody<'/api/analytics/projects', 'get'>;
export type AnalyticsTimeline = ResponseBody<'/api/analytics/timeline', 'get'>;

/** The window and scope every analytics request takes: the last `days` days, or from/to; a workspace or one repository. */
export interface AnalyticsScope {
  workspaceId?: string;
  repositoryId?: string;
  days?: number;
  from?: string;
  to?: string;
}

const key = (name: string, scope: AnalyticsScope, extra: object = {}) => ['analytics', name, scope, extra] as const;

function useAnalytics<T>(name: string, path: string, scope: AnalyticsScope, extra: Record<string, string | number | undefined> = {}, enabled = true) {
  return useQuery({
    queryKey: key(name, scope, extra),
    queryFn: () => api<T>(path, { query: { ...scope, ...extra } }),
    enabled: enabled && Boolean(scope.workspaceId || scope.repositoryId),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export const useDashboard = (scope: AnalyticsScope) => useAnalytics<AnalyticsDashboard>('dashboard', '/api/analytics/dashboard', scope);
export const useIssueCategories = (scope: AnalyticsScope) => useAnalytics<IssueCategories>('categories', '/api/analytics/issues/categories', scope);
export const useIssueSeverity = (scope: AnalyticsScope) => useAnalytics<IssueSeverity>('severity', '/api/analytics/issues/severity', scope);
export const useRepositoryHealth = (scope: AnalyticsScope) => useAnalytics<RepositoryHealth>('health', '/api/analytics/repository-health', scope);
export const useTopIssues = (scope: AnalyticsScope) => useAnalytics<TopIssues>('top', '/api/analytics/top-issues', scope, { limit: 10 });
export const useTimeline = (scope: AnalyticsScope) => useAnalytics<AnalyticsTimeline>('timeline', '/api/analytics/timeline', scope);
export const useProjects = (scope: AnalyticsScope, params: { page: number; pageSize: number; sort: 'name' | 'health' | 'trend' }) =>
  useAnalytics<AnalyticsProjects>('projects', '/api/analytics/projects', scope, params);
export const useRuleGroups = (scope: AnalyticsScope, params: { page: number; pageSize: number; severity?: string; category?: string }) =>
  useAnalytics<RuleGroupsPage>('rules', '/api/analytics/issues/rules', scope, params);
export const useRuleFindings = (scope: AnalyticsScope, ruleId: string | null) =>
  useAnalytics<RuleFindings>('rule-findings', '/api/analytics/issues/rule-findings', scope, { ruleId: ruleId ?? undefined }, Boolean(ruleId));

export function downloadAnalyticsCsv(scope: AnalyticsScope) {
  return downloadFile('/api/analytics/export', { query: { ...scope }, filename: 'argus-analytics.csv' });
}
