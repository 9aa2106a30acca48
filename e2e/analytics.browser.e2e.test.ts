import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPortalInBrowser, type PortalInBrowser } from './support/browser';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createTeam, signUp } from './support/github-app-flow';
import { daysAgo, seedRunOnDay } from './support/analytics';

// The Analytics page and a repository's overview in a real headless Chromium, on the built portal served as
// `npm start` serves it, against the real API and Postgres, with history seeded through the db module.
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

const F = (ruleId: string, path: string, category: 'security' | 'bug' | 'style', severity: 'high' | 'medium' | 'low') => ({ ruleId, path, category, severity, tool: ruleId.split('/')[0]!, fingerprint: `${ruleId}|${path}` });

describe('analytics in the portal', () => {
  it('shows an empty state, then KPIs, the score with its drivers, charts and a repository overview', { timeout: 120_000 }, async () => {
    const account = await signUp(env.app, 'Analyst');
    const page = await browser.newPage();
    try {
      await logIn(page, account, '/analytics');
      await expect.poll(() => page.getByText('Nothing to chart yet').isVisible(), { timeout: 20_000 }).toBe(true);

      const team = await createTeam(env.app, account.authHeader, 'Charts');
      const [repo] = await env.knex('repositories').insert({ workspaceId: team.id, provider: 'git', fullName: 'charts/api', cloneUrl: 'https://git.example.test/charts/api.git' }).returning('id');
      const base = await seedRunOnDay(env.knex, { workspaceId: team.id, repositoryId: repo.id, day: daysAgo(12), linesOfCode: 1000, findings: [F('eslint/no-eval', 'src/auth.ts', 'security', 'high'), F('eslint/eqeqeq', 'src/a.ts', 'bug', 'medium')] });
      await seedRunOnDay(env.knex, { workspaceId: team.id, repositoryId: repo.id, day: daysAgo(3), linesOfCode: 1000, comparedToRunId: base.id, findings: [F('eslint/eqeqeq', 'src/a.ts', 'bug', 'medium'), F('ruff/E501', 'app/x.py', 'style', 'low')] });

      // The workspace switcher remembers the current workspace per user.
      await page.evaluate(`localStorage.setItem(${JSON.stringify(`argus.workspace.${account.userId}`)}, ${JSON.stringify(team.id)})`);
      await page.goto(`${portal.portalUrl}/analytics`);
      await expect.poll(() => page.getByTestId('kpi-runs').textContent(), { timeout: 20_000 }).toMatch(/Analyses\s*2/);
      expect(await page.getByTestId('analytics-health-score').textContent()).toMatch(/^88/);
      expect(await page.getByText('C because 1 medium reliability finding in src/a.ts').first().isVisible()).toBe(true);
      expect(await page.getByTestId('health-trend').first().textContent()).toMatch(/Improving/);
      // Tremor draws the charts as SVG.
      await expect.poll(() => page.locator('.recharts-surface').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      expect(await page.getByTestId('analytics-projects').textContent()).toContain('charts/api');

      // Another window: the presets refetch.
      await page.getByRole('button', { name: '7 days' }).click();
      await expect.poll(() => page.getByTestId('kpi-runs').textContent()).toMatch(/Analyses\s*1/);

      await page.getByRole('link', { name: 'charts/api' }).click();
      await expect.poll(() => page.getByTestId('overview-health-score').textContent(), { timeout: 20_000 }).toMatch(/^88/);
      expect(await page.locator('[aria-label="Reliability rating C"]').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('issue-browser').textContent()).toContain('ruff/E501');
      await page.getByRole('button', { name: 'ruff/E501' }).click();
      await expect.poll(() => page.getByText('app/x.py:2').isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('overview-runs').locator('li').count()).toBe(2);
    } finally {
      await page.close();
    }
  });

  it('shows the API’s error with a retry when analytics cannot load', { timeout: 60_000 }, async () => {
    const account = await signUp(env.app, 'Unlucky');
    const page = await browser.newPage();
    try {
      await page.route('**/api/analytics/dashboard**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'The analytics store is restarting.', errorId: 'err-analytics-1' }) }));
      await logIn(page, account, '/analytics');
      await expect.poll(() => page.getByText('The analytics store is restarting.').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByText('err-analytics-1').isVisible()).toBe(true);
      await page.unroute('**/api/analytics/dashboard**');
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => page.getByText('Nothing to chart yet').isVisible(), { timeout: 20_000 }).toBe(true);
    } finally {
      await page.close();
    }
  });
});
