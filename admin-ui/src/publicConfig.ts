import * as Sentry from '@sentry/react';

export interface PublicConfig {
  sentryDsn: string | null;
  environment: string | null;
  release: string | null;
  temporalUiUrl: string | null;
}

let loaded: PublicConfig | null = null;

export function getPublicConfig(): PublicConfig | null {
  return loaded;
}

/** Loads /api/public-config and turns on Sentry if the server has a DSN; never blocks boot for long. */
export async function loadPublicConfig(): Promise<void> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 4000);
  try {
    const res = await fetch('/api/public-config', { headers: { Accept: 'application/json' }, signal: controller.signal });
    if (!res.ok) return;
    loaded = (await res.json()) as PublicConfig;
    if (loaded.sentryDsn) {
      Sentry.init({
        dsn: loaded.sentryDsn,
        environment: loaded.environment ?? undefined,
        release: loaded.release ?? undefined,
      });
    }
  } catch {
    // Without the config the console still works, just without error reporting.
  } finally {
    clearTimeout(timeout);
  }
}
