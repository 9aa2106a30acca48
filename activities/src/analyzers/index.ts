import { createAstGrepAnalyzer } from './ast-grep';
import { FileClassifier, type FileRole } from './classify';
import type { ArgusConfig } from './config';
import { createConfigFilesAnalyzer } from './config-files';
import { createEslintAnalyzer } from './eslint';
import { fingerprintFinding, occurrenceKey } from './fingerprint';
import { createRuffAnalyzer } from './ruff';
import { createSecretsAnalyzer, maskSecrets } from './secrets';
import { isSafeRelativePath, SourceCache, truncate } from './source';
import { cweOfRule, ruleDoc } from './rules/catalogue';
import { findSuppression } from './suppression';
import { createTaintAnalyzer } from './taint';
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
  taint: 'taint/',
  'config-files': '',
};

/** One instance of every analyzer, in the order they run. */
export function createAnalyzers(): Analyzer[] {
  return [createEslintAnalyzer(), createRuffAnalyzer(), createSecretsAnalyzer(), createAstGrepAnalyzer(), createTaintAnalyzer(), createConfigFilesAnalyzer()];
}

/**
 * Rules that report the same problem at the same place without sharing a CWE: on one line only the first rule of a
 * group that fired is kept.
 */
const EQUIVALENT_RULES: readonly (readonly string[])[] = [
  ['argus/empty-catch', 'eslint/no-empty'],
  ['eslint/no-unused-vars', '@typescript-eslint/no-unused-vars'],
];

/**
 * Argus's structural DOM-sink rules are a fallback for files ESLint did not lint: where ESLint linted a file (no parse
 * error), no-unsanitized judges the same sinks with scope information (constants are not reported).
 */
const SUPERSEDED_BY_ESLINT = new Set(['argus/no-inner-html', 'argus/no-document-write']);

function dropSuperseded(findings: RawFinding[], eslintLinted: Set<string>): RawFinding[] {
  const parseErrors = new Set(findings.filter((f) => f.ruleId === 'eslint/parse-error').map((f) => f.path));
  return findings.filter((f) => !SUPERSEDED_BY_ESLINT.has(f.ruleId) || !eslintLinted.has(f.path) || parseErrors.has(f.path));
}

const GROUP_OF = new Map<string, { group: number; rank: number }>();
EQUIVALENT_RULES.forEach((rules, group) => rules.forEach((ruleId, rank) => GROUP_OF.set(ruleId, { group, rank })));

/** Which of two findings of the same weakness stands: a confirmed flow, then the more severe, then Argus's own rules. */
const TOOL_RANK: Record<string, number> = { taint: 0, 'config-files': 1, secrets: 2, eslint: 3, ruff: 3, 'ast-grep': 4 };
const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

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
    ...(f.flow ? { flow: f.flow.slice(0, 50).map((s) => ({ ...s, note: truncate(maskSecrets(s.note), 300) })) } : {}),
    ...(f.origin && isSafeRelativePath(f.origin) ? { origin: f.origin } : {}),
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

function outranks(a: RawFinding, b: RawFinding): boolean {
  const flowA = a.flow ? 0 : 1;
  const flowB = b.flow ? 0 : 1;
  if (flowA !== flowB) return flowA < flowB;
  const sa = SEVERITY_RANK[a.severity] ?? 9;
  const sb = SEVERITY_RANK[b.severity] ?? 9;
  if (sa !== sb) return sa < sb;
  const ta = TOOL_RANK[a.tool] ?? 9;
  const tb = TOOL_RANK[b.tool] ?? 9;
  if (ta !== tb) return ta < tb;
  return compareFindings(a, b) < 0;
}

/**
 * One finding per problem: findings in the same file whose line ranges overlap and whose rules share a CWE are one
 * problem (`exec(cmd + x)` reported by a taint flow, a structural rule and SonarJS on lines 165–166). The best-ranked
 * stands (see outranks); a confirmed flow outranks a pattern match of the same sink.
 */
