import path from 'node:path';
import { Lang, parse } from '@ast-grep/napi';
import type { NapiConfig, SgNode } from '@ast-grep/napi';
import { ESLint, type Linter } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';
import { buildEslintConfig } from '../analyzers/eslint';
import { createRuffWorkspace } from '../analyzers/ruff';
import { FixFailure, type FixFinding, type FixProvider, type FixRequest, type ProviderAnswer } from './types';

/**
 * The `builtin` provider: no key, nothing leaves the machine. It applies the analyzers' own fixes, one finding at a
 * time (never "fix the whole file"): ESLint's fixer or, for a short list of rules, its single suggestion; Ruff's fix
 * for rules whose fix Ruff marks safe; and Argus's own ast-grep rewrites for `argus/*` rules.
 */

/**
 * ESLint suggestions are "maybe not what you want" by design; these rules' suggestions are the change a reviewer
 * would make. Validation still has the last word.
 */
const ESLINT_SUGGESTIONS = new Set([
  'eqeqeq',
  'no-unused-vars',
  '@typescript-eslint/no-unused-vars',
  'no-useless-escape',
  'no-unsafe-negation',
  'no-prototype-builtins',
  'use-isnan',
  '@typescript-eslint/ban-ts-comment',
  '@typescript-eslint/prefer-as-const',
  '@typescript-eslint/no-non-null-asserted-optional-chain',
]);

/** Why a reviewer may want to look twice, per rule. */
const ESLINT_NOTES: Record<string, string> = {
  eqeqeq: '`===` does not convert types: a value of another type (say the number 1 against the string "1") no longer compares equal. That is the point of the rule; check callers that relied on the conversion.',
  'no-unused-vars': 'The variable was never read, so removing it changes nothing at run time.',
  '@typescript-eslint/no-unused-vars': 'The binding was never read, so removing it changes nothing at run time.',
};

/** Ruff codes whose fixes Ruff itself applies without --unsafe-fixes (the wasm build does not say which are safe). */
const RUFF_SAFE_FIXES = new Set(['F401', 'F541', 'F632', 'F901', 'B009', 'B010', 'B013', 'B014', 'B033']);

interface Rewrite {
  matcher: NapiConfig;
  /** The replacement text for the matched node, or null when this occurrence has no safe rewrite. */
  rewrite(node: SgNode): string | null;
  explanation: string;
}

/** Side-effect-free operands: evaluating them twice is harmless. */
function isPlainReference(node: SgNode | null): boolean {
  if (!node) return false;
  const kind = node.kind() as string;
  if (kind === 'identifier' || kind === 'this') return true;
  if (kind === 'member_expression') return /^[\w$.]+$/.test(node.text());
  return false;
}

const NULL_CHECK_PATTERNS = ['$A == null', '$A != null', 'null == $A', 'null != $A'];

