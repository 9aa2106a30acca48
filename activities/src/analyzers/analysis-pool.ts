import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArgusConfig } from './config';
import { analyzeFiles, createAnalyzers } from './index';
import { throwIfAborted, type Analyzer, type Finding } from './types';

/**
 * Worker threads for the analyzers: ESLint, the taint engine and ast-grep are CPU-bound and single-threaded, so one
 * batch per core runs at once. Each thread keeps its analyzers warm across batches (analysis-thread.ts). With one
 * thread the batches run in this thread, as before the pool existed.
 */

/** One batch of files of a checkout, as `analyzeFiles` takes it. Plain data: it crosses the thread boundary. */
interface AnalysisBatch {
  root: string;
  files: string[];
  config: ArgusConfig;
}

export type ThreadRequest = { id: number; batch: AnalysisBatch };
export type ThreadReply =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; findings: Finding[] }
  | { type: 'error'; id: number; error: Error };

interface BatchOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

interface AnalysisPool {
  /** How many batches run at once. */
  readonly threads: number;
  analyze(batch: AnalysisBatch, options?: BatchOptions): Promise<Finding[]>;
  /** Releases the pool: this user's batches still running fail; the last user's release ends the threads. */
  close(): Promise<void>;
}

/**
 * A thread holds ESLint with its plugins, TypeScript (taint engine) and the parsed modules of a batch: about 300–450 MB
 * at its peak on real code. The default keeps all threads together within about 1.5 GB whatever the core count.
 */
const MAX_DEFAULT_THREADS = 3;
/** Old-space limit per thread: a pathological batch fails (and is retried) instead of taking the worker process down. */
const THREAD_HEAP_MB = 1024;
/**
 * A thread loads ESLint, TypeScript and the plugins before it can report progress (3 s idle, far more on a busy
 * machine): meanwhile its batch reports progress every second so the activity's heartbeat holds, for this long at most.
 */
const STARTUP_TICK_MS = 1000;
const STARTUP_TIMEOUT_MS = 120_000;

/**
 * Threads stay loaded this long after their last user closes (`ARGUS_ANALYSIS_THREAD_IDLE_MS`): a worker that keeps
 * analyzing pull requests then pays the 3 s thread start once, not per run. Idle threads do not keep the process alive.
 */
const DEFAULT_IDLE_MS = 120_000;

function idleMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.ARGUS_ANALYSIS_THREAD_IDLE_MS ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_IDLE_MS;
}

/** `ARGUS_ANALYSIS_THREADS`: threads for analysis, default the number of CPUs (at most 3); 1 means no extra thread. */
export function analysisThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.ARGUS_ANALYSIS_THREADS ?? '', 10);
  if (Number.isFinite(n) && n >= 1) return n;
  return Math.max(1, Math.min(os.availableParallelism(), MAX_DEFAULT_THREADS));
}

/**
 * The threads are shared by every activity of the process (the worker runs several analyses at once): the thread count
 * bounds CPU and memory for all of them. They start on demand and end when the last user closes its pool.
 */
const shared = new Map<string, { pool: ThreadPool; users: number; idle: NodeJS.Timeout | null }>();

/** True when analysis threads of this size are already loaded (in use or lingering): using them costs no start-up. */
export function analysisThreadsWarm(threads = analysisThreadsFromEnv(), options: { threadHeapMb?: number } = {}): boolean {
  const entry = shared.get(`${Math.floor(threads)}:${options.threadHeapMb ?? THREAD_HEAP_MB}`);
  return (entry?.pool.live ?? 0) > 0;
}

export function createAnalysisPool(threads = analysisThreadsFromEnv(), options: { threadHeapMb?: number; idleMs?: number } = {}): AnalysisPool {
  if (threads <= 1) return inProcessPool();
  const size = Math.floor(threads);
  const heapMb = options.threadHeapMb ?? THREAD_HEAP_MB;
  const idleMs = options.idleMs ?? idleMsFromEnv();
  const key = `${size}:${heapMb}`;
  let entry = shared.get(key);
  if (!entry) {
    entry = { pool: new ThreadPool(size, heapMb), users: 0, idle: null };
    shared.set(key, entry);
  }
  if (entry.idle) {
    clearTimeout(entry.idle);
    entry.idle = null;
    entry.pool.hold(true);
  }
  entry.users++;
  const user = entry;
  // Closing stops this user's own batches only: others may be sharing the threads.
  const mine = new AbortController();
  let closed = false;
  return {
    threads: size,
    analyze(batch, opts = {}) {
      if (closed) return Promise.reject(new Error('The analysis pool is closed'));
      return user.pool.analyze(batch, { ...opts, signal: opts.signal ? AbortSignal.any([opts.signal, mine.signal]) : mine.signal });
    },
    async close() {
      if (closed) return;
      closed = true;
      mine.abort(new Error('The analysis pool was closed'));
      if (--user.users > 0) return;
      const end = async () => {
        user.idle = null;
        if (user.users > 0) return;
        if (shared.get(key) === user) shared.delete(key);
        await user.pool.close();
      };
      if (idleMs <= 0 || user.pool.live === 0) return end();
      // Lingering threads are unreferenced, so an idle pool never holds the worker process open at shutdown.
      user.pool.hold(false);
      user.idle = setTimeout(() => void end(), idleMs);
      user.idle.unref();
    },
  };
}

