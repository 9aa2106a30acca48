import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLinesOfCode } from './lines-of-code';

// Real files on disk: counts are summed across concurrent reads, so a lost update shows as a smaller total.
let root: string;
const files: string[] = [];
let expected = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'argus-loc-'));
  for (let i = 0; i < 300; i++) {
    const name = `f${i}.js`;
    const lines = i % 17;
    // Every third file lacks its final newline: its last line still counts.
    const text = Array.from({ length: lines }, (_, n) => `const a${n} = ${n};`).join('\n') + (lines > 0 && i % 3 !== 0 ? '\n' : '');
    await writeFile(path.join(root, name), text);
    files.push(name);
    expected += lines;
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('countLinesOfCode', () => {
  it('sums every file exactly, whatever the concurrency', async () => {
    for (const concurrency of [1, 8, 64]) expect(await countLinesOfCode(root, files, concurrency)).toBe(expected);
  });

  it('counts a missing file as empty', async () => {
    expect(await countLinesOfCode(root, [...files, 'gone.js'])).toBe(expected);
  });
});
