import { describe, expect, it } from 'vitest';
import { findSuppression, parseSuppressionDirective, ruleMatches } from './suppression';

describe('argus-ignore directives', () => {
  it('parses rules and reasons in // # and /* */ comments', () => {
    expect(parseSuppressionDirective('  // argus-ignore no-eval: legacy loader, reviewed')).toEqual({ rules: ['no-eval'], reason: 'legacy loader, reviewed', standalone: true });
    expect(parseSuppressionDirective('x = eval(s)  # argus-ignore S307 -- trusted input')).toEqual({ rules: ['S307'], reason: 'trusted input', standalone: false });
    expect(parseSuppressionDirective('/* argus-ignore eslint/no-eval, argus/no-eval */')).toEqual({ rules: ['eslint/no-eval', 'argus/no-eval'], reason: null, standalone: true });
    expect(parseSuppressionDirective('// argus-ignore')).toEqual({ rules: [], reason: null, standalone: true });
    expect(parseSuppressionDirective('// argus-ignore: false positive')).toEqual({ rules: [], reason: 'false positive', standalone: true });
    expect(parseSuppressionDirective('# argus-ignore -- see ticket 12')).toEqual({ rules: [], reason: 'see ticket 12', standalone: true });
    expect(parseSuppressionDirective(' * argus-ignore secrets/generic-secret: test data')).toEqual({ rules: ['secrets/generic-secret'], reason: 'test data', standalone: true });
    expect(parseSuppressionDirective('const argus_ignore = 1; // argus-ignored')).toBeNull();
    expect(parseSuppressionDirective('eval(x)')).toBeNull();
  });

  it('matches a rule id or its suffix after the tool prefix', () => {
    expect(ruleMatches('no-eval', 'eslint/no-eval')).toBe(true);
    expect(ruleMatches('eslint/no-eval', 'eslint/no-eval')).toBe(true);
    expect(ruleMatches('S101', 'ruff/S101')).toBe(true);
    expect(ruleMatches('@typescript-eslint/no-unused-vars', 'eslint/@typescript-eslint/no-unused-vars')).toBe(true);
    expect(ruleMatches('eval', 'eslint/no-eval')).toBe(false);
    expect(ruleMatches('no-eval', 'eslint/no-implied-eval')).toBe(false);
  });

  it('applies on the same line or from a comment-only line just above', () => {
    const lines = [
      'function a(s) {', // 1
      '  // argus-ignore no-eval: legacy loader, reviewed', // 2
      '  return eval(s);', // 3
      '}', // 4
      'run(x); // argus-ignore', // 5
      'eval(y);', // 6: the directive on line 5 belongs to line 5's code
      'eval(z); // argus-ignore no-implied-eval', // 7: another rule
    ];
    expect(findSuppression({ ruleId: 'eslint/no-eval', startLine: 3 }, lines)).toEqual({ kind: 'inline', reason: 'legacy loader, reviewed' });
    expect(findSuppression({ ruleId: 'argus/no-eval', startLine: 3 }, lines)).toEqual({ kind: 'inline', reason: 'legacy loader, reviewed' });
    expect(findSuppression({ ruleId: 'eslint/no-unused-vars', startLine: 3 }, lines)).toBeNull();
    expect(findSuppression({ ruleId: 'eslint/anything', startLine: 5 }, lines)).toEqual({ kind: 'inline', reason: null });
    expect(findSuppression({ ruleId: 'eslint/no-eval', startLine: 6 }, lines)).toBeNull();
    expect(findSuppression({ ruleId: 'eslint/no-eval', startLine: 7 }, lines)).toBeNull();
    expect(findSuppression({ ruleId: 'eslint/no-implied-eval', startLine: 7 }, lines)).toEqual({ kind: 'inline', reason: null });
    expect(findSuppression({ ruleId: 'eslint/no-eval', startLine: 1 }, lines)).toBeNull();
  });
});
