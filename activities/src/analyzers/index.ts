import { createAstGrepAnalyzer } from './ast-grep';
import type { ArgusConfig } from './config';
import { createEslintAnalyzer } from './eslint';
import { fingerprintFinding, occurrenceKey } from './fingerprint';
import { createRuffAnalyzer } from './ruff';
import { createSecretsAnalyzer, maskSecrets } from './secrets';
import { isSafeRelativePath, SourceCache, truncate } from './source';
import { findSuppression } from './suppression';
import { CATEGORIES, compareFindings, SEVERITIES, throwIfAborted } from './types';
import type { Analyzer, AnalyzerId, Category, Finding, RawFinding, Severity } from './types';

export * from './types';
export { discoverFiles } from './discover';
export { loadArgusConfig, defaultConfig } from './config';
export type { ArgusConfig } from './config';

/** The namespace each analyzer's rule ids live in. */
const RULE_PREFIX: Record<AnalyzerId, string> = {
  eslint: 'eslint/',
  ruff: 'ruff/',
  secrets: 'secrets/',
  'ast-grep': 'argus/',
};

/** One instance of every analyzer, in the order they run. */
export function createAnalyzers(): Analyzer[] {
  return [createEslintAnalyzer(), createRuffAnalyzer(), createSecretsAnalyzer(), createAstGrepAnalyzer()];
}

/**
 * Rules that report the same problem at the same place. On one line of one file, only the first rule of a group that
 * fired is kept (so `eval(x)` is one finding, not three); if its analyzer is turned off, the next one stands in.
 */
const EQUIVALENT_RULES: readonly (readonly string[])[] = [
  ['eslint/no-eval', 'argus/no-eval', 'eslint/security/detect-eval-with-expression'],
  ['eslint/no-new-func', 'argus/no-new-func'],
  ['eslint/no-implied-eval', 'argus/no-string-timer'],
  ['argus/command-injection', 'eslint/security/detect-child-process'],
  ['argus/empty-catch', 'eslint/no-empty'],
];

const GROUP_OF = new Map<string, { group: number; rank: number }>();
EQUIVALENT_RULES.forEach((rules, group) => rules.forEach((ruleId, rank) => GROUP_OF.set(ruleId, { group, rank })));

export interface AnalyzeFilesInput {
  root: string;
  /** Relative posix paths, typically `discoverFiles(...).files`. */
  files: string[];
  config: ArgusConfig;
  analyzers?: Analyzer[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function positiveInt(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

/** Puts a raw finding in canonical form: prefixed rule id, valid enums and positions, masked and bounded text. */
function normalizeFinding(f: RawFinding, analyzerId: AnalyzerId): RawFinding {
  const prefix = RULE_PREFIX[analyzerId];
  const ruleId = f.ruleId.startsWith(prefix) ? f.ruleId : `${prefix}${f.ruleId}`;
  const startLine = positiveInt(f.startLine, 1);
  const startColumn = positiveInt(f.startColumn, 1);
  const endLine = Math.max(startLine, positiveInt(f.endLine, startLine));
  const endColumn = positiveInt(f.endColumn, endLine === startLine ? startColumn : 1);
  return {
    tool: analyzerId,
    ruleId,
    category: (CATEGORIES as readonly string[]).includes(f.category) ? f.category : ('maintainability' satisfies Category),
    severity: (SEVERITIES as readonly string[]).includes(f.severity) ? f.severity : ('info' satisfies Severity),
    path: f.path.replace(/\\/g, '/').replace(/^\.\//, ''),
    startLine,
    startColumn,
    endLine,
    endColumn: endLine === startLine ? Math.max(startColumn, endColumn) : endColumn,
    message: truncate(maskSecrets(f.message.trim()), 2000),
    snippet: truncate(maskSecrets(f.snippet)),
    helpUrl: f.helpUrl && /^https:\/\//.test(f.helpUrl) ? f.helpUrl : null,
  };
}

/** Drops findings made redundant by a better-ranked equivalent rule on the same line (see EQUIVALENT_RULES). */
function dropEquivalentDuplicates(findings: RawFinding[]): RawFinding[] {
  const best = new Map<string, number>();
  const keyOf = (f: RawFinding, group: number) => `${f.path}\u0000${f.startLine}\u0000${group}`;
  for (const f of findings) {
    const g = GROUP_OF.get(f.ruleId);
    if (!g) continue;
    const k = keyOf(f, g.group);
    best.set(k, Math.min(best.get(k) ?? Infinity, g.rank));
  }
  return findings.filter((f) => {
    const g = GROUP_OF.get(f.ruleId);
    return !g || best.get(keyOf(f, g.group)) === g.rank;
  });
}

/**
 * Runs the enabled analyzers over the files that each applies to, then normalizes, de-duplicates, sorts,
 * fingerprints and resolves inline suppressions. Deterministic: the same checkout gives the same output.
 * Analyzers run one after another (a 2-core budget; ESLint alone saturates a core).
 */
export async function analyzeFiles(input: AnalyzeFilesInput): Promise<Finding[]> {
  const { root, config, signal } = input;
  const analyzers = (input.analyzers ?? createAnalyzers()).filter((a) => config.analyzers[a.id] !== false);
  const files = [...new Set(input.files.filter(isSafeRelativePath))].sort(cmp);

  const plan = analyzers.map((a) => ({ analyzer: a, files: files.filter((f) => a.appliesTo(f)) }));
  const total = plan.reduce((n, p) => n + p.files.length, 0);
  let base = 0;
  input.onProgress?.(0, total);

  const raw: RawFinding[] = [];
  for (const { analyzer, files: routed } of plan) {
    throwIfAborted(signal);
    if (routed.length === 0) continue;
    const findings = await analyzer.analyze({
      root,
      files: routed,
      signal,
      onProgress: (done) => input.onProgress?.(base + Math.min(done, routed.length), total),
    });
    const allowed = new Set(routed);
    for (const f of findings) {
      const n = normalizeFinding(f, analyzer.id);
      if (allowed.has(n.path)) raw.push(n);
    }
    base += routed.length;
    input.onProgress?.(base, total);
  }
  throwIfAborted(signal);

  const sorted = dropEquivalentDuplicates(raw).sort(compareFindings);
  // Exact duplicates (same rule, same place) collapse into one.
  const unique = sorted.filter((f, i) => i === 0 || compareFindings(f, sorted[i - 1]!) !== 0);

  const sources = new SourceCache(root);
  const occurrences = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of unique) {
    const key = occurrenceKey(f);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const lines = await sources.lines(f.path);
    out.push({ ...f, fingerprint: fingerprintFinding(f, occurrence), suppression: lines ? findSuppression(f, lines) : null });
  }
  return out;
}
