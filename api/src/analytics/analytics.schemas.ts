import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '@argus/workflows/contract';
import { orNull, ZInstant } from '../openapi/schemas';

// Response shapes of the analytics routes. Days are 'YYYY-MM-DD' (UTC); counts are integers.

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = () => z.number().int();
const counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, int()])) as Record<K, z.ZodNumber>);

const ZAnalyticsRange = z
  .object({ from: ZDay, to: ZDay, days: int(), previousFrom: ZDay, previousTo: ZDay })
  .meta({ id: 'AnalyticsRange', description: 'The window asked for (both days included) and the window of the same length before it' });

const ZRating = z.enum(['A', 'B', 'C', 'D', 'E']).meta({ id: 'Rating' });
const ZDimensionRating = z.object({ rating: ZRating, score: int() });

const ZDriver = z
  .object({
    dimension: z.enum(['security', 'reliability', 'maintainability']),
    rating: ZRating,
    reason: z.string().meta({ description: 'Why the rating is what it is, e.g. "D because 2 high security findings in src/auth.ts"' }),
    severity: orNull(z.enum(SEVERITIES)),
    count: int(),
    files: z.array(z.object({ path: z.string(), repository: z.string().optional(), count: int() })),
  })
  .meta({ id: 'HealthDriver' });

const ZHealth = z
  .object({
    score: orNull(int()).meta({ description: '0–100; null before the first finished default-branch run' }),
    ratings: orNull(z.object({ security: ZDimensionRating, reliability: ZDimensionRating, maintainability: ZDimensionRating })),
    drivers: z.array(ZDriver),
    openFindings: int(),
    linesOfCode: orNull(int()),
    density: z.number().meta({ description: 'Open maintainability findings per 1,000 lines' }),
  })
  .meta({ id: 'HealthScore' });

const ZTrend = z
  .object({
    direction: z.enum(['improving', 'stable', 'needs_attention']),
    change: z.number().meta({ description: 'Points gained (or lost) over the window, by the least-squares slope' }),
    slopePerDay: z.number(),
    points: int(),
  })
  .meta({ id: 'HealthTrend' });

export const ZRunStats = z
  .object({
    range: ZAnalyticsRange,
    summary: z.object({
      totalRuns: int(),
      completed: int(),
      failed: int(),
      cancelled: int(),
      skipped: int(),
      successRate: z.number().meta({ description: 'Completed runs per finished run (completed, failed, cancelled), 0–100' }),
      totalIssues: int().meta({ description: 'Open findings reported by the window’s completed runs' }),
      averageIssuesPerRun: z.number(),
      newIssues: int(),
      fixedIssues: int(),
      averageRunSeconds: orNull(z.number()),
    }),
    dailyBreakdown: z.array(z.object({ day: ZDay, runs: int(), completed: int(), failed: int(), cancelled: int(), skipped: int(), issues: int(), newIssues: int(), fixedIssues: int() })),
  })
  .meta({ id: 'RunStats' });

export const ZIssueCategories = z
  .object({
    range: ZAnalyticsRange,
    categories: z.array(z.object({ category: z.enum(CATEGORIES), open: int(), found: int(), share: z.number().meta({ description: 'Share of open findings, 0–100' }) })),
    daily: z.array(z.object({ day: ZDay, found: counts(CATEGORIES) })),
  })
  .meta({ id: 'IssueCategories' });

export const ZIssueSeverity = z
  .object({
    range: ZAnalyticsRange,
    severities: z.array(z.object({ severity: z.enum(SEVERITIES), open: int(), found: int(), share: z.number() })),
    daily: z.array(z.object({ day: ZDay, open: counts(SEVERITIES), found: counts(SEVERITIES) })),
  })
  .meta({ id: 'IssueSeverity' });