/** Argus's ast-grep rewrite rules, by rule id. */
export const REWRITES: Record<string, Rewrite> = {
  'argus/loose-null-check': {
    matcher: { rule: { any: NULL_CHECK_PATTERNS.map((pattern) => ({ pattern })) } },
    rewrite(node) {
      const operand = node.getMatch('A');
      if (!isPlainReference(operand)) return null;
      const a = operand!.text();
      const negated = node.text().includes('!=');
      const check = negated ? `${a} !== null && ${a} !== undefined` : `${a} === null || ${a} === undefined`;
      return (node.parent()?.kind() as string) === 'parenthesized_expression' ? check : `(${check})`;
    },
    explanation: 'Spells out the loose `== null` check as explicit comparisons with null and undefined: the same result, without relying on coercion.',
  },
  'argus/tls-verification-disabled': {
    matcher: {
      rule: {
        any: [
          { kind: 'pair', regex: '^["\']?rejectUnauthorized["\']?\\s*:\\s*false$' },
          { pattern: 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = $V' },
        ],
      },
    },
    rewrite(node) {
      if ((node.kind() as string) === 'pair') return node.text().replace(/false$/, 'true');
      const v = node.getMatch('V');
      return v ? `${node.text().slice(0, node.text().length - v.text().length)}'1'` : null;
    },
    explanation: 'Turns TLS certificate verification back on. If the peer uses a private CA, trust that CA (the `ca` option or NODE_EXTRA_CA_CERTS) instead of disabling verification.',
  },
};

let eslintMeta: Map<string, { fixable: boolean; suggestions: boolean }> | null = null;
function eslintRuleMeta(rule: string) {
  if (!eslintMeta) {
    eslintMeta = new Map();
    for (const [id, r] of builtinRules) eslintMeta.set(id, { fixable: Boolean(r.meta?.fixable), suggestions: Boolean(r.meta?.hasSuggestions) });
    const tsRules = ((tseslint.plugin as { rules?: unknown }).rules ?? {}) as Record<string, { meta?: { fixable?: string; hasSuggestions?: boolean } }>;
    for (const [id, r] of Object.entries(tsRules)) eslintMeta.set(`@typescript-eslint/${id}`, { fixable: Boolean(r.meta?.fixable), suggestions: Boolean(r.meta?.hasSuggestions) });
  }
  return eslintMeta.get(rule);
}

/** Cheap pre-check (no checkout needed): could the builtin provider have a fix for this rule at all? */
export function builtinMayFix(ruleId: string): boolean {
  if (REWRITES[ruleId]) return true;
  if (ruleId.startsWith('eslint/')) {
    const rule = ruleId.slice('eslint/'.length);
    const meta = eslintRuleMeta(rule);
    return Boolean(meta && (meta.fixable || (meta.suggestions && ESLINT_SUGGESTIONS.has(rule))));
  }
  if (ruleId.startsWith('ruff/')) return RUFF_SAFE_FIXES.has(ruleId.slice('ruff/'.length));
  return false;
}

function noFix(finding: FixFinding): FixFailure {
  return new FixFailure('NoFixAvailable', `Argus has no built-in fix for ${finding.ruleId} at ${finding.path}:${finding.startLine}. An AI provider (groq, anthropic) may propose one.`);
}

function splice(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

async function eslintFix(req: FixRequest): Promise<ProviderAnswer | null> {
  const { finding, source, root } = req;
  const rule = finding.ruleId.slice('eslint/'.length);
  const make = (extra: Linter.Config[]) =>
    new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...buildEslintConfig(), ...extra], ignore: false, cache: false, fix: false, allowInlineConfig: true });
  const filePath = path.join(root, ...finding.path.split('/'));
  let [result] = await make([]).lintText(source, { filePath, warnIgnored: false });
  if (result?.messages.some((m) => m.fatal) && /\.jsx?$/i.test(finding.path)) {
    // The analyzer lints legacy scripts as CommonJS when they do not parse as modules; so must the fixer.
    [result] = await make([{ files: ['**/*.js', '**/*.jsx'], languageOptions: { sourceType: 'commonjs' } }]).lintText(source, { filePath, warnIgnored: false });
  }
  const candidates = (result?.messages ?? []).filter((m) => m.ruleId === rule && m.line === finding.startLine);
  const message = candidates.find((m) => m.column === finding.startColumn) ?? candidates[0];
  if (!message) return null;
  const note = ESLINT_NOTES[rule] ? ` ${ESLINT_NOTES[rule]}` : '';
  if (message.fix) {
    return { kind: 'content', content: splice(source, message.fix.range[0], message.fix.range[1], message.fix.text), explanation: `ESLint's own fixer for ${rule}: ${message.message}${note}`, model: 'eslint' };
  }
  const suggestion = ESLINT_SUGGESTIONS.has(rule) ? message.suggestions?.[0] : undefined;
  if (suggestion) {
    return { kind: 'content', content: splice(source, suggestion.fix.range[0], suggestion.fix.range[1], suggestion.fix.text), explanation: `ESLint's suggestion for ${rule}: ${suggestion.desc}${note}`, model: 'eslint' };
  }
  return null;
}

