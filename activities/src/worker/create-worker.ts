import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Knex } from '@argus/db';
import type { Logger } from 'pino';
import { createActivities, createActivityDeps } from '../activities';
import type { PlatformConfig } from '../platform/config';
import type { AnalysisLimits } from '../analysis';
import type { Metrics } from '../platform/metrics';
import { ActivityObservability, createObservabilitySinks } from './observability';

export interface ArgusWorkerOptions {
  config: PlatformConfig;
  /** Defaults to config.TEMPORAL_TASK_QUEUE. */
  taskQueue?: string;
  knex: Knex;
  limits?: AnalysisLimits;
  logger: Logger;
  metrics: Metrics;
  /** Tests share one bundle across workers; webpack bundling takes seconds. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  maxConcurrentActivityTaskExecutions?: number;
}

const workflowsPath = fileURLToPath(import.meta.resolve('@argus/workflows'));
const workflowInterceptorsPath = fileURLToPath(import.meta.resolve('@argus/workflows/interceptors'));

export function bundleArgusWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [workflowInterceptorsPath], logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};

let runtimeInstalled = false;
/** The SDK logs to the console by default; keep only its warnings so the app's own logs stay readable. */
function installRuntimeOnce() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_SDK_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
}

/** One worker hosts the workflow bundle and every activity. */
export async function createArgusWorker(opts: ArgusWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntimeOnce();
  const connection = await NativeConnection.connect({ address: opts.config.TEMPORAL_ADDRESS });
  const bundle = opts.workflowBundle ?? (await bundleArgusWorkflows());
  const worker = await Worker.create({
    connection,
    namespace: opts.config.TEMPORAL_NAMESPACE,
    taskQueue: opts.taskQueue ?? opts.config.TEMPORAL_TASK_QUEUE,
    workflowBundle: bundle,
    activities: createActivities(createActivityDeps(opts.config, opts.knex, opts.limits)),
    maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivityTaskExecutions ?? 20,
    // The workflow interceptors are compiled into the bundle (bundleArgusWorkflows).
    interceptors: {
      activity: [(ctx) => ({ inbound: new ActivityObservability(ctx, opts.metrics, opts.logger) })],
    },
    sinks: createObservabilitySinks(opts.metrics, opts.logger),
  });
  return { worker, connection };
}
