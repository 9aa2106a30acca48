import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

import { assertSafeRemote, gitRemoteEnv } from './platform/ssrf';
export { UnsafeRemoteError } from './platform/ssrf';

export interface GitRemote {
  url: string;
  /** A token for https remotes (GitHub installation token, or a user's PAT). Never logged, never in argv or on disk. */
  token?: string;
  /** The operator allows file://, http:// and private-address remotes (ARGUS_ALLOW_PRIVATE_GIT=1). */
  allowPrivate: boolean;
  /** file:// remotes are allowed inside this directory (the installation's local repositories). */
  localRoot?: string;
}

const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', GIT_CONFIG_NOSYSTEM: '1', GIT_LFS_SKIP_SMUDGE: '1' };

/**
 * A git command against a remote failed. The message is for people and says nothing about the network (git's own
 * stderr, "connection refused" vs "timed out", would make Argus a port scanner); `stderr` is for the logs.
 */
export class GitRemoteError extends Error {
  override name = 'GitRemoteError';
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export async function git(cwd: string, args: string[], timeoutMs = 120_000, env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...GIT_ENV, ...env } });
    return stdout;
  } catch (err) {
    // Strip credentials that git may echo back in its error output.
    const e = err as Error & { stderr?: string };
    throw new Error(`git ${args[0]} failed: ${(e.stderr || e.message).replace(/\/\/[^@/\s]*@/g, '//').slice(0, 2000)}`);
  }
}

/** Runs a network git command (fetch, push) against a remote checked right now: SSRF guard at use, pinned DNS. */
export async function gitRemote(cwd: string, remote: GitRemote, args: string[], timeoutMs: number, what: string): Promise<string> {
  const safe = await assertSafeRemote(remote.url, remote.allowPrivate, remote.localRoot);
  try {
    return await git(cwd, args, timeoutMs, gitRemoteEnv(safe, remote.token));
  } catch (err) {
    throw new GitRemoteError(`Argus could not ${what} the repository at ${redactUrl(remote.url)}: check that the address is right, that the repository exists and that Argus's credential may read it.`, (err as Error).message);
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/\s]*@/, '//');
  }
}

/**
 * A file:// remote is packed by an upload-pack on this machine, which git starts without the caller's config: told
 * here to skip the delta search (a local copy needs no bandwidth saved, and the search is most of a local fetch's
 * time) and to honour partial-clone filters.
 */
function localUploadPack(remote: GitRemote): string[] {
  // No deltas and no compression: nothing crosses a network, so both would only cost CPU (a 3,272-file fetch 0.55 s → 0.31 s).
  return remote.url.startsWith('file:') ? ['--upload-pack=git -c pack.window=0 -c pack.compression=0 -c uploadpack.allowFilter=true upload-pack'] : [];
}

/** Shallow fetch of one exact commit into a fresh directory (falls back to the ref for servers that refuse SHA wants). */
export async function checkoutCommit(dir: string, remote: GitRemote, commit: { sha?: string | null; ref?: string | null }, timeoutMs: number): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q']);
  // The token never enters the URL: it travels as a header in git's environment, so it is neither in argv
  // (visible in ps) nor in .git/config.
  await git(dir, ['remote', 'add', 'origin', remote.url]);
  const target = commit.sha ?? commit.ref ?? 'HEAD';
  try {
    await gitRemote(dir, remote, ['-c', 'protocol.version=2', 'fetch', '-q', '--depth', '1', '--no-tags', ...localUploadPack(remote), 'origin', target], timeoutMs, 'fetch');
  } catch (err) {
    if (!commit.ref || !commit.sha || !(err instanceof GitRemoteError)) throw err;
    await gitRemote(dir, remote, ['fetch', '-q', '--depth', '50', '--no-tags', 'origin', commit.ref], timeoutMs, 'fetch');
  }
  await git(dir, ['-c', 'advice.detachedHead=false', 'checkout', '-q', commit.sha ?? 'FETCH_HEAD']);
  return (await git(dir, ['rev-parse', 'HEAD'])).trim();
}

export async function directorySizeBytes(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', '--exclude=.git', dir]);
  return Number(stdout.split('\t')[0]);
}

/**
 * Brings one more commit (a pull request's base) into a shallow checkout, for a diff; false if the remote refuses.
 * A server without partial-clone support ignores the filter and sends the blobs too.
 */
export async function fetchCommit(dir: string, remote: GitRemote, sha: string, timeoutMs: number): Promise<boolean> {
  try {
    // Trees only: a name-status diff compares blob ids, so the base commit's contents are never downloaded.
    await gitRemote(dir, remote, ['-c', 'protocol.version=2', 'fetch', '-q', '--depth', '1', '--filter=blob:none', '--no-tags', ...localUploadPack(remote), 'origin', sha], timeoutMs, 'fetch');
  } catch (err) {
    if (err instanceof GitRemoteError) return false;
    throw err;
  }
  return git(dir, ['cat-file', '-e', `${sha}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/** `git diff --name-status` of two commits' trees, NUL-separated (paths verbatim, renames as delete + add). */
export async function diffNameStatus(dir: string, fromSha: string, toSha = 'HEAD'): Promise<string> {
  return git(dir, ['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', fromSha, toSha]);
}

/** Every file of the checked-out commit, as git records it (relative posix paths). */
export async function trackedFiles(dir: string): Promise<string[]> {
  return (await git(dir, ['ls-files', '-z'])).split('\0').filter((p) => p.length > 0);
}

/**
 * The last `depth` commits up to `sha`, with contents, in a fresh repository of their own (for blame): the analysis
 * checkout stays as it is (one commit, and a trees-only base). False when the remote refuses.
 */
export async function fetchHistory(dir: string, remote: GitRemote, sha: string, depth: number, timeoutMs: number): Promise<boolean> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q', '--bare']);
  await git(dir, ['remote', 'add', 'origin', remote.url]);
  try {
    await gitRemote(dir, remote, ['-c', 'protocol.version=2', 'fetch', '-q', `--depth=${Math.max(1, Math.floor(depth))}`, '--no-tags', ...localUploadPack(remote), 'origin', sha], timeoutMs, 'fetch');
  } catch (err) {
    if (err instanceof GitRemoteError) return false;
    throw err;
  }
  return true;
}

export interface LineOrigin {
  sha: string;
  author: string;
  /** YYYY-MM-DD, the author date. */
  date: string;
  /** The oldest commit fetched: the line may be older than the history looked at. */
  beforeHistory: boolean;
}

/** The commit that gave line `line` of `file` its content at `sha` (blame; the file's content never enters argv). */
export async function lineOrigin(dir: string, sha: string, file: string, line: number): Promise<LineOrigin | null> {
  let out: string;
  try {
    out = await git(dir, ['blame', '--porcelain', '--root', '-L', `${line},${line}`, sha, '--', file], 30_000);
  } catch {
    return null;
  }
  const lines = out.split('\n');
  const origin = /^([0-9a-f]{40}) /.exec(lines[0] ?? '')?.[1];
  if (!origin) return null;
  const field = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1) ?? '';
  const time = Number(field('author-time'));
  // A shallow history's oldest commits are listed in .git/shallow (a bare repository: <dir>/shallow).
  const shallow = await readFile(`${dir}/shallow`, 'utf8').catch(() => '');
  return { sha: origin, author: field('author'), date: Number.isFinite(time) && time > 0 ? new Date(time * 1000).toISOString().slice(0, 10) : '', beforeHistory: shallow.split('\n').includes(origin) };
}
