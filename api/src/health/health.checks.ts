import nodemailer from 'nodemailer';
import type { AppDeps } from '../app-deps';

export interface DependencyCheck {
  name: 'postgres' | 'temporal' | 'worker' | 'typesense' | 'smtp' | 'stripe';
  status: 'ok' | 'down' | 'not_configured';
  latencyMs: number | null;
  detail: string;
}

const TIMEOUT_MS = 2000;

async function timed(name: DependencyCheck['name'], probe: () => Promise<string | void>): Promise<DependencyCheck> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { name, status: 'ok', latencyMs: Math.round(performance.now() - start), detail: detail || 'reachable' };
  } catch (err) {
    // Only the error's own short message: never credentials from a connection string.
    const message = (err as Error).message?.split('\n')[0]?.replace(/\/\/[^@\s]*@/g, '//') ?? 'unreachable';
    return { name, status: 'down', latencyMs: Math.round(performance.now() - start), detail: message };
  } finally {
    clearTimeout(timer);
  }
}

const notConfigured = (name: DependencyCheck['name'], variable: string): DependencyCheck => ({
  name,
  status: 'not_configured',
  latencyMs: null,
  detail: `${variable} is not set`,
});

async function expectOk(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** A worker long-polls its task queue about once a minute; a poller silent for longer than this has gone. */
const WORKER_SILENT_AFTER_MS = 90_000;

/**
 * Whether any worker polls Argus's task queue, from Temporal's own record of pollers (so it sees workers on any
 * machine). Temporal keeps a gone poller listed for a few minutes; its last access time tells the two apart.
 */
async function checkWorker(deps: AppDeps): Promise<string> {
  const { config } = deps;
  const described = await deps.temporal.connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
    deps.temporal.workflowService.describeTaskQueue({
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: { name: config.TEMPORAL_TASK_QUEUE, kind: 1 /* TASK_QUEUE_KIND_NORMAL */ },
      taskQueueType: 1 /* TASK_QUEUE_TYPE_WORKFLOW */,
    }),
  );
  const now = Date.now();
  const seconds = (p: { lastAccessTime?: { seconds?: unknown } | null }) => Number(p.lastAccessTime?.seconds ?? 0) * 1000;
  const live = (described.pollers ?? []).filter((p) => now - seconds(p) < WORKER_SILENT_AFTER_MS);
  if (live.length === 0) throw new Error(`no worker is polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
  return `${live.length} worker${live.length === 1 ? '' : 's'} polling ${config.TEMPORAL_TASK_QUEUE}`;
}

/**
 * Postgres and Temporal decide readiness. The worker is always reported (runs wait while none polls) but does not
 * make the API unready; optional dependencies are reported when configured.
 */
export async function checkDependencies(deps: AppDeps, { includeOptional }: { includeOptional: boolean }): Promise<DependencyCheck[]> {
  const { config } = deps;
  const checks: Promise<DependencyCheck>[] = [
    timed('postgres', async () => {
      await deps.knex.raw('select 1');
    }),
    timed('temporal', async () => {
      await deps.temporal.connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
        deps.temporal.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE }),
      );
      return `namespace ${config.TEMPORAL_NAMESPACE}`;
    }),
    timed('worker', () => checkWorker(deps)),
  ];
  if (includeOptional) {
    checks.push(
      config.TYPESENSE_URL
        ? timed('typesense', () => expectOk(new URL('/health', config.TYPESENSE_URL).toString()))
        : Promise.resolve(notConfigured('typesense', 'TYPESENSE_URL')),
      config.SMTP_URL
        ? timed('smtp', async () => {
            await nodemailer.createTransport(config.SMTP_URL).verify();
          })
        : Promise.resolve(notConfigured('smtp', 'SMTP_URL (mail goes to the outbox)')),
      config.STRIPE_SECRET_KEY
        ? timed('stripe', () =>
            expectOk(new URL('/v1/balance', config.STRIPE_API_BASE ?? 'https://api.stripe.com').toString(), {
              headers: { authorization: `Bearer ${config.STRIPE_SECRET_KEY}` },
            }),
          )
        : Promise.resolve(notConfigured('stripe', 'STRIPE_SECRET_KEY')),
    );
  }
  return Promise.all(checks);
}
