import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Lines in the analyzed files: the denominator of findings density (the maintainability rating). Files are read
 * whole, a few at a time: discovery has already left out files over 1 MB, so memory stays small.
 */
export async function countLinesOfCode(root: string, files: string[], concurrency = 16): Promise<number> {
  let total = 0;
  let next = 0;
  const countFile = async (file: string): Promise<number> => {
    let buf: Buffer;
    try {
      buf = await readFile(path.join(root, file));
    } catch {
      // An unreadable file counts as empty: line counts inform a rating, they never fail a run.
      return 0;
    }
    let lines = 0;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
    return lines + (buf.length > 0 && buf[buf.length - 1] !== 10 ? 1 : 0);
  };
  const worker = async () => {
    while (next < files.length) {
      // Not `total += await …`: that reads `total` before the await and loses the other workers' counts.
      const lines = await countFile(files[next++]!);
      total += lines;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return total;
}
