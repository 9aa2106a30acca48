import { stat } from 'node:fs/promises';
import { findActiveRepository, findRunById, replaceCodeFiles, type CodeFile, type Knex } from '@argus/db';
import { readSource } from '../analyzers/source';

// Code search's index is written at analysis time, from the checkout the analyzers read: the files of the
// repository's latest default-branch run. Pull-request runs and other branches leave it alone.

const MAX_FILE_BYTES = 512 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

const LANGUAGES: Record<string, string> = {
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  py: 'python', go: 'go', rb: 'ruby', java: 'java', kt: 'kotlin', rs: 'rust', php: 'php', cs: 'csharp',
  c: 'c', h: 'c', cpp: 'cpp', hpp: 'cpp', swift: 'swift', scala: 'scala', sh: 'shell', sql: 'sql',
  json: 'json', yml: 'yaml', yaml: 'yaml', md: 'markdown', html: 'html', css: 'css', scss: 'css', toml: 'toml',
};

function codeLanguageOf(path: string): string | null {
  const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '';
  return LANGUAGES[ext] ?? null;
}

/** True when the run is of its repository's default branch (push, manual or scheduled; never a pull request). */
function isDefaultBranchRun(run: { trigger: string; ref: string | null }, defaultBranch: string): boolean {
  return run.trigger !== 'pull_request' && (run.ref === null || run.ref === `refs/heads/${defaultBranch}` || run.ref === defaultBranch);
}

/**
 * Indexes the checkout's files for code search when the run is of the default branch. Idempotent, and a newer
 * run's index is never replaced by an older run (see replaceCodeFiles). Answers how many files were indexed.
 */
export async function indexCodeOfRun(knex: Knex, runId: string, root: string, files: string[]): Promise<number> {
  const run = await findRunById(knex, runId);
  const repo = run ? await findActiveRepository(knex, run.repositoryId) : undefined;
  if (!run || !repo?.workspaceId || !isDefaultBranchRun(run, repo.defaultBranch)) return 0;
  const indexed: CodeFile[] = [];
  let total = 0;
  for (const path of files) {
    const size = await stat(`${root}/${path}`).then((s) => s.size, () => Infinity);
    if (size > MAX_FILE_BYTES || total + size > MAX_TOTAL_BYTES) continue;
    // readSource refuses symlinks out of the checkout; a file that cannot be read is simply not searchable.
    const content = await readSource(root, path).catch(() => null);
    if (content === null || content.includes('\u0000')) continue;
    total += size;
    indexed.push({ path, language: codeLanguageOf(path), content });
  }
  const replaced = await replaceCodeFiles(knex, { runId, repositoryId: repo.id, workspaceId: repo.workspaceId, runCreatedAt: run.createdAt }, indexed);
  return replaced ? indexed.length : 0;
}
