// Which rules the built-in fix provider can fix, as plain data, so the API can say so on every finding without
// loading ESLint, Ruff or ast-grep. `builtinMayFix` (fixes/builtin.ts) decides the same from the analyzers' own rule
// metadata; builtin-fixes.test.ts fails when the two disagree on any rule the analyzers report.

/** ESLint rules of Argus's configuration that have a fix (or a suggestion Argus applies). */
const ESLINT = [
  '@typescript-eslint/ban-ts-comment',
  '@typescript-eslint/no-array-constructor',
  '@typescript-eslint/no-explicit-any',
  '@typescript-eslint/no-extra-non-null-assertion',
  '@typescript-eslint/no-non-null-asserted-optional-chain',
  '@typescript-eslint/no-unused-vars',
  '@typescript-eslint/no-wrapper-object-types',
  '@typescript-eslint/prefer-as-const',
  '@typescript-eslint/prefer-namespace-keyword',
  'eqeqeq',
  'no-extra-boolean-cast',
  'no-prototype-builtins',
  'no-regex-spaces',
  'no-unsafe-negation',
  'no-unused-labels',
  'no-unused-vars',
  'no-useless-escape',
  'no-var',
  'prefer-const',
  'use-isnan',
];

/** Ruff codes whose fixes Ruff marks safe. */
const RUFF = ['F401', 'F541', 'F632', 'F901', 'B009', 'B010', 'B013', 'B014', 'B033'];

/** Argus's own ast-grep rewrites. */
const ARGUS = ['argus/loose-null-check', 'argus/tls-verification-disabled'];

export const BUILTIN_FIXABLE_RULES: ReadonlySet<string> = new Set([...ESLINT.map((r) => `eslint/${r}`), ...RUFF.map((c) => `ruff/${c}`), ...ARGUS]);

/** True when the built-in provider (no key, nothing leaves the machine) has a fix for findings of this rule. */
export function hasBuiltinFix(ruleId: string): boolean {
  return BUILTIN_FIXABLE_RULES.has(ruleId);
}
