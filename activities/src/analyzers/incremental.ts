import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArgusConfig } from './config';
import { repoContextOf } from './context';
import { isSafeRelativePath, readSource } from './source';
import { isDeclarationFile, languageOf } from './types';

/**
 * Incremental pull-request analysis: which files a change makes worth analyzing again, and which of the base run's
 * findings still hold. Every analyzer but taint looks at one file at a time; taint follows relative imports
 * IMPORT_DEPTH levels deep, so a changed file also invalidates the files that reach it within that many imports.
 * Everything else is carried forward from the base run, whose fingerprints are stable across commits.
 */

/** As taint/index.ts: how many levels of relative imports a file's flows may cross. */
const IMPORT_DEPTH = 3;
/** Larger files are not parsed for taint, so they import nothing as far as flows go. */
const MAX_TAINT_BYTES = 512 * 1024;
const RESOLVE_SUFFIXES = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts', '/index.js', '/index.ts', '/index.mjs', '/index.jsx', '/index.tsx'];
/** Any quoted relative path: a superset of the imports and requires the taint engine follows. */
const RELATIVE_SPECIFIER = /(['"`])(\.\.?\/[^'"`\n\r]{0,400}?)\1/g;
/** Beyond this share of changed files a full analysis is about as cheap and simpler to trust. */
export const INCREMENTAL_MAX_CHANGED_SHARE = 0.3;
const SCAN_CONCURRENCY = 48;

export interface ChangeSet {
  /** Added, modified or type-changed files at the head commit (relative posix paths). */
  changed: string[];
  /** Files of the base commit that the head no longer has (renames count as a delete and an add). */
  deleted: string[];
}

export interface IncrementalPlan {
  /** Changed files: analyzed again by every analyzer. */
  analyze: string[];
  /** Unchanged files whose flows can reach a changed one: only their taint flows are found again. */
  taintOnly: string[];
  /** Paths whose base findings are all dropped: the changed and the deleted files. */
  replaced: string[];
  /**
   * Files whose flows are found again (changed, deleted and reaching importers): a carried taint finding must not
   * come from one of them, and, where the base run did not record where a flow came from, not pass through one.
   */
  touched: string[];
}

function isModule(p: string): boolean {
  const lang = languageOf(p);
  return (lang === 'javascript' || lang === 'typescript') && !isDeclarationFile(p);
}

/** Parses `git diff --name-status -z --no-renames` output. */
export function parseNameStatus(output: string): ChangeSet {
  const parts = output.split('\0').filter((p) => p.length > 0);
  const changed: string[] = [];
  const deleted: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i]!;
    const file = parts[i + 1]!;
    if (status.startsWith('D')) deleted.push(file);
    else changed.push(file);
  }
  return { changed, deleted };
}

function resolveSpecifier(fromRel: string, spec: string, known: Set<string>): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  const candidates = RESOLVE_SUFFIXES.map((s) => base + s);
  // TypeScript sources import './x.js' for './x.ts'.
  if (/\.[cm]?js$/.test(base)) candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'));
  for (const c of candidates) if (known.has(c)) return c;
  return null;
}

/**
 * Plans the re-analysis of a change. `tracked` is every file of the head commit (`git ls-files`), so imports of
 * files Argus does not analyze itself (vendored code) still count as edges; `files` is what the analysis covers.
 */
export async function planIncrementalAnalysis(input: { root: string; files: string[]; tracked: string[]; change: ChangeSet }): Promise<IncrementalPlan> {
  const { root, files, change } = input;
  // Deleted files still resolve, so their former importers are found too.
  const known = new Set([...input.tracked, ...change.deleted].filter((p) => isSafeRelativePath(p) && isModule(p)));
  const importers = new Map<string, Set<string>>();
  const scan = async (rel: string) => {
    let text: string;
    try {
      text = await readSource(root, rel);
    } catch {
      return;
    }
    if (text.length > MAX_TAINT_BYTES) return;
    for (const m of text.matchAll(RELATIVE_SPECIFIER)) {
      const target = resolveSpecifier(rel, m[2]!, known);
      if (!target || target === rel) continue;
      let set = importers.get(target);
      if (!set) importers.set(target, (set = new Set()));
      set.add(rel);
    }
  };
  // Reads overlap (a few dozen at a time): on a large tree the graph costs file-system latency, not CPU.
  const modules = input.tracked.filter((rel) => known.has(rel));
  for (let i = 0; i < modules.length; i += SCAN_CONCURRENCY) await Promise.all(modules.slice(i, i + SCAN_CONCURRENCY).map(scan));
  const seeds = [...change.changed, ...change.deleted];
  const reach = new Set(seeds);
  let frontier = seeds;
  for (let d = 0; d < IMPORT_DEPTH && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const importer of importers.get(f) ?? []) {
        if (reach.has(importer)) continue;
        reach.add(importer);
        next.push(importer);
      }
    }
    frontier = next;
  }
  const analyzed = new Set(files);
  const changed = new Set(change.changed);
  return {
    analyze: change.changed.filter((f) => analyzed.has(f)).sort(),
    taintOnly: [...reach].filter((f) => analyzed.has(f) && !changed.has(f) && isModule(f)).sort(),
    replaced: seeds.slice().sort(),
    touched: [...reach].sort(),
  };
}

let engineDigest: Promise<string> | null = null;

/** Analyzer packages whose version changes what is found. */
const ENGINE_PACKAGES = ['eslint', '@eslint/js', 'eslint-plugin-sonarjs', 'eslint-plugin-security', 'eslint-plugin-no-unsanitized', 'typescript-eslint', 'typescript', 'globals', '@ast-grep/napi', '@astral-sh/ruff-wasm-nodejs', 'dockerfile-ast', 'yaml', 'ignore'];

/** A digest of the analyzers themselves (their source and their packages' versions), computed once per process. */
function analyzerEngineDigest(): Promise<string> {
  engineDigest ??= (async () => {
    const hash = createHash('sha256');
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && /\.[cm]?[jt]s$/.test(e.name) && !/\.test\.[cm]?[jt]s$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of entries) hash.update(path.relative(dir, file)).update('\0').update(await readFile(file)).update('\0');
    const require = createRequire(import.meta.url);
    for (const name of ENGINE_PACKAGES) {
      let version = 'absent';
      try {
        version = (require(`${name}/package.json`) as { version: string }).version;
      } catch {
        // Packages that do not export package.json, or are not installed, still make a stable digest.
      }
      hash.update(`${name}@${version}\0`);
    }
    return hash.digest('hex');
  })();
  return engineDigest;
}

/**
 * What a run's findings depend on besides the files: the analyzers, the effective configuration and what the
 * repository says about itself. Two runs with the same key find the same things in the same file.
 */
export async function analysisKeyOf(root: string, config: ArgusConfig): Promise<string> {
  const ctx = await repoContextOf(root);
  const context = { testFrameworks: [...ctx.testFrameworks].sort(), browser: ctx.browser, dependencies: [...ctx.dependencies].sort() };
  return createHash('sha256')
    .update(await analyzerEngineDigest())
    .update(JSON.stringify(config))
    .update(JSON.stringify(context))
    .digest('hex');
}
