import { classifyRuffCode, ruffHelpUrl, ruleNameFromStruct, RULE_STRUCTS } from '../ruff';
import type { Category, Severity } from '../types';
import eslintDocs from './eslint-docs.gen.json' with { type: 'json' };
import { classifyEslintRule } from './eslint-classes';
import { A01, A02, A03, A05, A07, A08, OWN_RULES } from './own-rules';

/**
 * The one rule table: every rule Argus can report, with its category, severity, CWE / OWASP tags and documentation.
 * Severity and category here are what findings get; style is never above low. Used by the analyzers, the SARIF export
 * and the portal's rule pages.
 */
export type RuleLanguage = 'javascript' | 'python' | 'any' | 'docker' | 'github-actions' | 'templates';

export interface RuleDoc {
  id: string;
  tool: string;
  language: RuleLanguage;
  title: string;
  category: Category;
  severity: Severity;
  cwe: string[];
  owasp: string[];
  description: string;
  why: string;
  fix: string;
  /** Code examples; null where Argus has none of its own (the help link has them). */
  noncompliant: string | null;
  compliant: string | null;
  helpUri: string;
}

type SecurityMeta = [cwe: string[], owasp: string[], fix: string];

/** CWE / OWASP and the fix of the security rules of ESLint plugins (the plugins' docs say what, not always how to fix). */
const ESLINT_SECURITY: Record<string, SecurityMeta> = {
  'no-eval': [['CWE-95'], [A03], 'Parse data with JSON.parse or dispatch through a lookup table instead of evaluating strings.'],
  'no-implied-eval': [['CWE-95'], [A03], 'Pass a function to setTimeout/setInterval, not a string.'],
  'no-new-func': [['CWE-95'], [A03], 'Write the function in source instead of compiling a string.'],
  'security/detect-eval-with-expression': [['CWE-95'], [A03], 'Do not evaluate computed strings.'],
  'security/detect-disable-mustache-escape': [['CWE-79'], [A03], 'Keep Mustache escaping on.'],
  'security/detect-no-csrf-before-method-override': [['CWE-352'], [A01], 'Register csrf middleware after methodOverride.'],
  'security/detect-bidi-characters': [['CWE-451'], [A03], 'Remove bidirectional control characters from source (Trojan Source).'],
  'security/detect-unsafe-regex': [['CWE-1333'], [A03], 'Rewrite the pattern without nested quantifiers, or use a linear-time engine (re2).'],
  'security/detect-possible-timing-attacks': [['CWE-208'], [A02], 'Compare secrets with crypto.timingSafeEqual.'],
  'security/detect-pseudoRandomBytes': [['CWE-338'], [A02], 'Use crypto.randomBytes.'],
  'security/detect-buffer-noassert': [['CWE-119'], [A03], 'Do not pass noAssert to Buffer read/write methods.'],
  'security/detect-new-buffer': [['CWE-119'], [A03], 'Use Buffer.alloc / Buffer.from.'],
  'security/detect-invisible-characters': [['CWE-451'], [A03], 'Remove invisible characters from identifiers and strings.'],
  'sonarjs/csrf': [['CWE-352'], [A01], 'Keep CSRF protection on for every state-changing method (do not list POST/PUT/DELETE in ignoreMethods).'],
  'sonarjs/disabled-auto-escaping': [['CWE-79', 'CWE-116'], [A03], 'Leave the template engine\'s auto-escaping on.'],
  'sonarjs/unverified-certificate': [['CWE-295'], [A02, A07], 'Do not set rejectUnauthorized: false; trust the right CA instead.'],
  'sonarjs/unverified-hostname': [['CWE-297'], [A02, A07], 'Do not override checkServerIdentity to accept any host.'],
  'sonarjs/insecure-jwt-token': [['CWE-347'], [A02], 'Sign and verify with a strong algorithm and never accept "none".'],
  'sonarjs/xml-parser-xxe': [['CWE-611'], [A05], 'Disable external entities (noent: false) when parsing XML.'],
  'sonarjs/no-hardcoded-passwords': [['CWE-798', 'CWE-259'], [A07], 'Load the password from the environment or a secret store.'],
  'sonarjs/hardcoded-secret-signatures': [['CWE-798'], [A07], 'Load the secret from the environment or a secret store and rotate the committed one.'],
  'sonarjs/dompurify-unsafe-config': [['CWE-79'], [A03], 'Do not allow script-capable tags or attributes in the DOMPurify configuration.'],
  'sonarjs/no-angular-bypass-sanitization': [['CWE-79'], [A03], 'Do not call bypassSecurityTrust* on untrusted values.'],
  'sonarjs/no-weak-keys': [['CWE-326'], [A02], 'Use RSA ≥ 2048 bits, EC ≥ 224 bits.'],
  'sonarjs/weak-ssl': [['CWE-326', 'CWE-327'], [A02], 'Require TLS 1.2 or later (minVersion: "TLSv1.2").'],
  'sonarjs/no-weak-cipher': [['CWE-327'], [A02], 'Use AES-GCM or ChaCha20-Poly1305.'],
  'sonarjs/encryption-secure-mode': [['CWE-327'], [A02], 'Use an authenticated mode (GCM) instead of ECB/CBC without MAC.'],
  'sonarjs/insecure-cookie': [['CWE-614'], [A05], 'Set secure: true on cookies (and on the session cookie).'],
  'sonarjs/cookie-no-httponly': [['CWE-1004'], [A05], 'Set httpOnly: true so scripts cannot read the cookie.'],
  'sonarjs/session-regeneration': [['CWE-384'], [A07], 'Call req.session.regenerate() after a successful login.'],
  'sonarjs/content-security-policy': [['CWE-693'], [A05], 'Keep helmet\'s contentSecurityPolicy on and restrict its directives.'],
  'sonarjs/strict-transport-security': [['CWE-523'], [A05], 'Keep HSTS on with a long maxAge.'],
  'sonarjs/frame-ancestors': [['CWE-1021'], [A05], 'Keep frame-ancestors restricted (\'self\' or \'none\').'],
  'sonarjs/cors': [['CWE-346', 'CWE-942'], [A05], 'Allow only known origins instead of * or reflecting the Origin header.'],
  'sonarjs/file-permissions': [['CWE-732'], [A01], 'Do not make files world-writable or world-readable (use 0o600/0o644).'],
  'sonarjs/file-uploads': [['CWE-434'], [A01], 'Limit upload size and types, and store uploads outside the web root.'],
  'sonarjs/production-debug': [['CWE-489'], [A05], 'Turn debug features (errorhandler, debug pages) off in production.'],
  'sonarjs/slow-regex': [['CWE-1333'], [A03], 'Rewrite the pattern so no input can make it backtrack exponentially.'],
  'sonarjs/dynamically-constructed-templates': [['CWE-1336'], [A03], 'Compile templates from files, pass data as variables.'],
  'sonarjs/x-powered-by': [['CWE-200'], [A05], 'app.disable("x-powered-by") or use helmet().'],
  'sonarjs/hashing': [['CWE-328'], [A02], 'Use SHA-256 or better for security uses; bcrypt/argon2 for passwords.'],
  'sonarjs/no-mime-sniff': [['CWE-693'], [A05], 'Keep helmet\'s noSniff on (X-Content-Type-Options: nosniff).'],
  'sonarjs/no-referrer-policy': [['CWE-200'], [A05], 'Use a restrictive Referrer-Policy (no-referrer, strict-origin-when-cross-origin).'],
  'sonarjs/link-with-target-blank': [['CWE-1022'], [A05], 'Add rel="noopener noreferrer" to links opening a new window.'],
  'sonarjs/no-session-cookies-on-static-assets': [['CWE-200'], [A05], 'Mount static middleware before the session middleware.'],
  'sonarjs/hidden-files': [['CWE-538'], [A05], 'Serve static files with dotfiles: "ignore".'],
  'no-unsanitized/method': [['CWE-79'], [A03], 'Sanitize HTML (DOMPurify) or use DOM APIs that take text.'],
  'no-unsanitized/property': [['CWE-79'], [A03], 'Use textContent, or sanitize HTML (DOMPurify) before assigning innerHTML.'],
};

