import { readFileSync, realpathSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isSafeRelativePath } from '../platform/paths';

export { isSafeRelativePath };

const MAX_SNIPPET_CHARS = 500;
/** A finding spanning many lines keeps only its first few in the snippet. */
const MAX_SNIPPET_LINES = 5;

/** Splits text into lines the way editors count them (\n, \r\n or \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function resolveInRoot(root: string, rel: string): string {
  if (!isSafeRelativePath(rel)) throw new Error(`Refusing to read outside the repository: ${JSON.stringify(rel)}`);
  return path.join(root, ...rel.split('/'));
}

/**
 * The real path of a file of the checkout, refusing any that a symlink (anywhere on the path) takes outside it.
 * A repository can contain `src/x.js -> /proc/self/environ`; a lexical check alone would read the worker's
 * environment into an LLM prompt, or let a built-in fix write outside the sandbox.
 */
export async function realPathInRoot(root: string, rel: string): Promise<string> {
  const lexical = resolveInRoot(root, rel);
  const [realRoot, real] = await Promise.all([realpath(root), realpath(lexical)]);
  return insideRoot(realRoot, real, rel);
}

function insideRoot(realRoot: string, real: string, rel: string): string {
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new Error(`Refusing to follow a symbolic link out of the repository: ${JSON.stringify(rel)}`);
  return real;
}

/** readSource for code that cannot await (the taint engine loads imported modules when a flow enters them). */
export function readSourceSync(root: string, rel: string): string {
  const text = readFileSync(insideRoot(realpathSync(root), realpathSync(resolveInRoot(root, rel)), rel), 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a file of the checkout as UTF-8 text, without a BOM. Never follows a symlink out of the checkout. */
export async function readSource(root: string, rel: string): Promise<string> {
  const text = await readFile(await realPathInRoot(root, rel), 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function truncate(text: string, max = MAX_SNIPPET_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The source line(s) from startLine to endLine (1-based, at most 5 lines), trimmed to <= 500 characters. */
export function snippetOf(lines: readonly string[], startLine: number, endLine: number): string {
  const first = Math.max(1, startLine);
  const last = Math.min(lines.length, Math.max(first, endLine), first + MAX_SNIPPET_LINES - 1);
  const text = lines
    .slice(first - 1, last)
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
  return truncate(text);
}

/** Small per-run cache of file lines, so several analyzers and the suppression pass read a file once. */
export class SourceCache {
  private readonly cache = new Map<string, Promise<string[] | null>>();
  constructor(private readonly root: string) {}

  lines(rel: string): Promise<string[] | null> {
    let entry = this.cache.get(rel);
    if (!entry) {
      entry = readSource(this.root, rel).then(splitLines, () => null);
      this.cache.set(rel, entry);
    }
    return entry;
  }
}

/** Test code by path convention (tests/, __tests__/, test_*.py, *_test.py, conftest.py, *.test.ts, *.spec.js…). */
export function isTestPath(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return (
    /(?:^|\/)(?:tests?|__tests__|spec|specs|testing)\//.test(rel) ||
    /^test_.*\.py$/.test(base) ||
    /_tests?\.py$/.test(base) ||
    base === 'conftest.py' ||
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(base)
  );
}
