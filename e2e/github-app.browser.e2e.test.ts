import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { createTestEnv, type TestEnv } from './support/test-env';
import { startGitHubApiLoopback, type GitHubApiLoopback } from './support/github-loopback';
import { deliverWebhook, signUp } from './support/github-app-flow';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';

const run = promisify(execFile);
const SECRET = 'github-app-browser-secret';

// The GitHub App flow in a real headless Chromium, against the built portal served as `npm start` serves it, the
// real API, and the loopback GitHub: its install page redirects the browser to the portal's callback the way GitHub
// does (with code, installation_id, setup_action and Argus's state), and its OAuth and REST endpoints answer Octokit.
let env: TestEnv;
let github: GitHubApiLoopback;
let browser: Browser;
let portalUrl: string;
const servers: Server[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'portal', 'dist', 'index.html'))) await run('npm', ['run', 'build', '-w', 'portal'], { cwd: ROOT });
  github = await startGitHubApiLoopback();
  env = await createTestEnv({ GITHUB_WEBHOOK_SECRET: SECRET, ...github.appEnv() });
  const api = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => api.once('listening', r));
  servers.push(api);
  const portalPort = await freePort();
  servers.push(await serveSite({ name: 'portal', distDir: path.join(ROOT, 'portal', 'dist'), port: portalPort, apiPort: (api.address() as { port: number }).port }));
  portalUrl = `http://127.0.0.1:${portalPort}`;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await env?.close();
  await github?.close();
});

async function logIn(page: Page, account: { email: string; password: string }, next: string) {
  await page.goto(`${portalUrl}${next}`);
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

describe('the GitHub App in the portal', () => {
  it('installs the App, comes back through the callback page, and picks a repository to analyze', { timeout: 120_000 }, async () => {
    const account = await signUp(env.app, 'Browser');
    const installation = github.addInstallation({ account: { login: 'browser-org' }, repositories: [{ name: 'service' }, { name: 'website', private: true }], users: ['browser-dev'] });
    github.expectInstallPageVisit({ login: 'browser-dev', installationId: installation.id, callbackUrl: `${portalUrl}/github/setup` });

    const page = await browser.newPage();
    try {
      await logIn(page, account, '/repositories');
      const section = page.getByTestId('github-app-section');
      await section.getByText('No GitHub account is linked').waitFor();
      // To GitHub's install page and back to the callback, which links the installation.
      await page.getByTestId('install-github-app').click();
      await page.getByTestId('github-setup').getByText('The GitHub App on browser-org is linked to this workspace').waitFor({ timeout: 30_000 });
      // The single-use code and state are gone from the address bar.
      expect(page.url()).toBe(`${portalUrl}/github/setup`);

      await page.getByTestId('github-setup-continue').click();
      const card = page.getByTestId('github-installation-browser-org');
      await card.getByText('Installed', { exact: true }).waitFor();
      const service = card.getByTestId('github-repository-browser-org/service');
      const toggle = service.getByRole('switch', { name: 'Analyze browser-org/service' });
      expect(await toggle.getAttribute('aria-checked')).toBe('false');
      await card.getByTestId('github-repository-browser-org/website').getByText('Private', { exact: true }).waitFor();
      await toggle.click();
      await service.getByRole('switch', { name: 'Stop analyzing browser-org/service' }).waitFor();
      // The repository joins the workspace's list, as a GitHub App repository.
      await page.getByTestId('repository-browser-org/service').getByText('GitHub App').waitFor();

      // A push of it is now analyzed; one of the repository left inactive is not.
      const [serviceRepo, websiteRepo] = installation.repositories;
      const push = await deliverWebhook(env.app, SECRET, 'push', github.payloads.push(installation.id, serviceRepo!)).expect(202);
      expect(push.body.status).toBe('accepted');
      await env.temporal.workflow.getHandle(push.body.workflowId).terminate('test cleanup').catch(() => {});
      expect((await deliverWebhook(env.app, SECRET, 'push', github.payloads.push(installation.id, websiteRepo!)).expect(202)).body.status).toBe('ignored');
    } finally {
      await page.close();
    }
  });

  it('explains a refused callback in words for people', { timeout: 60_000 }, async () => {
    const account = await signUp(env.app, 'Refused');
    const page = await browser.newPage();
    try {
      await logIn(page, account, `/github/setup?code=abc&installation_id=1&setup_action=install&state=${'x'.repeat(43)}`);
      const alert = page.getByRole('alert');
      await alert.getByText('The GitHub App was not linked').waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toMatch(/not one Argus issued.*Install the GitHub App.*Error ID/);
      expect(await alert.textContent()).not.toMatch(/\bat \w+ \(|node_modules/);
    } finally {
      await page.close();
    }
  });
});