/** Bandit's (Ruff S) CWE mapping for the security rules. */
const RUFF_CWE: [RegExp, string[], string[]][] = [
  [/^S10[1]$/, ['CWE-703'], []],
  [/^S10[2]$/, ['CWE-78'], [A03]],
  [/^S103$/, ['CWE-732'], [A01]],
  [/^S104$/, ['CWE-605'], [A05]],
  [/^S10[5-7]$/, ['CWE-259', 'CWE-798'], [A07]],
  [/^S108$/, ['CWE-377'], [A01]],
  [/^S11[0-2]$/, ['CWE-703'], []],
  [/^S113$/, ['CWE-400'], [A05]],
  [/^S20[1-2]$/, ['CWE-94'], [A03]],
  [/^S30[1-2]$/, ['CWE-502'], [A08]],
  [/^S30[3-5]$|^S324$/, ['CWE-327', 'CWE-328'], [A02]],
  [/^S30[6]$/, ['CWE-377'], [A01]],
  [/^S307$/, ['CWE-95'], [A03]],
  [/^S308$/, ['CWE-79'], [A03]],
  [/^S310$/, ['CWE-22'], [A01]],
  [/^S311$/, ['CWE-330'], [A02]],
  [/^S312$/, ['CWE-319'], [A02]],
  [/^S31[3-9]$|^S320$/, ['CWE-611'], [A05]],
  [/^S321$/, ['CWE-319'], [A02]],
  [/^S323$/, ['CWE-295'], [A07]],
  [/^S4(?:0[1-9]|1[0-5])$/, ['CWE-327'], [A02]],
  [/^S506$/, ['CWE-502'], [A08]],
  [/^S50[1-9]$/, ['CWE-295', 'CWE-326'], [A02]],
  [/^S608$/, ['CWE-89'], [A03]],
  [/^S60[1-79]$/, ['CWE-78'], [A03]],
  [/^S61[0-1]$/, ['CWE-89'], [A03]],
  [/^S612$/, ['CWE-94'], [A03]],
  [/^S70[1-2]$/, ['CWE-79', 'CWE-116'], [A03]],
];