/** Analysis threads alive in this process (for tests and metrics). */
export function liveAnalysisThreads(): number {
  let n = 0;
  for (const { pool } of shared.values()) n += pool.live;
  return n;
}

function inProcessPool(): AnalysisPool {
  let analyzers: Analyzer[] | null = null;
  let closed = false;
  return {
    threads: 1,
    analyze(batch, options = {}) {
      if (closed) return Promise.reject(new Error('The analysis pool is closed'));
      analyzers ??= createAnalyzers();
      return analyzeFiles({ ...batch, analyzers, signal: options.signal, onProgress: options.onProgress });
    },
    async close() {
      closed = true;
    },
  };
}

interface Job {
  id: number;
  batch: AnalysisBatch;
  options: BatchOptions;
  resolve: (findings: Finding[]) => void;
  reject: (err: unknown) => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
  /** Runs until the thread has loaded its analyzers. */
  starting: NodeJS.Timeout | null;
}

/**
 * The thread entry is TypeScript. Node 20 does not apply the parent's loader hooks (`--import tsx`) to a worker's
 * entry, so a small bootstrap registers tsx inside the thread first; the parent's own tsx flags are not passed on.
 */
function startThread(heapMb: number): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./analysis-thread.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const execArgv: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    if ((arg === '--import' || arg === '--require' || arg === '--loader') && /tsx/.test(process.execArgv[i + 1] ?? '')) i++;
    else if (!/^--(?:import|require|loader)=.*tsx/.test(arg)) execArgv.push(arg);
  }
  const options = { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb }, name: 'argus-analysis' };
  try {
    return new Worker(bootstrap, { ...options, execArgv });
  } catch (err) {
    // A thread refuses V8 and process-wide flags (--max-old-space-size, --expose-gc): then it gets none.
    if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return new Worker(bootstrap, { ...options, execArgv: [] });
  }
}

