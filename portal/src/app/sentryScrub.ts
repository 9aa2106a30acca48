import type { Breadcrumb, Event, init, replayIntegration } from '@sentry/react';

// What leaves the browser for Sentry: no e-mail addresses, credentials or one-time tokens (which the portal's
// e-mail links carry in their query string: verify-email, reset-password, invitations). The API scrubs its own
// events the same way (activities/src/platform/sentry.ts); the console has the same file (admin-ui/src/sentryScrub.ts).

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|dsn|signature/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|token|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
const KNOWN_TOKENS = /\b(argus_(pat|rt|inv)_[A-Za-z0-9_-]{10,}|gh[opsu]_[A-Za-z0-9]{20,}|sk_(live|test)_[A-Za-z0-9]{10,})\b/g;
/** A query parameter whose value is a credential, anywhere in a string (URLs inside messages, span data…). */
const SECRET_PARAM = /([?&#](?:[^=&#\s]*(?:token|code|secret|password|key|signature|session)[^=&#\s]*)=)[^&#\s"']*/gi;

function scrubString(value: string): string {
  return value
    .replace(SECRET_PARAM, '$1[redacted]')
    .replace(JWT, '[jwt]')
    .replace(KNOWN_TOKENS, '[token]')
    .replace(BEARER, '$1 [redacted]')
    .replace(EMAIL, '[email]');
}

/** A URL without its query string (also the query inside a hash route, `#/users?filter=…`). */
function scrubUrl(url: string): string {
  const [base = '', ...hash] = url.split('#');
  const fragment = hash.join('#').split('?')[0];
  return scrubString(base.split('?')[0] + (hash.length ? `#${fragment}` : ''));
}

/** Deep copy with secret-named keys dropped and every string scrubbed. */
function scrubValue<T>(value: T, depth = 0): T {
  if (depth > 12) return '[depth]' as T;
  if (typeof value === 'string') return scrubString(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrubValue(v, depth + 1);
    return out as T;
  }
  return value;
}

const URL_KEYS = ['url', 'from', 'to'] as const;

export function scrubBreadcrumb(crumb: Breadcrumb): Breadcrumb {
  const scrubbed = scrubValue(crumb);
  if (scrubbed.data) {
    for (const key of URL_KEYS) if (typeof scrubbed.data[key] === 'string') scrubbed.data[key] = scrubUrl(scrubbed.data[key] as string);
  }
  return scrubbed;
}

/** For beforeSendSpan (spans are streamed): no query strings, no credentials in names and attributes. */
export function scrubSpan<S extends { name: string; attributes: Record<string, unknown> }>(span: S): S {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(scrubValue(span.attributes))) {
    if (/query/i.test(key)) continue;
    attributes[key] = /url|href|referrer/i.test(key) && typeof value === 'string' ? scrubUrl(value) : value;
  }
  return { ...span, name: scrubUrl(span.name), attributes };
}

/** For beforeSend and the replay_event processor. */
export function scrubEvent<E extends Event>(event: E): E {
  if (event.user) event.user = event.user.id ? { id: event.user.id } : undefined;
  if (event.request) {
    delete event.request.data;
    delete event.request.cookies;
    delete event.request.query_string;
    if (event.request.url) event.request.url = scrubUrl(event.request.url);
    if (event.request.headers) {
      const { Referer, ...headers } = event.request.headers;
      event.request.headers = scrubValue(headers);
      if (Referer) event.request.headers.Referer = scrubUrl(Referer);
    }
  }
  if (event.message) event.message = scrubString(event.message);
  if (event.transaction) event.transaction = scrubUrl(event.transaction);
  for (const ex of event.exception?.values ?? []) {
    if (ex.value) ex.value = scrubString(ex.value);
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  if (event.extra) event.extra = scrubValue(event.extra);
  if (event.contexts) event.contexts = scrubValue(event.contexts);
  if (event.tags) event.tags = scrubValue(event.tags);
  if (event.spans) event.spans = scrubValue(event.spans);
  const replay = event as E & { urls?: string[] };
  if (Array.isArray(replay.urls)) replay.urls = replay.urls.map(scrubUrl);
  return event;
}

/** True when the URL carries something the rules above remove (a one-time token, an e-mail address…). */
function urlHasSecrets(href: string): boolean {
  let decoded = href;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    // keep the raw form
  }
  return scrubString(href) !== href || scrubString(decoded) !== decoded;
}

/**
 * A replay's DOM snapshots start with the page URL as it is (rrweb's meta event, which no Sentry hook can change).
 * So Session Replay only records while the URL is clean: it starts on the first clean page (an e-mail link's page,
 * `/reset-password?token=…`, is not recorded) and stops for good, for this page load, on a URL that is not.
 */
export function recordReplayOnCleanUrlsOnly(client: ReturnType<typeof init>, replay: ReturnType<typeof replayIntegration>): void {
  if (!client) return;
  let state: 'waiting' | 'recording' | 'stopped' = 'waiting';
  const check = () => {
    const secret = urlHasSecrets(window.location.href);
    if (state === 'waiting' && !secret) {
      client.addIntegration(replay);
      state = 'recording';
    } else if (state === 'recording' && secret) {
      void replay.stop();
      state = 'stopped';
    }
  };
  check();
  // Emitted by the router integration after each route change (push, replace, back/forward).
  client.on('startNavigationSpan', check);
}

/** rrweb's custom events carry breadcrumbs and spans (with URLs); its meta event, see above, is not passed here. */
export function scrubRecordingEvent<R extends { type: number; data: unknown }>(event: R): R {
  return { ...event, data: scrubValue(event.data) };
}
