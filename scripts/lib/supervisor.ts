import { startProcess, type ManagedProcess } from './processes';

/** Backoff before restart number n (0-based) of a crashed child: 1 s, 2 s, 4 s, … at most 30 s. */
export function superviseDelayMs(restart: number, baseMs = 1000, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** restart);
}

export interface SupervisedProcess {
  readonly name: string;
  /** The process running now (undefined while waiting to restart). */
  readonly current: ManagedProcess | undefined;
  readonly restarts: number;
  stop(): Promise<void>;
}

/**
 * Keeps a child process running: when it exits unexpectedly it is restarted after a backoff (doubling, capped,
 * reset once it has stayed up for `stableAfterMs`), and every restart is said out loud. Used by `npm start` for
 * the worker and the API, so a crashed worker never leaves runs waiting forever.
 */
export function supervise(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; quiet?: boolean; log: (line: string) => void; baseDelayMs?: number; maxDelayMs?: number; stableAfterMs?: number },
): SupervisedProcess {
  let stopping = false;
  let restarts = 0;
  let consecutive = 0;
  let current: ManagedProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  const launch = () => {
    const child = startProcess(name, command, args, { env: opts.env, quiet: opts.quiet });
    const startedAt = Date.now();
    current = child;
    void child.exited.then((code) => {
      if (current === child) current = undefined;
      if (stopping) return;
      if (Date.now() - startedAt > (opts.stableAfterMs ?? 60_000)) consecutive = 0;
      const delay = superviseDelayMs(consecutive++, opts.baseDelayMs, opts.maxDelayMs);
      restarts++;
      const how = child.child.signalCode ? `was killed (${child.child.signalCode})` : `exited with code ${code}`;
      opts.log(`[start] ${name} ${how}; restarting it in ${(delay / 1000).toFixed(delay < 1000 ? 1 : 0)} s (restart ${restarts})`);
      timer = setTimeout(() => {
        if (!stopping) launch();
      }, delay);
    });
  };
  launch();
  return {
    name,
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current?.stop();
    },
  };
}
