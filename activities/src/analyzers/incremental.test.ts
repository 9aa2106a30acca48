import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisKeyOf, parseNameStatus, planIncrementalAnalysis } from './incremental';
import { defaultConfig } from './config';

// Real files on disk: the plan reads them the way the activity does (through the sandbox-safe source reader).
let root: string;
const files: Record<string, string> = {
  'src/a.js': "const b = require('./b');\nmodule.exports = b;\n",
  'src/b.js': "import { c } from './c.js';\nexport default c;\n",
  'src/c.ts': "export * from './d';\nexport const c = 1;\n",
  'src/d.ts': "export const d = await import('../vendor/e.js');\n",
  'vendor/e.js': "module.exports = require('./f');\n",
  'vendor/f.js': 'module.exports = 1;\n',
  'src/far.js': "require('./a');\n",
  'src/lone.js': "console.log('../not-an-import-of-anything');\n",
  'app/main.py': 'import os\n',
  'docs/readme.md': "See './src/a.js'\n",
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'argus-incremental-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

const analyzed = Object.keys(files).filter((f) => !f.startsWith('vendor/'));
const tracked = Object.keys(files);

describe('planIncrementalAnalysis', () => {
  it('re-analyzes a changed file and the files reaching it within three imports', async () => {
    const plan = await planIncrementalAnalysis({ root, files: analyzed, tracked, change: { changed: ['src/d.ts'], deleted: [] } });
    // d ← c ← b ← a (three hops); far is four hops away and cannot reach d's flows.
    expect(plan.analyze).toEqual(['src/d.ts']);
    expect(plan.taintOnly).toEqual(['src/a.js', 'src/b.js', 'src/c.ts']);
    expect(plan.touched).toEqual(['src/a.js', 'src/b.js', 'src/c.ts', 'src/d.ts']);
    expect(plan.replaced).toEqual(['src/d.ts']);
  });

  it('follows imports through files Argus does not analyze itself (vendored code)', async () => {
    const plan = await planIncrementalAnalysis({ root, files: analyzed, tracked, change: { changed: ['vendor/f.js'], deleted: [] } });
    expect(plan.analyze).toEqual([]);
    expect(plan.taintOnly).toEqual(['src/c.ts', 'src/d.ts']);
    expect(plan.touched).toEqual(['src/c.ts', 'src/d.ts', 'vendor/e.js', 'vendor/f.js']);
  });

  it("finds a deleted file's former importers", async () => {
    await rm(path.join(root, 'vendor/f.js'));
    const plan = await planIncrementalAnalysis({ root, files: analyzed, tracked: tracked.filter((f) => f !== 'vendor/f.js'), change: { changed: [], deleted: ['vendor/f.js'] } });
    expect(plan.taintOnly).toEqual(['src/c.ts', 'src/d.ts']);
    expect(plan.replaced).toEqual(['vendor/f.js']);
    await writeFile(path.join(root, 'vendor/f.js'), files['vendor/f.js']!);
  });

  it('re-analyzes only the file itself for other languages and unreferenced files', async () => {
    const plan = await planIncrementalAnalysis({ root, files: analyzed, tracked, change: { changed: ['app/main.py', 'src/lone.js'], deleted: [] } });
    expect(plan.analyze).toEqual(['app/main.py', 'src/lone.js']);
    expect(plan.taintOnly).toEqual([]);
  });
});

describe('parseNameStatus', () => {
  it('reads git diff --name-status -z, paths verbatim', () => {
    expect(parseNameStatus('M\0src/a b.js\0A\0new\tfile.ts\0D\0gone.js\0T\0link\0')).toEqual({ changed: ['src/a b.js', 'new\tfile.ts', 'link'], deleted: ['gone.js'] });
    expect(parseNameStatus('')).toEqual({ changed: [], deleted: [] });
  });
});

describe('analysisKeyOf', () => {
  it('changes with the configuration and the repository context, not with the files', async () => {
    const config = defaultConfig();
    const first = await analysisKeyOf(root, config);
    expect(await analysisKeyOf(root, structuredClone(config))).toBe(first);
    expect(await analysisKeyOf(root, { ...config, rules: { ...config.rules, 'eslint/eqeqeq': 'off' } })).not.toBe(first);
  });
});
