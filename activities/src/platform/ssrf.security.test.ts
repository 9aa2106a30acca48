import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutCommit, GitRemoteError } from '../git';
import { assertSafeRemote, gitRemoteEnv, isPublicAddress, UnsafeRemoteError } from './ssrf';

// The SSRF guard on real parsing (ipaddr.js) and real DNS (localhost resolves through the system resolver).
describe('SSRF guard', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.2', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1',
    '198.18.0.1', '198.19.255.254', '192.0.0.8', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'fe90::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::1',
    '2002:7f00:1::', '2002:a9fe:a9fe::1', '[::ffff:127.0.0.1]', 'fe80::1%eth0', 'not-an-ip',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '140.82.112.3', '2606:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    'https://[::ffff:127.0.0.1]/x.git', 'https://[::ffff:7f00:1]/x.git', 'https://[::ffff:169.254.169.254]/latest', 'https://[64:ff9b::7f00:1]/x.git',
    'https://[fe90::1]/x.git', 'https://198.18.0.1/x.git', 'https://0x7f.0.0.1/x.git', 'https://2130706433/x.git', 'https://127.1/x.git',
    'https://localhost/x.git', 'https://localhost.:8443/x.git', 'git@127.0.0.1:x/y.git', 'ssh://git@[::1]/x.git', 'file:///etc', 'http://example.com/x.git', 'ftp://example.com/x',
  ])('refuses %s', async (url) => {
    await expect(assertSafeRemote(url, false)).rejects.toBeInstanceOf(UnsafeRemoteError);
  });

  it('allows what the operator allows, and says so without echoing the network', async () => {
    await expect(assertSafeRemote('file:///srv/repo.git', true)).resolves.toMatchObject({ protocol: 'file:' });
    const err = (await assertSafeRemote('https://10.0.0.5/x.git', false).catch((e: Error) => e)) as Error;
    expect(err.message).toBe('The host 10.0.0.5 is a private, loopback or link-local address, which Argus does not connect to.');
    expect(err.message).not.toMatch(/ARGUS_ALLOW_PRIVATE_GIT/);
  });

  it('pins git to the checked addresses, turns off redirects and keeps the token out of argv and .git/config', () => {
    const env = gitRemoteEnv({ protocol: 'https:', host: 'git.example.com', port: 443, addresses: ['140.82.112.3', '2606:4700::1111'] }, 'ghs_secret');
    const pairs = Object.fromEntries(Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`], env[`GIT_CONFIG_VALUE_${i}`]]));
    expect(pairs['http.followRedirects']).toBe('false');
    expect(pairs['http.curloptResolve']).toBe('git.example.com:443:140.82.112.3,[2606:4700::1111]');
    expect(pairs['http.extraHeader']).toBe(`Authorization: Basic ${Buffer.from('x-access-token:ghs_secret').toString('base64')}`);
  });
});

describe('clone-time guard (real git against loopback HTTP servers)', () => {
  async function server(handler: http.RequestListener) {
    const seen: http.IncomingMessage[] = [];
    const s = http.createServer((req, res) => {
      seen.push(req);
      handler(req, res);
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return { port: (s.address() as AddressInfo).port, seen, close: () => new Promise<void>((r) => s.close(() => r())) };
  }

  it('re-checks the remote right before cloning, so a host that became private is refused without a connection', async () => {
    const target = await server((_req, res) => res.end());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'argus-ssrf-'));
    try {
      const err = await checkoutCommit(path.join(dir, 'co'), { url: `https://localhost:${target.port}/x.git`, allowPrivate: false }, { sha: null, ref: 'refs/heads/main' }, 10_000).catch((e: Error) => e);
      expect(err).toBeInstanceOf(UnsafeRemoteError);
      expect(target.seen).toHaveLength(0);
    } finally {
      await target.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not follow redirects, keeps the token out of the URL and .git/config, and hides git’s network errors', async () => {
    const inner = await server((_req, res) => res.end());
    const outer = await server((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${inner.port}/elsewhere.git/info/refs?service=git-upload-pack` });
      res.end();
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'argus-ssrf-'));
    try {
      const checkout = path.join(dir, 'co');
      const err = (await checkoutCommit(checkout, { url: `http://127.0.0.1:${outer.port}/repo.git`, token: 'ghs_token_in_header', allowPrivate: true }, { sha: null, ref: 'refs/heads/main' }, 10_000).catch((e: Error) => e)) as GitRemoteError;
      expect(err).toBeInstanceOf(GitRemoteError);
      expect(outer.seen.length).toBeGreaterThan(0);
      expect(inner.seen).toHaveLength(0);
      expect(outer.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('x-access-token:ghs_token_in_header').toString('base64')}`);
      expect(outer.seen[0]!.url).not.toContain('ghs_token_in_header');
      expect(await readFile(path.join(checkout, '.git', 'config'), 'utf8')).not.toContain('ghs_token_in_header');
      expect(err.message).toMatch(/^Argus could not fetch the repository at http:\/\/127\.0\.0\.1:\d+\/repo\.git: check that/);
      expect(err.message).not.toMatch(/redirect|refused|timed out|fatal|ghs_/i);
      expect(err.stderr).toMatch(/unable to access/);
    } finally {
      await Promise.all([inner.close(), outer.close()]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
