import { splitLines, readSource, truncate } from './source';
import { throwIfAborted, compareFindings } from './types';
import type { AnalyzeInput, Analyzer, Category, RawFinding, Severity } from './types';

/**
 * Argus's own secret detector: a fixed set of provider patterns plus a generic "credential-looking name assigned a
 * high-entropy literal" rule. No network. Snippets never carry a secret: every detected value is masked to its
 * first 4 characters followed by ****.
 */

interface SecretRule {
  id: string;
  title: string;
  severity: Severity;
  /** Global regex; the capture group named `secret` is the value to mask (the whole match when absent). */
  pattern: RegExp;
  /** Extra check on the captured value. */
  accept?: (secret: string, line: string) => boolean;
}

const CATEGORY: Category = 'security';
/** Lines longer than this are only scanned in their first part (minified data, base64 blobs). */
const MAX_SCANNED_LINE = 4096;

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|_+)$|changeme|change_me|example|placeholder|dummy|sample|your[_-]?|<[^>]*>|\$\{|\{\{|%\(|^\$[A-Z_]|process\.env|os\.environ|getenv|redacted|xxxx|test|fake|1234|abcd|password/i;

function looksLikeRealSecret(value: string): boolean {
  if (value.length < 12 || value.length > 200) return false;
  // A password hash (bcrypt, argon2, scrypt, PBKDF2 in crypt format) is what should be stored, not a credential.
  if (/^\$(?:2[abxy]?|argon2i?d?|scrypt|pbkdf2[\w-]*|[156])\$/.test(value)) return false;
  if (PLACEHOLDER.test(value)) return false;
  if (/^[a-z]+$/i.test(value) && value.length < 24) return false; // a word, not a key
  if (/^(?:[a-z]+[._-])+[a-z]+$/i.test(value)) return false; // dotted/dashed identifiers: config keys, module names
  if (/^https?:\/\//i.test(value) && !/:\/\/[^/\s:@]+:[^/\s:@]+@/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  if (classes < 2) return false;
  return shannonEntropy(value) >= 3.5;
}

const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'private-key',
    title: 'Private key committed to the repository',
    severity: 'critical',
    // The header and whatever follows it on the line (a key inlined in a string keeps its body on one line).
    pattern: /(?<secret>-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED |SSH2 )?PRIVATE KEY(?: BLOCK)?-----.*)/g,
  },
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'critical',
    pattern: /(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Z0-9])/g,
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    pattern: /aws.{0,20}?(?:secret|private)?.{0,20}?(?:key|token)["'`]?\s*(?:=|:|:=|=>|,)\s*["'`]?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (s) => shannonEntropy(s) >= 3.5,
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9-])(?<secret>xox[abposr]-[A-Za-z0-9-]{10,250})/g,
  },
  {
    id: 'slack-webhook',
    title: 'Slack incoming webhook URL',
    severity: 'high',
    pattern: /(?<secret>https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/_-]{20,})/g,
  },
  {
    id: 'stripe-live-key',
    title: 'Stripe live secret key',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_])(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9])/g,
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
  },
  {
    id: 'gitlab-token',
    title: 'GitLab token',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,})(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|sk-proj-[A-Za-z0-9_-]{40,})(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'session-secret',
    title: 'Hard-coded session/cookie secret',
    severity: 'high',
    // Whatever its entropy: `secret: 'keyboard cat'` signs every session cookie of the app; so does
    // `cookieParser('kekse')`, and a literal key handed to jwt.sign/verify/encode/decode signs every token.
    pattern:
      /(?<![A-Za-z0-9_$@-])(?:(?:secret|cookieSecret|cookie_secret|sessionSecret|session_secret|jwtSecret|jwt_secret|jwtKey|signingSecret|signing_secret|SECRET_KEY|secretKey|secret_key|appSecret|app_secret|tokenSecret|COOKIE_SECRET|SESSION_SECRET|JWT_SECRET)["'`]?\s*(?:=|:)\s*|cookieParser\(\s*|jwt\.(?:sign|verify|encode|decode)\([^,()]*(?:\([^()]*\)[^,()]*)?,\s*)(?<q>["'`])(?<secret>[^"'`\n]{4,200})\k<q>/g,
    accept: (s) => !PLACEHOLDER.test(s) && !/^\s|\s$/.test(s) && !/^[A-Z_]+$/.test(s),
  },
  {
    id: 'generic-secret',
    title: 'Hard-coded credential',
    severity: 'high',
    // A credential-looking name, an assignment, and a quoted literal.
    pattern:
      /(?:passw(?:or)?d|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key|credentials?)(?:[A-Za-z0-9_.-]*)["'`]?\s*(?:=|:|:=|=>|\?\?|\|\|)\s*[rbuf]?(?<q>["'`])(?<secret>[^"'`\s]{12,200})\k<q>/gi,
    accept: (s) => looksLikeRealSecret(s),
  },
];

export interface SecretMatch {
  rule: SecretRule;
  /** 0-based UTF-16 index of the masked value in the line. */
  start: number;
  end: number;
  secret: string;
}

/** Cheap first pass: a line without any of these cannot match a rule, so the rules are not run on it. */
const PREFILTER = /PRIVATE KEY|A(?:KIA|SIA|BIA|CCA|3T)|aws|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|_live_|AIza|npm_|passw|pwd|secret|api[_-]?key|token|credential|private[_-]?key|glpat-|sk-|SG\.|eyJ|jwt|signing|cookieParser/i;

/** Keys published in providers' documentation: a match is an example, not a leak. */
const DOCUMENTED_EXAMPLES = /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY|EXAMPLE(?:KEY)?$|^(?:sk|rk|pk)_(?:live|test)_(?:x+|\*+|0+|1234\w*)$|^ghp_x+$|^xox[abposr]-x+|eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ/;

/** All secrets found on one line, in position order, with overlaps removed (the first rule listed wins). */
export function findSecretsInLine(line: string): SecretMatch[] {
  const text = line.length > MAX_SCANNED_LINE ? line.slice(0, MAX_SCANNED_LINE) : line;
  if (!PREFILTER.test(text)) return [];
  const found: SecretMatch[] = [];
  for (const rule of SECRET_RULES) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const secret = m.groups?.secret ?? m[0];
      const offset = m.groups?.secret !== undefined ? m[0].lastIndexOf(secret) : 0;
      const start = m.index + offset;
      if (rule.accept && !rule.accept(secret, text)) continue;
      if (DOCUMENTED_EXAMPLES.test(secret)) continue;
      const end = start + secret.length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ rule, start, end, secret });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function maskValue(secret: string): string {
  return `${secret.slice(0, 4)}****`;
}

/** The text with every detected secret masked (first 4 characters kept, then ****). Applied to every snippet Argus stores. */
export function maskSecrets(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let line = part;
      if (line.length > MAX_SCANNED_LINE) line = line.slice(0, MAX_SCANNED_LINE);
      const matches = findSecretsInLine(line);
      for (const m of [...matches].reverse()) line = line.slice(0, m.start) + maskValue(m.secret) + line.slice(m.end);
      return line;
    })
    .join('');
}

