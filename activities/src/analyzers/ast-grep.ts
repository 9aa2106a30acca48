import { Lang, parse } from '@ast-grep/napi';
import type { NapiConfig, Rule, SgNode } from '@ast-grep/napi';
import { isTestPath, readSource, snippetOf, splitLines } from './source';
import { isDeclarationFile, languageOf, throwIfAborted, compareFindings } from './types';
import type { AnalyzeInput, Analyzer, Category, RawFinding, Severity } from './types';

/**
 * Argus's own structural rules for JavaScript and TypeScript, matched with ast-grep (tree-sitter grammars, native,
 * no code of the repository is executed). Each rule is `argus/<name>`.
 */

export interface AstGrepRule {
  /** Without the `argus/` prefix. */
  name: string;
  category: Category;
  severity: Severity;
  message: string;
  matcher: NapiConfig;
  /** Extra check on a match (metavariables, children). */
  filter?: (node: SgNode, ctx: { path: string; text: string }) => boolean;
  /** The node whose range is reported (default: the whole match). */
  report?: (node: SgNode) => SgNode | null;
  skipTests?: boolean;
  /** A cheap test of the whole text: the rule is not matched at all in files where it is false. */
  prefilter?: RegExp;
}

function isStaticString(node: SgNode | null): boolean {
  if (!node) return false;
  const k = node.kind() as string;
  if (k === 'string') return true;
  if (k === 'template_string') return !node.children().some((c) => (c.kind() as string) === 'template_substitution');
  return false;
}

/** A string built at run time: a template with `${}` or a `+` concatenation involving something non-literal. */
function isDynamicString(node: SgNode | null): boolean {
  if (!node) return false;
  const k = node.kind() as string;
  if (k === 'template_string') return node.children().some((c) => (c.kind() as string) === 'template_substitution');
  if (k === 'binary_expression') {
    const op = node.children().find((c) => !c.isNamed());
    if (op?.text() !== '+') return false;
    const operands = node.namedChildren();
    return operands.some((o) => !isStaticString(o) && (o.kind() as string) !== 'number') && operands.some((o) => isStaticString(o) || isDynamicString(o));
  }
  if (k === 'parenthesized_expression') return isDynamicString(node.namedChildren()[0] ?? null);
  return false;
}

const FUNCTION_BOUNDARY: Rule = {
  any: [
    { kind: 'function_declaration' },
    { kind: 'function_expression' },
    { kind: 'arrow_function' },
    { kind: 'method_definition' },
    { kind: 'generator_function_declaration' },
    { kind: 'generator_function' },
  ],
};

