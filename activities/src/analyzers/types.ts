/** Shared types of the analyzer library: what every analyzer reports and how findings are shaped. */

export { CATEGORIES, SEVERITIES, type Category, type Severity } from '@argus/workflows/contract';
import type { Category, Severity } from '@argus/workflows/contract';
import type { FileRole } from './classify';
export type Language = 'javascript' | 'typescript' | 'python' | 'other';

export const LANGUAGES: readonly Language[] = ['javascript', 'typescript', 'python', 'other'];

export interface RawFinding {
  /** The analyzer that produced it: 'eslint' | 'ruff' | 'secrets' | 'ast-grep' | 'taint' | 'config-files'. */
  tool: string;
  /** Prefixed with the tool's namespace once normalized: `eslint/no-eval`, `ruff/S101`, `secrets/github-token`, `argus/no-eval`. */
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Posix path, relative to the repository root. */
  path: string;
  /** 1-based. */
  startLine: number;
  /** 1-based, in UTF-16 code units. */
  startColumn: number;
  /** 1-based. */
  endLine: number;
  /** 1-based, exclusive (the column just after the last character), in UTF-16 code units. */
  endColumn: number;
  message: string;
  /** The source line(s) of the finding, trimmed to at most 500 characters. Secrets are masked. */
  snippet: string;
  helpUrl: string | null;
  /** Taint flows only: source → steps → sink (SARIF codeFlows). */
  flow?: FlowStep[] | null;
  /** Taint flows only: the analyzed file the flow was found from (it may end in a file that file imports). */
  origin?: string;
}

/** One step of a data flow, 1-based positions. */
interface FlowStep {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  note: string;
}

export interface InlineSuppression {
  kind: 'inline';
  reason: string | null;
}

export interface Finding extends RawFinding {
  /** sha256 hex of `ruleId|path|normalizedSnippet|occurrence`: survives unrelated edits elsewhere in the file. */
  fingerprint: string;
  suppression: null | InlineSuppression;
  /** What the file is for: findings outside production code stay visible but out of the gate and default counts. */
  fileRole?: FileRole;
  /** CWE ids of the rule (`CWE-89`), from the rule catalogue. */
  cwe?: string[];
}

export type AnalyzerId = 'eslint' | 'ruff' | 'secrets' | 'ast-grep' | 'taint' | 'config-files';

export interface AnalyzeInput {
  /** Absolute path of the checked-out repository. */
  root: string;
  /** Relative posix paths this analyzer applies to. */
  files: string[];
  signal?: AbortSignal;
  /** Called with the number of files of `files` done so far (optional; monotonically increasing). */
  onProgress?: (done: number) => void;
}

export interface Analyzer {
  id: AnalyzerId;
  languages: Language[];
  analyze(input: AnalyzeInput): Promise<RawFinding[]>;
  appliesTo(path: string): boolean;
}

const JS_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs'] as const;
const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'] as const;
const PY_EXTENSIONS = ['.py'] as const;

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** Language of a file, by extension. */
export function languageOf(path: string): Language {
  const ext = extensionOf(path);
  if ((JS_EXTENSIONS as readonly string[]).includes(ext)) return 'javascript';
  if ((TS_EXTENSIONS as readonly string[]).includes(ext)) return 'typescript';
  if ((PY_EXTENSIONS as readonly string[]).includes(ext)) return 'python';
  return 'other';
}

/** True for TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`), which hold no runnable code. */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/i.test(path);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason instanceof Error ? signal.reason : new DOMException('The analysis was aborted', 'AbortError');
  }
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical order of findings: path, position, rule, message, snippet (locale-independent). */
export function compareFindings(a: RawFinding, b: RawFinding): number {
  return (
    cmp(a.path, b.path) ||
    cmp(a.startLine, b.startLine) ||
    cmp(a.startColumn, b.startColumn) ||
    cmp(a.endLine, b.endLine) ||
    cmp(a.endColumn, b.endColumn) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message) ||
    cmp(a.snippet, b.snippet)
  );
}
