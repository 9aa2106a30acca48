import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { startGitHubApiLoopback, type GitHubApiLoopback, type LoopbackInstallation } from '../../../e2e/support/github-loopback';
import { activateRepository, createTeam, deliverWebhook, linkInstallation, signUp, startInstall } from '../../../e2e/support/github-app-flow';
import { createApp } from '../app';
import { signAccessToken } from '../auth/tokens';

// The GitHub App flow of a real customer, end to end through the API: the real @octokit/rest and @octokit/auth-app
// talk to a loopback GitHub (OAuth web flow, /user/installations, installation tokens and repositories), webhooks are
// signed deliveries built from GitHub's recorded examples, and nothing here writes to (or reads) the database.
const SECRET = 'github-app-flow-secret';
let env: TestEnv;
let github: GitHubApiLoopback;

beforeAll(async () => {
  github = await startGitHubApiLoopback();
  env = await createTestEnv({ GITHUB_WEBHOOK_SECRET: SECRET, ...github.appEnv() });
});
afterAll(async () => {
  await env?.close();
  await github?.close();
});

const as = (authHeader: string) => ({
  get: (url: string) => request(env.app).get(url).set('authorization', authHeader),
  post: (url: string, body: object = {}) => request(env.app).post(url).set('authorization', authHeader).send(body),
  put: (url: string, body: object) => request(env.app).put(url).set('authorization', authHeader).send(body),
  patch: (url: string, body: object) => request(env.app).patch(url).set('authorization', authHeader).send(body),
  delete: (url: string) => request(env.app).delete(url).set('authorization', authHeader),
});
const deliver = (event: string, payload: unknown) => deliverWebhook(env.app, SECRET, event, payload);

