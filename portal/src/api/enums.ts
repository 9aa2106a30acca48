import type { Category, FindingStatus, FixStatus, RunStatus, Severity, WorkspaceRole } from './types';

// The values of the API's enums, in the order the UI lists them. The types come from the generated schema; the
// `every` check below makes each list fail to compile when the API adds or drops a value.

type Every<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : { missing: Exclude<T, L[number]> };
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(values: L & Every<T, L>): readonly T[] =>
    values;

export const WORKSPACE_ROLES = every<WorkspaceRole>()(['admin', 'developer', 'viewer']);

/** Most severe first, the order the API sorts findings in. */
export const SEVERITIES = every<Severity>()(['critical', 'high', 'medium', 'low', 'info']);

export const CATEGORIES = every<Category>()(['security', 'bug', 'performance', 'maintainability', 'style']);

export const RUN_STATUSES = every<RunStatus>()(['queued', 'running', 'completed', 'failed', 'cancelled', 'skipped']);

export const FINDING_STATUSES = every<FindingStatus>()(['open', 'suppressed', 'false_positive', 'wont_fix', 'accepted']);

export const FIX_STATUSES = every<FixStatus>()(['queued', 'generating', 'generated', 'validated', 'rejected', 'failed', 'pr_open', 'merged', 'closed']);
