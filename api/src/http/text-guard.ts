/**
 * Text Postgres cannot store, or that breaks JSON later (the audit log's before/after): NUL characters and
 * unpaired UTF-16 surrogates. Checked at the edge for every part of every request, keys included, so no
 * handler ever sees them.
 */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasBadText(text: string): boolean {
  return BAD_TEXT.test(text);
}

/** The path of the first string (or key) with bad text, or undefined. Depth-capped: bodies are ≤ 50 MB JSON. */
export function findBadText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return hasBadText(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (hasBadText(key)) return path;
    const found = findBadText(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
