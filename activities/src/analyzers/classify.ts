import ignore from 'ignore';

/**
 * What a file is for. Findings in anything but production code stay visible under their own filter but are kept out
 * of the gate, the ratings and the default counts (as SonarQube does with test code).
 */
export const FILE_ROLES = ['production', 'test', 'example', 'docs', 'fixture'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/** `.argus.yml` `classify:` globs per role; they win over the built-in conventions (first listed role first). */
export type ClassifyOverrides = Partial<Record<FileRole, string[]>>;

const TEST_DIRS = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|testing|e2e|cypress|playwright|integration-tests?)\//i;
const TEST_FILE = /(?:\.|_|-)(?:test|spec|cy|e2e)\.[cm]?[jt]sx?$|^test_.*\.py$|_tests?\.py$|^conftest\.py$|^jest\.setup\.[cm]?[jt]s$|^setupTests\.[jt]sx?$/i;
const FIXTURE_DIRS = /(?:^|\/)(?:fixtures?|__fixtures__|testdata|test-data|mocks?|stubs?|__snapshots__)\//i;
/** Example code, including folders of code snippets kept as data (fix suggestions, tutorial steps): fragments, not the app. */
const EXAMPLE_DIRS = /(?:^|\/)(?:examples?|samples?|demos?|playground|sandbox|starter|boilerplate|codefixes|code-?fixes|code[-_]?snippets)\//i;
const DOCS_DIRS = /(?:^|\/)(?:docs?|documentation|site-docs|website\/docs|tutorials?|guides?)\//i;
const DOCS_FILE = /\.(?:md|mdx|rst|adoc|rdoc)$|^(?:readme|changelog|contributing|history)(?:\.|$)/i;
/** Framework markers in the first part of a file: a test runner import or a describe/it/test block. */
const TEST_MARKERS = [
  /from\s+['"](?:vitest|@jest\/globals|@playwright\/test|mocha|chai|node:test|@testing-library\/[\w-]+|supertest|ava|tap|uvu)['"]/,
  /require\(\s*['"](?:chai|mocha|node:test|supertest|ava|tap|@playwright\/test)['"]\s*\)/,
  /^\s*(?:describe|suite|test)(?:\.(?:only|skip|each\([^)]*\)))?\(\s*['"`]/m,
  /^\s*(?:import\s+pytest|from\s+unittest\s+import|import\s+unittest)\b/m,
];

export class FileClassifier {
  private readonly overrides: { role: FileRole; match: ReturnType<typeof ignore> }[];

  constructor(overrides: ClassifyOverrides = {}) {
    this.overrides = FILE_ROLES.filter((r) => (overrides[r]?.length ?? 0) > 0).map((role) => ({ role, match: ignore().add(overrides[role]!) }));
  }

  /** The role of a file from its path, and from its text when given (framework markers). */
  roleOf(rel: string, text?: string | null): FileRole {
    for (const o of this.overrides) if (o.match.ignores(rel)) return o.role;
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    if (FIXTURE_DIRS.test(rel)) return 'fixture';
    if (TEST_DIRS.test(rel) || TEST_FILE.test(base)) return 'test';
    if (EXAMPLE_DIRS.test(rel)) return 'example';
    if (DOCS_DIRS.test(rel) || DOCS_FILE.test(base)) return 'docs';
    if (text && /\.(?:[cm]?[jt]sx?|py)$/i.test(base)) {
      const head = text.slice(0, 20_000);
      if (TEST_MARKERS.some((m) => m.test(head))) return 'test';
    }
    return 'production';
  }
}
