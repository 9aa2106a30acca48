import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import examples from '@octokit/webhooks-examples';

/**
 * A loopback server that speaks the parts of GitHub's REST API that Fix-to-PR (and the analysis report) use, so the
 * real @octokit/rest and @octokit/auth-app run unchanged against it (GITHUB_API_URL):
 *
 * - POST /app/installations/:id/access_tokens — checks the App JWT's RS256 signature with the App's public key
 *   (the key pair is generated here with crypto.generateKeyPairSync) and issues an installation token;
 * - POST /repos/:owner/:repo/pulls, GET /repos/:owner/:repo/pulls?head=&state= — 422 "A pull request already
 *   exists" for a second PR of the same head, as GitHub answers;
 * - POST/PATCH check runs and issue comments (the analysis reports there first).
 *
 * Pull requests are answered in GitHub's real shape: the `pull_request` object of GitHub's recorded example
 * delivery (@octokit/webhooks-examples), with this request's number, title, body, head and base.
 */

export interface GitHubCall {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: any;
}

const recordedPullRequest = () =>
  structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'opened')!.pull_request);

export async function startGitHubApiLoopback() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const calls: GitHubCall[] = [];
  const issuedTokens = new Set<string>();
  const pulls: any[] = [];
  // The App's webhook deliveries (GET /app/hook/deliveries), newest first, as GitHub lists them.
  const hookDeliveries: any[] = [];
  const redeliveries: number[] = [];
  let nextId = 5000;

  const verifyAppJwt = (authorization?: string) => {
    const [h, p, s] = (authorization?.replace(/^bearer\s+/i, '') ?? '').split('.');
    if (!h || !p || !s) return false;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: string | number; exp?: number };
    return verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url')) && Boolean(claims.iss) && (claims.exp ?? 0) * 1000 > Date.now();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? '/', 'http://loopback');
      const call: GitHubCall = { method: req.method!, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined };
      calls.push(call);
      const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json' }).end(JSON.stringify(payload));
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname))) {
        if (!verifyAppJwt(req.headers.authorization)) return send(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' });
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        issuedTokens.add(token);
        return send(201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: 'write', contents: 'write', pull_requests: 'write', metadata: 'read' }, repository_selection: 'selected' });
      }
      if (url.pathname === '/app/hook/deliveries' || /^\/app\/hook\/deliveries\/\d+\/attempts$/.test(url.pathname)) {
        if (!verifyAppJwt(req.headers.authorization)) return send(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' });
        if (req.method === 'GET') return send(200, hookDeliveries);
        redeliveries.push(Number(url.pathname.split('/')[4]));
        return send(202, {});
      }
      const token = req.headers.authorization?.replace(/^token\s+/i, '');
      if (!token || !issuedTokens.has(token)) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(url.pathname))) {
        const [owner, repo] = [m[1]!, m[2]!];
        if (req.method === 'GET') {
          const head = url.searchParams.get('head');
          const state = url.searchParams.get('state') ?? 'open';
          return send(200, pulls.filter((p) => p.base.repo.full_name === `${owner}/${repo}` && (!head || `${owner}:${p.head.ref}` === head) && (state === 'all' || p.state === state)));
        }
        if (req.method === 'POST') {
          const b = call.body as { title: string; head: string; base: string; body?: string };
          if (!b?.title || !b.head || !b.base) return send(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'missing_field' }] });
          if (pulls.some((p) => p.state === 'open' && p.head.ref === b.head && p.base.repo.full_name === `${owner}/${repo}`)) {
            return send(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${b.head}.` }], documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request' });
          }
          const number = pulls.length + 1;
          const pr = recordedPullRequest();
          const htmlBase = `https://github.com/${owner}/${repo}`;
          const apiBase = `https://api.github.com/repos/${owner}/${repo}`;
          Object.assign(pr, { id: nextId++, number, title: b.title, body: b.body ?? null, state: 'open', merged: false, merged_at: null, closed_at: null, html_url: `${htmlBase}/pull/${number}`, url: `${apiBase}/pulls/${number}`, created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
          Object.assign(pr.head, { ref: b.head, label: `${owner}:${b.head}` });
          Object.assign(pr.base, { ref: b.base, label: `${owner}:${b.base}` });
          Object.assign(pr.base.repo, { full_name: `${owner}/${repo}`, name: repo });
          pulls.push(pr);
          return send(201, pr);
        }
      }
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(url.pathname)) return send(201, { id: nextId++, status: call.body.status, conclusion: call.body.conclusion, head_sha: call.body.head_sha });
      if (req.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(url.pathname))) return send(200, { id: Number(m[1]) });
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(url.pathname)) return send(201, { id: nextId++, body: call.body.body });
      if (req.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname))) return send(200, { id: Number(m[1]) });
      return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    privateKeyPem,
    publicKey,
    calls,
    pulls,
    hookDeliveries,
    redeliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type GitHubApiLoopback = Awaited<ReturnType<typeof startGitHubApiLoopback>>;
