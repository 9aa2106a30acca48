import { ScheduleNotFoundError, ScheduleOverlapPolicy, WithStartWorkflowOperation, WorkflowNotFoundError, type Client, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type * as workflows from '@argus/workflows';
import {
  SEARCH_REINDEX_WORKFLOW_ID,
  scheduleIds,
  subscriptionHandlers,
  workflowIds,
  type BillingChangeResult,
  type CancelRequest,
  type InvoiceDueSubscriptionsInput,
  type AggregateAnalyticsInput,
  type PaymentSettledSignal,
  type PlanChangeRequest,
  type ReactivateRequest,
  type RetryPaymentRequest,
  type RetryPaymentResult,
  type SubscriptionLifecycleInput,
  type SubscriptionState,
  type AnalyzeRepositoryInput,
  type FixToPullRequestInput,
  type GenerateFixInput,
} from '@argus/workflows/contract';
import type { Metrics } from '@argus/activities';

/**
 * The one place the API starts, signals and schedules workflows. Workflow types are imported as types only
 * (the API never loads workflow code), and `start<typeof fn>` makes a wrong argument a compile error.
 */
type WorkflowName = {
  [K in keyof typeof workflows]: (typeof workflows)[K] extends (...args: any[]) => Promise<any> ? K : never;
}[keyof typeof workflows];
type WorkflowFn<N extends WorkflowName> = (typeof workflows)[N] extends (...args: any[]) => Promise<any> ? (typeof workflows)[N] : never;

export interface WorkflowClientDeps {
  temporal: Client;
  config: { TEMPORAL_TASK_QUEUE: string };
  metrics: Metrics;
}

type StartOptions<N extends WorkflowName> = Omit<WorkflowStartOptions<WorkflowFn<N>>, 'taskQueue'>;

async function start<N extends WorkflowName>(deps: WorkflowClientDeps, name: N, options: StartOptions<N>): Promise<WorkflowHandle<WorkflowFn<N>>> {
  const handle = await deps.temporal.workflow.start<WorkflowFn<N>>(name, { taskQueue: deps.config.TEMPORAL_TASK_QUEUE, ...options } as WorkflowStartOptions<WorkflowFn<N>>);
  deps.metrics.workflows.inc({ workflow: name, event: 'requested' });
  return handle;
}

/** Only for work that may run twice (USE_EXISTING): a start that finds the workflow running returns its handle. */
const idempotent = { workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'ALLOW_DUPLICATE' } as const;

/** What each update of the subscription workflow takes and answers. */
interface SubscriptionUpdates {
  changePlan: [PlanChangeRequest, BillingChangeResult];
  cancel: [CancelRequest, BillingChangeResult];
  reactivate: [ReactivateRequest, BillingChangeResult];
  retryPayment: [RetryPaymentRequest, RetryPaymentResult];
}

/** The API answers within this; a busy or absent worker gives 503 instead of a hanging request. */
const SUBSCRIPTION_UPDATE_DEADLINE_MS = 20_000;

export const workflowClient = {
  /** A GitHub delivery's run: the delivery id is the workflow id, so a redelivery can never start a second run. */
  startDeliveryAnalysis(deps: WorkflowClientDeps, deliveryId: string, input: AnalyzeRepositoryInput, memo: Record<string, unknown>, deadlineMs: number) {
    // GitHub gives up after 10 s: a Temporal that does not answer within the deadline is treated as down.
    return deps.temporal.connection.withDeadline(Date.now() + deadlineMs, () =>
      start(deps, 'analyzeRepository', { workflowId: workflowIds.analysisForDelivery(deliveryId), args: [input], memo, workflowIdReusePolicy: 'REJECT_DUPLICATE' }),
    );
  },

  startManualAnalysis(deps: WorkflowClientDeps, runId: string, input: AnalyzeRepositoryInput, memo: Record<string, unknown>) {
    return start(deps, 'analyzeRepository', { workflowId: workflowIds.manualAnalysis(runId), args: [input], memo });
  },

  startFixGeneration(deps: WorkflowClientDeps, workflowId: string, input: GenerateFixInput, memo: Record<string, unknown>) {
    return start(deps, 'generateFix', { workflowId, args: [input], memo, ...idempotent });
  },

  startFixPullRequest(deps: WorkflowClientDeps, workflowId: string, input: FixToPullRequestInput, memo: Record<string, unknown>) {
    return start(deps, 'fixToPullRequest', { workflowId, args: [input], memo, ...idempotent });
  },

  startProbe(deps: WorkflowClientDeps, probeId: string) {
    return start(deps, 'probeReadiness', { workflowId: workflowIds.probe(probeId), args: [probeId], workflowExecutionTimeout: '30 seconds' });
  },

  /**
   * Sends an update to the workspace's subscription workflow, starting the workflow first if it is not running
   * (update-with-start), and answers the update's result. The same `updateId` again (a retried request) is answered
   * with the first update's result instead of running it twice.
   */
  async updateSubscription<K extends keyof SubscriptionUpdates>(deps: WorkflowClientDeps, lifecycle: SubscriptionLifecycleInput, update: K, request: SubscriptionUpdates[K][0], opts: { updateId?: string } = {}): Promise<SubscriptionUpdates[K][1]> {
    const workflowId = workflowIds.subscription(lifecycle.workspaceId);
    const startWorkflowOperation = new WithStartWorkflowOperation<WorkflowFn<'subscriptionLifecycle'>>('subscriptionLifecycle', {
      workflowId,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [lifecycle],
      memo: { workspaceId: lifecycle.workspaceId },
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const result = await deps.temporal.connection.withDeadline(Date.now() + SUBSCRIPTION_UPDATE_DEADLINE_MS, () =>
      deps.temporal.workflow.executeUpdateWithStart<WorkflowFn<'subscriptionLifecycle'>, SubscriptionUpdates[K][1], [SubscriptionUpdates[K][0]]>(subscriptionHandlers[update], { args: [request], startWorkflowOperation, ...(opts.updateId ? { updateId: opts.updateId } : {}) }),
    );
    deps.metrics.workflows.inc({ workflow: 'subscriptionLifecycle', event: 'updated' });
    return result;
  },

  /** Tells the subscription workflow that an invoice's payment settled (Stripe webhook, billing admin); starts it if needed. */
  async signalPaymentSettled(deps: WorkflowClientDeps, lifecycle: SubscriptionLifecycleInput, event: PaymentSettledSignal): Promise<void> {
    await deps.temporal.workflow.signalWithStart<WorkflowFn<'subscriptionLifecycle'>, [PaymentSettledSignal]>('subscriptionLifecycle', {
      workflowId: workflowIds.subscription(lifecycle.workspaceId),
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [lifecycle],
      memo: { workspaceId: lifecycle.workspaceId },
      signal: subscriptionHandlers.paymentSettled,
      signalArgs: [event],
    });
  },

  /** Asks a running subscription workflow to read the subscription again (after a billing admin changed it). */
  async refreshSubscription(deps: WorkflowClientDeps, workspaceId: string): Promise<void> {
    try {
      await deps.temporal.workflow.getHandle(workflowIds.subscription(workspaceId)).signal(subscriptionHandlers.refresh);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  },

  /** The subscription workflow's view (its dunning state), or null when no workflow runs for the workspace. */
  async querySubscription(deps: WorkflowClientDeps, workspaceId: string): Promise<SubscriptionState | null> {
    try {
      return await deps.temporal.connection.withDeadline(Date.now() + 5000, () => deps.temporal.workflow.getHandle(workflowIds.subscription(workspaceId)).query<SubscriptionState>(subscriptionHandlers.state));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  },

  /** An invoicing run started by a billing admin; safe beside the scheduled one (each period is closed once). */
  startInvoicingRun(deps: WorkflowClientDeps, requestId: string, input: InvoiceDueSubscriptionsInput) {
    return start(deps, 'invoiceDueSubscriptions', { workflowId: workflowIds.manualInvoicing(requestId), args: [input] });
  },

  /** A rebuild of some days' analytics rollups started by analytics staff; safe beside the Schedules (rebuilds are idempotent). */
  startAnalyticsRebuild(deps: WorkflowClientDeps, requestId: string, input: AggregateAnalyticsInput) {
    return start(deps, 'aggregateAnalytics', { workflowId: workflowIds.manualAnalyticsRebuild(requestId), args: [input] });
  },

  /** The full Typesense reindex (one at a time: a second request finds the running one). */
  startSearchReindex(deps: WorkflowClientDeps) {
    return start(deps, 'reindexSearch', { workflowId: SEARCH_REINDEX_WORKFLOW_ID, ...idempotent, args: [] });
  },

  cancel(deps: WorkflowClientDeps, workflowId: string) {
    return deps.temporal.workflow.getHandle(workflowId).cancel();
  },

  /**
   * A repository's optional analysis schedule is a Temporal Schedule (visible in the Temporal UI) that starts
   * analyzeRepository on the default branch. A cron of null removes it.
   */
  async applyAnalysisSchedule(deps: WorkflowClientDeps, repo: { id: string; workspaceId: string }, cron: string | null): Promise<void> {
    const scheduleId = scheduleIds.repositoryAnalysis(repo.id);
    const handle = deps.temporal.schedule.getHandle(scheduleId);
    if (cron === null) {
      await handle.delete().catch((err) => {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      });
      return;
    }
    const input: AnalyzeRepositoryInput = { trigger: 'schedule', repositoryId: repo.id };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'analyzeRepository' satisfies WorkflowName,
      workflowId: `analysis-scheduled-${repo.id}`,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      memo: { workspaceId: repo.workspaceId, repositoryId: repo.id },
    };
    try {
      await handle.update((previous) => ({ ...previous, spec: { cronExpressions: [cron] }, action }));
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      await deps.temporal.schedule.create({
        scheduleId,
        spec: { cronExpressions: [cron] },
        action,
        // A slow analysis is never run twice at once for the same repository.
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
      });
    }
  },
};
