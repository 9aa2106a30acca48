/**
 * The shared vocabulary of Argus's durable processes: every workflow's input and result, the workflow ids,
 * the task queue, and the enums that cross package boundaries. Pure TypeScript with no imports, so it is
 * legal inside workflow code and cheap for the API and the browser's types to depend on.
 */

// ---------------------------------------------------------------------------------------------------------
// Enums shared by the API, the worker, the database and the browser
// ---------------------------------------------------------------------------------------------------------

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ['security', 'bug', 'performance', 'maintainability', 'style'] as const;
export type Category = (typeof CATEGORIES)[number];

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ['push', 'pull_request', 'manual', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const FIX_PROVIDERS = ['builtin', 'groq', 'anthropic'] as const;
export type FixProviderId = (typeof FIX_PROVIDERS)[number];
export type LlmProviderId = Exclude<FixProviderId, 'builtin'>;

export const FIX_STATUSES = ['queued', 'generating', 'generated', 'validated', 'rejected', 'failed', 'pr_open', 'merged', 'closed'] as const;
export type FixStatus = (typeof FIX_STATUSES)[number];

export const USAGE_KINDS = ['analysis', 'fix'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

// ---------------------------------------------------------------------------------------------------------
// Task queue and workflow ids
// ---------------------------------------------------------------------------------------------------------

/** The default task queue; `TEMPORAL_TASK_QUEUE` overrides it per deployment (and per test file). */
export const DEFAULT_TASK_QUEUE = 'argus';

/** Workflow ids are how Argus makes starts idempotent: a second start of the same id is refused by Temporal. */
export const workflowIds = {
  /** One run per GitHub delivery (a redelivery carries the same X-GitHub-Delivery). */
  analysisForDelivery: (deliveryId: string) => `analysis-${deliveryId}`,
  /** A run started from the portal or the API ("Analyze now"). */
  manualAnalysis: (runId: string) => `analysis-manual-${runId}`,
  /** One fix generation per finding and provider: a double click starts one. */
  fixGeneration: (findingId: string, provider: FixProviderId) => `fix-${findingId}-${provider}`,
  fixPullRequest: (fixId: string) => `fix-pr-${fixId}`,
  fixBatchPullRequest: (runId: string, ruleId: string) => `fix-batch-${runId}-${ruleId}`,
  probe: (probeId: string) => `probe-${probeId}`,
} as const;

export const scheduleIds = {
  repositoryAnalysis: (repositoryId: string) => `analysis-schedule-${repositoryId}`,
  webhookDeliveryReconciler: 'github-webhook-delivery-reconciler',
} as const;

// ---------------------------------------------------------------------------------------------------------
// Workflow inputs and results
// ---------------------------------------------------------------------------------------------------------

export interface AnalyzeRepositoryInput {
  /** Omitted by scheduled runs (a Schedule repeats the same input): the run row then gets a fresh id. */
  runId?: string;
  trigger: RunTrigger;
  repositoryId?: string;
  githubRepoId?: number;
  commitSha?: string | null;
  ref?: string | null;
  baseSha?: string | null;
  pullRequestNumber?: number | null;
  requestedBy?: string | null;
  /** How long to wait before asking again for a concurrent-run slot; tests shorten it. */
  slotPollInterval?: string;
  /** How soon a silent (crashed) worker's analysis is retried elsewhere; tests shorten it. */
  heartbeatTimeout?: string;
}

export interface AnalyzeRepositoryResult {
  runId: string;
  status: 'completed';
  gatePassed: boolean;
  findings: number;
  newFindings: number;
  baseline: boolean;
}

export interface GenerateFixInput {
  /** The `fixes` row the API created (status queued). The workflow id is `workflowIds.fixGeneration`. */
  fixId: string;
  /** Per provider request (ms); tests shorten it. */
  providerTimeoutMs?: number;
  /** Attempts of the generation activity for transient failures (provider timeouts, 5xx, lost workers). */
  maxAttempts?: number;
  /** First retry interval of those attempts; tests shorten it. */
  retryInterval?: string;
}

export interface GenerateFixResult {
  fixId: string;
  status: 'validated' | 'rejected' | 'failed';
  reason: string | null;
  failureType?: string;
}

export interface FixToPullRequestInput {
  /** One fix (`workflowIds.fixPullRequest`), or every validated fix of a rule in a run (`workflowIds.fixBatchPullRequest`). */
  fixIds: string[];
  /** `argus/fix-<id>`, or `argus/fix-batch-…` for a batch. */
  branch: string;
  ruleId?: string | null;
}

export interface FixToPullRequestResult {
  branch: string;
  commitSha: string;
  url: string | null;
  number: number | null;
  included: string[];
  skipped: { fixId: string; reason: string }[];
}

export interface ProbeReadinessResult {
  probeId: string;
  workerIdentity: string;
  writtenAt: string;
}

export interface ReconcileWebhookDeliveriesInput {
  lookbackHours?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Live events (Postgres NOTIFY → every API process → browser sockets)
// ---------------------------------------------------------------------------------------------------------

export const EVENTS_CHANNEL = 'argus_events';

export interface RunEvent {
  type: 'run.updated';
  workspaceId: string;
  runId: string;
  repositoryId: string;
  status: RunStatus | string;
  progress?: unknown;
}

export type LiveEvent = RunEvent;
