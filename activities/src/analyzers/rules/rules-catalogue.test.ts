import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AST_GREP_RULES } from '../ast-grep';
import { buildEslintConfig } from '../eslint';
import { SINK_KINDS } from '../taint';
import { allRuleDocs, ruleDoc } from './catalogue';
import { eslintRuleDocs } from './eslint-docs-source';

describe('the rule catalogue', () => {
  it('documents every rule Argus can report', () => {
    const eslintIds = new Set<string>();
    for (const c of buildEslintConfig()) {
      for (const [id, v] of Object.entries(c.rules ?? {})) if ((Array.isArray(v) ? v[0] : v) !== 'off') eslintIds.add(`eslint/${id}`);
    }
    const ids = [...eslintIds, ...AST_GREP_RULES.map((r) => `argus/${r.name}`), ...SINK_KINDS.map((k) => `taint/${k}`), 'argus/missing-security-headers', 'argus/missing-csrf-protection'];
    const missing = ids.filter((id) => !ruleDoc(id));
    expect(missing).toEqual([]);
    for (const doc of allRuleDocs()) {
      expect(doc.description, doc.id).not.toBe('');
      expect(doc.why, doc.id).not.toBe('');
      expect(doc.fix, doc.id).not.toBe('');
      expect(doc.helpUri, doc.id).toMatch(/^https:\/\//);
      // Style is never above low.
      if (doc.category === 'style') expect(['low', 'info'], doc.id).toContain(doc.severity);
      if (doc.category === 'security' && doc.tool !== 'ruff' && doc.tool !== 'eslint') expect(doc.cwe.length, doc.id).toBeGreaterThan(0);
    }
  });

  it("has CWE, examples and a fix for every one of Argus's own security rules", () => {
    for (const doc of allRuleDocs().filter((d) => ['taint', 'secrets', 'docker', 'actions', 'templates'].includes(d.tool))) {
      expect(doc.noncompliant, doc.id).toBeTruthy();
      expect(doc.compliant, doc.id).toBeTruthy();
      expect(doc.cwe.length, doc.id).toBeGreaterThan(0);
    }
    expect(ruleDoc('taint/sql-injection')).toMatchObject({ severity: 'critical', cwe: ['CWE-89'], owasp: ['A03:2021-Injection'] });
    expect(ruleDoc('eslint/sonarjs/csrf')).toMatchObject({ category: 'security', cwe: ['CWE-352'] });
    expect(ruleDoc('ruff/S608')?.cwe).toEqual(['CWE-89']);
  });

  it('is generated from the plugins it documents (run rules/generate-eslint-docs.ts when this fails)', async () => {
    const checkedIn = JSON.parse(await readFile(fileURLToPath(new URL('./eslint-docs.gen.json', import.meta.url)), 'utf8')) as unknown;
    expect(checkedIn).toEqual(await eslintRuleDocs());
  });
});
