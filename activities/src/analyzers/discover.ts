import { execFile } from 'node:child_process';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ignore from 'ignore';
import { LANGUAGES, languageOf, throwIfAborted } from './types';
import type { Language } from './types';
import { realPathInRoot } from './source';

const execFileAsync = promisify(execFile);

export type SkipReason = 'vendored' | 'minified' | 'generated' | 'too_large' | 'ignored' | 'binary';

interface SkippedFile {
  /** Posix path relative to the root; a directory skipped as a whole is reported once, with a trailing slash. */
  path: string;
  reason: SkipReason;
}

export interface DiscoverOptions {
  /** Globs from the config (.gitignore syntax: `docs/`, `**\/*.snap`, `legacy/*.js`). */
  ignore: string[];
  /** Files larger than this are skipped as too_large. Default 1 MB. */
  maxFileBytes?: number;
  signal?: AbortSignal;
}

export interface DiscoverResult {
  /** Text files to analyze: sorted posix paths relative to the root. */
  files: string[];
  /** How many of `files` are of each language. */
  languages: Record<Language, number>;
  /** Sorted by path. */
  skipped: SkippedFile[];
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

const VENDORED_DIRS = new Set(['node_modules', 'vendor', 'third_party', 'bower_components', '.venv', 'venv', 'site-packages']);
const GENERATED_DIRS = new Set(['dist', 'build']);
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'Cargo.lock', 'composer.lock', 'Gemfile.lock', 'go.sum']);
const BINARY_EXTENSIONS = new Set(
  (
    '.png .jpg .jpeg .gif .bmp .ico .webp .avif .tif .tiff .psd .pdf .zip .gz .tgz .bz2 .xz .7z .rar .tar .jar .war .ear .class ' +
    '.so .dylib .dll .exe .o .a .lib .obj .bin .dat .wasm .pyc .pyo .whl .egg .woff .woff2 .ttf .otf .eot .mp3 .mp4 .m4a .wav ' +
    '.ogg .flac .avi .mov .mkv .webm .sqlite .db .sqlite3 .DS_Store .node .lockb'
  )
    .split(' ')
    .map((e) => e.toLowerCase()),
);
const MINIFIED_CHECK_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const GENERATED_MARKER = /@generated|DO NOT EDIT/;
const SNIFF_BYTES = 8000;

function extname(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? (base.startsWith('.') ? base.toLowerCase() : '') : base.slice(dot).toLowerCase();
}

/**
 * Path-only classification. Returns the reason and, for a skipped directory, the directory to report.
 * Exported for tests and for callers that want to explain a path.
 */
export function classifyPath(rel: string): { reason: SkipReason; reportAs: string } | null {
  const segments = rel.split('/');
  const dirs = segments.slice(0, -1);
  for (let i = 0; i < dirs.length; i++) {
    const seg = dirs[i]!;
    if (VENDORED_DIRS.has(seg)) return { reason: 'vendored', reportAs: `${segments.slice(0, i + 1).join('/')}/` };
  }
  for (let i = 0; i < dirs.length; i++) {
    const seg = dirs[i]!;
    if (GENERATED_DIRS.has(seg)) return { reason: 'generated', reportAs: `${segments.slice(0, i + 1).join('/')}/` };
  }
  const base = segments[segments.length - 1]!;
  const lower = base.toLowerCase();
  if (/[.-]min\.(?:js|mjs|cjs|css)$/.test(lower)) return { reason: 'minified', reportAs: rel };
  if (/\.generated\./.test(lower) || /_pb2(?:_grpc)?\.pyi?$/.test(lower) || /\.pb\.go$/.test(lower) || LOCKFILES.has(base)) {
    return { reason: 'generated', reportAs: rel };
  }
  if (BINARY_EXTENSIONS.has(extname(base))) return { reason: 'binary', reportAs: rel };
  return null;
}

/** Content classification of a candidate file's bytes (the whole file for JS, else its first 8000 bytes). */
function classifyContent(rel: string, head: Buffer, wholeFile: string | null): SkipReason | null {
  if (head.subarray(0, SNIFF_BYTES).includes(0)) return 'binary';
  const text = wholeFile ?? head.toString('utf8');
  const firstLines = text.split(/\r\n|\r|\n/, 5);
  if (firstLines.some((l) => GENERATED_MARKER.test(l))) return 'generated';
  if (wholeFile !== null && MINIFIED_CHECK_EXTENSIONS.has(extname(rel)) && looksMinified(wholeFile)) return 'minified';
  return null;
}

/** A line longer than 1000 characters in a file with few newlines for its size. */
export function looksMinified(text: string): boolean {
  let lines = 0;
  let maxLen = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    maxLen = Math.max(maxLen, end - start);
    lines++;
    if (nl === -1) break;
    start = nl + 1;
  }
  if (maxLen <= 1000) return false;
  return lines <= 5 || text.length / lines > 250;
}

async function isGitWorkTree(root: string): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync('git', [...gitSafety(root), 'rev-parse', '--is-inside-work-tree'], { cwd: root });
    return stdout.trim() === 'true';
  } catch {
    return false;
  }
}

/** Never let the repository's own configuration run anything while we list files. */
function gitSafety(root: string): string[] {
  return ['-c', `safe.directory=${root}`, '-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false'];
}

