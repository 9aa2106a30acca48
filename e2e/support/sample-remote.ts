import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSampleRepo } from '../fixtures/sample-repo';

/** The fixture repository as a local bare git remote, for the fix e2e tests and `npm run demo:fix`. */

const execFileAsync = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

export async function gitIn(dir: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd: dir, env: GIT_ENV });
  return stdout.trim();
}

/** Two loose comparisons three lines apart: their patches overlap in context, so a batch needs the three-way apply. */
export const ROLES_JS = "export function isOwner(user) {\n  return user.role == 'owner';\n}\nexport function isEditor(user) {\n  return user.role == 'editor';\n}\n";

export interface BareRemote {
  /** The bare repository the platform clones from and pushes to (connect it as `file://${bare}`). */
  bare: string;
  /** The commit of main. */
  head: string;
  cleanup(): Promise<void>;
}

/**
 * The sample repository (plus extra files), committed, then `git clone --bare` into a local bare remote: the platform
 * clones from it and pushes fix branches to it, like to any git server.
 */
export async function createBareSampleRemote(extraFiles: Record<string, string> = {}): Promise<BareRemote> {
  const sample = await createSampleRepo();
  const root = await mkdtemp(path.join(os.tmpdir(), 'argus-fix-remote-'));
  const bare = path.join(root, 'shop.git');
  try {
    for (const [file, content] of Object.entries(extraFiles)) await writeFile(path.join(sample.dir, file), content);
    if (Object.keys(extraFiles).length) {
      await gitIn(sample.dir, ['add', '-A']);
      await gitIn(sample.dir, ['commit', '-q', '-m', 'Add more code']);
    }
    await gitIn(root, ['clone', '-q', '--bare', sample.dir, bare]);
    const head = await gitIn(bare, ['rev-parse', 'refs/heads/main']);
    return { bare, head, cleanup: () => rm(root, { recursive: true, force: true }) };
  } finally {
    await sample.cleanup();
  }
}

/** Merges a branch into main on the bare remote, the way a reviewer merging the pull request would. */
export async function mergeIntoMain(bare: string, branch: string): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'argus-fix-merge-'));
  try {
    await gitIn(work, ['clone', '-q', bare, 'w']);
    const dir = path.join(work, 'w');
    await gitIn(dir, ['-c', 'user.email=reviewer@example.test', '-c', 'user.name=Reviewer', 'merge', '-q', '--no-ff', '-m', `Merge ${branch}`, `origin/${branch}`]);
    await gitIn(dir, ['push', '-q', 'origin', 'main']);
    return await gitIn(dir, ['rev-parse', 'HEAD']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
