/** Only same-origin paths may be used as a post-login redirect, never "//evil.example". */
export function readSafeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
