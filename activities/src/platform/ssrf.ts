import dns from 'node:dns/promises';
import net from 'node:net';

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