function dedupeByWeakness(findings: RawFinding[]): RawFinding[] {
  const byPath = new Map<string, RawFinding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  const dropped = new Set<RawFinding>();
  for (const list of byPath.values()) {
    const withCwe = list.map((f) => ({ f, cwe: cweOfRule(f.ruleId) })).filter((x) => x.cwe.length > 0);
    for (let i = 0; i < withCwe.length; i++) {
      for (let j = i + 1; j < withCwe.length; j++) {
        const a = withCwe[i]!;
        const b = withCwe[j]!;
        if (dropped.has(a.f) || dropped.has(b.f)) continue;
        if (a.f.ruleId === b.f.ruleId && a.f.startLine !== b.f.startLine) continue;
        // Tools anchor one problem on neighbouring lines (the call vs its argument): one line of slack across tools.
        const slack = a.f.tool === b.f.tool ? 0 : 1;
        if (a.f.startLine > b.f.endLine + slack || b.f.startLine > a.f.endLine + slack) continue;
        if (!a.cwe.some((c) => b.cwe.includes(c))) continue;
        dropped.add(outranks(a.f, b.f) ? b.f : a.f);
      }
    }
  }
  return findings.filter((f) => !dropped.has(f));
}

/** The rule setting of .argus.yml `rules:` for a finding: by full id, else by the part after the tool prefix. */
function ruleSetting(config: ArgusConfig, ruleId: string): string | undefined {
  const rules = config.rules ?? {};
  if (rules[ruleId] !== undefined) return rules[ruleId];
  const short = ruleId.slice(ruleId.indexOf('/') + 1);
  return rules[short];
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
  const eslintLinted = new Set(plan.find((p) => p.analyzer.id === 'eslint')?.files ?? []);
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
      // A taint flow that starts in this batch may end in an imported file of another one.
      if (allowed.has(n.path) || (analyzer.id === 'taint' && isSafeRelativePath(n.path))) raw.push(n);
    }
    base += routed.length;
    input.onProgress?.(base, total);
  }
  throwIfAborted(signal);

  const configured: RawFinding[] = [];
  for (const f of dropSuperseded(raw, eslintLinted)) {
    const setting = ruleSetting(config, f.ruleId);
    if (setting === 'off') continue;
    const doc = ruleDoc(f.ruleId);
    let severity = (setting as Severity | undefined) ?? f.severity;
    // Style is never above low, whatever a tool or a config says.
    if (f.category === 'style' && (severity === 'critical' || severity === 'high' || severity === 'medium')) severity = 'low';
    configured.push({ ...f, severity, helpUrl: f.helpUrl ?? doc?.helpUri ?? null });
  }
  const sorted = dedupeByWeakness(dropEquivalentDuplicates(configured)).sort(compareFindings);
  // Exact duplicates (same rule, same place) collapse into one.
  const unique = sorted.filter((f, i) => i === 0 || compareFindings(f, sorted[i - 1]!) !== 0);

  const sources = new SourceCache(root);
  const classifier = new FileClassifier(config.classify);
  const roles = new Map<string, FileRole>();
  const occurrences = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of unique) {
    const key = occurrenceKey(f);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const lines = await sources.lines(f.path);
    let role = roles.get(f.path);
    if (!role) {
      role = classifier.roleOf(f.path, lines ? lines.slice(0, 400).join('\n') : null);
      roles.set(f.path, role);
    }
    // A key in docs, an example or a test fixture is usually a documented placeholder: still shown, rated low.
    const severity = f.tool === 'secrets' && role !== 'production' && role !== 'test' && SEVERITY_RANK[f.severity]! < SEVERITY_RANK.low! ? 'low' : f.severity;
    const finding = { ...f, severity };
    out.push({ ...finding, fingerprint: fingerprintFinding(finding, occurrence), suppression: lines ? findSuppression(finding, lines) : null, fileRole: role, cwe: cweOfRule(f.ruleId) });
  }
  return out;
}
