import type { Sinks } from '@temporalio/workflow';

/** Workflow code cannot import Sentry or prom-client, so it reports through these sinks into the worker. */
export interface ObservabilitySinks extends Sinks {
  observability: {
    workflowStarted(): void;
    workflowCompleted(): void;
    workflowFailed(error: { name: string; message: string; stack?: string; type?: string }): void;
  };
}