export const AST_GREP_RULES: readonly AstGrepRule[] = [
  {
    name: 'no-eval',
    category: 'security',
    severity: 'high',
    message: 'eval() runs arbitrary code with the privileges of the caller. Parse data with JSON.parse or dispatch through a lookup table instead.',
    matcher: { rule: { any: [{ pattern: 'eval($$$ARGS)' }, { pattern: 'window.eval($$$ARGS)' }, { pattern: 'globalThis.eval($$$ARGS)' }] } },
  },
  {
    name: 'no-new-func',
    category: 'security',
    severity: 'high',
    message: 'The Function constructor compiles a string into code, like eval(). Write the function in source instead.',
    matcher: { rule: { any: [{ pattern: 'new Function($$$ARGS)' }, { pattern: 'Function($$$ARGS)' }] } },
  },
  {
    name: 'no-document-write',
    category: 'security',
    severity: 'low',
    message: 'document.write() with a dynamic value can inject script (XSS): a security hotspot to review (no flow of untrusted data to it was found). Build DOM nodes and set textContent instead.',
    matcher: { rule: { any: [{ pattern: 'document.write($$$ARGS)' }, { pattern: 'document.writeln($$$ARGS)' }] } },
    filter: (node) => node.getMultipleMatches('ARGS').some((a) => a.isNamed() && !isStaticString(a)),
  },
  {
    name: 'no-inner-html',
    category: 'security',
    severity: 'low',
    message: 'Assigning a dynamic value to innerHTML/outerHTML can inject script (XSS): a security hotspot to review (no flow of untrusted data to it was found). Use textContent, or sanitize the HTML (e.g. DOMPurify) first.',
    matcher: {
      rule: {
        any: [
          { pattern: '$EL.innerHTML = $VALUE' },
          { pattern: '$EL.outerHTML = $VALUE' },
          { pattern: '$EL.innerHTML += $VALUE' },
          { pattern: '$EL.outerHTML += $VALUE' },
          { pattern: '$EL.insertAdjacentHTML($POS, $VALUE)' },
        ],
      },
    },
    filter: (node) => !isStaticString(node.getMatch('VALUE')),
  },
  {
    name: 'command-injection',
    category: 'security',
    severity: 'high',
    message:
      'A shell command is built from a template or concatenation: a value containing ; | $( ) can run other commands. Use execFile/spawn with an argument array (no shell), and validate the input.',
    matcher: {
      rule: { any: [{ pattern: '$FN($CMD)' }, { pattern: '$FN($CMD, $$$REST)' }] },
      constraints: { FN: { regex: '^(?:(?:child_process|childProcess|cp|proc)\\.)?(?:exec|execSync)$' } },
    },
    filter: (node, ctx) => /child_process/.test(ctx.text) && isDynamicString(node.getMatch('CMD')),
    report: (node) => node.getMatch('CMD'),
  },
  {
    name: 'no-string-timer',
    category: 'security',
    severity: 'medium',
    message: 'setTimeout/setInterval with a string evaluates it as code, like eval(). Pass a function instead.',
    matcher: {
      rule: { any: [{ pattern: '$TIMER($CODE, $$$REST)' }, { pattern: '$TIMER($CODE)' }] },
      constraints: { TIMER: { regex: '^(?:(?:window|globalThis|self)\\.)?(?:setTimeout|setInterval|setImmediate)$' } },
    },
    filter: (node) => {
      const code = node.getMatch('CODE');
      return isStaticString(code) || isDynamicString(code);
    },
  },
  {
    name: 'tls-verification-disabled',
    category: 'security',
    severity: 'high',
    message: 'TLS certificate verification is turned off, which allows man-in-the-middle attacks. Trust the right CA instead.',
    matcher: {
      rule: {
        any: [
          { kind: 'pair', regex: '^["\']?rejectUnauthorized["\']?\\s*:\\s*false$' },
          { pattern: 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = $V' },
        ],
      },
    },
    filter: (node) => {
      const v = node.getMatch('V');
      return v === null || /^["'`]0["'`]$/.test(v.text());
    },
  },
  {
    name: 'weak-hash-package',
    category: 'security',
    severity: 'medium',
    message:
      'MD5/SHA-1 from a hashing package: broken for passwords, and a token derived from public data (md5(login), md5(email + time)) can be computed by anyone. Use bcrypt/argon2 for passwords and crypto.randomBytes for tokens.',
    matcher: {
      rule: { pattern: '$F($$$ARGS)' },
      constraints: { F: { regex: '^\\w*(?:md5|MD5|Md5|sha1|SHA1|Sha1)\\w*$' } },
    },
    prefilter: /['"](?:md5|sha1|js-md5|js-sha1|md5-hex|blueimp-md5|crypto-js\/md5|crypto-js\/sha1)['"]/,
    filter: (node, ctx) => {
      const name = node.getMatch('F')?.text() ?? '';
      const esc = name.replace(/[$]/g, '\\$');
      return new RegExp(`(?:\\b${esc}\\s*=\\s*require\\(\\s*|import\\s+${esc}\\s+from\\s+)['"](?:md5|sha1|js-md5|js-sha1|md5-hex|blueimp-md5|crypto-js/md5|crypto-js/sha1)['"]`).test(ctx.text);
    },
  },
  {
    name: 'sequelize-query-logging',
    category: 'security',
    severity: 'low',
    message:
      'Sequelize logs every SQL statement to the console by default, with the values in it (passwords, tokens, personal data end up in the logs). Pass `logging: false` or a logger that redacts.',
    prefilter: /\bnew\s+Sequelize\b/,
    matcher: { rule: { pattern: 'new Sequelize($$$ARGS)' } },
    filter: (node) => !/\blogging\s*:/.test(node.text()),
  },
  {
    name: 'permissive-cors',
    category: 'security',
    severity: 'medium',
    message:
      "cors() with its defaults answers every origin with Access-Control-Allow-Origin: *, so any web site can read this API's responses in its visitors' browsers. Pass an allowlist: cors({ origin: ['https://app.example.com'] }).",
    matcher: { rule: { any: [{ pattern: 'cors()' }, { pattern: "cors({ origin: '*' })" }, { pattern: 'cors({ origin: "*" })' }, { pattern: 'cors({ origin: true })' }] } },
    prefilter: /require\(\s*['"]cors['"]\s*\)|from\s+['"]cors['"]/,
  },
  {
    name: 'xml-entity-expansion',
    category: 'security',
    severity: 'high',
    message:
      'The XML parser is told to substitute entities or load external DTDs (libxml2 NOENT / DTDLOAD, noent: true): a document with <!ENTITY x SYSTEM "file:///etc/passwd"> reads server files (XXE) or expands a billion laughs. Leave entity substitution off.',
    prefilter: /XML_PARSE_(?:NOENT|DTDLOAD)|noent/,
    matcher: {
      rule: {
        any: [
          { kind: 'member_expression', regex: '\\.XML_PARSE_(?:NOENT|DTDLOAD)$' },
          { kind: 'pair', regex: '^["\']?noent["\']?\\s*:\\s*true$' },
        ],
      },
    },
  },
  {
    name: 'empty-catch',
    category: 'maintainability',
    severity: 'low',
    message: 'Empty catch block: the error is swallowed silently. Handle it, log it, rethrow it, or say in a comment why it is safe to ignore.',
    matcher: { rule: { kind: 'catch_clause' } },
    filter: (node) => {
      const body = node.children().find((c) => (c.kind() as string) === 'statement_block');
      return body !== undefined && body.namedChildren().length === 0;
    },
  },
  {
    name: 'await-in-loop',
    category: 'performance',
    severity: 'low',
    message: 'await inside a loop runs the iterations one after another. If they are independent, start them together and await Promise.all.',
    matcher: {
      rule: {
        kind: 'await_expression',
        inside: {
          // for / for…of / for…in over a collection; while-loops that await are usually polling on purpose.
          any: [{ kind: 'for_statement' }, { kind: 'for_in_statement' }],
          stopBy: FUNCTION_BOUNDARY,
        },
      },
    },
  },
  {
    name: 'loose-null-check',
    category: 'style',
    severity: 'info',
    message: '== null / != null also matches undefined. Prefer an explicit `=== null || === undefined`, or `??` / optional chaining.',
    matcher: { rule: { any: [{ pattern: '$A == null' }, { pattern: '$A != null' }, { pattern: 'null == $A' }, { pattern: 'null != $A' }] } },
  },
  {
    name: 'no-console-log',
    category: 'style',
    severity: 'info',
    message: 'console.log() left in application code. Use the project logger, or remove the debug output.',
    matcher: { rule: { pattern: 'console.log($$$ARGS)' } },
    skipTests: true,
  },
];

function langFor(p: string): Lang | null {
  const lower = p.toLowerCase();
  if (lower.endsWith('.tsx')) return Lang.Tsx;
  if (/\.[cm]?ts$/.test(lower)) return Lang.TypeScript;
  if (/\.(?:[cm]?js|jsx)$/.test(lower)) return Lang.JavaScript;
  return null;
}

function astGrepAppliesTo(p: string): boolean {
  const lang = languageOf(p);
  return (lang === 'javascript' || lang === 'typescript') && !isDeclarationFile(p);
}

/** Runs every rule over one source text. */
export function scanWithAstGrep(rel: string, text: string, rules: readonly AstGrepRule[] = AST_GREP_RULES): RawFinding[] {
  const lang = langFor(rel);
  if (!lang) return [];
  const root = parse(lang, text).root();
  const lines = splitLines(text);
  const test = isTestPath(rel);
  const out: RawFinding[] = [];
  for (const rule of rules) {
    if (rule.skipTests && test) continue;
    if (rule.prefilter && !rule.prefilter.test(text)) continue;
    const seen = new Set<string>();
    for (const node of root.findAll(rule.matcher)) {
      if (rule.filter && !rule.filter(node, { path: rel, text })) continue;
      const r = (rule.report?.(node) ?? node).range();
      const key = `${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        tool: 'ast-grep',
        ruleId: `argus/${rule.name}`,
        category: rule.category,
        severity: rule.severity,
        path: rel,
        startLine: r.start.line + 1,
        startColumn: r.start.column + 1,
        endLine: r.end.line + 1,
        endColumn: r.end.column + 1,
        message: rule.message,
        snippet: snippetOf(lines, r.start.line + 1, r.end.line + 1),
        helpUrl: null,
      });
    }
  }
  return out;
}

export function createAstGrepAnalyzer(): Analyzer {
  return {
    id: 'ast-grep',
    languages: ['javascript', 'typescript'],
    appliesTo: astGrepAppliesTo,
    async analyze(input: AnalyzeInput): Promise<RawFinding[]> {
      const out: RawFinding[] = [];
      let done = 0;
      for (const rel of input.files) {
        throwIfAborted(input.signal);
        let text: string | null;
        try {
          text = await readSource(input.root, rel);
        } catch {
          text = null;
        }
        if (text !== null) out.push(...scanWithAstGrep(rel, text));
        input.onProgress?.(++done);
        // Parsing is synchronous native work: let timers and heartbeats run between files.
        if (done % 25 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return out.sort(compareFindings);
    },
  };
}
