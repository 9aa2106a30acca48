import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: any;
}

/**
 * A loopback server that speaks the parts of GitHub's REST API Argus uses, so the real @octokit/rest and
 * @octokit/auth-app run unchanged. It checks the App JWT's RS256 signature with the App's public key and
 * only accepts installation tokens it issued, as GitHub does.
 */
export async function startGitHubLoopback() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const calls: RecordedCall[] = [];
  const issuedTokens = new Set<string>();
  let nextId = 1000;

  const verifyAppJwt = (authorization?: string) => {
    const jwt = authorization?.replace(/^(Bearer|bearer)\s+/, '') ?? '';
    const [h, p, s] = jwt.split('.');
    if (!h || !p || !s) return false;
    return verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      const body = raw ? JSON.parse(raw) : undefined;
      const path = (req.url ?? '').split('?')[0]!;
      calls.push({ method: req.method!, path, authorization: req.headers.authorization, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(payload));
      };
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
        if (!verifyAppJwt(req.headers.authorization)) return send(401, { message: 'A JSON web token could not be decoded' });
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        issuedTokens.add(token);
        return send(201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: 'write', pull_requests: 'write', contents: 'write' }, repository_selection: 'all' });
      }
      const token = req.headers.authorization?.replace(/^token\s+/i, '');
      if (!token || !issuedTokens.has(token)) return send(401, { message: 'Bad credentials' });
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) return send(201, { id: nextId++, status: body.status, conclusion: body.conclusion, head_sha: body.head_sha });
      if (req.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) return send(200, { id: Number(m[1]) });
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(path)) return send(201, { id: nextId++, body: body.body });
      if (req.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) return send(200, { id: Number(m[1]) });
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    privateKeyPem,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