interface RuffEdit {
  content: string | null;
  location: { row: number; column: number };
  end_location: { row: number; column: number };
}
interface RuffDiagnosticWithFix {
  code: string | null;
  message: string;
  start_location: { row: number; column: number };
  fix: { message: string | null; edits: RuffEdit[] } | null;
}

/** Offsets of each line's first character (Ruff's rows are 1-based, columns 1-based UTF-16 units). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function ruffFix(req: FixRequest): ProviderAnswer | null {
  const { finding, source } = req;
  const code = finding.ruleId.slice('ruff/'.length);
  if (!RUFF_SAFE_FIXES.has(code)) return null;
  // An unused import in a package's __init__.py may be a re-export; Ruff marks that fix unsafe too.
  if (code === 'F401' && /(?:^|\/)__init__\.py$/.test(finding.path)) return null;
  const ws = createRuffWorkspace();
  try {
    const diagnostics = ws.check(source) as RuffDiagnosticWithFix[];
    const d = diagnostics.find((x) => x.code === code && x.start_location.row === finding.startLine && x.start_location.column === finding.startColumn) ?? diagnostics.find((x) => x.code === code && x.start_location.row === finding.startLine);
    if (!d?.fix?.edits.length) return null;
    const starts = lineStarts(source);
    const offset = (p: { row: number; column: number }) => (p.row - 1 < starts.length ? starts[p.row - 1]! + p.column - 1 : source.length);
    let content = source;
    // Apply from the end so earlier offsets stay valid.
    for (const e of [...d.fix.edits].sort((a, b) => offset(b.location) - offset(a.location))) content = splice(content, offset(e.location), offset(e.end_location), e.content ?? '');
    return { kind: 'content', content, explanation: `Ruff's fix for ${code}: ${d.fix.message ?? d.message}`, model: 'ruff' };
  } finally {
    ws.free();
  }
}

function astGrepLang(p: string): Lang | null {
  const lower = p.toLowerCase();
  if (lower.endsWith('.tsx')) return Lang.Tsx;
  if (/\.[cm]?ts$/.test(lower)) return Lang.TypeScript;
  if (/\.(?:[cm]?js|jsx)$/.test(lower)) return Lang.JavaScript;
  return null;
}

function rewriteFix(req: FixRequest): ProviderAnswer | null {
  const { finding, source } = req;
  const rule = REWRITES[finding.ruleId];
  const lang = astGrepLang(finding.path);
  if (!rule || !lang) return null;
  const root = parse(lang, source).root();
  const node = root.findAll(rule.matcher).find((n) => {
    const r = n.range();
    return r.start.line + 1 === finding.startLine && r.start.column + 1 === finding.startColumn;
  });
  if (!node) return null;
  const replacement = rule.rewrite(node);
  if (replacement === null) return null;
  // commitEdits maps ast-grep's offsets back to the source text itself (they are not UTF-16 indexes).
  return { kind: 'content', content: root.commitEdits([node.replace(replacement)]), explanation: `Argus rewrite for ${finding.ruleId}. ${rule.explanation}`, model: 'ast-grep' };
}

export function createBuiltinProvider(): FixProvider {
  return {
    id: 'builtin',
    async generate(req) {
      const { ruleId } = req.finding;
      let answer: ProviderAnswer | null = null;
      if (ruleId.startsWith('eslint/')) answer = await eslintFix(req);
      else if (ruleId.startsWith('ruff/')) answer = ruffFix(req);
      answer ??= rewriteFix(req);
      if (!answer || (answer.kind === 'content' && answer.content === req.source)) throw noFix(req.finding);
      return answer;
    },
  };
}
