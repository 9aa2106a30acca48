import type { InlineSuppression, RawFinding } from './types';

/**
 * Inline suppressions:
 *
 *   eval(code); // argus-ignore
 *   # argus-ignore S101
 *   // argus-ignore no-eval: legacy loader, reviewed
 *   /* argus-ignore eslint/no-eval -- reviewed *\/
 *   // argus-ignore no-eval, no-implied-eval: both reviewed
 *
 * A directive on the finding's first line, or alone on the line above it, suppresses it. Without rules it
 * suppresses every finding there; with rules only findings whose ruleId is one of them, or ends with one of them
 * after the tool prefix (`no-eval` matches `eslint/no-eval` and `argus/no-eval`, `S101` matches `ruff/S101`).
 */
export interface SuppressionDirective {
  /** Empty: every rule. */
  rules: string[];
  reason: string | null;
  /** True when the line holds nothing but the comment (it then also covers the next line). */
  standalone: boolean;
}

const DIRECTIVE = /(\/\/|\/\*|#|<!--|^\s*\*)\s*argus-ignore(?![\w-])(.*)$/;
const RULE_TOKEN = /^[A-Za-z0-9@_][\w@./-]*$/;

/** Parses the `argus-ignore` directive of a source line, if it has one. */
export function parseSuppressionDirective(line: string): SuppressionDirective | null {
  const m = DIRECTIVE.exec(line);
  if (!m) return null;
  const marker = m[1]!;
  const before = line.slice(0, m.index).trim();
  const standalone = before === '' || marker.trim() === '*';
  let rest = m[2]!;
  rest = rest.replace(/\s*(?:\*\/|-->).*$/, '');

  let reason: string | null = null;
  let rulesPart = rest;
  const sep = /:|(?:^|\s)--(?=\s|$)/.exec(rest);
  if (sep) {
    rulesPart = rest.slice(0, sep.index);
    const r = rest.slice(sep.index + sep[0].length).trim();
    reason = r === '' ? null : r.slice(0, 500);
  }
  const rules = rulesPart
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (rules.some((t) => !RULE_TOKEN.test(t))) {
    // Free text without a separator: take it all as the reason, suppressing every rule.
    const text = rest.trim().replace(/^(?::|--)\s*/, '');
    return { rules: [], reason: text === '' ? null : text.slice(0, 500), standalone };
  }
  return { rules, reason, standalone };
}

/** True when `rule` (as written in a directive) names `ruleId`. */
export function ruleMatches(rule: string, ruleId: string): boolean {
  if (rule === ruleId) return true;
  const slash = ruleId.indexOf('/');
  return slash !== -1 && ruleId.slice(slash + 1) === rule;
}

function directiveApplies(d: SuppressionDirective, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.some((r) => ruleMatches(r, ruleId));
}

/** The inline suppression of a finding, given the lines of its file, or null. */
export function findSuppression(f: Pick<RawFinding, 'ruleId' | 'startLine'>, lines: readonly string[]): InlineSuppression | null {
  const same = lines[f.startLine - 1];
  if (same !== undefined) {
    const d = parseSuppressionDirective(same);
    if (d && directiveApplies(d, f.ruleId)) return { kind: 'inline', reason: d.reason };
  }
  const above = f.startLine >= 2 ? lines[f.startLine - 2] : undefined;
  if (above !== undefined) {
    const d = parseSuppressionDirective(above);
    if (d && d.standalone && directiveApplies(d, f.ruleId)) return { kind: 'inline', reason: d.reason };
  }
  return null;
}
