import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureApp } from '../../../e2e/fixtures/fixture-apps';
import { analyzeFiles, discoverFiles, loadArgusConfig } from './index';
import type { Finding } from './index';

/**
 * The real analyzers (ESLint with SonarJS, Ruff, secrets, ast-grep, taint, config files) on a deliberately
 * vulnerable Express app with 16 known issues (e2e/fixtures/vulnerable-express/KNOWN_ISSUES.md), and on its clean
 * counterpart, which must yield none of them.
 */
type Known = { issue: string; match: (f: Finding) => boolean };

const at = (path: string, rules: string[], extra: (f: Finding) => boolean = () => true) => (f: Finding) => f.path === path && rules.includes(f.ruleId) && extra(f);

const KNOWN: Known[] = [
  { issue: '1 eval of request data', match: at('routes/index.js', ['taint/code-injection'], (f) => f.snippet.includes('eval(')) },
  { issue: '2 ReDoS', match: at('routes/index.js', ['eslint/security/detect-unsafe-regex', 'eslint/sonarjs/slow-regex'], (f) => f.snippet.includes('EMAIL =')) },
  { issue: '3 committed private key', match: at('keys/server.pem', ['secrets/private-key']) },
  { issue: '4 API key in config', match: at('config/keys.js', ['secrets/generic-secret'], (f) => f.snippet.includes('mailerApiKey')) },
  { issue: '5 NoSQL $where injection', match: at('routes/index.js', ['taint/nosql-injection'], (f) => f.snippet.includes('$where')) },
  { issue: '6 open redirect', match: at('routes/index.js', ['taint/open-redirect'], (f) => f.snippet.includes('res.redirect(url)')) },
  { issue: '7 SSRF', match: at('routes/index.js', ['taint/ssrf'], (f) => f.snippet.includes('axios.get(target)')) },
  { issue: '8 session cookie without flags', match: at('app.js', ['eslint/sonarjs/insecure-cookie', 'eslint/sonarjs/cookie-no-httponly'], (f) => f.startLine >= 17 && f.startLine <= 22) },
  { issue: '9 CSRF protection disabled', match: at('app.js', ['eslint/sonarjs/csrf']) },
  { issue: '10 missing security headers', match: at('app.js', ['argus/missing-security-headers']) },
  { issue: '11 template autoescape off', match: (f) => at('views/profile.html', ['templates/autoescape-disabled'])(f) || at('app.js', ['eslint/sonarjs/disabled-auto-escaping'])(f) },
  { issue: '12 log injection', match: at('routes/index.js', ['taint/log-injection']) },
  { issue: '13 hard-coded session secret', match: at('app.js', ['secrets/session-secret', 'eslint/sonarjs/hardcoded-secret-signatures'], (f) => f.snippet.includes('secret:')) },
  { issue: '14 command injection across modules', match: at('lib/tools.js', ['taint/command-injection'], (f) => f.flow?.[0]?.path === 'routes/index.js') },
  { issue: '15 SQL injection across modules', match: at('lib/db.js', ['taint/sql-injection'], (f) => f.flow?.[0]?.path === 'routes/index.js') },
  { issue: '16 path traversal', match: at('routes/index.js', ['taint/path-traversal']) },
];

async function analyze(name: 'vulnerable-express' | 'clean-express') {
  const app = await createFixtureApp(name);
  try {
    const { config, errors } = await loadArgusConfig(app.dir);
    expect(errors).toEqual([]);
    const { files } = await discoverFiles(app.dir, { ignore: config.ignore });
    return await analyzeFiles({ root: app.dir, files, config });
  } finally {
    await app.cleanup();
  }
}

const brief = (f: Finding) => `${f.path}:${f.startLine} ${f.ruleId} ${f.severity}`;

describe('the deliberately vulnerable Express app', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await analyze('vulnerable-express');
    console.info(`vulnerable-express: ${findings.length} findings\n${findings.map(brief).join('\n')}`);
  }, 120_000);

  it.each(KNOWN.map((k) => [k.issue, k] as const))('finds %s', (_issue, known) => {
    expect(findings.filter(known.match).map(brief), `no finding for ${known.issue} in:\n${findings.map(brief).join('\n')}`).not.toEqual([]);
  });

  it('rates request-data flows high or critical, and reports their path source → sink', () => {
    const flows = findings.filter((f) => f.tool === 'taint');
    expect(flows.length).toBeGreaterThanOrEqual(9);
    for (const f of flows) {
      if (f.ruleId !== 'taint/log-injection') expect(['high', 'critical']).toContain(f.severity);
      expect(f.flow!.length).toBeGreaterThanOrEqual(2);
      expect(f.flow![0]!.note).toMatch(/^source: /);
      expect(f.flow!.at(-1)!.note).toMatch(/^reaches /);
      expect(f.message).toContain('→');
    }
    const sql = findings.find((f) => f.ruleId === 'taint/sql-injection')!;
    expect(sql.flow!.map((s) => `${s.path}:${s.line}`)).toEqual(['routes/index.js:51', 'routes/index.js:51', 'lib/db.js:5', 'lib/db.js:6', 'lib/db.js:6', 'lib/db.js:7']);
    expect(sql.cwe).toEqual(['CWE-89']);
  });

  it('reports one finding per problem: the eval flow replaces the pattern rules on the same call', () => {
    const line14 = findings.filter((f) => f.path === 'routes/index.js' && f.startLine === 14);
    expect(line14.map((f) => f.ruleId)).toEqual(['taint/code-injection']);
    const cmd = findings.filter((f) => f.path === 'lib/tools.js' && f.category === 'security');
    expect(cmd.map((f) => f.ruleId)).toEqual(['taint/command-injection']);
  });
});

describe('its clean counterpart', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await analyze('clean-express');
    console.info(`clean-express: ${findings.length} findings\n${findings.map(brief).join('\n')}`);
  }, 120_000);

  it('yields none of the 16 issues and no security finding at all', () => {
    for (const k of KNOWN) expect(findings.filter(k.match).map(brief), k.issue).toEqual([]);
    expect(findings.filter((f) => f.category === 'security').map(brief)).toEqual([]);
  });

  it('classifies its test file as test code and does not flag mocha globals or Express parameters', () => {
    expect(findings.filter((f) => f.ruleId === 'eslint/no-undef' || f.ruleId === 'eslint/no-unused-vars').map(brief)).toEqual([]);
  });
});
