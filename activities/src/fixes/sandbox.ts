import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from '@argus/db';
import { findRunSource, type RunSource } from '@argus/db';
import { checkoutCommit, git, gitRemote, type GitRemote } from '../git';
import type { OctokitFor } from '../github';
import type { SecretBox } from '../platform/secrets';

/** What a fix needs of its run and repository to check the exact commit out again. */
export type FixSource = RunSource;

export async function loadFixSource(knex: Knex, runId: string): Promise<FixSource> {
  const row = await findRunSource(knex, runId);
  if (!row) throw new Error(`run ${runId} not found`);
  return row;
}

/**
 * The credential for a repository's remote: a GitHub App installation token (auth-app caches it) for GitHub App
 * repositories, else the sealed credential the user gave when connecting it.
 */
export async function remoteFor(source: FixSource, deps: { secrets: SecretBox; octokitFor: OctokitFor | null; allowPrivateRemotes?: boolean; localGitRoot?: string }): Promise<GitRemote> {
  const allowPrivate = deps.allowPrivateRemotes ?? false;
  const localRoot = deps.localGitRoot;
  if (source.repositoryProvider === 'github' && source.installationId && deps.octokitFor) {
    const auth = (await deps.octokitFor(Number(source.installationId)).auth({ type: 'installation' })) as { token: string };
    return { url: source.cloneUrl, token: auth.token, allowPrivate, localRoot };
  }
  const token = source.credentialSealed ? deps.secrets.decrypt(source.credentialSealed, `repository:${source.repositoryId}`) : undefined;
  return { url: source.cloneUrl, token, allowPrivate, localRoot };
}

/** A fresh checkout of the run's commit in its own directory. */
export async function checkoutRun(dir: string, source: FixSource, remote: GitRemote, timeoutMs: number): Promise<string> {
  return checkoutCommit(dir, remote, { sha: source.commitSha, ref: source.ref }, timeoutMs);
}

export interface ApplyResult {
  applied: boolean;
  reason?: string;
}

/** `git apply --check`, then `git apply`. --recount tolerates the wrong hunk line counts models often write. */
export async function applyPatch(dir: string, patch: string, name: string): Promise<ApplyResult> {
  const file = path.join(path.dirname(dir), `${path.basename(dir)}.${name}.patch`);
  await writeFile(file, patch);
  try {
    const args = ['apply', '--recount', '--whitespace=nowarn'];
    try {
      await git(dir, [...args, '--check', file]);
    } catch (err) {
      return { applied: false, reason: firstLines((err as Error).message) };
    }
    await git(dir, [...args, file]);
    return { applied: true };
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Applies a patch on top of earlier ones (a batch): plainly if it still applies, else as a three-way merge against
 * the blob it was made from (git diff's `index` line), which handles neighbouring changes to the same file. A patch
 * that conflicts is undone, leaving the work tree as the last commit.
 */
export async function applyPatchOnTop(dir: string, patch: string, name: string): Promise<ApplyResult> {
  const plain = await applyPatch(dir, patch, name);
  if (plain.applied || !/^index [0-9a-f]+\.\.[0-9a-f]+/m.test(patch)) return plain;
  const file = path.join(path.dirname(dir), `${path.basename(dir)}.${name}.3way.patch`);
  await writeFile(file, patch);
  try {
    await git(dir, ['apply', '--3way', '--whitespace=nowarn', file]);
    const conflicted = (await git(dir, ['diff', '--name-only', '--diff-filter=U'])).trim();
    if (!conflicted) return { applied: true };
  } catch {
    // Conflicts: fall through and undo.
  } finally {
    await rm(file, { force: true });
  }
  await git(dir, ['reset', '-q', '--hard', 'HEAD']);
  return { applied: false, reason: `${plain.reason} (and a three-way merge conflicts)` };
}

function firstLines(message: string): string {
  return message.replace(/^git apply failed:\s*/, '').split('\n').filter(Boolean).slice(0, 3).join(' ').slice(0, 500);
}

/** The unified diff of the work tree against HEAD for some paths (a/ b/ prefixes, no colour, no external diff). */
export async function diffOf(dir: string, paths: string[]): Promise<string> {
  return git(dir, ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', '--', ...paths]);
}

export async function freshDir(root: string, name: string): Promise<string> {
  await mkdir(root, { recursive: true });
  const dir = path.join(root, name);
  await rm(dir, { recursive: true, force: true });
  return dir;
}

const run = promisify(execFile);

const GIT_IDENTITY = ['-c', 'user.name=Argus', '-c', 'user.email=fixes@argus.local', '-c', 'commit.gpgsign=false'];

export async function commitAll(dir: string, message: string): Promise<string> {
  await git(dir, ['add', '-A']);
  await git(dir, [...GIT_IDENTITY, 'commit', '-q', '--no-verify', '-m', message]);
  return (await git(dir, ['rev-parse', 'HEAD'])).trim();
}

/**
 * Pushes HEAD to a branch of the remote. The token travels in an http header passed through git's environment
 * (GIT_CONFIG_*), never in the URL, the command line or on disk; the branch is Argus's own, so a retried push may
 * overwrite it.
 */
export async function pushBranch(dir: string, remote: GitRemote, branch: string, timeoutMs: number): Promise<void> {
  await gitRemote(dir, remote, ['push', '-q', '--force', 'origin', `HEAD:refs/heads/${branch}`], timeoutMs, 'push to');
}
