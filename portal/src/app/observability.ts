import * as Sentry from '@sentry/react';
import type { PublicConfig } from '../api/types';

/**
 * Loads the public config and turns on Sentry when the server has a DSN. Boot must not hang or fail
 * because of this, so it gives up after a few seconds and the app runs without error reporting.
 */
export async function initObservability(): Promise<PublicConfig | null> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 4000);
  try {
    const res = await fetch('/api/public-config', { headers: { Accept: 'application/json' }, signal: controller.signal });
    if (!res.ok) return null;
    const config = (await res.json()) as PublicConfig;
    if (config.sentryDsn) {
      Sentry.init({
        dsn: config.sentryDsn,
        environment: config.environment ?? undefined,
        release: config.release ?? undefined,
      });
    }
    return config;
  } catch {
    return null;
  } finally {
    clearTimeout(timeout);
  }
}
