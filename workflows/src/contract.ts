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

/** `skipped`: the plan did not cover the run (over quota, or the workspace is restricted); `error` says why. */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'skipped'] as const;
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

export const SUBSCRIPTION_STATUSES = ['trial', 'active', 'past_due', 'cancelled'] as const;
export type SubscriptionStatusName = (typeof SUBSCRIPTION_STATUSES)[number];

export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'failed', 'refunded'] as const;
export type InvoiceStatusName = (typeof INVOICE_STATUSES)[number];

export const INVOICE_ITEM_TYPES = ['subscription', 'overage', 'credit', 'proration'] as const;

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
  /**
   * One workflow per `fixes` row (a double click finds the live row, see findOrCreateFix). Not per finding: a retry
   * after a rejection would start while the rejected fix's workflow was still finishing, and attach to it.
   */
  fixGeneration: (fixId: string) => `fix-generation-${fixId}`,
  fixPullRequest: (fixId: string) => `fix-pr-${fixId}`,
  fixBatchPullRequest: (runId: string, ruleId: string) => `fix-batch-${runId}-${ruleId}`,
  probe: (probeId: string) => `probe-${probeId}`,
  /** One lifecycle per workspace: a personal workspace is its own customer. */
  subscription: (workspaceId: string) => `subscription-${workspaceId}`,
  /** An invoicing run started by hand (the Schedule names its own runs). */
  manualInvoicing: (requestId: string) => `invoicing-manual-${requestId}`,
  /** A rebuild of analytics rollups started by hand (the Schedules name their own runs). */
  manualAnalyticsRebuild: (requestId: string) => `analytics-rebuild-${requestId}`,
} as const;

export const scheduleIds = {
  repositoryAnalysis: (repositoryId: string) => `analysis-schedule-${repositoryId}`,
  webhookDeliveryReconciler: 'github-webhook-delivery-reconciler',
  invoicing: 'billing-invoicing',
  /** Analytics rollups: the last two days every hour, the last five weeks every day. */
  analyticsHourly: 'analytics-aggregation-hourly',
  analyticsDaily: 'analytics-aggregation-daily',
  /** Search (issue 14): drains the Typesense outbox, when TYPESENSE_URL is set. */
  searchIndexing: 'search-indexing',
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
  /** Analyze every file of a pull request instead of its change (incremental analysis is the default). */
  fullAnalysis?: boolean;
}

export interface AnalyzeRepositoryResult {
  runId: string;
  status: 'completed' | 'skipped';
  gatePassed: boolean;
  findings: number;
  newFindings: number;
  baseline: boolean;
}

export interface GenerateFixInput {
  /** The `fixes` row the API created (status queued). Its workflow id is stored on the row (`workflowIds.fixGeneration`). */
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

// ----- billing -----

/** What the subscription workflow and the API say about a subscription (times are ISO strings). */
export interface SubscriptionSnapshot {
  subscriptionId: string;
  workspaceId: string;
  status: SubscriptionStatusName;
  tier: string;
  pendingTier: string | null;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
  cancelledAt: string | null;
  pastDueSince: string | null;
  restricted: boolean;
}

export interface DunningState {
  /** Attempts made so far (the first charge is attempt 1). */
  attempt: number;
  nextAttemptAt: string | null;
}

export interface SubscriptionLifecycleInput {
  workspaceId: string;
  /** Postgres interval of a new subscription's billing period ("1 month"; tests use seconds). */
  billingInterval: string;
  /** Postgres interval of the first paid tier's trial, or null for none. */
  trialPeriod: string | null;
  /** Temporal durations between dunning retries; after the last retry fails the workspace is restricted. */
  dunningDelays: string[];
  /** Continue as new past this history length even before Temporal suggests it (tests). */
  continueAsNewAfterEvents?: number;
  /** State carried across continueAsNew. */
  carried?: { dunning: DunningState | null; generation: number };
}

export interface SubscriptionState {
  snapshot: SubscriptionSnapshot;
  dunning: DunningState | null;
  /** How many times this workflow continued as new (0 for the first run). */
  generation: number;
}

export const subscriptionHandlers = {
  state: 'subscriptionState',
  changePlan: 'changePlan',
  cancel: 'cancelSubscription',
  reactivate: 'reactivateSubscription',
  retryPayment: 'retryPayment',
  paymentSettled: 'paymentSettled',
  refresh: 'refreshSubscription',
} as const;

export interface PlanChangeRequest {
  tier: string;
  direction: 'upgrade' | 'downgrade';
  requestId: string;
  actorId: string | null;
}

export interface CancelRequest {
  atPeriodEnd: boolean;
  requestId: string;
  actorId: string | null;
}

export interface ReactivateRequest {
  requestId: string;
  actorId: string | null;
}

export type BillingRefusal =
  | 'unknown_tier'
  | 'same_tier'
  | 'not_an_upgrade'
  | 'not_a_downgrade'
  | 'nothing_to_cancel'
  | 'not_cancelling'
  | 'not_owed';

export type BillingChangeResult =
  | { ok: true; effective: 'now' | 'period_end'; prorationCents: number; invoiceId: string | null; subscription: SubscriptionSnapshot }
  | { ok: false; code: BillingRefusal; message: string };

export interface RetryPaymentRequest {
  invoiceId: string;
}

export type PaymentOutcome = 'paid' | 'failed' | 'pending' | 'manual' | 'not_owed';

export interface RetryPaymentResult {
  outcome: PaymentOutcome;
  message: string;
}

/** From the Stripe webhook or a billing admin: an invoice's payment settled outside the workflow. */
export interface PaymentSettledSignal {
  invoiceId: string;
  outcome: 'paid' | 'failed';
  error?: string;
}

export interface InvoiceDueSubscriptionsInput {
  /** Invoice periods that ended by then (ISO); defaults to the run's start time. */
  asOf?: string;
  batchSize?: number;
  concurrency?: number;
  /** How soon a silent (crashed) worker's batch is retried elsewhere; tests shorten it. */
  heartbeatTimeout?: string;
}

export interface InvoiceDueSubscriptionsResult {
  asOf: string;
  processed: number;
  invoicesCreated: number;
  announced: number;
}

// ----- analytics -----

export interface AggregateAnalyticsInput {
  /** Rebuild the last `days` days up to today (UTC); ignored when from and to are given. */
  days?: number;
  /** 'YYYY-MM-DD', inclusive. */
  from?: string;
  to?: string;
  batchSize?: number;
}

export interface AggregateAnalyticsResult {
  from: string;
  to: string;
  repositoryRows: number;
  workspaceRows: number;
}

// ----- search -----

/** The full Typesense reindex: one at a time (its workflow id), started by staff or by the first drain. */
export const SEARCH_REINDEX_WORKFLOW_ID = 'search-reindex';

export interface IndexSearchOutboxResult {
  upserted: number;
  deleted: number;
  /** The collections were missing (first start with TYPESENSE_URL): a full reindex ran first. */
  reindexed: boolean;
}

export interface ReindexSearchResult {
  documents: Record<string, number>;
  /** Changes made while the reindex ran, indexed again into the new collections. */
  replayed: number;
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
  /** Sent when the run's counts changed after it finished (triage): its new summary and gate. */
  summary?: unknown;
  gate?: unknown;
}

export type LiveEvent = RunEvent;
