import {
  ApplicationFailure,
  proxySinks,
  type WorkflowExecuteInput,
  type Next,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  isCancellation,
  ContinueAsNew,
} from '@temporalio/workflow';
import type { ObservabilitySinks } from './sinks';

const { observability } = proxySinks<ObservabilitySinks>();

class ObservabilityInbound implements WorkflowInboundCallsInterceptor {
  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    observability.workflowStarted();
    try {
      const result = await next(input);
      observability.workflowCompleted();
      return result;
    } catch (err) {
      if (!(err instanceof ContinueAsNew) && !isCancellation(err)) {
        const e = err as Error;
        observability.workflowFailed({
          name: e?.name ?? 'Error',
          message: e?.message ?? String(err),
          stack: e?.stack,
          type: err instanceof ApplicationFailure ? (err.type ?? undefined) : undefined,
        });
      }
      throw err;
    }
  }
}

export const interceptors = (): WorkflowInterceptors => ({ inbound: [new ObservabilityInbound()] });
