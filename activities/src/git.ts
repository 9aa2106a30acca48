import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import dns from 'node:dns/promises';
import net from 'node:net';

const run = promisify(execFile);

export interface GitRemote {
  url: string;
  /** A token for https remotes (GitHub installation token, or a user's PAT). Never logged. */
  token?: string;
}

function isPrivateAddress(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

export class UnsafeRemoteError extends Error {
  override name = 'UnsafeRemoteError';
}

/**
 * SSRF guard for user-supplied remotes: https and ssh must resolve only to public addresses; file:// and
 * private addresses need ARGUS_ALLOW_PRIVATE_GIT=1 (the demo and tests use local repositories).
 */
export async function assertSafeRemote(url: string, allowPrivate: boolean): Promise<void> {
  let host: string;
  let protocol: string;
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)/.exec(url);
  if (scp) {
    host = scp[1]!;
    protocol = 'ssh:';
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UnsafeRemoteError('The remote must be an https://, ssh:// or file:// URL (or user@host:path).');
    }
    protocol = parsed.protocol;
    host = parsed.hostname.replace(/^\[|\]$/g, '');
  }
  if (!['https:', 'ssh:', 'file:', 'http:'].includes(protocol)) throw new UnsafeRemoteError(`Remotes over ${protocol} are not supported.`);
  if (protocol === 'file:' || protocol === 'http:') {
    if (allowPrivate) return;
    throw new UnsafeRemoteError(`${protocol === 'file:' ? 'Local paths' : 'Plain http remotes'} are refused (set ARGUS_ALLOW_PRIVATE_GIT=1 to allow).`);
  }
  if (allowPrivate) return;
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw new UnsafeRemoteError(`The host ${host} does not resolve.`);
  if (addresses.some(isPrivateAddress)) throw new UnsafeRemoteError(`The host ${host} resolves to a private, loopback or link-local address, which is refused.`);
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
