import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '@argus/workflows/contract';
import { defineRoute } from '../http/route';
import { recordActivity } from '../audit/activity-log';
import { resolveScope, scopeQuery } from './analytics-scope';
import {
  ZAnalyticsDashboard,
  ZAnalyticsProjects,
  ZAnalyticsTimeline,
  ZIssueCategories,
  ZIssueSeverity,
  ZRepositoryHealth,
  ZRuleFindings,
  ZRuleGroupsPage,
  ZRunStats,
  ZTopIssues,
} from './analytics.schemas';
import { dashboard, issueCategories, issueSeverity, projects, repositoryHealth, ruleFindings, ruleGroups, runStats, streamAnalyticsCsv, timeline, topIssues } from './analytics.service';

const tags = ['analytics'];
const scopeDescription = 'Window: the last `days` days (30 by default) or `from`/`to`; scope: `workspaceId`, `repositoryId` (or `repository_id`), or every workspace you belong to.';

export const analyticsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/analytics/runs/stats',
    summary: `Runs in the window: summary and daily breakdown. ${scopeDescription}`,
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'run statistics', schema: ZRunStats } },
    handler: async ({ deps, auth, query }) => runStats(deps, await resolveScope(deps, auth, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/issues/categories',
    summary: 'Open findings by category now, and reported per day in the window',
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'findings by category', schema: ZIssueCategories } },
    handler: async ({ deps, auth, query }) => issueCategories(deps, await resolveScope(deps, auth, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/issues/severity',
    summary: 'Open findings by severity each day of the window (for a stacked chart), and reported ones',
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'findings by severity', schema: ZIssueSeverity } },
    handler: async ({ deps, auth, query }) => issueSeverity(deps, await resolveScope(deps, auth, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/repository-health',
    summary: 'Health score 0–100 with ratings A–E and their drivers, the new-code score, the trend and its history',
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'the health of a repository (or of the whole scope)', schema: ZRepositoryHealth } },
    handler: async ({ deps, auth, query }) => repositoryHealth(deps, await resolveScope(deps, auth, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/top-issues',
    summary: 'The most common open rules across the latest runs of the scope’s repositories',
    tags,
    auth: 'user',
    query: z.object({ ...scopeQuery, limit: z.coerce.number().int().min(1).max(100).default(10) }),
    responses: { 200: { description: 'rules, most frequent first', schema: ZTopIssues } },
    handler: async ({ deps, auth, query }) => topIssues(deps, await resolveScope(deps, auth, query), query.limit),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/issues/rules',
    summary: 'The issue browser: open findings grouped by rule across the scope’s latest runs, paginated',
    tags,
    auth: 'user',
    query: z.object({
      ...scopeQuery,
      severity: z.enum(SEVERITIES).optional(),
      category: z.enum(CATEGORIES).optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(25),
    }),
    responses: { 200: { description: 'a page of rules', schema: ZRuleGroupsPage } },
    handler: async ({ deps, auth, query }) => ruleGroups(deps, await resolveScope(deps, auth, query), query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/issues/rule-findings',
    summary: 'Where one rule’s open findings are in the scope’s latest runs, with when each was first seen',
    tags,
    auth: 'user',
    query: z.object({ ...scopeQuery, ruleId: z.string().min(1).max(200), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    responses: { 200: { description: 'findings of the rule', schema: ZRuleFindings } },
    handler: async ({ deps, auth, query }) => ruleFindings(deps, await resolveScope(deps, auth, query), query.ruleId, query.limit),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/dashboard',
    summary: 'KPI cards with deltas against the previous window, the health score and what people did',
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'the analytics dashboard', schema: ZAnalyticsDashboard } },
    handler: async ({ deps, auth, query }) => dashboard(deps, await resolveScope(deps, auth, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/projects',
    summary: 'Per repository: health, ratings, trend and activity in the window',
    tags,
    auth: 'user',
    query: z.object({
      ...scopeQuery,
      sort: z.enum(['name', 'health', 'trend']).default('name'),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(25),
    }),
    responses: { 200: { description: 'a page of repositories', schema: ZAnalyticsProjects } },
    handler: async ({ deps, auth, query }) => projects(deps, await resolveScope(deps, auth, query), query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/timeline',
    summary: 'Every day of the window (30 by default): runs, findings, fixes, health; and the latest events',
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'the timeline', schema: ZAnalyticsTimeline } },
    handler: async ({ deps, auth, query }) => timeline(deps, await resolveScope(deps, auth, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/analytics/export',
    summary: 'The window’s rollups as CSV (a row per repository and day), streamed; cells are guarded against formula injection',
    tags,
    auth: 'user',
    query: z.object(scopeQuery),
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    handler: async ({ deps, req, res, auth, query }) => {
      const scope = await resolveScope(deps, auth, query);
      // Audited (and counted as an export) before the first byte goes out, so no download escapes the log.
      await recordActivity(deps.knex, req, {
        workspaceId: scope.workspaceIds.length === 1 ? scope.workspaceIds[0] : null,
        action: 'analytics.exported',
        resourceType: scope.repositoryId ? 'repository' : 'workspace',
        resourceId: scope.repositoryId ?? (scope.workspaceIds.length === 1 ? scope.workspaceIds[0] : null),
        after: { from: scope.from, to: scope.to, workspaces: scope.workspaceIds.length },
      });
      await streamAnalyticsCsv(deps, res, scope);
    },
  }),
];
