import dns from 'node:dns/promises';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';

export class UnsafeRemoteError extends Error {
  override name = 'UnsafeRemoteError';
}

// Ranges ipaddr.js calls "unicast" that are still not the public internet.
const EXTRA_BLOCKED = [
  '198.18.0.0/15', // benchmarking (RFC 2544)
  '192.0.0.0/24', // IETF protocol assignments
  '64:ff9b:1::/48', // local-use NAT64 (RFC 8215)
].map((cidr) => ipaddr.parseCIDR(cidr));

/** Embedded IPv4 of NAT64 (64:ff9b::/96), 6to4 (2002::/16) and IPv4-mapped forms: judged by the IPv4 inside. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = v6.range();
  const b = v6.toByteArray();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return v6.toIPv4Address();
  if (range === 'rfc6052') return new ipaddr.IPv4(b.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(b.slice(2, 6));
  return undefined;
}

/**
 * True only for a canonical public unicast address. Works on parsed addresses, not strings, so every spelling
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`, `0x7f.1`, `2130706433`) is judged by what it is.
 */
export function isPublicAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(text)) return false;
  let addr = ipaddr.parse(text);
  if (addr.kind() === 'ipv6') {
    const inner = embeddedIPv4(addr as ipaddr.IPv6);
    if (inner) addr = inner;
  }
  if (addr.range() !== 'unicast') return false;
  return !EXTRA_BLOCKED.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));
}

export interface SafeRemote {
  protocol: 'https:' | 'ssh:' | 'file:' | 'http:';
  host: string;
  port: number;
  /** The addresses the host resolved to when checked; git is pinned to them so DNS cannot change its mind. */
  addresses: string[];
}

function parseRemote(url: string): { protocol: string; host: string; port: number } {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)/.exec(url);
  if (scp) return { protocol: 'ssh:', host: scp[1]!, port: 22 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeRemoteError('The remote must be an https://, ssh:// or file:// URL (or user@host:path).');
  }
  const defaults: Record<string, number> = { 'https:': 443, 'http:': 80, 'ssh:': 22 };
  return { protocol: parsed.protocol, host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : (defaults[parsed.protocol] ?? 0) };
}

/**
 * A file:// remote is allowed only when, with every symlink resolved, it lies inside the operator's local
 * repositories directory (the demo repository lives there). Resolving at each use means a symlink planted later
 * cannot lead git out of it.
 */
async function insideLocalRoot(url: string, localRoot: string | undefined): Promise<boolean> {
  if (!localRoot) return false;
  let target: string;
  try {
    const u = new URL(url);
    if (u.hostname && u.hostname !== 'localhost') return false;
    target = await realpath(fileURLToPath(u));
  } catch {
    return false;
  }
  const root = await realpath(localRoot).catch(() => null);
  if (!root) return false;
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * SSRF guard for user-supplied remotes, run when a repository is connected and again right before every clone or
 * push (DNS may answer differently later). https and ssh must resolve only to public addresses; http:// and private
 * addresses are refused unless the operator allows private remotes (tests use local ones); file:// is allowed inside
 * `localRoot` (the installation's local repositories, where `npm start` puts the demo) and nowhere else.
 */
export async function assertSafeRemote(url: string, allowPrivate: boolean, localRoot?: string): Promise<SafeRemote> {
  const { protocol, host, port } = parseRemote(url);
  if (!['https:', 'ssh:', 'file:', 'http:'].includes(protocol)) throw new UnsafeRemoteError(`Remotes over ${protocol} are not supported.`);
  if (protocol === 'file:' || protocol === 'http:') {
    if (allowPrivate) return { protocol, host, port, addresses: [] };
    if (protocol === 'file:' && (await insideLocalRoot(url, localRoot))) return { protocol, host, port, addresses: [] };
    throw new UnsafeRemoteError(protocol === 'file:' ? 'Local paths cannot be connected: use an https:// or ssh:// address (only repositories inside the installation\'s local repositories directory can be connected by path).' : 'Plain http:// remotes are refused: use https://.');
  }
  if (allowPrivate) return { protocol: protocol as SafeRemote['protocol'], host, port, addresses: [] };
  const literal = ipaddr.isValid(host);
  const addresses = literal ? [host] : (await dns.lookup(host, { all: true, verbatim: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw new UnsafeRemoteError(`The host ${host} does not resolve.`);
  if (!addresses.every(isPublicAddress)) throw new UnsafeRemoteError(`The host ${host} is a private, loopback or link-local address, which Argus does not connect to.`);
  return { protocol: protocol as SafeRemote['protocol'], host, port, addresses };
}

/**
 * git configuration for talking to a checked remote, passed through the environment (GIT_CONFIG_*), so nothing
 * lands in argv or .git/config: no HTTP redirects (a public host must not bounce git to a private one), https
 * pinned to the checked addresses, and the token as an Authorization header.
 */
export function gitRemoteEnv(safe: SafeRemote, token?: string): Record<string, string> {
  const entries: [string, string][] = [['http.followRedirects', 'false']];
  if (safe.protocol === 'https:' && safe.addresses.length && !ipaddr.isValid(safe.host)) {
    entries.push(['http.curloptResolve', `${safe.host}:${safe.port}:${safe.addresses.map((a) => (a.includes(':') ? `[${a}]` : a)).join(',')}`]);
  }
  if (token && (safe.protocol === 'https:' || safe.protocol === 'http:')) {
    entries.push(['http.extraHeader', `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`]);
  }
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
