import type { Metrics } from '@argus/activities';
import { readDatabaseStats } from '@argus/db';
import type { AppDeps } from '../../app-deps';

type Histogram = Metrics['httpDuration'];

// The API's own request metrics (the http_request_duration histogram /metrics exposes), per route and over time,
// Temporal's workflow backlog and failures, and Postgres' sizes and long-running statements.

interface RouteTotals {
  method: string;
  route: string;
  count: number;
  errors: number;
  sumSeconds: number;
  /** Cumulative bucket counts by upper bound (seconds). */
  buckets: Map<number, number>;
}

async function routeTotals(histogram: Histogram): Promise<Map<string, RouteTotals>> {
  const { values } = await histogram.get();
  const totals = new Map<string, RouteTotals>();
  for (const v of values) {
    const labels = v.labels as Record<string, string | number | undefined>;
    const method = String(v.labels.method ?? '');
    const route = String(v.labels.route ?? 'unmatched');
    const key = `${method} ${route}`;
    const t = totals.get(key) ?? { method, route, count: 0, errors: 0, sumSeconds: 0, buckets: new Map() };
    const status = String(v.labels.status ?? '');
    const name = v.metricName ?? '';
    if (name.endsWith('_count')) {
      t.count += v.value;
      if (status.startsWith('5')) t.errors += v.value;
    } else if (name.endsWith('_sum')) t.sumSeconds += v.value;
    else if (name.endsWith('_bucket') && labels.le !== '+Inf') {
      const le = Number(labels.le);
      t.buckets.set(le, (t.buckets.get(le) ?? 0) + v.value);
    }
    totals.set(key, t);
  }
  return totals;
}

/** The smallest bucket bound holding the quantile: an upper estimate, as Prometheus' histogram_quantile gives. */
function quantileMs(t: RouteTotals, q: number): number | null {
  if (!t.count) return null;
  const bounds = [...t.buckets.keys()].sort((a, b) => a - b);
  for (const le of bounds) if ((t.buckets.get(le) ?? 0) >= q * t.count) return Math.round(le * 1000);
  return null; // above the largest bucket
}

interface Sample {
  at: Date;
  requests: number;
  errors: number;
  sumSeconds: number;
}

const SAMPLE_MS = 10_000;
const KEEP = 90; // 15 minutes
const samplers = new WeakMap<Histogram, { samples: Sample[]; timer: NodeJS.Timeout }>();

async function sample(histogram: Histogram): Promise<Sample> {
  let requests = 0;
  let errors = 0;
  let sumSeconds = 0;
  for (const t of (await routeTotals(histogram)).values()) {
    requests += t.count;
    errors += t.errors;
    sumSeconds += t.sumSeconds;
  }
  return { at: new Date(), requests, errors, sumSeconds };
}

/** Starts (once per process) a sampler of the totals every 10 seconds, for the rate and latency charts. */
function samplesOf(histogram: Histogram): Sample[] {
  let s = samplers.get(histogram);
  if (!s) {
    const samples: Sample[] = [];
    const timer = setInterval(() => {
      void sample(histogram).then((x) => {
        samples.push(x);
        if (samples.length > KEEP) samples.shift();
      });
    }, SAMPLE_MS);
    timer.unref();
    s = { samples, timer };
    samplers.set(histogram, s);
  }
  return s.samples;
}

async function temporalStats(deps: AppDeps) {
  const since = new Date(Date.now() - 24 * 3_600_000).toISOString();
  try {
    const count = (query: string) => deps.temporal.workflow.count(query).then((r) => r.count);
    const [running, failed24h, timedOut24h] = await Promise.all([
      count(`ExecutionStatus = 'Running'`),
      count(`ExecutionStatus = 'Failed' AND CloseTime > '${since}'`),
      count(`ExecutionStatus = 'TimedOut' AND CloseTime > '${since}'`),
    ]);
    return { available: true as const, running, failed24h, timedOut24h, detail: null };
  } catch (err) {
    return { available: false as const, running: null, failed24h: null, timedOut24h: null, detail: (err as Error).message.split('\n')[0]!.slice(0, 200) };
  }
}

export async function performanceReport(deps: AppDeps) {
  const histogram = deps.metrics.httpDuration;
  const history = samplesOf(histogram);
  const now = await sample(histogram);
  const points = [...history, now];
  const series = points.slice(1).map((p, i) => {
    const prev = points[i]!;
    const seconds = Math.max(1, (p.at.getTime() - prev.at.getTime()) / 1000);
    const requests = Math.max(0, p.requests - prev.requests);
    const errors = Math.max(0, p.errors - prev.errors);
    const sum = Math.max(0, p.sumSeconds - prev.sumSeconds);
    return {
      at: p.at,
      requestsPerSecond: Math.round((requests / seconds) * 100) / 100,
      errorRate: requests ? Math.round((errors / requests) * 10_000) / 10_000 : 0,
      avgLatencyMs: requests ? Math.round((sum / requests) * 1000) : null,
    };
  });
  const uptime = process.uptime();
  const routes = [...(await routeTotals(histogram)).values()]
    .filter((t) => t.count > 0)
    .map((t) => ({
      method: t.method,
      route: t.route,
      requests: t.count,
      errors: t.errors,
      errorRate: Math.round((t.errors / t.count) * 10_000) / 10_000,
      requestsPerMinute: Math.round((t.count / Math.max(1, uptime / 60)) * 100) / 100,
      avgLatencyMs: Math.round((t.sumSeconds / t.count) * 1000),
      p95LatencyMs: quantileMs(t, 0.95),
    }))
    .sort((a, b) => b.requests - a.requests)
    .slice(0, 50);
  const [temporal, database] = await Promise.all([temporalStats(deps), readDatabaseStats(deps.knex)]);
  return { generatedAt: new Date(), uptimeSeconds: Math.round(uptime), routes, series, temporal, database };
}