async function gitList(root: string, args: string[]): Promise<string[]> {
  const { stdout } = await execFileAsync('git', [...gitSafety(root), 'ls-files', '-z', ...args], {
    cwd: root,
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'buffer',
  });
  return stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '');
}

interface Listing {
  candidates: string[];
  /** Directories or files excluded by .gitignore that we know about (reported as skipped). */
  gitignored: string[];
  /** Directories the walk did not descend into. */
  pruned: SkippedFile[];
}

async function listWithGit(root: string): Promise<Listing> {
  const candidates = [...new Set(await gitList(root, ['--cached', '--others', '--exclude-standard']))];
  let gitignored: string[] = [];
  try {
    gitignored = await gitList(root, ['--others', '--ignored', '--exclude-standard', '--directory']);
  } catch {
    // Only used for reporting.
  }
  return { candidates, gitignored, pruned: [] };
}

async function listByWalking(root: string, signal: AbortSignal | undefined): Promise<Listing> {
  const ig = ignore();
  try {
    ig.add(await readFile(await realPathInRoot(root, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore.
  }
  const candidates: string[] = [];
  const gitignored: string[] = [];
  const pruned: SkippedFile[] = [];
  const walk = async (relDir: string): Promise<void> => {
    throwIfAborted(signal);
    const entries = await readdir(relDir === '' ? root : path.join(root, ...relDir.split('/')), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name === '.git') continue;
        if (ig.ignores(`${rel}/`)) {
          gitignored.push(`${rel}/`);
          continue;
        }
        if (VENDORED_DIRS.has(entry.name) || GENERATED_DIRS.has(entry.name)) {
          // Not descended into (a node_modules/ can hold 100k files).
          pruned.push({ path: `${rel}/`, reason: VENDORED_DIRS.has(entry.name) ? 'vendored' : 'generated' });
          continue;
        }
        await walk(rel);
      } else if (entry.isFile()) {
        if (ig.ignores(rel)) gitignored.push(rel);
        else candidates.push(rel);
      }
      // Symlinks, sockets, devices: never followed.
    }
  };
  await walk('');
  return { candidates, gitignored, pruned };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

async function readHead(abs: string, bytes: number): Promise<Buffer> {
  const fh = await open(abs, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Lists the files of a checkout worth analyzing. Honors .gitignore (through git when `root` is a work tree,
 * else by parsing the root .gitignore), the config's ignore globs, and skips vendored, generated, minified,
 * binary and oversized files. Symlinks are never followed.
 */
export async function discoverFiles(root: string, opts: DiscoverOptions): Promise<DiscoverResult> {
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const configIgnore = ignore().add(opts.ignore.filter((g) => typeof g === 'string' && g.trim() !== ''));
  const listing = (await isGitWorkTree(root)) ? await listWithGit(root) : await listByWalking(root, opts.signal);
  throwIfAborted(opts.signal);

  const skipped = new Map<string, SkipReason>();
  const skip = (p: string, reason: SkipReason) => {
    if (!skipped.has(p)) skipped.set(p, reason);
  };

  for (const p of listing.gitignored) {
    const dirName = p.endsWith('/') ? p.slice(0, -1).split('/').pop()! : null;
    skip(p, dirName !== null && VENDORED_DIRS.has(dirName) ? 'vendored' : 'ignored');
  }

  for (const p of listing.pruned) skip(p.path, p.reason);

  const candidates: string[] = [];
  for (const rel of listing.candidates) {
    if (rel.split('/').includes('.git')) continue;
    let ignoredByConfig = false;
    try {
      ignoredByConfig = configIgnore.ignores(rel);
    } catch {
      ignoredByConfig = false;
    }
    if (ignoredByConfig) {
      skip(rel, 'ignored');
      continue;
    }
    const byPathReason = classifyPath(rel);
    if (byPathReason) {
      skip(byPathReason.reportAs, byPathReason.reason);
      continue;
    }
    candidates.push(rel);
  }

  const verdicts = await mapLimit(candidates, 16, async (rel): Promise<SkipReason | 'ok' | 'gone'> => {
    throwIfAborted(opts.signal);
    const abs = path.join(root, ...rel.split('/'));
    let st;
    try {
      st = await lstat(abs);
    } catch {
      return 'gone'; // tracked but deleted in the work tree
    }
    if (!st.isFile()) return 'gone'; // symlink, submodule, ...
    if (st.size > maxFileBytes) return 'too_large';
    try {
      if (MINIFIED_CHECK_EXTENSIONS.has(extname(rel))) {
        const buf = await readFile(abs);
        return classifyContent(rel, buf, buf.includes(0) ? null : buf.toString('utf8')) ?? 'ok';
      }
      return classifyContent(rel, await readHead(abs, SNIFF_BYTES), null) ?? 'ok';
    } catch {
      return 'gone';
    }
  });

  const files: string[] = [];
  candidates.forEach((rel, i) => {
    const verdict = verdicts[i]!;
    if (verdict === 'ok') files.push(rel);
    else if (verdict !== 'gone') skip(rel, verdict);
  });
  files.sort(byPath);

  const languages = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Language, number>;
  for (const f of files) languages[languageOf(f)]++;

  return {
    files,
    languages,
    skipped: [...skipped.entries()].map(([p, reason]) => ({ path: p, reason })).sort((a, b) => byPath(a.path, b.path)),
  };
}
