// PII and secret scrubbing shared by logs, Sentry events and the system log.
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|dsn|signature/i;
const SOURCE_KEY = /^(snippet|source|code|patch|diff|pre_context|post_context|context_line)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|token|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
const KNOWN_TOKENS = /\b(argus_(pat|rt)_[A-Za-z0-9_-]{10,}|gh[opsu]_[A-Za-z0-9]{20,}|sk_(live|test)_[A-Za-z0-9]{10,}|gsk_[A-Za-z0-9]{10,}|sk-ant-[A-Za-z0-9_-]{10,}|whsec_[A-Za-z0-9]{10,})\b/g;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

export function scrubString(value: string): string {
  return value
    .replace(PEM, '[private key]')
    .replace(JWT, '[jwt]')
    .replace(KNOWN_TOKENS, '[token]')
    .replace(BEARER, '$1 [redacted]')
    .replace(EMAIL, '[email]');
}

/** Deep copy with secrets, e-mail addresses and source code removed. */
export function scrubValue<T>(value: T, depth = 0): T {
  if (depth > 12) return '[depth]' as T;
  if (typeof value === 'string') return scrubString(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) out[k] = '[redacted]';
      else if (SOURCE_KEY.test(k)) out[k] = '[source removed]';
      else out[k] = scrubValue(v, depth + 1);
    }
    return out as T;
  }
  return value;
}

/** Drops secret-named keys only; for audit entries, where addresses and names are the point. */
export function redactSecretKeys<T>(value: T, depth = 0): T {
  if (depth > 12 || !value || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactSecretKeys(v, depth + 1)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redactSecretKeys(v, depth + 1)]),
  ) as T;
}