async function terminate(workflowId: string) {
  for (let i = 0; i < 100; i++) {
    try {
      await env.temporal.workflow.getHandle(workflowId).terminate('test cleanup');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A customer: an account, a team they administer, and a GitHub organization where the App is installed. */
async function customer(name: string, repos = ['api', 'web', 'docs']) {
  const owner = await signUp(env.app, name);
  const team = await createTeam(env.app, owner.authHeader, name);
  const login = `${name.toLowerCase()}-owner`;
  const installation = github.addInstallation({ account: { login: `${name.toLowerCase()}-org` }, repositories: repos.map((r) => ({ name: r })), users: [login] });
  return { owner, team, login, installation, api: as(owner.authHeader) };
}

describe('when the GitHub App is not configured', () => {
  it('says so in words for people, and refuses to start an install', async () => {
    const bare = createApp({ ...env.deps, config: { ...env.config, GITHUB_APP_SLUG: undefined, GITHUB_APP_CLIENT_ID: undefined, GITHUB_APP_CLIENT_SECRET: undefined } });
    const owner = await signUp(env.app, 'Nobody');
    const team = await createTeam(env.app, owner.authHeader, 'Nobody');
    const status = await request(bare).get(`/api/workspaces/${team.id}/github`).set('authorization', owner.authHeader).expect(200);
    expect(status.body.app).toMatchObject({ configured: false, slug: null });
    expect(status.body.app.reason).toMatch(/not configured.*docs\/deploy\.md/);
    const refused = await request(bare).post(`/api/workspaces/${team.id}/github/install`).set('authorization', owner.authHeader).expect(409);
    expect(refused.body.detail).toMatch(/GitHub App is not configured/);
    expect(JSON.stringify(refused.body)).not.toMatch(/\bat \w+ \(|node_modules/);
  });
});

describe('install, prove access, link, pick repositories, analyze', () => {
  let c: Awaited<ReturnType<typeof customer>>;
  let installationRowId: string;

  beforeAll(async () => {
    c = await customer('Acme');
  });

  it('"Install the GitHub App" sends the browser to the App’s install page with a fresh single-use state', async () => {
    const status = await c.api.get(`/api/workspaces/${c.team.id}/github`).expect(200);
    expect(status.body).toEqual({ app: { configured: true, slug: github.slug, publicUrl: `${github.url}/apps/${github.slug}`, reason: null }, installations: [] });
    const first = await startInstall(env.app, c.owner.authHeader, c.team.id);
    const second = await startInstall(env.app, c.owner.authHeader, c.team.id);
    expect(`${first.installUrl.origin}${first.installUrl.pathname}`).toBe(`${github.url}/apps/${github.slug}/installations/new`);
    expect(first.state).toMatch(/^[\w-]{43}$/);
    expect(second.state).not.toBe(first.state);
  });

  it('links the installation only after GitHub lists it for the user’s own token, then revokes that token', async () => {
    const { state } = await startInstall(env.app, c.owner.authHeader, c.team.id);
    const code = github.authorize(c.login);
    const before = github.calls.length;
    const res = await c.api.post('/api/github/setup', { state, code, installationId: c.installation.id, setupAction: 'install' }).expect(200);
    expect(res.body).toMatchObject({
      status: 'linked',
      workspaceId: c.team.id,
      installation: { installationId: c.installation.id, accountLogin: 'acme-org', accountType: 'Organization', status: 'active', activeRepositories: 0 },
    });
    expect(res.body.message).toMatch(/linked to this workspace/);
    installationRowId = res.body.installation.id;

    const calls = github.calls.slice(before);
    const exchange = calls.find((call) => call.path === '/login/oauth/access_token')!;
    expect(exchange).toMatchObject({ method: 'POST', body: { client_id: github.clientId, client_secret: github.clientSecret, code } });
    const listed = calls.find((call) => call.path === '/user/installations')!;
    expect(listed.authorization).toMatch(/^token ghu_/);
    const userToken = listed.authorization!.replace(/^token /, '');
    expect(github.revokedUserTokens).toContain(userToken);
    expect(github.userTokens.has(userToken)).toBe(false);

    const status = await c.api.get(`/api/workspaces/${c.team.id}/github`).expect(200);
    expect(status.body.installations).toEqual([
      expect.objectContaining({ id: installationRowId, installationId: c.installation.id, status: 'active', settingsUrl: `${github.url}/organizations/acme-org/settings/installations/${c.installation.id}` }),
    ]);
  });

  it('a state works once', async () => {
    const { state } = await startInstall(env.app, c.owner.authHeader, c.team.id);
    await c.api.post('/api/github/setup', { state, code: github.authorize(c.login), installationId: c.installation.id }).expect(200);
    const again = await c.api.post('/api/github/setup', { state, code: github.authorize(c.login), installationId: c.installation.id }).expect(400);
    expect(again.body.detail).toMatch(/already used.*Start again/);
  });

  it('lists the installation’s repositories from GitHub, all inactive until picked', async () => {
    const page = await c.api.get(`/api/github/installations/${installationRowId}/repositories`).expect(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((r: { fullName: string }) => r.fullName)).toEqual(['acme-org/api', 'acme-org/web', 'acme-org/docs']);
    expect(page.body.items.every((r: { active: boolean; repositoryId: string | null }) => !r.active && r.repositoryId === null)).toBe(true);
    const paged = await c.api.get(`/api/github/installations/${installationRowId}/repositories?page=2&pageSize=2`).expect(200);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [expect.objectContaining({ fullName: 'acme-org/docs' })] });
    const repos = await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200);
    expect(repos.body.total).toBe(0);
  });

  it('a push to a repository nobody activated is recorded as ignored, with the reason', async () => {
    const web = c.installation.repositories.find((r) => r.name === 'web')!;
    const res = await deliver('push', github.payloads.push(c.installation.id, web)).expect(202);
    expect(res.body).toEqual({ status: 'ignored', reason: 'acme-org/web is not activated in any Argus workspace' });
  });

  it('an activated repository joins the workspace, and its pushes and pull requests start runs', async () => {
    const apiRepo = c.installation.repositories.find((r) => r.name === 'api')!;
    const activated = await activateRepository(env.app, c.owner.authHeader, installationRowId, apiRepo.id);
    expect(activated).toMatchObject({ githubRepoId: apiRepo.id, fullName: 'acme-org/api', active: true });
    const again = await activateRepository(env.app, c.owner.authHeader, installationRowId, apiRepo.id);
    expect(again.repositoryId).toBe(activated.repositoryId);

    const repos = await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200);
    expect(repos.body.items).toEqual([expect.objectContaining({ id: activated.repositoryId, provider: 'github', fullName: 'acme-org/api', defaultBranch: 'main', workspaceId: c.team.id })]);
    const listed = await c.api.get(`/api/github/installations/${installationRowId}/repositories`).expect(200);
    expect(listed.body.items.find((r: { githubRepoId: number }) => r.githubRepoId === apiRepo.id)).toMatchObject({ active: true, repositoryId: activated.repositoryId });

    const push = await deliver('push', github.payloads.push(c.installation.id, apiRepo)).expect(202);
    expect(push.body.status).toBe('accepted');
    const pr = await deliver('pull_request', github.payloads.pullRequest(c.installation.id, apiRepo, 'opened')).expect(202);
    expect(pr.body.status).toBe('accepted');
    for (const workflowId of [push.body.workflowId, pr.body.workflowId]) {
      for (let i = 0; ; i++) {
        try {
          const described = await env.temporal.workflow.getHandle(workflowId).describe();
          expect(described.type).toBe('analyzeRepository');
          expect(described.memo).toMatchObject({ githubRepoId: apiRepo.id });
          break;
        } catch (err) {
          if (i > 100) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await terminate(workflowId);
    }
  });

  it('refuses to activate a repository the installation does not grant', async () => {
    const res = await c.api.put(`/api/github/installations/${installationRowId}/repositories/4242424242`, { active: true }).expect(404);
    expect(res.body.detail).toMatch(/no access to a repository with that id/);
  });

  it('a repository removed from the installation on GitHub is deactivated; activated again, it is the same repository', async () => {
    const apiRepo = c.installation.repositories.find((r) => r.name === 'api')!;
    const { repositoryId } = (await c.api.get(`/api/github/installations/${installationRowId}/repositories`).expect(200)).body.items.find((r: { githubRepoId: number }) => r.githubRepoId === apiRepo.id);
    github.removeRepository(c.installation.id, apiRepo.id);
    await deliver('installation_repositories', github.payloads.installationRepositories(c.installation.id, 'removed', [apiRepo])).expect(202);
    expect((await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200)).body.total).toBe(0);
    expect((await deliver('push', github.payloads.push(c.installation.id, apiRepo)).expect(202)).body).toMatchObject({ status: 'ignored', reason: 'acme-org/api is not activated in any Argus workspace' });
    // Its runs stay readable under the workspace.
    await c.api.get(`/api/workspaces/${c.team.id}/runs?repositoryId=${repositoryId}`).expect(200);

    const back = github.addRepository(c.installation.id, { id: apiRepo.id, name: 'api' });
    await deliver('installation_repositories', github.payloads.installationRepositories(c.installation.id, 'added', [back])).expect(202);
    // Added on GitHub is not activated in Argus: the workspace decides.
    expect((await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200)).body.total).toBe(0);
    const reactivated = await activateRepository(env.app, c.owner.authHeader, installationRowId, apiRepo.id);
    expect(reactivated.repositoryId).toBe(repositoryId);
  });

  it('deactivating stops the runs; the repository leaves the list but keeps its row', async () => {
    const docs = c.installation.repositories.find((r) => r.name === 'docs')!;
    const on = await activateRepository(env.app, c.owner.authHeader, installationRowId, docs.id);
    const off = await activateRepository(env.app, c.owner.authHeader, installationRowId, docs.id, false);
    expect(off).toEqual({ githubRepoId: docs.id, fullName: 'acme-org/docs', active: false, repositoryId: null });
    await c.api.get(`/api/repositories/${on.repositoryId}`).expect(404);
    expect((await deliver('push', github.payloads.push(c.installation.id, docs)).expect(202)).body.status).toBe('ignored');
    await c.api.put(`/api/github/installations/${installationRowId}/repositories/${docs.id}`, { active: false }).expect(404);
  });

  it('suspend and unsuspend are reflected: runs pause, then resume', async () => {
    const apiRepo = c.installation.repositories.find((r) => r.name === 'api')!;
    github.suspend(c.installation.id);
    await deliver('installation', github.payloads.installation(c.installation.id, 'suspend')).expect(202);
    const status = await c.api.get(`/api/workspaces/${c.team.id}/github`).expect(200);
    expect(status.body.installations[0]).toMatchObject({ status: 'suspended', activeRepositories: 1 });
    expect((await deliver('push', github.payloads.push(c.installation.id, apiRepo)).expect(202)).body).toEqual({ status: 'ignored', reason: 'the GitHub App installation of acme-org/api is suspended' });
    const listed = await c.api.get(`/api/github/installations/${installationRowId}/repositories`).expect(409);
    expect(listed.body.detail).toMatch(/suspended on acme-org.*unsuspend/);

    github.suspend(c.installation.id, false);
    await deliver('installation', github.payloads.installation(c.installation.id, 'unsuspend')).expect(202);
    expect((await c.api.get(`/api/workspaces/${c.team.id}/github`).expect(200)).body.installations[0].status).toBe('active');
    const push = await deliver('push', github.payloads.push(c.installation.id, apiRepo)).expect(202);
    expect(push.body.status).toBe('accepted');
    await terminate(push.body.workflowId);
  });
});

