import { parentPort } from 'node:worker_threads';
import { analyzeFiles, createAnalyzers } from './index';
import type { ThreadReply, ThreadRequest } from './analysis-pool';

/**
 * One analysis thread of the pool (analysis-pool.ts). It runs one batch at a time; its analyzers live as long as the
 * thread, so ESLint, Ruff's wasm and ast-grep load once per activity and thread, not once per batch.
 */
const port = parentPort;
if (!port) throw new Error('analysis-thread.ts runs only as a worker thread of the analysis pool');

const analyzers = createAnalyzers();
// Everything is loaded: the pool stops covering for the thread's start-up (see analysis-pool.ts).
port.postMessage({ type: 'ready' } satisfies ThreadReply);
/** Progress is for heartbeats, which Temporal throttles anyway: a few messages a second are enough. */
const PROGRESS_EVERY_MS = 200;

port.on('message', (msg: ThreadRequest) => {
  let last = 0;
  const reply = (m: ThreadReply) => port.postMessage(m);
  analyzeFiles({
    ...msg.batch,
    analyzers,
    onProgress: (done, total) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS && done < total) return;
      last = now;
      reply({ type: 'progress', id: msg.id, done, total });
    },
  }).then(
    (findings) => reply({ type: 'result', id: msg.id, findings }),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      // Structured clone keeps the class of built-in errors (TypeError, …); an error with uncloneable fields goes as text.
      try {
        reply({ type: 'error', id: msg.id, error: e });
      } catch {
        reply({ type: 'error', id: msg.id, error: Object.assign(new Error(e.message), { name: e.name, stack: e.stack }) });
      }
    },
  );
});
