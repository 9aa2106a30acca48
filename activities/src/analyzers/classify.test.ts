import { describe, expect, it } from 'vitest';
import { FileClassifier } from './classify';

describe('file roles', () => {
  it('treats folders of code snippets kept as data as examples, and application code as production', () => {
    const c = new FileClassifier();
    expect(c.roleOf('data/static/codefixes/loginAdminChallenge_1.ts')).toBe('example');
    expect(c.roleOf('src/code_snippets/intro.py')).toBe('example');
    expect(c.roleOf('routes/login.ts')).toBe('production');
    expect(c.roleOf('src/snippet/service.ts')).toBe('production');
    expect(c.roleOf('test/login.spec.ts')).toBe('test');
  });
});
