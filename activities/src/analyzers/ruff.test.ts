import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleRepo } from '../../../e2e/fixtures/sample-repo';
import type { SampleRepo } from '../../../e2e/fixtures/sample-repo';
import { checkPythonSource, classifyRuffCode, createRuffAnalyzer, createRuffWorkspace, ruffHelpUrl, ruleNameFromStruct } from './ruff';
import { brief } from './test-helpers';

describe('Ruff adapter', () => {
  let repo: SampleRepo;
  beforeAll(async () => {
    repo = await createSampleRepo();
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it('finds the known Python findings of the sample repo', async () => {
    const ruff = createRuffAnalyzer();
    expect(ruff.appliesTo('app/util.py')).toBe(true);
    expect(ruff.appliesTo('src/legacy.js')).toBe(false);
    const findings = await ruff.analyze({ root: repo.dir, files: ['app/__init__.py', 'app/util.py', 'config/settings.py'] });
    expect(findings.map(brief)).toEqual([
      { ruleId: 'ruff/S101', path: 'app/util.py', line: 6, category: 'security', severity: 'low' },
      { ruleId: 'ruff/S602', path: 'app/util.py', line: 7, category: 'security', severity: 'high' },
      { ruleId: 'ruff/F841', path: 'app/util.py', line: 11, category: 'maintainability', severity: 'low' },
      { ruleId: 'ruff/F821', path: 'app/util.py', line: 12, category: 'bug', severity: 'medium' },
    ]);
    const s602 = findings.find((f) => f.ruleId === 'ruff/S602')!;
    expect(s602).toMatchObject({
      startColumn: 12,
      snippet: 'return subprocess.call(cmd, shell=True)',
      helpUrl: 'https://docs.astral.sh/ruff/rules/subprocess-popen-with-shell-equals-true/',
    });
    expect(findings.find((f) => f.ruleId === 'ruff/F821')!.message).toBe('Undefined name `totl`');
  });

  it('reports syntax errors, honors noqa, and drops test-only noise in tests', () => {
    const ws = createRuffWorkspace();
    try {
      const syntax = checkPythonSource(ws, 'bad.py', 'def f(:\n    pass\n');
      expect(syntax[0]).toMatchObject({ ruleId: 'ruff/syntax-error', category: 'bug', severity: 'medium', startLine: 1, helpUrl: null });
      expect(checkPythonSource(ws, 'a.py', 'assert x  # noqa: S101\n').map((f) => f.ruleId)).toEqual(['ruff/F821']);
      expect(checkPythonSource(ws, 'a.py', 'def f(x):\n    assert x\n').map((f) => f.ruleId)).toEqual(['ruff/S101']);
      expect(checkPythonSource(ws, 'tests/test_a.py', 'def test_f(x):\n    assert x\n')).toEqual([]);
      // Columns are UTF-16 based, like the other analyzers.
      expect(checkPythonSource(ws, 'a.py', 'x = "é"; eval(x)\n')[0]).toMatchObject({ ruleId: 'ruff/S307', startColumn: 10 });
    } finally {
      ws.free();
    }
  });

  it('names rules the way Ruff does for documentation links', () => {
    expect(ruleNameFromStruct('SuspiciousURLOpenUsage')).toBe('suspicious-url-open-usage');
    expect(ruleNameFromStruct('FStringMissingPlaceholders')).toBe('f-string-missing-placeholders');
    expect(ruleNameFromStruct('Jinja2AutoescapeFalse')).toBe('jinja2-autoescape-false');
    expect(ruleNameFromStruct('SSHNoHostKeyVerification')).toBe('ssh-no-host-key-verification');
    expect(ruleNameFromStruct('IOError')).toBe('io-error');
    expect(ruffHelpUrl('S101')).toBe('https://docs.astral.sh/ruff/rules/assert/');
    expect(ruffHelpUrl('Z999')).toBeNull();
  });

  it('maps codes to categories and severities', () => {
    expect(classifyRuffCode('S608')).toEqual({ category: 'security', severity: 'high' });
    expect(classifyRuffCode('S324')).toEqual({ category: 'security', severity: 'medium' });
    expect(classifyRuffCode('F811')).toEqual({ category: 'bug', severity: 'medium' });
    expect(classifyRuffCode('F401')).toEqual({ category: 'maintainability', severity: 'low' });
    expect(classifyRuffCode('B006')).toEqual({ category: 'bug', severity: 'medium' });
    expect(classifyRuffCode('B019')).toEqual({ category: 'performance', severity: 'medium' });
    expect(classifyRuffCode('E501')).toEqual({ category: 'style', severity: 'info' });
    expect(classifyRuffCode('PLR0913')).toEqual({ category: 'maintainability', severity: 'low' });
  });
});
