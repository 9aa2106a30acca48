// PII and secret scrubbing shared by logs, Sentry events and the system log.
import { SECRET_KEY_PATTERN as SECRET_KEY } from '@argus/db';

const SOURCE_KEY = /^(snippet|source|code|patch|diff|pre_context|post_context|context_line)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|token|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
/**
 * Argus's own secrets are all `argus_<kind>_<base64url>` (api/src/auth/tokens.ts newOpaqueToken: refresh `rt`,
 * personal API `pat`, one-time links `ott` for verification, e-mail change and password reset, invitations
 * `inv`); any kind is matched, so a new one is covered before anyone remembers to add it here.
 */
const ARGUS_TOKEN = /\bargus_[a-z]{2,8}_[A-Za-z0-9_-]{10,}/g;
const KNOWN_TOKENS = /\b(gh[opsu]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|sk_(live|test)_[A-Za-z0-9]{10,}|rk_(live|test)_[A-Za-z0-9]{10,}|gsk_[A-Za-z0-9]{10,}|sk-ant-[A-Za-z0-9_-]{10,}|whsec_[A-Za-z0-9]{10,})\b/g;
/** Secrets in query strings (links in mails, WebSocket URLs): `?token=…`, `&access_token=…`. */
const QUERY_SECRET = /([?&](?:token|access_token|refresh_token|code|key|secret|signature|sig)=)[^&#\s"'<>]+/gi;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

/** Only the secrets (tokens, keys, JWTs, link secrets), for text that is otherwise fine to show, such as a mail. */
export function redactTokens(value: string): string {
  return value
    .replace(PEM, '[private key]')
    .replace(JWT, '[jwt]')
    .replace(ARGUS_TOKEN, '[token]')
    .replace(KNOWN_TOKENS, '[token]')
    .replace(QUERY_SECRET, '$1[redacted]');
}

export function scrubString(value: string): string {
  return redactTokens(value)
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
