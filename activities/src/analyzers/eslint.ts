import path from 'node:path';
import js from '@eslint/js';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import security from 'eslint-plugin-security';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { SourceCache, snippetOf } from './source';
import { isDeclarationFile, languageOf, throwIfAborted, compareFindings } from './types';
import type { AnalyzeInput, Analyzer, Category, RawFinding, Severity } from './types';

/**
 * JavaScript and TypeScript through the ESLint Node API with a flat config built here. The analyzed repository is
 * untrusted: its eslint.config.*, .eslintrc, plugins, parsers and tsconfig are never loaded (overrideConfigFile:
 * true, no project service, no type-aware rules). Inline `eslint-disable` comments are honored, and findings of
 * rules Argus did not enable (e.g. from inline `/* eslint rule: error *\/` comments) are dropped.
 */

const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const ALL_FILES = [...JS_FILES, ...TS_FILES];
const TEST_FILES = ['**/*.{test,spec}.{js,jsx,mjs,cjs,ts,tsx,mts,cts}', '**/{test,tests,__tests__,spec}/**'];
/** Files per lintFiles() call: progress and cancellation are checked between batches. */
const BATCH = 40;

const EXTRA_RULES: Linter.RulesRecord = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  eqeqeq: ['error', 'smart'],
};

/** The flat config Argus lints with. Exported for tests and for documentation of the rule set. */
export function buildEslintConfig(): Linter.Config[] {
  const tsConfigs = (tseslint.configs.recommended as Linter.Config[]).map((c) => ({ ...c, files: TS_FILES }));
  return [
    {
      name: 'argus/base',
      files: ALL_FILES,
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        globals: { ...globals.browser, ...globals.node, ...globals.worker },
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      rules: { ...js.configs.recommended.rules },
    },
    { name: 'argus/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { name: 'argus/tests', files: TEST_FILES, languageOptions: { globals: { ...globals.jest, ...globals.mocha, ...globals.vitest } } },
    ...tsConfigs,
    { name: 'argus/security', files: ALL_FILES, plugins: { security }, rules: { ...security.configs.recommended.rules } },
    { name: 'argus/extra', files: ALL_FILES, rules: EXTRA_RULES },
    {
      name: 'argus/tests-relaxed',
      files: TEST_FILES,
      rules: { 'security/detect-non-literal-fs-filename': 'off', 'security/detect-object-injection': 'off' },
    },
  ];
}

function enabledRuleIds(configs: Linter.Config[]): Set<string> {
  const ids = new Set<string>();
  for (const c of configs) {
    for (const [id, setting] of Object.entries(c.rules ?? {})) {
      const level = Array.isArray(setting) ? setting[0] : setting;
      if (level !== 'off' && level !== 0) ids.add(id);
    }
  }
  return ids;
}

type Class = [Category, Severity];
const SEC_HIGH: Class = ['security', 'high'];
const SEC_MED: Class = ['security', 'medium'];
const BUG_MED: Class = ['bug', 'medium'];
const BUG_LOW: Class = ['bug', 'low'];
const MAINT_LOW: Class = ['maintainability', 'low'];
const STYLE: Class = ['style', 'info'];

const RULE_CLASSES: Record<string, Class> = {
  // Security
  'no-eval': SEC_HIGH,
  'no-implied-eval': SEC_HIGH,
  'no-new-func': SEC_HIGH,
  'security/detect-eval-with-expression': SEC_HIGH,
  'security/detect-disable-mustache-escape': SEC_HIGH,
  'security/detect-no-csrf-before-method-override': SEC_HIGH,
  'security/detect-bidi-characters': SEC_HIGH,
  'security/detect-child-process': SEC_MED,
  'security/detect-unsafe-regex': SEC_MED,
  'security/detect-non-literal-regexp': SEC_MED,
  'security/detect-non-literal-require': SEC_MED,
  'security/detect-non-literal-fs-filename': SEC_MED,
  'security/detect-object-injection': SEC_MED,
  'security/detect-possible-timing-attacks': SEC_MED,
  'security/detect-pseudoRandomBytes': SEC_MED,
  'security/detect-buffer-noassert': SEC_MED,
  'security/detect-new-buffer': SEC_MED,
  'security/detect-invisible-characters': SEC_MED,
  // Bugs
  'constructor-super': BUG_MED,
  'for-direction': BUG_MED,
  'getter-return': BUG_MED,
  'no-async-promise-executor': BUG_MED,
  'no-class-assign': BUG_MED,
  'no-compare-neg-zero': BUG_MED,
  'no-cond-assign': BUG_MED,
  'no-const-assign': BUG_MED,
  'no-constant-binary-expression': BUG_MED,
  'no-constant-condition': BUG_LOW,
  'no-control-regex': BUG_LOW,
  'no-dupe-args': BUG_MED,
  'no-dupe-class-members': BUG_MED,
  'no-dupe-else-if': BUG_MED,
  'no-dupe-keys': BUG_MED,
  'no-duplicate-case': BUG_MED,
  'no-empty-character-class': BUG_MED,
  'no-ex-assign': BUG_MED,
  'no-fallthrough': BUG_MED,
  'no-func-assign': BUG_MED,
  'no-global-assign': BUG_MED,
  'no-import-assign': BUG_MED,
  'no-invalid-regexp': BUG_MED,
  'no-loss-of-precision': BUG_MED,
  'no-misleading-character-class': BUG_MED,
  'no-new-native-nonconstructor': BUG_MED,
  'no-obj-calls': BUG_MED,
  'no-redeclare': BUG_MED,
  'no-self-assign': BUG_MED,
  'no-setter-return': BUG_MED,
  'no-shadow-restricted-names': BUG_MED,
  'no-sparse-arrays': BUG_LOW,
  'no-this-before-super': BUG_MED,
  'no-undef': BUG_MED,
  'no-unexpected-multiline': BUG_MED,
  'no-unreachable': BUG_MED,
  'no-unsafe-finally': BUG_MED,
  'no-unsafe-negation': BUG_MED,
  'no-unsafe-optional-chaining': BUG_MED,
  'no-useless-backreference': BUG_LOW,
  'no-prototype-builtins': BUG_LOW,
  'no-case-declarations': BUG_LOW,
  'no-delete-var': BUG_MED,
  'no-with': BUG_MED,
  'no-octal': BUG_LOW,
  'no-nonoctal-decimal-escape': BUG_LOW,
  'require-yield': BUG_MED,
  'use-isnan': BUG_MED,
  'valid-typeof': BUG_MED,
  eqeqeq: BUG_LOW,
  'no-unused-expressions': BUG_LOW,
  '@typescript-eslint/no-unused-expressions': BUG_LOW,
  '@typescript-eslint/no-duplicate-enum-values': BUG_MED,
  '@typescript-eslint/no-misused-new': BUG_MED,
  '@typescript-eslint/no-extra-non-null-assertion': BUG_LOW,
  '@typescript-eslint/no-non-null-asserted-optional-chain': BUG_MED,
  '@typescript-eslint/no-unsafe-declaration-merging': BUG_MED,
  // Maintainability
  'no-unused-vars': MAINT_LOW,
  '@typescript-eslint/no-unused-vars': MAINT_LOW,
  'no-unused-labels': MAINT_LOW,
  'no-unused-private-class-members': MAINT_LOW,
  'no-useless-catch': MAINT_LOW,
  'no-empty': MAINT_LOW,
  'no-empty-pattern': MAINT_LOW,
  'no-empty-static-block': MAINT_LOW,
  'no-debugger': MAINT_LOW,
  'no-var': MAINT_LOW,
  'prefer-rest-params': MAINT_LOW,
  'prefer-spread': MAINT_LOW,
  '@typescript-eslint/ban-ts-comment': MAINT_LOW,
  '@typescript-eslint/no-explicit-any': MAINT_LOW,
  '@typescript-eslint/no-empty-object-type': MAINT_LOW,
  '@typescript-eslint/no-namespace': MAINT_LOW,
  '@typescript-eslint/no-require-imports': MAINT_LOW,
  '@typescript-eslint/no-this-alias': MAINT_LOW,
  '@typescript-eslint/no-unsafe-function-type': MAINT_LOW,
  '@typescript-eslint/no-wrapper-object-types': MAINT_LOW,
  '@typescript-eslint/triple-slash-reference': MAINT_LOW,
  // Style
  'no-extra-boolean-cast': STYLE,
  'no-regex-spaces': STYLE,
  'no-useless-escape': STYLE,
  'no-irregular-whitespace': STYLE,
  'prefer-const': STYLE,
  'no-array-constructor': STYLE,
  '@typescript-eslint/no-array-constructor': STYLE,
  '@typescript-eslint/prefer-as-const': STYLE,
  '@typescript-eslint/prefer-namespace-keyword': STYLE,
  '@typescript-eslint/no-unnecessary-type-constraint': STYLE,
};

/** Category and severity of an ESLint rule: the table first, then the rule's meta.type. */
export function classifyEslintRule(ruleId: string, metaType?: string): { category: Category; severity: Severity } {
  const known = RULE_CLASSES[ruleId];
  if (known) return { category: known[0], severity: known[1] };
  if (ruleId.startsWith('security/')) return { category: 'security', severity: 'medium' };
  if (metaType === 'problem') return { category: 'bug', severity: 'medium' };
  if (metaType === 'layout') return { category: 'style', severity: 'info' };
  return { category: 'maintainability', severity: 'low' };
}

function eslintAppliesTo(p: string): boolean {
  const lang = languageOf(p);
  return (lang === 'javascript' || lang === 'typescript') && !isDeclarationFile(p);
}

export function createEslintAnalyzer(): Analyzer {
  return {
    id: 'eslint',
    languages: ['javascript', 'typescript'],
    appliesTo: eslintAppliesTo,
    async analyze(input: AnalyzeInput): Promise<RawFinding[]> {
      if (input.files.length === 0) return [];
      const config = buildEslintConfig();
      const enabled = enabledRuleIds(config);
      const makeEslint = (extra: Linter.Config[]) =>
        new ESLint({
          cwd: input.root,
          overrideConfigFile: true,
          overrideConfig: [...config, ...extra],
          ignore: false,
          globInputPaths: false,
          errorOnUnmatchedPattern: false,
          warnIgnored: false,
          cache: false,
          fix: false,
          allowInlineConfig: true,
        });
      const eslint = makeEslint([]);
      // Legacy scripts (top-level return, `with`, octal literals) do not parse as modules: they get a second try.
      let scriptEslint: ESLint | null = null;
      const sources = new SourceCache(input.root);
      const out: RawFinding[] = [];
      let done = 0;
      for (let i = 0; i < input.files.length; i += BATCH) {
        throwIfAborted(input.signal);
        const batch = input.files.slice(i, i + BATCH);
        let results = await eslint.lintFiles(batch);
        let meta = eslint.getRulesMetaForResults(results);
        const retry = results.filter((r) => /\.jsx?$/i.test(r.filePath) && r.messages.some((m) => m.fatal === true));
        if (retry.length > 0) {
          scriptEslint ??= makeEslint([{ name: 'argus/script-fallback', files: ['**/*.js', '**/*.jsx'], languageOptions: { sourceType: 'commonjs' } }]);
          const again = (await scriptEslint.lintFiles(retry.map((r) => toRelative(input.root, r.filePath)))).filter(
            (r) => !r.messages.some((m) => m.fatal === true),
          );
          if (again.length > 0) {
            const byPath = new Map(again.map((r) => [r.filePath, r]));
            results = results.map((r) => byPath.get(r.filePath) ?? r);
            meta = { ...meta, ...scriptEslint.getRulesMetaForResults(again) };
          }
        }
        for (const result of results) {
          const rel = toRelative(input.root, result.filePath);
          const lines = result.source !== undefined ? result.source.split(/\r\n|\r|\n/) : await sources.lines(rel);
          for (const m of result.messages) {
            const parseError = m.fatal === true || (m.ruleId === null && /^Parsing error/i.test(m.message));
            if (!parseError && (m.ruleId === null || !enabled.has(m.ruleId))) continue;
            const ruleId = parseError ? 'parse-error' : m.ruleId!;
            const ruleMeta = parseError ? undefined : meta[ruleId];
            const { category, severity } = parseError ? { category: 'bug' as const, severity: 'medium' as const } : classifyEslintRule(ruleId, ruleMeta?.type);
            const startLine = Math.max(1, m.line || 1);
            const endLine = Math.max(startLine, m.endLine ?? startLine);
            out.push({
              tool: 'eslint',
              ruleId: `eslint/${ruleId}`,
              category,
              severity,
              path: rel,
              startLine,
              startColumn: Math.max(1, m.column || 1),
              endLine,
              endColumn: Math.max(1, m.endColumn ?? (m.column || 1)),
              message: m.message,
              snippet: lines ? snippetOf(lines, startLine, endLine) : '',
              helpUrl: ruleMeta?.docs?.url ?? null,
            });
          }
        }
        done += batch.length;
        input.onProgress?.(done);
      }
      return out.sort(compareFindings);
    },
  };
}

function toRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
