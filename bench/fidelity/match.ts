import os from 'node:os';
import path from 'node:path';

// The corpora of `npm run bench:fidelity`, pinned by commit, and the rule that matches a finding to a known issue.

export interface Corpus {
  name: string;
  repo: string;
  sha: string;
}

export const CORPORA: Corpus[] = [
  { name: 'juice-shop', repo: 'juice-shop/juice-shop', sha: '33518f5a0911e25d9df747b1e70fb7af279a755c' },
  { name: 'dvna', repo: 'appsecco/dvna', sha: '9ba473add536f66ac9007966acb2a775dd31277a' },
  { name: 'pygoat', repo: 'adeyosemanputra/pygoat', sha: '19d17cc8874861142b330636d068bbde54e86b85' },
];

export function corporaRoot(): string {
  return process.env.ARGUS_CORPORA_DIR ?? path.join(os.homedir(), '.cache', 'argus', 'corpora');
}

export function corpusDir(c: Corpus): string {
  return path.join(corporaRoot(), `${c.name}@${c.sha}`);
}

export interface KnownIssue {
  id: string;
  title: string;
  file: string;
  /** First and last line of the vulnerable code, inclusive. */
  lines: [number, number];
  /** Acceptable weaknesses: a finding matches when one of its CWEs is in the same family as one of these. */
  cwe: string[];
  /** Where the issue is documented (challenge name, docs page) or "code reading". */
  source: string;
  note?: string;
}

export interface KnownList {
  corpus: string;
  repo: string;
  sha: string;
  issues: KnownIssue[];
}

export interface FidelityFinding {
  tool: string;
  ruleId: string;
  severity: string;
  category: string;
  path: string;
  startLine: number;
  endLine: number;
  cwe: string[];
  fileRole: string;
  message: string;
  snippet: string;
  suppressed: boolean;
}

/** Lines a finding may sit away from the known range (a sink reported at the call, the issue at its argument). */
const SLACK = 3;

// CWEs that name the same weakness at different granularity; a finding of any member matches an issue of any other.
const FAMILIES: string[][] = [
  ['CWE-89', 'CWE-943', 'CWE-564'], // SQL / NoSQL / ORM injection
  ['CWE-79', 'CWE-80', 'CWE-83', 'CWE-116'], // XSS and output encoding
  ['CWE-78', 'CWE-77', 'CWE-88'], // OS command
  ['CWE-94', 'CWE-95', 'CWE-96', 'CWE-1336'], // code / template injection
  ['CWE-22', 'CWE-23', 'CWE-73', 'CWE-434'], // path traversal / file upload location
  ['CWE-601'], // open redirect
  ['CWE-918'], // SSRF
  ['CWE-611', 'CWE-776'], // XXE
  ['CWE-502'], // deserialization
  ['CWE-798', 'CWE-259', 'CWE-321', 'CWE-547', 'CWE-312', 'CWE-540'], // hard-coded credentials and keys
  ['CWE-327', 'CWE-328', 'CWE-916', 'CWE-326', 'CWE-338', 'CWE-330', 'CWE-759', 'CWE-760'], // weak crypto / hashing / randomness
  ['CWE-614', 'CWE-1004', 'CWE-1275', 'CWE-315'], // cookie flags
  ['CWE-352'], // CSRF
  ['CWE-1333', 'CWE-400', 'CWE-730'], // ReDoS / resource exhaustion
  ['CWE-117', 'CWE-93'], // log injection
  ['CWE-693', 'CWE-1021', 'CWE-16'], // missing protection mechanisms / security headers
  ['CWE-209', 'CWE-215', 'CWE-489', 'CWE-200', 'CWE-497'], // information exposure / debug on
  ['CWE-347', 'CWE-345', 'CWE-287', 'CWE-1390'], // signature verification / authentication
  ['CWE-942', 'CWE-346'], // permissive CORS
  ['CWE-319', 'CWE-295'], // clear text / certificate validation
  ['CWE-915', 'CWE-1321'], // mass assignment / prototype pollution
];

function family(cwe: string): string[] {
  return FAMILIES.find((f) => f.includes(cwe)) ?? [cwe];
}

function compatible(issue: KnownIssue, finding: FidelityFinding): boolean {
  const accepted = new Set(issue.cwe.flatMap(family));
  return finding.cwe.some((c) => accepted.has(c));
}

function matches(issue: KnownIssue, finding: FidelityFinding): boolean {
  return (
    finding.path === issue.file &&
    finding.startLine <= issue.lines[1] + SLACK &&
    Math.max(finding.endLine, finding.startLine) >= issue.lines[0] - SLACK &&
    compatible(issue, finding)
  );
}

export function matchKnown(issues: KnownIssue[], findings: FidelityFinding[]): { found: KnownIssue[]; missed: KnownIssue[] } {
  const found: KnownIssue[] = [];
  const missed: KnownIssue[] = [];
  for (const issue of issues) (findings.some((f) => matches(issue, f)) ? found : missed).push(issue);
  return { found, missed };
}

/** The bench's own idea of test code, independent of Argus's classifier: test folders, spec/test file names. */
export function isTestLikePath(p: string): boolean {
  return /(^|\/)(test|tests|spec|specs|__tests__|__mocks__|cypress|e2e|fixtures?|testing)\//i.test(p) || /\.(spec|test|cy|e2e)\.[cm]?[jt]sx?$/i.test(p) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/i.test(p);
}
