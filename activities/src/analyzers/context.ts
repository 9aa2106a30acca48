import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { realPathInRoot } from './source';

/**
 * What the repository says about itself, read (never executed) once per checkout: the test frameworks and runtimes
 * its package.json files and config files name. ESLint's globals come from here, so `cy`, `describe` or `self` are
 * known where the repository uses them, like a reviewer who has read the package.json.
 */
export interface RepoContext {
  testFrameworks: Set<TestFramework>;
  /** True when a package.json or config names a browser bundler/framework (React, Vue, Vite, webpack, …). */
  browser: boolean;
  /** Names of every dependency of every package.json found (for rules that need to know, e.g. helmet, csurf). */
  dependencies: Set<string>;
}

type TestFramework = 'jest' | 'mocha' | 'vitest' | 'jasmine' | 'cypress' | 'playwright' | 'qunit';

const FRAMEWORK_DEPS: [RegExp, TestFramework][] = [
  [/^(?:jest|ts-jest|babel-jest|@jest\/globals|jest-environment-\w+)$/, 'jest'],
  [/^(?:mocha|@types\/mocha)$/, 'mocha'],
  [/^vitest$/, 'vitest'],
  [/^(?:jasmine|jasmine-core|karma-jasmine)$/, 'jasmine'],
  [/^cypress$/, 'cypress'],
  [/^@playwright\/test$/, 'playwright'],
  [/^qunit$/, 'qunit'],
];
const FRAMEWORK_CONFIGS: [RegExp, TestFramework][] = [
  [/^jest\.config\.[cm]?[jt]s(?:on)?$/, 'jest'],
  [/^\.mocharc(?:\.[a-z]+)?$/, 'mocha'],
  [/^vitest\.(?:config|workspace)\.[cm]?[jt]s$/, 'vitest'],
  [/^(?:cypress\.config\.[cm]?[jt]s|cypress\.json)$/, 'cypress'],
  [/^playwright\.config\.[cm]?[jt]s$/, 'playwright'],
  [/^karma\.conf\.[cm]?js$/, 'jasmine'],
];
const BROWSER_DEPS = /^(?:react|react-dom|vue|svelte|@angular\/core|preact|vite|webpack|parcel|@sveltejs\/kit|next|nuxt|jquery)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'coverage', '.next', 'third_party']);
/** How deep package.json files are looked for (monorepos keep theirs in packages/<name>/ or apps/<name>/). */
const MAX_DEPTH = 3;

export function emptyRepoContext(): RepoContext {
  return { testFrameworks: new Set(), browser: false, dependencies: new Set() };
}

const cache = new Map<string, Promise<RepoContext>>();

/** The context of a checkout, computed once per root and process (analysis runs one batch at a time on the same root). */
export function repoContextOf(root: string): Promise<RepoContext> {
  let entry = cache.get(root);
  if (!entry) {
    entry = readRepoContext(root).catch(() => emptyRepoContext());
    cache.set(root, entry);
    // A long-lived worker sees many checkouts: keep only the recent ones.
    if (cache.size > 8) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

async function readRepoContext(root: string): Promise<RepoContext> {
  const ctx = emptyRepoContext();
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory() && depth < MAX_DEPTH && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(child, depth + 1);
      if (!e.isFile()) continue;
      for (const [re, fw] of FRAMEWORK_CONFIGS) if (re.test(e.name)) ctx.testFrameworks.add(fw);
      if (e.name === 'package.json') await readPackageJson(root, child, ctx);
    }
  };
  await walk('', 0);
  return ctx;
}

async function readPackageJson(root: string, rel: string, ctx: RepoContext): Promise<void> {
  let pkg: Record<string, unknown>;
  try {
    const text = await readFile(await realPathInRoot(root, rel), 'utf8');
    if (text.length > 1_000_000) return;
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return;
  }
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of Object.keys(deps)) {
      ctx.dependencies.add(name);
      for (const [re, fw] of FRAMEWORK_DEPS) if (re.test(name)) ctx.testFrameworks.add(fw);
      if (BROWSER_DEPS.test(name)) ctx.browser = true;
    }
  }
  if (pkg.jest) ctx.testFrameworks.add('jest');
  if (pkg.mocha) ctx.testFrameworks.add('mocha');
  if (pkg.browser || pkg.browserslist) ctx.browser = true;
}
