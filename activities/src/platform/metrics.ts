import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; API and worker each expose theirs on /metrics. */
export function createMetrics(component: 'api' | 'worker') {
  const registry = new Registry();
  registry.setDefaultLabels({ component });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'argus_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'argus_errors_total',
      help: 'Errors reported, by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    webhookIntake: new Counter({
      name: 'argus_webhook_deliveries_total',
      help: 'Webhook deliveries received, by source and outcome',
      labelNames: ['source', 'outcome'] as const,
      registers: [registry],
    }),
    workflows: new Counter({
      name: 'argus_workflows_total',
      help: 'Workflow starts, completions and failures',
      labelNames: ['workflow', 'event'] as const,
      registers: [registry],
    }),
    activityDuration: new Histogram({
      name: 'argus_activity_duration_seconds',
      help: 'Activity execution time',
      labelNames: ['activity', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