export function scanTextForSecrets(rel: string, text: string): RawFinding[] {
  const lines = splitLines(text);
  const findings: RawFinding[] = [];
  lines.forEach((line, i) => {
    if (line.length === 0) return;
    const matches = findSecretsInLine(line);
    if (matches.length === 0) return;
    const masked = truncate(maskSecrets(line).trim());
    for (const m of matches) {
      findings.push({
        tool: 'secrets',
        ruleId: `secrets/${m.rule.id}`,
        category: CATEGORY,
        severity: m.rule.severity,
        path: rel,
        startLine: i + 1,
        startColumn: m.start + 1,
        endLine: i + 1,
        endColumn: m.end + 1,
        message: `${m.rule.title} (${maskValue(m.secret)}). Revoke it, remove it from the code and load it from a secret store or the environment.`,
        snippet: masked,
        helpUrl: null,
      });
    }
  });
  return findings;
}

export function createSecretsAnalyzer(): Analyzer {
  return {
    id: 'secrets',
    languages: ['javascript', 'typescript', 'python', 'other'],
    appliesTo: () => true,
    async analyze(input: AnalyzeInput): Promise<RawFinding[]> {
      const out: RawFinding[] = [];
      let done = 0;
      for (const rel of input.files) {
        throwIfAborted(input.signal);
        let text: string | null = null;
        try {
          text = await readSource(input.root, rel);
        } catch {
          text = null;
        }
        if (text !== null && !text.includes('\0')) out.push(...scanTextForSecrets(rel, text));
        input.onProgress?.(++done);
      }
      return out.sort(compareFindings);
    },
  };
}
