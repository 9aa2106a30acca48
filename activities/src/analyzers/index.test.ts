import { cp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleRepo } from '../../../e2e/fixtures/sample-repo';
import type { SampleRepo } from '../../../e2e/fixtures/sample-repo';
import { analyzeFiles, compareFindings, createAnalyzers, defaultConfig, discoverFiles, loadArgusConfig } from './index';
import type { ArgusConfig, Finding } from './index';
import { brief, makeTree } from './test-helpers';

function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.path}:${f.startLine} ${f.ruleId} ${f.category}/${f.severity}${f.suppression ? ' (suppressed)' : ''}`);
}

describe('analyzeFiles on the sample repo', () => {
  let repo: SampleRepo;
  let config: ArgusConfig;
  let files: string[];
  let findings: Finding[];
  let elapsedMs = 0;

  beforeAll(async () => {
    repo = await createSampleRepo();
    const loaded = await loadArgusConfig(repo.dir);
    expect(loaded.errors).toEqual([]);
    config = loaded.config;
    files = (await discoverFiles(repo.dir, { ignore: config.ignore })).files;
    const started = performance.now();
    findings = await analyzeFiles({ root: repo.dir, files, config });
    elapsedMs = performance.now() - started;
    console.info(`analyzeFiles on the sample repo: ${files.length} files, ${findings.length} findings, ${elapsedMs.toFixed(0)} ms`);
  });
  afterAll(async () => {
    await repo?.cleanup();
  });

  it('reports exactly the known findings, sorted, with prefixed rule ids and no cross-tool duplicates', () => {
    expect(summary(findings)).toEqual([
      'app/util.py:6 ruff/S101 security/low',
      'app/util.py:7 ruff/S602 security/high',
      'app/util.py:11 ruff/F841 maintainability/low',
      'app/util.py:12 ruff/F821 bug/medium',
      'config/settings.py:6 secrets/aws-access-key-id security/critical',
      'src/jobs.ts:9 argus/await-in-loop performance/low',
      'src/legacy.js:8 eslint/no-eval security/high (suppressed)',
      'src/legacy.js:12 eslint/no-unused-vars maintainability/low',
      'src/legacy.js:13 eslint/no-eval security/high',
      'src/legacy.js:17 eslint/eqeqeq bug/low',
      // req.url → searchParams.get('dir') → listDirectory(dir) → exec(`ls -la ${dir}`): the flow outranks the pattern.
      'src/server.ts:6 taint/command-injection security/critical',
      'src/server.ts:17 eslint/no-unsanitized/property security/low',
      'src/server.ts:23 argus/empty-catch maintainability/low',
      'src/server.ts:40 argus/no-console-log style/info',
    ]);
    expect([...findings].sort(compareFindings)).toEqual(findings);
    expect(elapsedMs).toBeLessThan(30_000);
  });

  it('marks the suppressed finding with its reason instead of dropping it', () => {
    const suppressed = findings.filter((f) => f.suppression);
    expect(suppressed.map(brief)).toEqual([{ ruleId: 'eslint/no-eval', path: 'src/legacy.js', line: 8, category: 'security', severity: 'high' }]);
    expect(suppressed[0]!.suppression).toEqual({ kind: 'inline', reason: 'legacy loader, reviewed' });
  });

  it('never stores the secret', () => {
    const aws = findings.find((f) => f.ruleId === 'secrets/aws-access-key-id')!;
    expect(aws).toMatchObject({ startColumn: 22, endColumn: 42, snippet: 'AWS_ACCESS_KEY_ID = "AKIA****"', cwe: ['CWE-798'], fileRole: 'production' });
    expect(aws.helpUrl).toMatch(/^https:\/\//);
    expect(JSON.stringify(findings)).not.toContain('ABCDEFGHIJKLMNOP');
  });

  it('is deterministic: two runs give the same output', async () => {
    const again = await analyzeFiles({ root: repo.dir, files: [...files].reverse(), config });
    expect(again).toEqual(findings);
  });

  it('keeps fingerprints when lines are inserted above, and tells identical snippets apart', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'argus-sample-modified-'));
    try {
      await cp(repo.dir, copy, { recursive: true });
      const banner = { js: '// Copyright Sample Shop.\n// Licensed MIT.\n\n', py: '# Copyright Sample Shop.\n# Licensed MIT.\n\n' };
      for (const file of ['src/legacy.js', 'src/server.ts', 'src/jobs.ts', 'app/util.py', 'config/settings.py']) {
        const abs = path.join(copy, file);
        await writeFile(abs, (file.endsWith('.py') ? banner.py : banner.js) + (await readFile(abs, 'utf8')));
      }
      // A second identical eval in the same file: same rule, same snippet, different occurrence.
      const legacy = path.join(copy, 'src/legacy.js');
      await writeFile(legacy, `${await readFile(legacy, 'utf8')}\nfunction again(formula) {\n  return eval(formula);\n}\nmodule.exports.again = again;\n`);

      const modified = await analyzeFiles({ root: copy, files, config });
      const before = new Map(findings.map((f) => [f.fingerprint, f]));
      for (const f of modified.filter((m) => !(m.path === 'src/legacy.js' && m.startLine > 23))) {
        const original = before.get(f.fingerprint);
        expect(original, `${f.ruleId} ${f.path}:${f.startLine}`).toBeDefined();
        expect(f.startLine).toBe(original!.startLine + 3);
      }
      const evals = modified.filter((f) => f.ruleId === 'eslint/no-eval' && f.snippet === 'return eval(formula);');
      expect(evals.map((f) => f.startLine)).toEqual([16, 26]);
      expect(evals[0]!.fingerprint).toBe(findings.find((f) => f.ruleId === 'eslint/no-eval' && f.startLine === 13)!.fingerprint);
      expect(evals[1]!.fingerprint).not.toBe(evals[0]!.fingerprint);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('respects the analyzer toggles of the config, an equivalent rule standing in', async () => {
    const noEslint = await analyzeFiles({ root: repo.dir, files, config: { ...config, analyzers: { ...config.analyzers, eslint: false } } });
    expect(noEslint.some((f) => f.tool === 'eslint')).toBe(false);
    const evals = noEslint.filter((f) => f.path === 'src/legacy.js' && f.ruleId === 'argus/no-eval');
    // `argus-ignore no-eval` names the rule by suffix, so it suppresses the stand-in too.
    expect(evals.map((f) => [f.startLine, f.suppression?.reason ?? null])).toEqual([
      [8, 'legacy loader, reviewed'],
      [13, null],
    ]);
    const secretsOnly = await analyzeFiles({
      root: repo.dir,
      files,
      config: { ...config, analyzers: { eslint: false, ruff: false, secrets: true, 'ast-grep': false, taint: false, 'config-files': false } },
    });
    expect(summary(secretsOnly)).toEqual(['config/settings.py:6 secrets/aws-access-key-id security/critical']);
  });

  it('reports progress up to the total and stops when aborted', async () => {
    const progress: [number, number][] = [];
    await analyzeFiles({ root: repo.dir, files, config, onProgress: (done, total) => progress.push([done, total]) });
    const total = progress[0]![1];
    // eslint + ruff + secrets (every file) + ast-grep + taint (JS/TS and Python) + config files (JS/TS, templates and config/settings.py)
    expect(total).toBe(4 + 3 + files.length + 4 + (4 + 3) + 5);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);

    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await expect(analyzeFiles({ root: repo.dir, files, config, signal: controller.signal })).rejects.toThrow('cancelled by the test');
  });
});

describe('analyzeFiles safety', () => {
  it('masks secrets in every tool snippet and ignores paths outside the root', async () => {
    const fakePassword = ['Xk9', 'mQ2vL7pR4tW8'].join('');
    const tree = await makeTree({ 'app/db.py': `DB_PASSWORD = "${fakePassword}"\n` });
    try {
      const findings = await analyzeFiles({ root: tree.dir, files: ['app/db.py', '../etc/passwd', '/etc/passwd'], config: defaultConfig(), analyzers: createAnalyzers() });
      // Ruff's S105 and the secrets detector report the same weakness (CWE-798) on the same line: one finding.
      expect(findings.map((f) => f.ruleId)).toEqual(['secrets/generic-secret']);
      for (const f of findings) expect(f.snippet).toBe('DB_PASSWORD = "Xk9m****"');
      expect(JSON.stringify(findings)).not.toContain(fakePassword);
    } finally {
      await tree.cleanup();
    }
  });
});
