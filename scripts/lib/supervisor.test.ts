import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supervise, superviseDelayMs, type SupervisedProcess } from './supervisor';

// Real child processes: a script that crashes on its first two starts (an exit code, then SIGKILL of itself)
// and stays up on the third, the way a worker that dies mid-run and comes back would.
let dir: string;
let supervised: SupervisedProcess | undefined;
afterEach(async () => {
  await supervised?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const CRASHY = `
const fs = require('node:fs');
const file = process.argv[2];
const n = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 0) + 1;
fs.writeFileSync(file, String(n));
if (n === 1) process.exit(3);
if (n === 2) process.kill(process.pid, 'SIGKILL');
setInterval(() => {}, 1000);
`;

describe('supervise (npm start keeps the worker and the API running)', () => {
  it('backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => superviseDelayMs(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('restarts a crashed child with backoff, says so, and stops for good on stop()', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'argus-supervise-'));
    const script = path.join(dir, 'crashy.cjs');
    const counter = path.join(dir, 'starts');
    await writeFile(script, CRASHY);
    const lines: string[] = [];
    supervised = supervise('worker', process.execPath, [script, counter], { quiet: true, log: (l) => lines.push(l), baseDelayMs: 100 });
    await expect.poll(() => readFile(counter, 'utf8').catch(() => '0'), { timeout: 10_000 }).toBe('3');
    await expect.poll(() => supervised!.current?.child.pid !== undefined && supervised!.current.child.exitCode === null, { timeout: 5000 }).toBe(true);
    expect(lines).toEqual([
      '[start] worker exited with code 3; restarting it in 0.1 s (restart 1)',
      '[start] worker was killed (SIGKILL); restarting it in 0.2 s (restart 2)',
    ]);
    expect(supervised.restarts).toBe(2);
    const running = supervised.current!;
    await supervised.stop();
    expect(running.child.exitCode !== null || running.child.signalCode !== null).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await readFile(counter, 'utf8')).toBe('3');
    expect(lines).toHaveLength(2);
  });
});
