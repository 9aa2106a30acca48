import * as Sentry from '@sentry/node';
import type { ErrorEvent } from '@sentry/node';
import { scrubString, scrubValue } from './scrub';
import type { PlatformConfig } from './config';

export type Component = 'api' | 'worker' | 'scripts';

/** Strips PII, secrets and source code from an event before it leaves the process. */
export function scrubSentryEvent(event: ErrorEvent): ErrorEvent {
  if (event.user) event.user = event.user.id ? { id: event.user.id } : undefined;
  if (event.request) {
    delete event.request.data;
    delete event.request.cookies;
    if (event.request.headers) event.request.headers = scrubValue(event.request.headers);
    if (event.request.query_string) event.request.query_string = '[redacted]';
    if (event.request.url) event.request.url = scrubString(event.request.url.split('?')[0]!);
  }
  if (event.message) event.message = scrubString(event.message);
  for (const ex of event.exception?.values ?? []) {
    if (ex.value) ex.value = scrubString(ex.value);
    for (const frame of ex.stacktrace?.frames ?? []) {
      delete frame.pre_context;
      delete frame.context_line;
      delete frame.post_context;
      delete frame.vars;
    }
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map((b) => scrubValue(b));
  if (event.extra) event.extra = scrubValue(event.extra);
  if (event.contexts) event.contexts = scrubValue(event.contexts);
  return event;
}

let initialised = false;

/** Without SENTRY_DSN this does nothing, and captureError below only logs. */
export function initSentry(config: PlatformConfig, component: Component): boolean {
  if (!config.SENTRY_DSN || initialised) return initialised;
  Sentry.init({
    dsn: config.SENTRY_DSN,
    release: config.release,
    environment: config.environment,
    sampleRate: config.SENTRY_SAMPLE_RATE,
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
    dataCollection: { userInfo: false, cookies: false, httpBodies: [], urlQueryParams: false },
    includeLocalVariables: false,
    initialScope: { tags: { component } },
    beforeSend: scrubSentryEvent,
    beforeBreadcrumb: (crumb) => scrubValue(crumb),
  });
  initialised = true;
  return true;
}

export interface ErrorTags {
  errorId?: string;
  workspaceId?: string | null;
  [key: string]: string | number | null | undefined;
}

/** Reports one error; the returned id is the Sentry event id, which equals our error id when one is given. */
export function captureError(error: unknown, tags: ErrorTags = {}): string | undefined {
  if (!initialised) return undefined;
  const { errorId, workspaceId, ...rest } = tags;
  // Tags go on a scope: a hint that mixes tags with event_id would lose the event_id.
  return Sentry.withScope((scope) => {
    for (const [key, value] of Object.entries(rest)) if (value !== undefined && value !== null) scope.setTag(key, String(value));
    scope.setTag('workspace_id', workspaceId ?? 'none');
    if (errorId) scope.setTag('error_id', errorId);
    return Sentry.captureException(error, errorId ? { event_id: errorId } : undefined);
  });
}

export async function flushSentry(timeoutMs = 2000): Promise<void> {
  if (initialised) await Sentry.flush(timeoutMs);
}
