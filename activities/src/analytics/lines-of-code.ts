import { createReadStream } from 'node:fs';
import path from 'node:path';

/**
 * Lines in the analyzed files: the denominator of findings density (the maintainability rating). Counted by
 * streaming each file for newlines, a few files at a time, so a large repository costs no memory.
 */
export async function countLinesOfCode(root: string, files: string[], concurrency = 8): Promise<number> {
  let total = 0;
  let next = 0;
  const countFile = (file: string) =>
    new Promise<number>((resolve) => {
      let lines = 0;
      let last = 10;
      createReadStream(path.join(root, file))
        .on('data', (chunk: Buffer | string) => {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
          if (buf.length) last = buf[buf.length - 1]!;
        })
        // An unreadable file counts as empty: line counts inform a rating, they never fail a run.
        .on('error', () => resolve(0))
        .on('end', () => resolve(lines + (last !== 10 ? 1 : 0)));
    });
  const worker = async () => {
    while (next < files.length) total += await countFile(files[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return total;
}
