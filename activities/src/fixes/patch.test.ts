import { describe, expect, it } from 'vitest';
import { normalizePatch, parseModelAnswer, patchPaths } from './patch';
import { GOOD_EQEQEQ_ANSWER, MALFORMED_ANSWER } from '../../../e2e/support/sample-patches';

describe('reading a model’s answer', () => {
  it('takes the fenced diff as the patch and the prose as the explanation', () => {
    const { patch, explanation } = parseModelAnswer(GOOD_EQEQEQ_ANSWER);
    expect(patch.startsWith('--- a/src/legacy.js\n+++ b/src/legacy.js\n@@ -14,7 +14,7 @@')).toBe(true);
    expect(patch.endsWith('\n')).toBe(true);
    expect(explanation).toBe('Use strict equality so that `user.role` is compared without type coercion.');
    expect(patchPaths(patch)).toEqual(['src/legacy.js']);
  });

  it('accepts a bare diff (no fence) with a git header', () => {
    const { patch } = parseModelAnswer('Here you go:\ndiff --git a/x.js b/x.js\n--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-a == b\n+a === b');
    expect(patch.startsWith('diff --git a/x.js b/x.js')).toBe(true);
  });

  it('treats prose without a diff as an invalid patch, and a refusal as a refusal', () => {
    expect(() => parseModelAnswer(MALFORMED_ANSWER)).toThrow(expect.objectContaining({ type: 'InvalidPatch' }));
    expect(() => parseModelAnswer('')).toThrow(expect.objectContaining({ type: 'InvalidPatch' }));
    expect(() => parseModelAnswer("I'm sorry, but I can't help with modifying this code.")).toThrow(expect.objectContaining({ type: 'ProviderRefused' }));
    expect(() => parseModelAnswer('NO_FIX: the eval is intentional in this plugin loader')).toThrow(expect.objectContaining({ type: 'ProviderRefused', message: expect.stringContaining('the eval is intentional') }));
  });

  it('refuses patches that leave the repository, create, delete or rename files, or touch .git', () => {
    const hunk = '@@ -1 +1 @@\n-a\n+b\n';
    expect(() => normalizePatch(`--- a/../etc/passwd\n+++ b/../etc/passwd\n${hunk}`)).toThrow(/outside the repository/);
    expect(() => normalizePatch(`--- a//etc/passwd\n+++ b//etc/passwd\n${hunk}`)).toThrow(/outside the repository/);
    expect(() => normalizePatch(`--- a/.git/config\n+++ b/.git/config\n${hunk}`)).toThrow(/outside the repository/);
    expect(() => normalizePatch(`--- /dev/null\n+++ b/new.js\n${hunk}`)).toThrow(/creates or deletes/);
    expect(() => normalizePatch(`diff --git a/x b/x\ndeleted file mode 100644\n--- a/x\n+++ /dev/null\n${hunk}`)).toThrow(/creates, deletes or renames/);
    expect(() => normalizePatch(`--- a/x.js\n+++ b/y.js\n${hunk}`)).toThrow(/renames/);
    expect(() => normalizePatch('--- a/x.js\n+++ b/x.js\n')).toThrow(/no hunk/);
  });
});
