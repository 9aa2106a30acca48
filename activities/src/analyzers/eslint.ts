import path from 'node:path';
import js from '@eslint/js';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import security from 'eslint-plugin-security';
import sonarjs from 'eslint-plugin-sonarjs';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { emptyRepoContext, repoContextOf, type RepoContext } from './context';
import { SourceCache, snippetOf } from './source';
import { isDeclarationFile, languageOf, throwIfAborted, compareFindings } from './types';
import { classifyEslintRule } from './rules/eslint-classes';
import { reviewedNoUnsanitized, reviewedSecurity, reviewSeverity } from './hotspots';
import type { AnalyzeInput, Analyzer, RawFinding } from './types';

/**
 * JavaScript and TypeScript through the ESLint Node API with a flat config built here. The analyzed repository is
 * untrusted: its eslint.config.*, .eslintrc, plugins, parsers and tsconfig are never loaded (overrideConfigFile:
 * true, no project service, no type-aware rules). Inline `eslint-disable` comments are honored, and findings of
 * rules Argus did not enable (e.g. from inline `/* eslint rule: error *\/` comments) are dropped.
 */

const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const ALL_FILES = [...JS_FILES, ...TS_FILES];
/** Test files by path (the classifier adds framework markers; globals only need the conventions). */
const TEST_FILES = [
  '**/*{.,_,-}{test,spec,cy,e2e}.{js,jsx,mjs,cjs,ts,tsx,mts,cts}',
  '**/{test,tests,__tests__,__mocks__,spec,specs,e2e,cypress,playwright,testing}/**',
  '**/{jest,vitest}.setup.{js,mjs,cjs,ts,mts,cts}',
  '**/setupTests.{js,jsx,ts,tsx}',
];
const CYPRESS_FILES = ['**/cypress/**', '**/*.cy.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
const SERVICE_WORKER_FILES = ['**/{sw,service-worker,serviceworker,service_worker,firebase-messaging-sw}.{js,mjs,ts}', '**/*.sw.{js,mjs,ts}'];
/** Files per lintFiles() call: progress and cancellation are checked between batches. */
const BATCH = 40;

/** The hotspot rules that a taint flow can confirm, reported only where worth a review (see hotspots.ts). */
const securityPlugin = reviewedSecurity(security);
const noUnsanitizedPlugin = reviewedNoUnsanitized(noUnsanitized as ESLint.Plugin);

/** Cypress is not in the `globals` package: its two globals, plus chai's, which Cypress bundles. */
const CYPRESS_GLOBALS: Linter.Globals = { cy: 'readonly', Cypress: 'readonly', expect: 'readonly', assert: 'readonly', chai: 'readonly' };

/** Unused parameters before a used one, `next` of Express middleware and `_`-prefixed names are not findings. */
const UNUSED_VARS: Linter.RuleEntry = ['error', { args: 'after-used', argsIgnorePattern: '^(?:_|next$|req$|res$|err$)', caughtErrors: 'none', ignoreRestSiblings: true, varsIgnorePattern: '^_' }];

const EXTRA_RULES: Linter.RulesRecord = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  eqeqeq: ['error', 'smart'],
};

/**
 * eslint-plugin-security rules whose precision on real code is poor: they match ordinary indexing, `fs` with a
 * joined path, any `child_process` import. Argus's taint engine reports the cases where request data reaches them.
 */
const SECURITY_RULES_OFF = ['detect-object-injection', 'detect-non-literal-fs-filename', 'detect-non-literal-require', 'detect-non-literal-regexp', 'detect-child-process'];

/**
 * SonarJS (eslint-plugin-sonarjs): its security hotspots and bug rules that work without type information and were
 * precise on real code, plus the code smells that matter. Rules needing a TypeScript program, and noisy hotspots
 * (pseudo-random, clear-text protocols, hard-coded IPs, os-command on any exec), are left out.
 */
const SONARJS_RULES: readonly string[] = [
  // Security
  'csrf', 'disabled-auto-escaping', 'unverified-certificate', 'unverified-hostname', 'insecure-jwt-token', 'xml-parser-xxe',
  'no-hardcoded-passwords', 'hardcoded-secret-signatures', 'no-weak-keys', 'weak-ssl', 'no-weak-cipher', 'encryption-secure-mode', 'hashing',
  'insecure-cookie', 'cookie-no-httponly', 'session-regeneration', 'x-powered-by', 'content-security-policy', 'no-mime-sniff',
  'no-referrer-policy', 'strict-transport-security', 'frame-ancestors', 'cors', 'file-permissions', 'file-uploads', 'production-debug',
  'link-with-target-blank', 'dompurify-unsafe-config', 'no-session-cookies-on-static-assets', 'hidden-files', 'slow-regex',
  'no-angular-bypass-sanitization', 'dynamically-constructed-templates',
  // Bugs
  'no-all-duplicated-branches', 'no-identical-conditions', 'no-identical-expressions', 'no-element-overwrite', 'no-use-of-empty-return-value',
  'no-extra-arguments', 'no-unthrown-error', 'no-useless-increment', 'non-existent-operator', 'for-loop-increment-sign', 'no-empty-collection',
  // Code smells that matter
  'cognitive-complexity', 'no-identical-functions',
];

