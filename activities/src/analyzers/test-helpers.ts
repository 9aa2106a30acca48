import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Finding, RawFinding } from './types';

/** A throwaway directory with the given files (relative posix path → content). */
export async function makeTree(files: Record<string, string | Buffer>): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'argus-analyzers-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Compact view of a finding for readable assertions. */
export function brief(f: RawFinding | Finding): { ruleId: string; path: string; line: number; category: string; severity: string } {
  return { ruleId: f.ruleId, path: f.path, line: f.startLine, category: f.category, severity: f.severity };
}