describe('who may link what', () => {
  it('another Argus account cannot use someone’s state, and does not use it up', async () => {
    const victim = await customer('Victim');
    const attacker = await customer('Attacker');
    const { state } = await startInstall(env.app, victim.owner.authHeader, victim.team.id);
    // A CSRF'd or forwarded callback: the attacker's own code and installation, the victim's state.
    const res = await attacker.api.post('/api/github/setup', { state, code: github.authorize(attacker.login), installationId: attacker.installation.id }).expect(403);
    expect(res.body.detail).toMatch(/started by another Argus account/);
    expect((await victim.api.get(`/api/workspaces/${victim.team.id}/github`).expect(200)).body.installations).toEqual([]);
    // The victim's own callback still works.
    await victim.api.post('/api/github/setup', { state, code: github.authorize(victim.login), installationId: victim.installation.id }).expect(200);
  });

  it('an installation id typed into the URL is not enough: GitHub must list it for the user', async () => {
    const target = await customer('Target');
    const mallory = await customer('Mallory');
    const { state } = await startInstall(env.app, mallory.owner.authHeader, mallory.team.id);
    const res = await mallory.api.post('/api/github/setup', { state, code: github.authorize(mallory.login), installationId: target.installation.id }).expect(403);
    expect(res.body.detail).toMatch(/GitHub account cannot access this installation/);
    expect((await mallory.api.get(`/api/workspaces/${mallory.team.id}/github`).expect(200)).body.installations).toEqual([]);
  });

  it('a state without a code, an unknown or expired state, and a refused code get messages for people', async () => {
    const c = await customer('Careful');
    const noCode = await startInstall(env.app, c.owner.authHeader, c.team.id);
    expect((await c.api.post('/api/github/setup', { state: noCode.state, installationId: c.installation.id }).expect(400)).body.detail).toMatch(/Request user authorization \(OAuth\) during installation/);
    expect((await c.api.post('/api/github/setup', { state: 'x'.repeat(43), code: 'abc', installationId: 1 }).expect(400)).body.detail).toMatch(/not one Argus issued/);
    const bad = await startInstall(env.app, c.owner.authHeader, c.team.id);
    expect((await c.api.post('/api/github/setup', { state: bad.state, code: 'not-a-code', installationId: c.installation.id }).expect(400)).body.detail).toMatch(/did not accept the sign-in code/);
    const late = await startInstall(env.app, c.owner.authHeader, c.team.id);
    // Thirty-one minutes later (with an access token of that time: the first one has expired by then).
    const later = Date.now() + 31 * 60_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      const { token } = await signAccessToken(env.config.jwtSecret, c.owner.userId, later);
      const res = await as(`Bearer ${token}`).post('/api/github/setup', { state: late.state, code: github.authorize(c.login), installationId: c.installation.id }).expect(400);
      expect(res.body.detail).toMatch(/expired \(they last 30 minutes\)/);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('setup_action=request (a member asked the organization’s owners) links nothing yet', async () => {
    const c = await customer('Requester');
    const { state } = await startInstall(env.app, c.owner.authHeader, c.team.id);
    const res = await c.api.post('/api/github/setup', { state, setupAction: 'request' }).expect(200);
    expect(res.body).toMatchObject({ status: 'requested', installation: null, workspaceId: c.team.id });
    expect(res.body.message).toMatch(/owners of the organization/);
  });

  it('only admins (by the permission matrix) start an install or pick repositories; others’ installations are 404', async () => {
    const c = await customer('Roles');
    const linked = await linkInstallation(env.app, c.owner.authHeader, github, c.team.id, c.installation, c.login);
    // A developer-role API token of the same admin is a developer in this workspace.
    const token = await c.api.post('/api/tokens', { name: 'ci', workspaceId: c.team.id, role: 'developer' }).expect(201);
    const developer = as(`Bearer ${token.body.token}`);
    expect((await developer.post(`/api/workspaces/${c.team.id}/github/install`).expect(403)).body.detail).toMatch(/As a developer of this workspace you cannot change its settings/);
    await developer.put(`/api/github/installations/${linked.installation.id}/repositories/${c.installation.repositories[0]!.id}`, { active: true }).expect(403);
    await developer.delete(`/api/github/installations/${linked.installation.id}`).expect(403);
    await developer.get(`/api/github/installations/${linked.installation.id}/repositories`).expect(200);

    const stranger = await customer('Stranger');
    for (const res of [
      await stranger.api.get(`/api/github/installations/${linked.installation.id}/repositories`),
      await stranger.api.put(`/api/github/installations/${linked.installation.id}/repositories/${c.installation.repositories[0]!.id}`, { active: true }),
      await stranger.api.delete(`/api/github/installations/${linked.installation.id}`),
      await stranger.api.post(`/api/workspaces/${c.team.id}/github/install`),
      await stranger.api.get(`/api/workspaces/${c.team.id}/github`),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('roles-org');
    }
  });

  it('activating counts against the workspace’s repository limit', async () => {
    const c = await customer('Limited', ['one', 'two']);
    const linked = await linkInstallation(env.app, c.owner.authHeader, github, c.team.id, c.installation, c.login);
    await c.api.patch(`/api/teams/${c.team.id}`, { settings: { maxRepositories: 1 } }).expect(200);
    await activateRepository(env.app, c.owner.authHeader, linked.installation.id, c.installation.repositories[0]!.id);
    const refused = await c.api.put(`/api/github/installations/${linked.installation.id}/repositories/${c.installation.repositories[1]!.id}`, { active: true }).expect(409);
    expect(refused.body.detail).toMatch(/already has 1 repositories, its limit/);
    expect((await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200)).body.total).toBe(1);
  });

  it('a linked installation stays with its workspace until that workspace unlinks it', async () => {
    const first = await customer('First', ['app']);
    const linked = await linkInstallation(env.app, first.owner.authHeader, github, first.team.id, first.installation, first.login);
    const repo = first.installation.repositories[0]!;
    await activateRepository(env.app, first.owner.authHeader, linked.installation.id, repo.id);

    // A second owner of the same GitHub organization, with their own Argus workspace.
    const second = await signUp(env.app, 'Second');
    const secondTeam = await createTeam(env.app, second.authHeader, 'Second');
    first.installation.users.add('second-owner');
    const { state } = await startInstall(env.app, second.authHeader, secondTeam.id);
    const taken = await as(second.authHeader).post('/api/github/setup', { state, code: github.authorize('second-owner'), installationId: first.installation.id }).expect(409);
    expect(taken.body.detail).toMatch(/already linked to another Argus workspace.*Unlink/);
    expect(taken.body.detail).not.toContain(first.team.name);

    await first.api.delete(`/api/github/installations/${linked.installation.id}`).expect(204);
    expect((await first.api.get(`/api/workspaces/${first.team.id}/repositories`).expect(200)).body.total).toBe(0);
    expect((await first.api.get(`/api/workspaces/${first.team.id}/github`).expect(200)).body.installations).toEqual([]);
    expect((await deliver('push', github.payloads.push(first.installation.id, repo)).expect(202)).body.status).toBe('ignored');

    const relinked = await linkInstallation(env.app, second.authHeader, github, secondTeam.id, first.installation, 'second-owner');
    expect(relinked.installation.id).toBe(linked.installation.id);
    const activated = await activateRepository(env.app, second.authHeader, relinked.installation.id, repo.id);
    // A new repository in the new workspace: nothing of the first workspace's history moves with it.
    const repos = await as(second.authHeader).get(`/api/workspaces/${secondTeam.id}/repositories`).expect(200);
    expect(repos.body.items).toEqual([expect.objectContaining({ id: activated.repositoryId, workspaceId: secondTeam.id })]);
    await first.api.get(`/api/repositories/${activated.repositoryId}`).expect(404);
  });
});

describe('uninstalling the App', () => {
  let c: Awaited<ReturnType<typeof customer>>;
  let installationRowId: string;
  let installation: LoopbackInstallation;

  beforeAll(async () => {
    c = await customer('Leaver', ['one', 'two']);
    installation = c.installation;
    installationRowId = (await linkInstallation(env.app, c.owner.authHeader, github, c.team.id, installation, c.login)).installation.id;
    for (const r of installation.repositories) await activateRepository(env.app, c.owner.authHeader, installationRowId, r.id);
  });

  it('deactivates its repositories (runs and findings stay) and shows it as uninstalled', async () => {
    expect((await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200)).body.total).toBe(2);
    github.uninstall(installation.id);
    await deliver('installation', github.payloads.installation(installation.id, 'deleted')).expect(202);
    expect((await c.api.get(`/api/workspaces/${c.team.id}/repositories`).expect(200)).body.total).toBe(0);
    const status = await c.api.get(`/api/workspaces/${c.team.id}/github`).expect(200);
    expect(status.body.installations).toEqual([expect.objectContaining({ id: installationRowId, status: 'uninstalled', activeRepositories: 0 })]);
    expect((await deliver('push', github.payloads.push(installation.id, installation.repositories[0]!)).expect(202)).body.status).toBe('ignored');
    const listed = await c.api.get(`/api/github/installations/${installationRowId}/repositories`).expect(409);
    expect(listed.body.detail).toMatch(/uninstalled from leaver-org/);
    // The workspace can tidy it away.
    await c.api.delete(`/api/github/installations/${installationRowId}`).expect(204);
    expect((await c.api.get(`/api/workspaces/${c.team.id}/github`).expect(200)).body.installations).toEqual([]);
  });
});
