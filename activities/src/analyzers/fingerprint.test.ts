import { describe, expect, it } from 'vitest';
import { fingerprintFinding, normalizeSnippet } from './fingerprint';
import type { RawFinding } from './types';

const base: RawFinding = {
  tool: 'eslint',
  ruleId: 'eslint/no-eval',
  category: 'security',
  severity: 'high',
  path: 'src/a.js',
  startLine: 10,
  startColumn: 3,
  endLine: 10,
  endColumn: 7,
  message: 'eval can be harmful.',
  snippet: 'return eval(formula);',
  helpUrl: null,
};

describe('fingerprints', () => {
  it('is a sha256 hex that ignores positions, indentation and line-number gutters', () => {
    const fp = fingerprintFinding(base, 0);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintFinding({ ...base, startLine: 99, endLine: 99, startColumn: 1 }, 0)).toBe(fp);
    expect(fingerprintFinding({ ...base, snippet: '    return   eval(formula);  ' }, 0)).toBe(fp);
    expect(fingerprintFinding({ ...base, snippet: '12: return eval(formula);' }, 0)).toBe(fp);
    expect(normalizeSnippet('  a  =\n    b;\t')).toBe('a = b;');
  });

  it('differs by rule, path, snippet and occurrence', () => {
    const fp = fingerprintFinding(base, 0);
    expect(fingerprintFinding(base, 1)).not.toBe(fp);
    expect(fingerprintFinding({ ...base, ruleId: 'argus/no-eval' }, 0)).not.toBe(fp);
    expect(fingerprintFinding({ ...base, path: 'src/b.js' }, 0)).not.toBe(fp);
    expect(fingerprintFinding({ ...base, snippet: 'return eval(other);' }, 0)).not.toBe(fp);
  });
});
