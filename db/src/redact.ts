// Secret-key redaction for what is stored for people to read later (the activity log). It lives in db/ because the
// activity log's one writer (db/src/tables/activity-log.ts) applies it; @argus/activities re-exports it.

/** Key names whose values are secrets: passwords, tokens, keys, credentials, signatures. */
export const SECRET_KEY_PATTERN = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|dsn|signature/i;

/** Drops secret-named keys only; for audit entries, where addresses and names are the point. */
export function redactSecretKeys<T>(value: T, depth = 0): T {
  if (depth > 12 || !value || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactSecretKeys(v, depth + 1)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY_PATTERN.test(k) ? '[redacted]' : redactSecretKeys(v, depth + 1)]),
  ) as T;
}
