/**
 * A repository-relative path Argus reads or stores: not absolute, no `..` or empty segment, no NUL. Shared by the
 * worker (before it reads a file) and the API (SARIF import), so both refuse the same paths.
 */
export function isSafeRelativePath(rel: string): boolean {
  if (rel === '' || rel.includes('\0')) return false;
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return false;
  return !rel.split('/').some((seg) => seg === '..' || seg === '');
}
