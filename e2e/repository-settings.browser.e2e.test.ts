import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recordArgusYmlSeen } from '@argus/db';
import { startPortalInBrowser, type PortalInBrowser } from './support/browser';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createTeam, signUp } from './support/github-app-flow';

// A repository's "Gate & rules" page (issue 16) in a real headless Chromium, on the built portal, against the real API.
let env: TestEnv;
let portal: PortalInBrowser;
let browser: Browser;

beforeAll(async () => {
  env = await createTestEnv();
  portal = await startPortalInBrowser(env.app);
  browser = portal.browser;
}, 180_000);

afterAll(async () => {
  await portal?.close();
  await env?.close();
});

const logIn = (page: Page, account: { email: string; password: string }, next: string) => portal.logIn(page, account, next);

describe('repository gate and rules in the portal', () => {
  it('lets an admin set the gate and turn a rule off, and says when .argus.yml takes precedence', { timeout: 120_000 }, async () => {
    const account = await signUp(env.app, 'Gatekeeper');
    const team = await createTeam(env.app, account.authHeader, 'Gates');
    const [repo] = await env.knex('repositories').insert({ workspaceId: team.id, provider: 'git', fullName: 'gates/api', cloneUrl: 'https://git.example.test/gates/api.git' }).returning('id');
    const page = await browser.newPage();
    try {
      // The page reads the repository by id; the API checks that the caller is a member of its workspace.
      await logIn(page, account, `/repositories/${repo.id}/settings`);
      await expect.poll(() => page.getByText('Nobody has changed the gate').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByTestId('gate-critical').inputValue()).toBe('0');
      expect(await page.getByTestId('gate-medium').inputValue()).toBe('');

      await page.getByTestId('gate-high').fill('3');
      await page.getByTestId('gate-secrets').fill('0');
      await page.getByTestId('gate-save').click();
      await expect.poll(() => page.getByText('Quality gate saved.').isVisible(), { timeout: 10_000 }).toBe(true);
      const stored = await env.knex('repository_analysis_settings').where({ repositoryId: repo.id }).first();
      expect(stored.gate).toMatchObject({ critical: 0, high: 3, secrets: 0, medium: null, low: null });

      // The rules of a language, with their documentation and a toggle each.
      await page.getByTestId('settings-rules-language').selectOption('python');
      await page.getByTestId('settings-rules-search').fill('S608');
      const rule = page.locator('[data-testid="settings-rule"][data-rule-id="ruff/S608"]');
      await expect.poll(() => rule.isVisible(), { timeout: 20_000 }).toBe(true);
      await rule.getByRole('button').first().click();
      await expect.poll(() => rule.getByTestId('rule-doc').isVisible()).toBe(true);
      expect(await rule.getByTestId('rule-toggle').isChecked()).toBe(true);
      await rule.getByTestId('rule-toggle').click();
      await expect.poll(async () => (await env.knex('repository_analysis_settings').where({ repositoryId: repo.id }).first()).rules).toEqual({ 'ruff/S608': 'off' });
      await expect.poll(() => rule.getByTestId('rule-toggle').isChecked()).toBe(false);

      // Once an analysis has seen an .argus.yml with a gate and a rule setting, the page says the file wins.
      await recordArgusYmlSeen(env.knex, repo.id, { file: '.argus.yml', commitSha: 'abcdef1234567890abcdef1234567890abcdef12', argusYml: { gate: { critical: 0, high: 1 }, rules: { 'ruff/S608': 'high' } } });
      await page.reload();
      await expect.poll(() => page.getByTestId('gate-from-argus-yml').textContent(), { timeout: 20_000 }).toMatch(/\.argus\.yml.*abcdef1.*high ≤ 1/s);
      await page.getByTestId('settings-rules-language').selectOption('python');
      await page.getByTestId('settings-rules-search').fill('S608');
      await expect.poll(() => rule.getByTestId('rule-set-in-file').textContent(), { timeout: 20_000 }).toMatch(/Severity high in \.argus\.yml/);
    } finally {
      await page.close();
    }
  });
});