/** The flat config Argus lints with, for a repository's context. Exported for tests and for documentation of the rule set. */
export function buildEslintConfig(ctx: RepoContext = emptyRepoContext()): Linter.Config[] {
  const tsConfigs = (tseslint.configs.recommended as Linter.Config[]).map((c) => ({ ...c, files: TS_FILES }));
  const fw = ctx.testFrameworks;
  const anyRunner = fw.has('jest') || fw.has('mocha') || fw.has('vitest') || fw.has('jasmine') || fw.has('qunit');
  // A repository that names no runner still gets the common ones in its test files (Node's own runner needs none).
  const testGlobals: Linter.Globals = {
    ...(fw.has('jest') || !anyRunner ? globals.jest : {}),
    ...(fw.has('mocha') || fw.has('cypress') || !anyRunner ? globals.mocha : {}),
    ...(fw.has('vitest') || !anyRunner ? globals.vitest : {}),
    ...(fw.has('jasmine') ? globals.jasmine : {}),
    ...(fw.has('qunit') ? globals.qunit : {}),
  };
  const securityRules = Object.fromEntries(Object.entries(security.configs.recommended.rules ?? {}).map(([id, v]) => [id, SECURITY_RULES_OFF.includes(id.replace(/^security\//, '')) ? 'off' : v])) as Linter.RulesRecord;
  return [
    {
      name: 'argus/base',
      files: ALL_FILES,
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        globals: { ...globals.browser, ...globals.node, ...globals.worker, ...globals.es2021 },
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      rules: { ...js.configs.recommended.rules },
    },
    { name: 'argus/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { name: 'argus/service-worker', files: SERVICE_WORKER_FILES, languageOptions: { globals: globals.serviceworker } },
    { name: 'argus/tests', files: TEST_FILES, languageOptions: { globals: testGlobals } },
    // A repository that depends on Cypress writes its specs wherever its config says: every test file gets `cy`.
    { name: 'argus/cypress', files: fw.has('cypress') ? [...CYPRESS_FILES, ...TEST_FILES] : CYPRESS_FILES, languageOptions: { globals: { ...globals.mocha, ...CYPRESS_GLOBALS } } },
    ...tsConfigs,
    { name: 'argus/typescript-unused', files: TS_FILES, rules: { '@typescript-eslint/no-unused-vars': UNUSED_VARS } },
    { name: 'argus/security', files: ALL_FILES, plugins: { security: securityPlugin }, rules: securityRules },
    {
      name: 'argus/sonarjs',
      files: ALL_FILES,
      plugins: { sonarjs: sonarjs as unknown as ESLint.Plugin },
      rules: Object.fromEntries(SONARJS_RULES.map((r) => [`sonarjs/${r}`, r === 'cognitive-complexity' ? ['error', 25] : 'error'])),
    },
    { name: 'argus/no-unsanitized', files: ALL_FILES, plugins: { 'no-unsanitized': noUnsanitizedPlugin }, rules: { 'no-unsanitized/method': 'error', 'no-unsanitized/property': 'error' } },
    { name: 'argus/extra', files: ALL_FILES, rules: EXTRA_RULES },
    // typescript-eslint turns the base rule off for TypeScript (its own version understands types).
    { name: 'argus/javascript-unused', files: JS_FILES, rules: { 'no-unused-vars': UNUSED_VARS } },
    {
      name: 'argus/tests-relaxed',
      files: TEST_FILES,
      rules: { 'sonarjs/no-hardcoded-passwords': 'off', 'sonarjs/hardcoded-secret-signatures': 'off', 'sonarjs/no-identical-functions': 'off', 'sonarjs/cognitive-complexity': 'off' },
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

export { classifyEslintRule };

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
      const config = buildEslintConfig(await repoContextOf(input.root));
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
            const { category, severity: ruleSeverity } = parseError ? { category: 'bug' as const, severity: 'medium' as const } : classifyEslintRule(ruleId, ruleMeta?.type);
            const severity = reviewSeverity(m.message, ruleSeverity);
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
