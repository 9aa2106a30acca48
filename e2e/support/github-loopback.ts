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
 * - POST/PATCH check runs and issue comments (the analysis reports there first);
 * - the GitHub App install flow: POST /login/oauth/access_token (the web flow's code for a user token: JSON with
 *   `Accept: application/json`, form-encoded otherwise, and GitHub's 200 `{ error }` for a bad code or client),
 *   GET /user and GET /user/installations (user token; paginated with Link headers, `{ total_count, installations }`),
 *   DELETE /applications/:client_id/token (basic auth with the client), GET /installation/repositories (installation
 *   token, paginated), and installation tokens refused for suspended (403) and uninstalled (404) installations.
 *   GET /apps/:slug/installations/new redirects a browser to the callback as GitHub does (`expectInstallPageVisit`).
 *   `addInstallation`, `authorize`, `suspend`, `uninstall`, `addRepository` and `removeRepository` play GitHub's side;
 *   `*Payload` build signed-webhook bodies for them from GitHub's recorded examples.
 *
 * Pull requests are answered in GitHub's real shape: the `pull_request` object of GitHub's recorded example
 * delivery (@octokit/webhooks-examples), with this request's number, title, body, head and base.
 */

interface GitHubCall {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: any;
}

const recorded = (name: string, pick: (p: any) => boolean) => structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === name)!.examples.find(pick)!);

export interface LoopbackRepository {
  id: number;
  name: string;
  full_name: string;
  private: boolean;
  default_branch: string;
  html_url: string;
  owner: { login: string; id: number; type: string };
  [key: string]: unknown;
}

export interface LoopbackInstallation {
  id: number;
  account: { login: string; id: number; type: 'User' | 'Organization' };
  suspendedAt: string | null;
  deleted: boolean;
  repositories: LoopbackRepository[];
  /** GitHub logins that can access the installation (GET /user/installations lists it for them). */
  users: Set<string>;
}

const recordedPullRequest = () =>
  structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'opened')!.pull_request);

