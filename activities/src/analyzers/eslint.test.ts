import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleRepo } from '../../../e2e/fixtures/sample-repo';
import type { SampleRepo } from '../../../e2e/fixtures/sample-repo';
import { classifyEslintRule, createEslintAnalyzer } from './eslint';
import { brief, makeTree } from './test-helpers';

describe('ESLint adapter', () => {
  let repo: SampleRepo;
  beforeAll(async () => {
    repo = await createSampleRepo();
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it('finds the known JavaScript findings of the sample repo', async () => {
    const eslint = createEslintAnalyzer();
    const files = ['src/legacy.js', 'src/server.ts', 'src/jobs.ts', 'src/math.ts'].filter((f) => eslint.appliesTo(f));
    const findings = await eslint.analyze({ root: repo.dir, files });
    const legacy = findings.filter((f) => f.path === 'src/legacy.js');
    expect(legacy.filter((f) => f.ruleId === 'eslint/no-eval').map(brief)).toEqual([
      { ruleId: 'eslint/no-eval', path: 'src/legacy.js', line: 8, category: 'security', severity: 'high' },
      { ruleId: 'eslint/no-eval', path: 'src/legacy.js', line: 13, category: 'security', severity: 'high' },
    ]);
    expect(legacy.find((f) => f.ruleId === 'eslint/no-unused-vars')).toMatchObject({
      startLine: 12,
      startColumn: 9,
      category: 'maintainability',
      severity: 'low',
      snippet: 'const unusedCounter = 0;',
      helpUrl: 'https://eslint.org/docs/latest/rules/no-unused-vars',
    });
    expect(legacy.find((f) => f.ruleId === 'eslint/eqeqeq')).toMatchObject({ startLine: 17, category: 'bug', severity: 'low', snippet: "return user.role == 'admin';" });
    expect(findings.filter((f) => f.path === 'src/math.ts')).toEqual([]);
    for (const f of findings) expect(f.tool).toBe('eslint');
  });

  it('never loads the repository config or plugins, and reports parse errors as findings', async () => {
    const tree = await makeTree({
      'package.json': '{ "type": "module" }',
      'eslint.config.js': "import fs from 'node:fs';\nfs.writeFileSync(new URL('./pwned.txt', import.meta.url), 'x');\nexport default [{ rules: { 'no-eval': 'off' } }];\n",
      '.eslintrc.json': '{ "plugins": ["evil"], "rules": { "no-eval": "off" } }',
      'src/a.js': 'export function run(code) {\n  return eval(code);\n}\n',
      'src/broken.ts': 'const = ;\n',
      'src/types.ts': 'export const x: any = 1;\nexport type Id = string;\n',
      'src/view.tsx': 'export const View = ({ name }: { name: string }) => <p>{name}</p>;\n',
      'src/old.jsx': 'export const Old = () => <div />;\n',
      'src/inline.js': '/* eslint no-alert: "error" */\n// eslint-disable-next-line no-eval\neval(x);\nalert(1);\n',
      // Not a module (top-level return): linted again as a CommonJS script instead of failing to parse.
      'src/script.js': 'if (typeof window === "undefined") return;\nvar unused = 1;\n',
    });
    try {
      const findings = await createEslintAnalyzer().analyze({
        root: tree.dir,
        files: ['src/a.js', 'src/broken.ts', 'src/types.ts', 'src/view.tsx', 'src/old.jsx', 'src/inline.js', 'src/script.js'],
      });
      await expect(access(path.join(tree.dir, 'pwned.txt'))).rejects.toThrow();
      expect(findings.map(brief)).toEqual([
        { ruleId: 'eslint/no-eval', path: 'src/a.js', line: 2, category: 'security', severity: 'high' },
        // The security plugin reports it too; analyzeFiles keeps one of the two (see EQUIVALENT_RULES).
        { ruleId: 'eslint/security/detect-eval-with-expression', path: 'src/a.js', line: 2, category: 'security', severity: 'high' },
        { ruleId: 'eslint/parse-error', path: 'src/broken.ts', line: 1, category: 'bug', severity: 'medium' },
        // In src/inline.js no-eval is disabled inline, and no-alert (enabled by an inline comment) is not an Argus rule.
        { ruleId: 'eslint/security/detect-eval-with-expression', path: 'src/inline.js', line: 3, category: 'security', severity: 'high' },
        { ruleId: 'eslint/no-undef', path: 'src/inline.js', line: 3, category: 'bug', severity: 'medium' },
        { ruleId: 'eslint/no-unused-vars', path: 'src/script.js', line: 2, category: 'maintainability', severity: 'low' },
        { ruleId: 'eslint/@typescript-eslint/no-explicit-any', path: 'src/types.ts', line: 1, category: 'maintainability', severity: 'low' },
      ]);
      expect(findings.find((f) => f.ruleId === 'eslint/parse-error')!.message).toMatch(/^Parsing error/);
    } finally {
      await tree.cleanup();
    }
  });

  it('classifies rules by table, then by meta.type', () => {
    expect(classifyEslintRule('no-implied-eval')).toEqual({ category: 'security', severity: 'high' });
    expect(classifyEslintRule('security/detect-eval-with-expression')).toEqual({ category: 'security', severity: 'high' });
    expect(classifyEslintRule('security/detect-object-injection')).toEqual({ category: 'security', severity: 'medium' });
    expect(classifyEslintRule('no-dupe-keys')).toEqual({ category: 'bug', severity: 'medium' });
    expect(classifyEslintRule('prefer-const')).toEqual({ category: 'style', severity: 'info' });
    expect(classifyEslintRule('some-new-rule', 'problem')).toEqual({ category: 'bug', severity: 'medium' });
    expect(classifyEslintRule('some-new-rule', 'layout')).toEqual({ category: 'style', severity: 'info' });
    expect(classifyEslintRule('some-new-rule', 'suggestion')).toEqual({ category: 'maintainability', severity: 'low' });
  });
});