const GENERIC_WHY: Record<Category, string> = {
  security: 'A weakness an attacker can use; see the CWE for the attack.',
  bug: 'The code does not do what it appears to: it fails, or gives wrong results, on some inputs.',
  performance: 'It costs time or memory without need.',
  maintainability: 'It makes the code harder to read, change or test, which is where bugs come from.',
  style: 'A readability convention; it never affects behaviour.',
};

function capSeverity(category: Category, severity: Severity): Severity {
  return category === 'style' && (severity === 'critical' || severity === 'high' || severity === 'medium') ? 'low' : severity;
}

function build(): Map<string, RuleDoc> {
  const out = new Map<string, RuleDoc>();
  for (const r of OWN_RULES) {
    out.set(r.id, { ...r, tool: r.id.slice(0, r.id.indexOf('/')), severity: capSeverity(r.category, r.severity) });
  }
  for (const [id, meta] of Object.entries(eslintDocs as Record<string, { description: string; url: string | null; type: string | null }>)) {
    const { category, severity } = classifyEslintRule(id, meta.type ?? undefined);
    const sec = ESLINT_SECURITY[id];
    out.set(`eslint/${id}`, {
      id: `eslint/${id}`,
      tool: 'eslint',
      language: 'javascript',
      title: meta.description.replace(/\.$/, ''),
      category,
      severity: capSeverity(category, severity),
      cwe: sec?.[0] ?? [],
      owasp: sec?.[1] ?? [],
      description: meta.description,
      why: GENERIC_WHY[category],
      fix: sec?.[2] ?? `Follow the rule's documentation (${meta.url ?? 'linked below'}); most cases have an automatic fix or a one-line change.`,
      noncompliant: null,
      compliant: null,
      helpUri: meta.url ?? `https://eslint.org/docs/latest/rules/${id}`,
    });
  }
  for (const [code, struct] of Object.entries(RULE_STRUCTS)) {
    const { category, severity } = classifyRuffCode(code);
    const name = ruleNameFromStruct(struct);
    const cweEntry = code.startsWith('S') ? RUFF_CWE.find(([re]) => re.test(code)) : undefined;
    const title = `${name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())} (${code})`;
    out.set(`ruff/${code}`, {
      id: `ruff/${code}`,
      tool: 'ruff',
      language: 'python',
      title,
      category,
      severity: capSeverity(category, severity),
      cwe: cweEntry?.[1] ?? [],
      owasp: cweEntry?.[2] ?? [],
      description: `Ruff rule ${code} (${name}).`,
      why: GENERIC_WHY[category],
      fix: "Follow the rule's documentation; Ruff describes the safe form for each case.",
      noncompliant: null,
      compliant: null,
      helpUri: ruffHelpUrl(code) ?? 'https://docs.astral.sh/ruff/rules/',
    });
  }
  for (const [id, title] of [
    ['eslint/parse-error', 'The file could not be parsed as JavaScript/TypeScript'],
    ['ruff/syntax-error', 'The file could not be parsed as Python'],
  ] as const) {
    out.set(id, {
      id, tool: id.slice(0, id.indexOf('/')), language: id.startsWith('ruff') ? 'python' : 'javascript', title, category: 'bug', severity: 'medium', cwe: [], owasp: [],
      description: `${title}, so no other rule could check it.`, why: 'Code that does not parse does not run, and hides every other finding in the file.',
      fix: 'Fix the syntax error (or exclude the file with ignore: in .argus.yml if it is not source code).', noncompliant: null, compliant: null,
      helpUri: id.startsWith('ruff') ? 'https://docs.astral.sh/ruff/' : 'https://eslint.org/docs/latest/use/troubleshooting/',
    });
  }
  return out;
}

let table: Map<string, RuleDoc> | null = null;
function catalogue(): Map<string, RuleDoc> {
  table ??= build();
  return table;
}

/** The documentation of a rule by full id (`eslint/no-eval`, `taint/sql-injection`), or null for rules Argus does not know (imported SARIF). */
export function ruleDoc(ruleId: string): RuleDoc | null {
  return catalogue().get(ruleId) ?? null;
}

/** Every documented rule, by id. */
export function allRuleDocs(): RuleDoc[] {
  return [...catalogue().values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** CWE ids of a rule ([] when it has none or is unknown). */
export function cweOfRule(ruleId: string): string[] {
  return catalogue().get(ruleId)?.cwe ?? [];
}

