import { describe, expect, it } from 'vitest';
import { buildEslintConfig } from '../analyzers/eslint';
import { BUILTIN_FIXABLE_RULES, hasBuiltinFix } from '../platform/builtin-fixes';
import { builtinMayFix, REWRITES } from './builtin';

// The API says on each finding whether the built-in provider fixes it, from a plain list (it must not load the
// analyzers). That list must be what the provider itself decides from the analyzers' rule metadata.
describe('the list of built-in fixes the API reads', () => {
  it('agrees with the provider on every ESLint rule Argus enables', () => {
    const enabled = new Set<string>();
    for (const config of buildEslintConfig()) {
      for (const [id, value] of Object.entries(config.rules ?? {})) {
        const level = Array.isArray(value) ? value[0] : value;
        if (level !== 'off' && level !== 0) enabled.add(id);
      }
    }
    expect(enabled.size).toBeGreaterThan(50);
    const disagreements = [...enabled].filter((id) => hasBuiltinFix(`eslint/${id}`) !== builtinMayFix(`eslint/${id}`));
    expect(disagreements).toEqual([]);
  });

  it('agrees with the provider on every Ruff code of the selected families, and on Argus’s rewrites', () => {
    const codes = ['S', 'F', 'E', 'B'].flatMap((family) => Array.from({ length: 1000 }, (_, n) => `ruff/${family}${String(n).padStart(3, '0')}`));
    expect(codes.filter((id) => hasBuiltinFix(id) !== builtinMayFix(id))).toEqual([]);
    expect([...BUILTIN_FIXABLE_RULES].filter((id) => id.startsWith('argus/')).sort()).toEqual(Object.keys(REWRITES).sort());
  });

  it('lists no rule the provider cannot fix', () => {
    expect([...BUILTIN_FIXABLE_RULES].filter((id) => !builtinMayFix(id))).toEqual([]);
    expect(hasBuiltinFix('eslint/no-eval')).toBe(false);
    expect(hasBuiltinFix('secrets/aws-access-key-id')).toBe(false);
  });
});
