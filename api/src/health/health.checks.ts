import nodemailer from 'nodemailer';
import type { AppDeps } from '../app-deps';

export interface DependencyCheck {
  name: 'postgres' | 'temporal' | 'typesense' | 'smtp' | 'stripe';
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

/** Required dependencies decide readiness; optional ones are reported when configured. */
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