export async function startGitHubApiLoopback(opts: { appId?: number; slug?: string } = {}) {
  const appId = opts.appId ?? 12345;
  const slug = opts.slug ?? 'argus-loopback';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const calls: GitHubCall[] = [];
  // Installation tokens, each with the installation it was issued for.
  const issuedTokens = new Map<string, number>();
  // The App's OAuth client, the codes GitHub hands the callback, and the user tokens they become.
  const clientId = `Iv1.${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(20).toString('hex');
  const codes = new Map<string, { login: string; expiresAt: number; used: boolean }>();
  const userTokens = new Map<string, string>();
  const revokedUserTokens: string[] = [];
  const installations = new Map<number, LoopbackInstallation>();
  let nextRepoId = 900_000_000;
  // Who the next browser visiting the install page is on GitHub, and where the App's callback URL points.
  const installPageVisitors: { login: string; installationId: number; callbackUrl: string; setupAction?: 'install' | 'update' | 'request' }[] = [];
  let nextInstallationId = 40_000_000;
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
      const form = /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '');
      const call: GitHubCall = { method: req.method!, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body: raw ? (form ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw)) : undefined };
      calls.push(call);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...headers }).end(JSON.stringify(payload));
      // GitHub's pagination: per_page (max 100, default 30), page, and a Link header Octokit's paginate follows.
      const page = <T>(items: T[]) => {
        const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
        const current = Math.max(1, Number(url.searchParams.get('page') ?? 1));
        const last = Math.max(1, Math.ceil(items.length / perPage));
        const link = (n: number, rel: string) => {
          const next = new URL(url.pathname, base());
          next.searchParams.set('per_page', String(perPage));
          next.searchParams.set('page', String(n));
          return `<${next}>; rel="${rel}"`;
        };
        const links = [...(current < last ? [link(current + 1, 'next'), link(last, 'last')] : []), ...(current > 1 ? [link(1, 'first'), link(current - 1, 'prev')] : [])];
        const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
        return { items: items.slice((current - 1) * perPage, current * perPage), headers };
      };
      let m: RegExpExecArray | null;

      // GitHub's install page, for a browser: the signed-in GitHub user installs (or updates) the App and authorizes
      // it, and GitHub redirects to the App's callback URL with code, installation_id, setup_action and the state.
      if (req.method === 'GET' && (m = /^\/apps\/([^/]+)\/installations\/new$/.exec(url.pathname))) {
        const visitor = installPageVisitors.shift();
        if (m[1] !== slug || !visitor) return send(404, { message: 'Not Found' });
        const callback = new URL(visitor.callbackUrl);
        if (visitor.setupAction !== 'request') {
          callback.searchParams.set('code', app.authorize(visitor.login));
          callback.searchParams.set('installation_id', String(visitor.installationId));
        }
        callback.searchParams.set('setup_action', visitor.setupAction ?? 'install');
        const state = url.searchParams.get('state');
        if (state) callback.searchParams.set('state', state);
        res.writeHead(302, { location: callback.toString() }).end();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
        const b = (call.body ?? {}) as { client_id?: string; client_secret?: string; code?: string };
        const answer = (payload: Record<string, string>) =>
          /application\/json/.test(req.headers.accept ?? '')
            ? send(200, payload)
            : res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }).end(new URLSearchParams(payload).toString());
        if (b.client_id !== clientId || b.client_secret !== clientSecret) {
          return answer({ error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.', error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials' });
        }
        const grant = b.code ? codes.get(b.code) : undefined;
        if (!grant || grant.used || grant.expiresAt < Date.now()) {
          return answer({ error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code' });
        }
        grant.used = true;
        const token = `ghu_${randomBytes(18).toString('hex')}`;
        userTokens.set(token, grant.login);
        return answer({ access_token: token, token_type: 'bearer', scope: '' });
      }
      if (req.method === 'DELETE' && (m = /^\/applications\/([^/]+)\/token$/.exec(url.pathname))) {
        const basic = Buffer.from(req.headers.authorization?.replace(/^basic\s+/i, '') ?? '', 'base64').toString();
        if (m[1] !== clientId || basic !== `${clientId}:${clientSecret}`) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        const token = (call.body as { access_token?: string } | undefined)?.access_token ?? '';
        if (!userTokens.delete(token)) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        revokedUserTokens.push(token);
        res.writeHead(204).end();
        return;
      }
      const bearer = req.headers.authorization?.replace(/^(token|bearer)\s+/i, '') ?? '';
      if (bearer.startsWith('ghu_')) {
        const login = userTokens.get(bearer);
        if (!login) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
        if (req.method === 'GET' && url.pathname === '/user') return send(200, { login, id: 7_000_000 + login.length, type: 'User' });
        if (req.method === 'GET' && url.pathname === '/user/installations') {
          const visible = [...installations.values()].filter((i) => !i.deleted && i.users.has(login)).map(installationJson);
          const { items, headers } = page(visible);
          return send(200, { total_count: visible.length, installations: items }, headers);
        }
        return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      }

      if (req.method === 'POST' && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname))) {
        if (!verifyAppJwt(req.headers.authorization)) return send(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' });
        const known = installations.get(Number(m[1]));
        if (known?.deleted) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app' });
        if (known?.suspendedAt) return send(403, { message: 'This installation has been suspended', documentation_url: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app' });
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        issuedTokens.set(token, Number(m[1]));
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
      if (req.method === 'GET' && url.pathname === '/installation/repositories') {
        const installation = installations.get(issuedTokens.get(token)!);
        const granted = installation?.repositories ?? [];
        const { items, headers } = page(granted);
        return send(200, { total_count: granted.length, repository_selection: 'selected', repositories: items }, headers);
      }
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
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function installationJson(i: LoopbackInstallation) {
    const json = recorded('installation', (p) => p.action === 'created').installation;
    const htmlUrl = i.account.type === 'Organization' ? `https://github.com/organizations/${i.account.login}/settings/installations/${i.id}` : `https://github.com/settings/installations/${i.id}`;
    return Object.assign(json, {
      id: i.id,
      account: { ...json.account, login: i.account.login, id: i.account.id, type: i.account.type, html_url: `https://github.com/${i.account.login}` },
      app_id: appId,
      app_slug: slug,
      target_id: i.account.id,
      target_type: i.account.type,
      html_url: htmlUrl,
      access_tokens_url: `https://api.github.com/app/installations/${i.id}/access_tokens`,
      suspended_at: i.suspendedAt,
      suspended_by: null,
    });
  }

  function repositoryJson(owner: LoopbackInstallation['account'], r: { id?: number; name: string; private?: boolean; default_branch?: string }): LoopbackRepository {
    const json = recordedPullRequest().base.repo;
    return Object.assign(json, {
      id: r.id ?? nextRepoId++,
      name: r.name,
      full_name: `${owner.login}/${r.name}`,
      private: r.private ?? false,
      default_branch: r.default_branch ?? 'main',
      html_url: `https://github.com/${owner.login}/${r.name}`,
      clone_url: `https://github.com/${owner.login}/${r.name}.git`,
      owner: { ...json.owner, login: owner.login, id: owner.id, type: owner.type },
    });
  }

  const mustFind = (id: number) => {
    const i = installations.get(id);
    if (!i) throw new Error(`the loopback has no installation ${id}`);
    return i;
  };
  const short = (r: LoopbackRepository) => ({ id: r.id, node_id: `R_${r.id}`, name: r.name, full_name: r.full_name, private: r.private });
  const sender = (login: string) => ({ ...recorded('installation', (p) => p.action === 'created').sender, login });

  /** GitHub's side of the App. */
  const app = {
    /** The App is installed on an account, granting these repositories; `users` can see it (its owners). */
    addInstallation(spec: { id?: number; account: { login: string; type?: 'User' | 'Organization' }; repositories?: { id?: number; name: string; private?: boolean; default_branch?: string }[]; users: string[] }): LoopbackInstallation {
      const account = { login: spec.account.login, id: 8_000_000 + installations.size, type: spec.account.type ?? 'Organization' };
      const installation: LoopbackInstallation = { id: spec.id ?? nextInstallationId++, account, suspendedAt: null, deleted: false, repositories: [], users: new Set(spec.users) };
      installation.repositories = (spec.repositories ?? []).map((r) => repositoryJson(account, r));
      installations.set(installation.id, installation);
      return installation;
    },
    /** The next browser on the App's install page is `login` on GitHub, installs `installationId`, and is sent to `callbackUrl`. */
    expectInstallPageVisit(visitor: { login: string; installationId: number; callbackUrl: string; setupAction?: 'install' | 'update' | 'request' }) {
      installPageVisitors.push(visitor);
    },
    /** The user authorized the App on GitHub's page: the `code` GitHub appends to the callback (valid ten minutes, once). */
    authorize(login: string): string {
      const code = randomBytes(10).toString('hex');
      codes.set(code, { login, expiresAt: Date.now() + 600_000, used: false });
      return code;
    },
    suspend(id: number, suspended = true) {
      mustFind(id).suspendedAt = suspended ? new Date().toISOString() : null;
    },
    uninstall(id: number) {
      mustFind(id).deleted = true;
    },
    addRepository(id: number, r: { id?: number; name: string; private?: boolean; default_branch?: string }): LoopbackRepository {
      const installation = mustFind(id);
      const repo = repositoryJson(installation.account, r);
      installation.repositories.push(repo);
      return repo;
    },
    removeRepository(id: number, repoId: number): LoopbackRepository {
      const installation = mustFind(id);
      const repo = installation.repositories.find((r) => r.id === repoId)!;
      installation.repositories = installation.repositories.filter((r) => r.id !== repoId);
      return repo;
    },
  };

  /** Webhook bodies GitHub would send for the installations above (GitHub's recorded examples, with these ids). */
  const payloads = {
    installation(id: number, action: 'created' | 'deleted' | 'suspend' | 'unsuspend' | 'new_permissions_accepted') {
      const i = mustFind(id);
      const body = recorded('installation', (p) => p.action === action);
      return { ...body, action, installation: installationJson(i), ...(action === 'created' || action === 'deleted' ? { repositories: i.repositories.map(short) } : {}), sender: sender([...i.users][0] ?? i.account.login) };
    },
    installationRepositories(id: number, action: 'added' | 'removed', repos: LoopbackRepository[]) {
      const i = mustFind(id);
      const body = recorded('installation_repositories', (p) => p.action === action);
      return {
        ...body,
        installation: installationJson(i),
        repository_selection: 'selected',
        repositories_added: action === 'added' ? repos.map(short) : [],
        repositories_removed: action === 'removed' ? repos.map(short) : [],
        sender: sender([...i.users][0] ?? i.account.login),
      };
    },
    /** A push to the repository's default branch. */
    push(id: number, repo: LoopbackRepository, after = randomBytes(20).toString('hex')) {
      const body = recorded('push', (p) => p.ref === 'refs/heads/master' && !p.deleted);
      return {
        ...body,
        ref: `refs/heads/${repo.default_branch}`,
        after,
        repository: { ...body.repository, id: repo.id, name: repo.name, full_name: repo.full_name, private: repo.private, default_branch: repo.default_branch, master_branch: repo.default_branch },
        installation: { id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${id}` },
      };
    },
    pullRequest(id: number, repo: LoopbackRepository, action: 'opened' | 'synchronize' | 'reopened' = 'opened') {
      const body = recorded('pull_request', (p) => p.action === action);
      body.repository = { ...body.repository, ...repo };
      body.pull_request.base.repo = { ...body.pull_request.base.repo, ...repo };
      return { ...body, installation: { id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${id}` } };
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: base(),
    appId,
    slug,
    clientId,
    clientSecret,
    /** What Argus needs to talk to this loopback as its GitHub App (web and API on one address). */
    appEnv: () => ({ GITHUB_APP_ID: String(appId), GITHUB_APP_PRIVATE_KEY: privateKeyPem, GITHUB_API_URL: base(), GITHUB_WEB_URL: base(), GITHUB_APP_SLUG: slug, GITHUB_APP_CLIENT_ID: clientId, GITHUB_APP_CLIENT_SECRET: clientSecret }),
    ...app,
    payloads,
    installations,
    userTokens,
    revokedUserTokens,
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
