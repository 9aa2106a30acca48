import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export { assertSafeRemote, UnsafeRemoteError } from './platform/ssrf';

export interface GitRemote {
  url: string;
  /** A token for https remotes (GitHub installation token, or a user's PAT). Never logged. */
  token?: string;
}

function authedUrl(remote: GitRemote): string {
  if (!remote.token || !remote.url.startsWith('https://')) return remote.url;
  const u = new URL(remote.url);
  u.username = 'x-access-token';
  u.password = remote.token;
  return u.toString();
}

const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', GIT_CONFIG_NOSYSTEM: '1', GIT_LFS_SKIP_SMUDGE: '1' };

export async function git(cwd: string, args: string[], timeoutMs = 120_000): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...GIT_ENV } });
    return stdout;
  } catch (err) {
    // Strip credentials that git may echo back in its error output.
    const e = err as Error & { stderr?: string };
    throw new Error(`git ${args[0]} failed: ${(e.stderr || e.message).replace(/\/\/[^@/\s]*@/g, '//').slice(0, 2000)}`);
  }
}

/** Shallow fetch of one exact commit into a fresh directory (falls back to the ref for servers that refuse SHA wants). */
export async function checkoutCommit(dir: string, remote: GitRemote, commit: { sha?: string | null; ref?: string | null }, timeoutMs: number): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q']);
  await git(dir, ['remote', 'add', 'origin', authedUrl(remote)]);
  const target = commit.sha ?? commit.ref ?? 'HEAD';
  try {
    await git(dir, ['-c', 'protocol.version=2', 'fetch', '-q', '--depth', '1', '--no-tags', 'origin', target], timeoutMs);
  } catch (err) {
    if (!commit.ref || !commit.sha) throw err;
    await git(dir, ['fetch', '-q', '--depth', '50', '--no-tags', 'origin', commit.ref], timeoutMs);
  }
  await git(dir, ['-c', 'advice.detachedHead=false', 'checkout', '-q', commit.sha ?? 'FETCH_HEAD']);
  // The token must not stay on disk in the sandbox.
  await git(dir, ['remote', 'set-url', 'origin', remote.url]);
  return (await git(dir, ['rev-parse', 'HEAD'])).trim();
}

export async function directorySizeBytes(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', '--exclude=.git', dir]);
  return Number(stdout.split('\t')[0]);
}
