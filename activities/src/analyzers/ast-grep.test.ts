import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleRepo } from '../../../e2e/fixtures/sample-repo';
import type { SampleRepo } from '../../../e2e/fixtures/sample-repo';
import { AST_GREP_RULES, createAstGrepAnalyzer, scanWithAstGrep } from './ast-grep';
import { brief } from './test-helpers';

function rules(path: string, code: string): string[] {
  return scanWithAstGrep(path, code).map((f) => `${f.ruleId}@${f.startLine}`);
}

describe('ast-grep rules', () => {
  let repo: SampleRepo;
  beforeAll(async () => {
    repo = await createSampleRepo();
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it('finds the known TypeScript findings of the sample repo', async () => {
    const astGrep = createAstGrepAnalyzer();
    expect(astGrep.appliesTo('src/server.ts')).toBe(true);
    expect(astGrep.appliesTo('src/types.d.ts')).toBe(false);
    expect(astGrep.appliesTo('app/util.py')).toBe(false);
    const findings = await astGrep.analyze({ root: repo.dir, files: ['src/jobs.ts', 'src/legacy.js', 'src/math.ts', 'src/server.ts'] });
    expect(findings.filter((f) => f.path === 'src/server.ts').map(brief)).toEqual([
      { ruleId: 'argus/command-injection', path: 'src/server.ts', line: 6, category: 'security', severity: 'high' },
      { ruleId: 'argus/no-inner-html', path: 'src/server.ts', line: 17, category: 'security', severity: 'low' },
      { ruleId: 'argus/empty-catch', path: 'src/server.ts', line: 23, category: 'maintainability', severity: 'low' },
      { ruleId: 'argus/no-console-log', path: 'src/server.ts', line: 40, category: 'style', severity: 'info' },
    ]);
    expect(findings.find((f) => f.ruleId === 'argus/command-injection')).toMatchObject({
      startColumn: 10,
      snippet: 'exec(`ls -la ${dir}`, (error, stdout) => {',
      helpUrl: null,
      tool: 'ast-grep',
    });
    expect(findings.filter((f) => f.path === 'src/legacy.js').map((f) => `${f.ruleId}@${f.startLine}`)).toEqual(['argus/no-eval@8', 'argus/no-eval@13']);
    expect(findings.filter((f) => f.path === 'src/jobs.ts').map((f) => `${f.ruleId}@${f.startLine}`)).toEqual(['argus/await-in-loop@9']);
  });

  it('has at least 5 rules, each with id, category, severity and message', () => {
    expect(AST_GREP_RULES.length).toBeGreaterThanOrEqual(5);
    for (const r of AST_GREP_RULES) expect(r.message.length).toBeGreaterThan(20);
    expect(new Set(AST_GREP_RULES.map((r) => r.name)).size).toBe(AST_GREP_RULES.length);
  });

  it('matches the dangerous forms and not the safe ones', () => {
    expect(rules('a.js', 'eval(code);\nwindow.eval(code);\nobj.eval(code);\n')).toEqual(['argus/no-eval@1', 'argus/no-eval@2']);
    expect(rules('a.ts', 'const f = new Function("a", body);\nconst g = Function(body);\n')).toEqual(['argus/no-new-func@1', 'argus/no-new-func@2']);
    expect(rules('a.js', 'document.write(userHtml);\ndocument.write("<p>static</p>");\n')).toEqual(['argus/no-document-write@1']);
    expect(rules('a.tsx', 'el.innerHTML = html;\nel.innerHTML = "";\nel.innerHTML = `<b>fixed</b>`;\nel.insertAdjacentHTML("beforeend", html);\nel.textContent = html;\n')).toEqual([
      'argus/no-inner-html@1',
      'argus/no-inner-html@4',
    ]);
    const cp = "import cp from 'child_process';\n";
    expect(rules('a.js', `${cp}cp.exec('ls ' + dir);\ncp.execSync(\`rm -rf \${dir}\`);\ncp.exec('ls -la');\ncp.execFile('ls', [dir]);\n/re/.exec(\`\${x}\`);\n`)).toEqual([
      'argus/command-injection@2',
      'argus/command-injection@3',
    ]);
    expect(rules('a.js', 'setTimeout("tick()", 10);\nsetInterval(tick, 10);\nsetTimeout(() => tick(), 10);\n')).toEqual(['argus/no-string-timer@1']);
    expect(rules('a.ts', 'https.request({ host, rejectUnauthorized: false });\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";\nconst ok = { rejectUnauthorized: true };\n')).toEqual([
      'argus/tls-verification-disabled@1',
      'argus/tls-verification-disabled@2',
    ]);
    expect(rules('a.ts', 'try { a(); } catch (e) {}\ntry { a(); } catch { /* expected when offline */ }\ntry { a(); } catch (e) { log(e); }\n')).toEqual(['argus/empty-catch@1']);
    expect(rules('a.js', 'async function f(xs) {\n  for (const x of xs) {\n    await g(x);\n    xs.map(async (y) => { await h(y); });\n  }\n  await z();\n}\n')).toEqual(['argus/await-in-loop@3']);
    expect(rules('a.js', 'if (a == null) {}\nif (b === null) {}\nif (null != c) {}\n')).toEqual(['argus/loose-null-check@1', 'argus/loose-null-check@3']);
    expect(rules('src/a.js', 'console.log("debug");\nconsole.error("bad");\n')).toEqual(['argus/no-console-log@1']);
    expect(rules('src/a.test.js', 'console.log("debug");\n')).toEqual([]);
  });

  it('reports 1-based UTF-16 columns', () => {
    const [f] = scanWithAstGrep('a.ts', 'const s = "ééé"; eval(x);\n');
    expect([f!.startColumn, f!.endColumn]).toEqual([18, 25]);
  });
});

describe('ast-grep rules: weak hash packages, Sequelize logging, CORS defaults, XML entities', () => {
  it('reports md5/sha1 package calls, not other functions of that name', () => {
    expect(rules('core/auth.js', "var md5 = require('md5');\nconst token = md5(req.query.login);\n")).toEqual(['argus/weak-hash-package@2']);
    expect(rules('core/auth.js', "const md5 = (s) => crypto.createHash('sha256').update(s).digest('hex');\nmd5(x);\n")).toEqual([]);
  });

  it('reports a Sequelize instance that logs every query, not one with logging configured', () => {
    expect(rules('models/index.js', "const db = new Sequelize(cfg.db, cfg.user, cfg.pass, { host: cfg.host });\n")).toEqual(['argus/sequelize-query-logging@1']);
    expect(rules('models/index.js', "const db = new Sequelize(cfg.db, cfg.user, cfg.pass, { host: cfg.host, logging: false });\n")).toEqual([]);
  });

  it('reports cors() with its allow-everything defaults, not an origin allowlist', () => {
    expect(rules('server.ts', "import cors from 'cors';\napp.use(cors());\n")).toEqual(['argus/permissive-cors@2']);
    expect(rules('server.ts', "import cors from 'cors';\napp.use(cors({ origin: ['https://app.example.com'] }));\n")).toEqual([]);
  });

  it('reports XML parsing with entity substitution, not the default options', () => {
    expect(rules('lib/xml.ts', 'const option = libxml2.ParseOption.XML_PARSE_NOENT | libxml2.ParseOption.XML_PARSE_NOBLANKS;\nlibxmljs.parseXmlString(data, { noent: true });\n')).toEqual([
      'argus/xml-entity-expansion@1',
      'argus/xml-entity-expansion@2',
    ]);
    expect(rules('lib/xml.ts', 'const option = libxml2.ParseOption.XML_PARSE_NOBLANKS;\nlibxmljs.parseXmlString(data, { noent: false });\n')).toEqual([]);
  });
});