export const ZRepositoryHealth = z
  .object({
    range: ZAnalyticsRange,
    repositoryId: orNull(z.string()),
    healthScore: orNull(int()),
    health: ZHealth,
    newCode: ZHealth.extend({ newFindings: int() }).meta({ id: 'NewCodeHealth', description: 'The same formula on the findings introduced in the window only' }),
    trend: ZTrend,
    history: z.array(z.object({ day: ZDay, score: orNull(int()) })),
    metrics: z.object({ successRate: z.number(), totalRuns: int(), totalIssues: int(), averageIssuesPerRun: z.number(), fixedIssues: int() }),
    lastAnalyzedAt: orNull(ZInstant),
  })
  .meta({ id: 'RepositoryHealth' });

const ZRuleGroup = z
  .object({
    ruleId: z.string(),
    tool: z.string(),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    count: int(),
    repositories: int(),
    files: int(),
    message: z.string(),
    sampleFindingId: z.string(),
  })
  .meta({ id: 'RuleGroup' });

export const ZTopIssues = z.object({ range: ZAnalyticsRange, items: z.array(ZRuleGroup) }).meta({ id: 'TopIssues' });

export const ZRuleGroupsPage = z
  .object({ items: z.array(ZRuleGroup), total: int(), page: int(), pageSize: int() })
  .meta({ id: 'RuleGroupsPage', description: 'Open findings of each repository’s latest default-branch run, grouped by rule' });

export const ZRuleFindings = z
  .object({
    items: z.array(z.object({ id: z.string(), runId: z.string(), path: z.string(), startLine: int(), severity: z.enum(SEVERITIES), message: z.string(), firstSeenAt: ZInstant })),
  })
  .meta({ id: 'RuleFindings' });

const ZKpi = z
  .object({
    key: z.string(),
    label: z.string(),
    value: orNull(z.number()),
    previous: orNull(z.number()),
    delta: orNull(z.number()).meta({ description: 'value − previous' }),
    unit: z.enum(['count', 'percent', 'seconds', 'score']),
    betterWhen: z.enum(['higher', 'lower']),
  })
  .meta({ id: 'Kpi' });

export const ZAnalyticsDashboard = z
  .object({
    range: ZAnalyticsRange,
    kpis: z.array(ZKpi),
    health: ZHealth,
    trend: ZTrend,
    events: z.record(z.string(), int()).meta({ description: 'What people did in the window, by event type' }),
  })
  .meta({ id: 'AnalyticsDashboard' });

export const ZAnalyticsProjects = z
  .object({
    range: ZAnalyticsRange,
    items: z.array(
      z.object({
        repositoryId: z.string(),
        workspaceId: z.string(),
        fullName: z.string(),
        healthScore: orNull(int()),
        ratings: orNull(z.object({ security: ZRating, reliability: ZRating, maintainability: ZRating })),
        topDriver: orNull(z.string()),
        trend: ZTrend,
        openFindings: int(),
        runs: int(),
        successRate: z.number(),
        newFindings: int(),
        fixedFindings: int(),
        lastAnalyzedAt: orNull(ZInstant),
      }),
    ),
    total: int(),
    page: int(),
    pageSize: int(),
  })
  .meta({ id: 'AnalyticsProjects' });

export const ZAnalyticsTimeline = z
  .object({
    range: ZAnalyticsRange,
    days: z.array(
      z.object({
        day: ZDay,
        runs: int(),
        completed: int(),
        failed: int(),
        issuesFound: int(),
        newFindings: int(),
        fixedFindings: int(),
        fixesGenerated: int(),
        fixesValidated: int(),
        fixesMerged: int(),
        activeUsers: int(),
        healthScore: orNull(int()),
        open: counts(SEVERITIES),
      }),
    ),
    events: z.array(
      z.object({ id: z.string(), type: z.string(), occurredAt: ZInstant, userName: orNull(z.string()), repositoryId: orNull(z.string()), data: z.record(z.string(), z.unknown()) }),
    ),
  })
  .meta({ id: 'AnalyticsTimeline' });
