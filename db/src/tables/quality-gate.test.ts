import { describe, expect, it } from 'vitest';
import { evaluateGate, summarize } from './analysis-runs';

const row = (over: Partial<Parameters<typeof summarize>[0][number]> = {}) => ({ severity: 'medium', category: 'security', isNew: true, suppressionKind: null, triage: 'open', fileRole: 'production', tool: 'eslint', ...over });

describe('the quality gate', () => {
  it('limits new findings per severity and new secrets of any severity', () => {
    const summary = summarize([row({ tool: 'secrets', severity: 'low' }), row({ tool: 'secrets', severity: 'high' }), row({ severity: 'high' }), row({ tool: 'secrets', isNew: false })]);
    expect(summary.newSecrets).toBe(2);
    const gate = evaluateGate(summary, { high: 5, secrets: 1 });
    expect(gate.passed).toBe(false);
    expect(gate.conditions).toEqual([
      { severity: 'high', maxNew: 5, actualNew: 2, passed: true },
      { severity: 'secrets', maxNew: 1, actualNew: 2, passed: false },
    ]);
    expect(evaluateGate(summary, { secrets: 2 }).passed).toBe(true);
  });

  it('does not count secrets in test code, suppressed or triaged away', () => {
    const summary = summarize([row({ tool: 'secrets', fileRole: 'test' }), row({ tool: 'secrets', suppressionKind: 'inline' }), row({ tool: 'secrets', triage: 'false_positive' })]);
    expect(summary.newSecrets).toBe(0);
    expect(evaluateGate(summary, { secrets: 0 }).passed).toBe(true);
  });
});