class ThreadPool {
  private readonly running: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly threads: number,
    private readonly heapMb: number,
  ) {}

  get live(): number {
    return this.running.length;
  }

  /** Whether the threads keep the process alive (in use) or not (lingering idle). */
  hold(active: boolean): void {
    this.holding = active;
    for (const t of this.running) {
      if (active) t.worker.ref();
      else t.worker.unref();
    }
  }

  private holding = true;

  analyze(batch: AnalysisBatch, options: BatchOptions = {}): Promise<Finding[]> {
    if (this.closed) return Promise.reject(new Error('The analysis pool is closed'));
    return new Promise<Finding[]>((resolve, reject) => {
      throwIfAborted(options.signal);
      const job: Job = { id: this.nextId++, batch, options, resolve, reject };
      const onAbort = () => this.abort(job);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = <T>(fn: (v: T) => void) => (v: T) => {
        options.signal?.removeEventListener('abort', onAbort);
        fn(v);
      };
      job.resolve = settle(resolve);
      job.reject = settle(reject);
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The analysis pool was closed'));
    const threads = this.running.splice(0);
    for (const t of threads) {
      this.started(t);
      this.fail(t, new Error('The analysis pool was closed'));
    }
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let thread = this.running.find((t) => t.job === null);
      if (!thread && this.running.length < this.threads) thread = this.spawn();
      if (!thread) return;
      const job = this.queue.shift()!;
      thread.job = job;
      thread.worker.postMessage({ id: job.id, batch: job.batch } satisfies ThreadRequest);
    }
  }

  private spawn(): Thread {
    const started = Date.now();
    const thread: Thread = { worker: startThread(this.heapMb), job: null, starting: null };
    if (!this.holding) thread.worker.unref();
    thread.starting = setInterval(() => {
      if (Date.now() - started > STARTUP_TIMEOUT_MS) this.retire(thread, new Error(`An analysis thread did not start within ${STARTUP_TIMEOUT_MS / 1000} s`));
      else if (thread.job) thread.job.options.onProgress?.(0, thread.job.batch.files.length);
    }, STARTUP_TICK_MS);
    this.running.push(thread);
    thread.worker.on('message', (msg: ThreadReply) => {
      if (msg.type === 'ready') {
        this.started(thread);
        return;
      }
      const job = thread.job;
      if (!job || job.id !== msg.id) return;
      if (msg.type === 'progress') {
        job.options.onProgress?.(msg.done, msg.total);
        return;
      }
      thread.job = null;
      if (msg.type === 'result') job.resolve(msg.findings);
      else job.reject(msg.error);
      this.dispatch();
    });
    // A crash (uncaught error, out of memory, exit) fails the thread's batch; the next batch gets a fresh thread.
    thread.worker.on('error', (err) => this.retire(thread, new Error(`An analysis thread failed: ${err.message}`, { cause: err })));
    thread.worker.on('exit', (code) => this.retire(thread, new Error(`An analysis thread exited (code ${code})`)));
    return thread;
  }

  private fail(thread: Thread, err: Error): void {
    const job = thread.job;
    thread.job = null;
    job?.reject(err);
  }

  private started(thread: Thread): void {
    if (thread.starting) clearInterval(thread.starting);
    thread.starting = null;
  }

  private retire(thread: Thread, err: Error): void {
    this.started(thread);
    this.fail(thread, err);
    const i = this.running.indexOf(thread);
    if (i < 0) return;
    this.running.splice(i, 1);
    void thread.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  /** A cancelled batch stops now: its thread may be deep in one big file, so it is ended rather than asked. */
  private abort(job: Job): void {
    const reason = job.options.signal?.reason;
    const err = reason instanceof Error ? reason : new DOMException('The analysis was aborted', 'AbortError');
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(err);
      return;
    }
    const thread = this.running.find((t) => t.job === job);
    if (thread) this.retire(thread, err);
  }
}

interface OrderedRun {
  root: string;
  config: ArgusConfig;
  batches: string[][];
  /** A batch's own configuration where it differs from `config` (an incremental run's taint-only importers). */
  configOf?: (index: number) => ArgusConfig;
  /** How many finished batches may wait for an earlier one (default two per thread): bounds memory. */
  window?: number;
  /** Batches before this one are already stored (a resumed attempt). */
  from: number;
  signal?: AbortSignal;
  /** Any batch made progress: for heartbeats. */
  onProgress?: () => void;
  /** Called once per batch, in batch order, one at a time: store, heartbeat, publish. */
  onBatch: (index: number, findings: Finding[]) => Promise<void>;
}

/**
 * Runs batches `from..end` on the pool, up to `pool.threads` at once, and hands their findings to `onBatch` strictly in
 * batch order. In-order commits keep a run identical to the one-thread path (where two batches report a finding with
 * the same fingerprint, the earlier batch's row is the one stored) and keep "batches before N are stored" true for
 * resuming. The first failure stops the other batches and is thrown.
 */
export async function analyzeBatchesInOrder(pool: AnalysisPool, run: OrderedRun): Promise<void> {
  const stop = new AbortController();
  const signal = run.signal ? AbortSignal.any([run.signal, stop.signal]) : stop.signal;
  const results = new Map<number, Finding[]>();
  const window = run.window ?? pool.threads * 2;
  let next = run.from;
  let committed = run.from;
  let failure: { err: unknown } | null = null;
  const waiting: (() => void)[] = [];
  const notify = () => waiting.splice(0).forEach((wake) => wake());
  const fail = (err: unknown) => {
    failure ??= { err };
    stop.abort(err);
    notify();
  };

  // Commits run one after another, overlapping with the analysis of later batches.
  let committing = Promise.resolve();
  const commit = async () => {
    while (!failure && results.has(committed)) {
      const findings = results.get(committed)!;
      results.delete(committed);
      await run.onBatch(committed, findings);
      committed++;
      notify();
    }
  };

  const lane = async () => {
    while (!failure && next < run.batches.length) {
      if (next - committed >= window) {
        await new Promise<void>((wake) => waiting.push(wake));
        continue;
      }
      const index = next++;
      try {
        results.set(index, await pool.analyze({ root: run.root, files: run.batches[index]!, config: run.configOf?.(index) ?? run.config }, { signal, onProgress: run.onProgress }));
      } catch (err) {
        fail(err);
        return;
      }
      committing = committing.then(commit).catch(fail);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, pool.threads) }, lane));
  await committing;
  if (failure) throw (failure as { err: unknown }).err;
}
