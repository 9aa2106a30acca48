import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixtureApp } from '../../../e2e/fixtures/fixture-apps';
import { analysisThreadsFromEnv, analysisThreadsWarm, analyzeBatchesInOrder, createAnalysisPool, liveAnalysisThreads } from './analysis-pool';
import { analyzeFiles, createAnalyzers, defaultConfig, discoverFiles, loadArgusConfig, type ArgusConfig, type Finding } from './index';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Real code: ESLint's own sources, the vulnerable Express app (cross-file taint flows) and the sample repo (Python). */
let tmp: string;
let fixture: Awaited<ReturnType<typeof createFixtureApp>>;
let config: ArgusConfig;
let batches: string[][];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-pool-'));
  fixture = await createFixtureApp('vulnerable-express');
  await cp(path.join(ROOT, 'node_modules/eslint/lib'), path.join(tmp, 'eslint-lib'), { recursive: true });
  await cp(fixture.dir, path.join(tmp, 'app'), { recursive: true });
  await cp(path.join(ROOT, 'e2e/fixtures/sample-repo'), path.join(tmp, 'sample'), { recursive: true });
  config = (await loadArgusConfig(tmp)).config;
  const { files } = await discoverFiles(tmp, { ignore: config.ignore });
  // Small batches, so several run at once and finish out of order.
  batches = [];
  for (let i = 0; i < files.length; i += 40) batches.push(files.slice(i, i + 40));
}, 60_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await fixture?.cleanup();
});

describe('analysis pool', () => {
  it('gives byte-identical findings to the single-threaded path, committed in batch order', async () => {
    const analyzers = createAnalyzers();
    const single: Finding[][] = [];
    for (const files of batches) single.push(await analyzeFiles({ root: tmp, files, config, analyzers }));

    const pool = createAnalysisPool(2);
    const threaded: Finding[][] = [];
    const order: number[] = [];
    try {
      await analyzeBatchesInOrder(pool, {
        root: tmp,
        config,
        batches,
        from: 0,
        onBatch: async (index, findings) => {
          order.push(index);
          threaded.push(findings);
        },
      });
    } finally {
      await pool.close();
    }
    expect(order).toEqual(batches.map((_, i) => i));
    expect(single.flat().length).toBeGreaterThan(50);
    expect(single.flat().some((f) => f.tool === 'ruff')).toBe(true);
    expect(single.flat().some((f) => f.tool === 'taint' && f.flow?.[0]?.path !== f.path)).toBe(true);
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(single));
  }, 180_000);

  it('resumes after the stored batches', async () => {
    const pool = createAnalysisPool(2);
    const order: number[] = [];
    try {
      const small = batches.slice(0, 5).map((b) => b.slice(0, 3));
      await analyzeBatchesInOrder(pool, { root: tmp, config, batches: small, from: 3, onBatch: async (i) => void order.push(i) });
    } finally {
      await pool.close();
    }
    expect(order).toEqual([3, 4]);
  }, 60_000);

  it('shares its threads between concurrent users and ends them when the last one closes', async () => {
    const first = createAnalysisPool(2, { idleMs: 0 });
    const second = createAnalysisPool(2, { idleMs: 0 });
    const files = ['app/lib/db.js', 'app/routes/index.js'];
    const [a, b] = await Promise.all([first.analyze({ root: tmp, files, config }), second.analyze({ root: tmp, files, config }), first.analyze({ root: tmp, files, config })]);
    expect(a).toEqual(b);
    expect(liveAnalysisThreads()).toBe(2);
    const running = second.analyze({ root: tmp, files: batches[0]!, config });
    await first.close();
    // The other user's batch goes on.
    await expect(running).resolves.toBeInstanceOf(Array);
    expect(liveAnalysisThreads()).toBe(2);
    await second.close();
    expect(liveAnalysisThreads()).toBe(0);
  }, 60_000);

  it('keeps its threads loaded for a while after the last user closes, and a new user gets them warm', async () => {
    const first = createAnalysisPool(2, { idleMs: 1500 });
    const files = ['app/lib/db.js', 'app/routes/index.js'];
    const cold = await first.analyze({ root: tmp, files, config });
    await first.close();
    expect(liveAnalysisThreads()).toBeGreaterThan(0);
    expect(analysisThreadsWarm(2)).toBe(true);
    const second = createAnalysisPool(2, { idleMs: 1500 });
    const started = performance.now();
    const warm = await second.analyze({ root: tmp, files, config });
    // A loaded thread answers a two-file batch well before a new one could even load ESLint and TypeScript.
    expect(performance.now() - started).toBeLessThan(2500);
    expect(warm).toEqual(cold);
    await second.close();
    await vi.waitFor(() => expect(liveAnalysisThreads()).toBe(0), { timeout: 10_000, interval: 100 });
    expect(analysisThreadsWarm(2)).toBe(false);
  }, 60_000);

  it('fails a batch whose analysis throws, with the thread’s error', async () => {
    const pool = createAnalysisPool(2);
    try {
      const broken = { ...defaultConfig(), analyzers: undefined } as unknown as ArgusConfig;
      await expect(pool.analyze({ root: tmp, files: batches[0]!, config: broken })).rejects.toThrow(TypeError);
      // The thread survives an error of its batch.
      await expect(pool.analyze({ root: tmp, files: ['app/lib/db.js'], config })).resolves.toBeInstanceOf(Array);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('fails the batch of a thread that crashes (out of memory) instead of hanging', async () => {
    const pool = createAnalysisPool(2, { threadHeapMb: 8 });
    try {
      await expect(pool.analyze({ root: tmp, files: batches[0]!, config })).rejects.toThrow(/analysis thread/);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('stops the running batches on cancellation and on the first failure', async () => {
    const pool = createAnalysisPool(2);
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    try {
      const started = Date.now();
      const running = analyzeBatchesInOrder(pool, { root: tmp, config, batches, from: 0, signal: controller.signal, onBatch: async () => {} });
      setTimeout(() => controller.abort(reason), 300);
      await expect(running).rejects.toBe(reason);
      expect(Date.now() - started).toBeLessThan(5_000);

      let stored = 0;
      const failing = analyzeBatchesInOrder(pool, {
        root: tmp,
        config,
        batches,
        from: 0,
        onBatch: async () => {
          if (++stored === 2) throw new Error('the database is gone');
        },
      });
      await expect(failing).rejects.toThrow('the database is gone');
      expect(stored).toBe(2);
    } finally {
      await pool.close();
    }
    await expect(pool.analyze({ root: tmp, files: batches[0]!, config })).rejects.toThrow(/closed/);
  }, 120_000);

  it('reads its size from ARGUS_ANALYSIS_THREADS', () => {
    expect(analysisThreadsFromEnv({ ARGUS_ANALYSIS_THREADS: '1' })).toBe(1);
    expect(analysisThreadsFromEnv({ ARGUS_ANALYSIS_THREADS: '4' })).toBe(4);
    expect(analysisThreadsFromEnv({})).toBeGreaterThanOrEqual(1);
    expect(analysisThreadsFromEnv({ ARGUS_ANALYSIS_THREADS: 'zero' })).toBe(analysisThreadsFromEnv({}));
    expect(createAnalysisPool(1).threads).toBe(1);
  });
});
