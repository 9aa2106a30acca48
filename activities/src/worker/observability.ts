import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, InjectedSinks, Next } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import type { ObservabilitySinks } from '@argus/workflows/sinks';
import { captureError } from '../platform/sentry';
import type { Metrics } from '../platform/metrics';

function workspaceOf(args: unknown[]): string | undefined {
  const first = args[0] as { workspaceId?: unknown } | undefined;
  return typeof first?.workspaceId === 'string' ? first.workspaceId : undefined;
}

/** Times every activity and reports failures to Sentry: on the first attempt, and again only if it is final. */
export class ActivityObservability implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { activityType, attempt, workflowExecution } = this.ctx.info;
    const end = this.metrics.activityDuration.startTimer({ activity: activityType });
    try {
      const result = await next(input);
      end({ outcome: 'completed' });
      return result;
    } catch (err) {
      const cancelled = this.ctx.cancellationSignal.aborted;
      end({ outcome: cancelled ? 'cancelled' : 'failed' });
      if (!cancelled) {
        const final = err instanceof ApplicationFailure && err.nonRetryable;
        this.logger.warn({ err, activityType, attempt, workflowId: workflowExecution?.workflowId }, `activity ${activityType} failed`);
        if (attempt === 1 || final) {
          this.metrics.errors.inc({ kind: 'activity' });
          captureError(err, {
            workspaceId: workspaceOf(input.args),
            activity: activityType,
            attempt,
            workflow_id: workflowExecution?.workflowId,
          });
        }
      }
      throw err;
    }
  }
}

export function createObservabilitySinks(metrics: Metrics, logger: Logger): InjectedSinks<ObservabilitySinks> {
  return {
    observability: {
      workflowStarted: { fn: (info) => metrics.workflows.inc({ workflow: info.workflowType, event: 'started' }), callDuringReplay: false },
      workflowCompleted: { fn: (info) => metrics.workflows.inc({ workflow: info.workflowType, event: 'completed' }), callDuringReplay: false },
      workflowFailed: {
        callDuringReplay: false,
        fn: (info, failure) => {
          metrics.workflows.inc({ workflow: info.workflowType, event: 'failed' });
          metrics.errors.inc({ kind: 'workflow' });
          logger.error({ workflowId: info.workflowId, workflowType: info.workflowType, failure: failure.message }, `workflow ${info.workflowType} failed`);
          const error = Object.assign(new Error(failure.message), { name: failure.name, stack: failure.stack });
          const memo = info.memo as { workspaceId?: string } | undefined;
          captureError(error, {
            workspaceId: memo?.workspaceId,
            workflow: info.workflowType,
            workflow_id: info.workflowId,
            run_id: info.runId,
            failure_type: failure.type,
          });
        },
      },
    },
  };
}
