import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { seedFinishedRun } from './support/finished-run';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserAccount } from '../api/src/auth/accounts';
import { attachLiveUpdates } from '../api/src/live/live-updates';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';

const run = promisify(execFile);

// Issue 11 §1 and §4 in real headless Chromium: the built portal served as `npm start` serves it, in front of the
// real API (with live updates) on Postgres. Runs are seeded as finished through the db module; nothing is cloned.
let env: TestEnv;
let browser: Browser;
const servers: Server[] = [];
let portalUrl: string;
const PASSWORD = 'first-use-password-1';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'portal', 'dist', 'index.html'))) await run('npm', ['run', 'build', '-w', 'portal'], { cwd: ROOT });
  env = await createTestEnv();
  const api = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => api.once('listening', r));
  servers.push(api);
  const live = await attachLiveUpdates(api, env.deps);
  api.once('close', () => void live.close());
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
});

let people = 0;
async function newUser(name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${++people}-${Date.now()}@example.test`;
  return { ...(await createUserAccount(env.knex, { email, name, password: PASSWORD, emailVerified: true })), password: PASSWORD };
}

/** A fresh browser profile signed in as the user (through the API's login, as the login page would). */
async function signedIn(user: { email: string; password: string }, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const session = (await request(env.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200)).body;
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${portalUrl}/login`);
  await page.evaluate((s) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('argus.session', JSON.stringify(s)), session);
  return { context, page };
}

async function teamWithRun(owner: { id: string }, name: string, findings: Parameters<typeof seedFinishedRun>[1]['findings']) {
  const [team] = await env.knex('workspaces').insert({ name, slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}-${++people}`, kind: 'team', ownerId: owner.id }).returning('*');
  await env.knex('workspace_members').insert({ workspaceId: team.id, userId: owner.id, role: 'admin' });
  const [repo] = await env.knex('repositories').insert({ workspaceId: team.id, provider: 'git', fullName: `${team.slug}/app`, cloneUrl: `https://git.example.test/${team.slug}/app.git` }).returning('*');
  const runRow = await seedFinishedRun(env.knex, { workspaceId: team.id, repositoryId: repo.id, findings });
  return { team, repo, run: runRow };
}

const FINDINGS = [
  { ruleId: 'eslint/no-eval', path: 'src/run.js', tool: 'eslint', category: 'security', severity: 'high', isNew: true, message: 'eval can be harmful.' },
  { ruleId: 'eslint/eqeqeq', path: 'src/auth.js', tool: 'eslint', category: 'bug', severity: 'medium', message: 'Expected === and instead saw ==.' },
  { ruleId: 'ruff/S602', path: 'app/shell.py', tool: 'ruff', category: 'security', severity: 'medium', message: 'subprocess call with shell=True.' },
] as const;

/** The page's localStorage, typed for functions that run in the browser (this file compiles without the DOM library). */
type BrowserGlobals = { localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } };

/**
 * Run in the page: how far it is wider than the screen, and what sticks out (in one layout): the outermost wide
 * elements, absolutely positioned ones that escape a scrolling box, and text wider than its box.
 */
const MEASURE_OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const wide = (el) => !!el && el.getBoundingClientRect().right > width + 1;
  const clipped = (el) => !!el && el !== document.body && ((getComputedStyle(el).overflowX !== 'visible' && getComputedStyle(el).position !== 'static') || clipped(el.parentElement));
  const found = [...document.querySelectorAll('body *')].filter((el) => wide(el) && (!wide(el.parentElement) || getComputedStyle(el).position === 'absolute') && !clipped(el.parentElement));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right > width + 1 && node.parentElement && !clipped(node.parentElement)) found.push(node.parentElement);
  }
  return {
    overflow: document.documentElement.scrollWidth - width,
    sticksOut: found.slice(0, 5).map((el) => el.tagName.toLowerCase() + '.' + String(el.className).slice(0, 60) + ': ' + (el.textContent || '').slice(0, 40)),
  };
})()`;

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

describe('first use', () => {
  it('a new user gets a getting-started checklist (not "Welcome back" and zero counts) that opens the connect flow', { timeout: 120_000 }, async () => {
    const user = await newUser('Nina Newcomer');
    const page = await browser.newPage();
    await page.goto(`${portalUrl}/login`);
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.getByText('Welcome to Argus, Nina').waitFor({ timeout: 15_000 });
    expect(await page.getByText(/Welcome back/).count()).toBe(0);
    expect(await page.getByTestId('kpi-repositories').count()).toBe(0);
    for (const step of ['connect', 'analyze', 'invite']) expect(await page.getByTestId(`onboarding-step-${step}`).getAttribute('data-done')).toBe('false');

    await page.getByTestId('onboarding-connect').click();
    await page.waitForURL(/\/repositories/);
    const cloneUrl = page.getByLabel('Clone URL');
    await cloneUrl.waitFor();
    // The form enforces the API's limit, and the API's refusal reads as a sentence next to the field.
    expect(await cloneUrl.getAttribute('maxlength')).toBe('2000');
    await cloneUrl.fill('file:///etc/passwd');
    await page.getByTestId('connect-repository-submit').click();
    const fieldMessage = page.locator('[id$="-error"]').first();
    await fieldMessage.waitFor();
    const message = (await fieldMessage.textContent())!;
    expect(message).toMatch(/^[A-Z].*\.$/);
    expect(message).not.toMatch(/ARGUS_|body\.|\/api\//);
    await page.close();
  });

  it('lands in the workspace with runs, then in the one last used, and switches to a team as it is created', { timeout: 120_000 }, async () => {
    const user = await newUser('Dana Demo');
    const { team } = await teamWithRun(user, 'Demo Team', [...FINDINGS]);
    const { context, page } = await signedIn(user);
    await page.goto(portalUrl);
    await page.getByText('You are working in Demo Team.').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('workspace-switcher').inputValue()).toBe(team.id);

    await page.getByTestId('workspace-switcher').selectOption(user.personalWorkspaceId);
    await page.getByText('Welcome to Argus, Dana').waitFor();
    await page.reload();
    await page.getByText(`You are working in Dana Demo's workspace.`).waitFor();

    await page.goto(`${portalUrl}/teams`);
    await page.getByTestId('team-name').fill('Rocket Squad');
    await page.getByTestId('team-create').click();
    await page.waitForURL(/\/teams\/[0-9a-f-]{36}/);
    const created = /\/teams\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect.poll(() => page.getByTestId('workspace-switcher').inputValue(), { timeout: 10_000 }).toBe(created);
    await context.close();
  });

  it('an invitation link says what it invites to, and joining switches to the team; its activity log shows names', { timeout: 120_000 }, async () => {
    const admin = await newUser('Ada Admin');
    const invitee = await newUser('Ivan Invitee');
    const { team } = await teamWithRun(admin, 'Orbit Team', [...FINDINGS]);
    const adminToken = (await request(env.app).post('/api/auth/login').send({ email: admin.email, password: PASSWORD }).expect(200)).body.accessToken;
    await request(env.app).post(`/api/teams/${team.id}/members`).set('authorization', `Bearer ${adminToken}`).send({ email: invitee.email, role: 'developer' }).expect(201);
    const mail = await env.knex('outbox_emails').where({ toAddress: invitee.email }).orderBy('createdAt', 'desc').first();
    const link = /(https?:\/\/\S+\/invitations\/accept\?token=\S+)/.exec(mail.textBody)![1]!;

    const { context, page } = await signedIn(invitee);
    await page.goto(`${portalUrl}${new URL(link).pathname}${new URL(link).search}`);
    const preview = page.getByTestId('invitation-preview');
    await preview.waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Join Orbit Team' }).waitFor();
    expect(await preview.textContent()).toMatch(/Ada Admin invited .* to join the team Orbit Team on Argus as Developer/);
    // Opening the link accepted nothing.
    expect((await env.knex('workspace_members').where({ workspaceId: team.id, userId: invitee.id })).length).toBe(0);
    await page.getByTestId('invitation-accept').click();
    await page.waitForURL(new RegExp(`/teams/${team.id}`));
    await expect.poll(() => page.getByTestId('workspace-switcher').inputValue(), { timeout: 10_000 }).toBe(team.id);
    await context.close();

    const adminView = await signedIn(admin);
    await adminView.page.goto(`${portalUrl}/teams/${team.id}/activity`);
    await adminView.page.getByText('Invited someone').first().waitFor({ timeout: 15_000 });
    await adminView.page.getByText('Accepted an invitation').first().waitFor();
    const resources = await adminView.page.getByTestId('activity-resource').allTextContents();
    expect(resources.some((r) => r.includes(invitee.email))).toBe(true);
    expect(resources.filter((r) => UUID.test(r))).toEqual([]);
    await adminView.context.close();
  });
});

describe('findings and fixes', () => {
  it('triage changes the run’s counts at once, on this page and on another page open on the run, and opening a finding asks nothing that 404s', { timeout: 120_000 }, async () => {
    const user = await newUser('Theo Triage');
    const { run: seeded } = await teamWithRun(user, 'Triage Team', [...FINDINGS]);
    const { context, page } = await signedIn(user);
    const other = await context.newPage();
    const notFound: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404 && r.url().includes('/api/')) notFound.push(r.url());
    });
    await page.goto(`${portalUrl}/runs/${seeded.id}`);
    await other.goto(`${portalUrl}/runs/${seeded.id}`);
    await expect.poll(() => text(page, 'summary-open'), { timeout: 15_000 }).toBe('3');
    await expect.poll(() => text(other, 'summary-open'), { timeout: 15_000 }).toBe('3');
    expect(await text(page, 'summary-triaged')).toBe('0');

    const row = page.locator('tr', { hasText: 'eslint/no-eval' }).first();
    await row.getByTestId('finding-toggle').click();
    await page.getByTestId('fix-panel').waitFor();
    await page.getByTestId('fix-none').waitFor();
    await page.getByRole('button', { name: 'False positive' }).click();

    // This page, without a reload; the other page, through the live socket; and after a reload.
    await expect.poll(() => text(page, 'summary-open'), { timeout: 10_000 }).toBe('2');
    expect(await text(page, 'summary-triaged')).toBe('1');
    await expect.poll(() => text(other, 'summary-open'), { timeout: 10_000 }).toBe('2');
    await page.reload();
    await expect.poll(() => text(page, 'summary-open'), { timeout: 15_000 }).toBe('2');
    expect(notFound).toEqual([]);
    await context.close();
  });

  it('say before anyone clicks which have a built-in fix, and providers without a key cannot be picked', { timeout: 120_000 }, async () => {
    const user = await newUser('Fiona Fixer');
    const { run: seeded } = await teamWithRun(user, 'Fix Team', [...FINDINGS]);
    const { context, page } = await signedIn(user);
    await page.goto(`${portalUrl}/runs/${seeded.id}`);
    const fixable = page.locator('tr', { hasText: 'eslint/eqeqeq' }).first();
    await fixable.waitFor({ timeout: 15_000 });
    expect(await fixable.getByTestId('finding-builtin-fix').count()).toBe(1);
    expect(await page.locator('tr', { hasText: 'eslint/no-eval' }).first().getByTestId('finding-builtin-fix').count()).toBe(0);

    await fixable.getByTestId('finding-toggle').click();
    await page.getByTestId('fix-generate').waitFor();
    expect(await text(page, 'fix-builtin-availability')).toBe('Has a fix for this rule.');
    expect(await page.getByTestId('fix-provider-builtin').isChecked()).toBe(true);
    // No Groq or Anthropic key in this workspace (nor in the test environment): not selectable.
    await expect.poll(() => page.getByTestId('fix-provider-groq').isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('fix-provider-anthropic').isDisabled()).toBe(true);
    expect(await page.getByTestId('fix-generate').textContent()).not.toMatch(/\/api\/|_API_KEY/);
    await context.close();
  });

  it('a fix whose branch went to a plain git remote reads "Branch pushed", not "PR open"', { timeout: 120_000 }, async () => {
    const user = await newUser('Pat Pusher');
    const { run: seeded, repo, team } = await teamWithRun(user, 'Push Team', [...FINDINGS]);
    const findings = await env.knex('findings').where({ runId: seeded.id }).orderBy('ruleId');
    const base = { runId: seeded.id, workspaceId: team.id, repositoryId: repo.id, provider: 'builtin', status: 'pr_open', patch: '--- a/x\n+++ b/x\n', prOpenedAt: new Date() };
    const branchOnly = findings.find((f) => f.ruleId === 'eslint/eqeqeq')!;
    const withPr = findings.find((f) => f.ruleId === 'eslint/no-eval')!;
    await env.knex('fixes').insert([
      { ...base, findingId: branchOnly.id, workflowId: `fix-${branchOnly.id}-builtin`, prBranch: 'argus/fix-branch-only' },
      { ...base, findingId: withPr.id, workflowId: `fix-${withPr.id}-builtin`, prBranch: 'argus/fix-with-pr', prUrl: 'https://github.example.test/acme/app/pull/7', prNumber: 7 },
    ]);
    const { context, page } = await signedIn(user);
    await page.goto(`${portalUrl}/runs/${seeded.id}`);
    const fixes = page.getByTestId('run-fixes');
    await fixes.locator('tr', { hasText: 'eslint/eqeqeq' }).getByTestId('fix-status').waitFor({ timeout: 15_000 });
    expect(await fixes.locator('tr', { hasText: 'eslint/eqeqeq' }).getByTestId('fix-status').textContent()).toBe('Branch pushed');
    expect(await fixes.locator('tr', { hasText: 'eslint/no-eval' }).getByTestId('fix-status').textContent()).toBe('PR open');
    await page.locator('tr', { hasText: 'Expected === and instead saw ==' }).getByTestId('finding-toggle').click();
    const panel = page.getByTestId('fix-panel');
    await panel.getByTestId('fix-pr').waitFor();
    expect(await panel.getByTestId('fix-status').first().textContent()).toBe('Branch pushed');
    expect(await panel.getByTestId('fix-pr').textContent()).not.toContain('Open');
    await context.close();
  });
});

describe('the account page', () => {
  it('changes the name, the e-mail address (after confirmation) and the password, ends sessions, and deletes the account after saying what goes', { timeout: 120_000 }, async () => {
    const user = await newUser('Alex Account');
    const page = await browser.newPage();
    await page.goto(`${portalUrl}/login`);
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-link').waitFor({ timeout: 15_000 });
    // Another session, elsewhere.
    const elsewhere = (await request(env.app).post('/api/auth/login').set('user-agent', 'Mozilla/5.0 (Windows NT 10.0) Firefox/128.0').send({ email: user.email, password: PASSWORD }).expect(200)).body;

    await page.getByTestId('account-link').click();
    await page.waitForURL(/\/account$/);
    await page.getByTestId('account-session-current').waitFor();
    await expect.poll(() => page.locator('tr[data-testid^="account-session-"]').count()).toBe(2);
    expect(await page.locator('tr', { hasText: 'Firefox on Windows' }).count()).toBe(1);

    // Name.
    await page.getByTestId('account-name').fill('Alexandra Account');
    await page.getByTestId('account-name-save').click();
    await page.getByTestId('account-link').getByText('Alexandra Account').waitFor();

    // E-mail: a wrong password is a message at the password field; then a link goes to the new address.
    const newEmail = `alexandra-${Date.now()}@example.test`;
    await page.getByTestId('account-new-email').fill(newEmail);
    await page.getByTestId('account-email-password').fill('not my password');
    await page.getByTestId('account-email-submit').click();
    await page.getByText('Is not your current password.').waitFor();
    await page.getByTestId('account-email-password').fill(PASSWORD);
    await page.getByTestId('account-email-submit').click();
    await page.getByTestId('account-pending-email').getByText(newEmail).waitFor();
    expect((await env.knex('users').where({ id: user.id }).first()).email).toBe(user.email);
    expect(await env.knex('outbox_emails').where({ toAddress: newEmail }).first()).toBeTruthy();

    // Password: the other session ends, this one goes on.
    const newPassword = 'a-brand-new-password-42';
    await page.getByTestId('account-current-password').fill(PASSWORD);
    await page.getByTestId('account-new-password').fill(newPassword);
    await page.getByTestId('account-confirm-password').fill(newPassword);
    await page.getByTestId('account-password-submit').click();
    await page.getByText('Your password was changed.').waitFor();
    await request(env.app).post('/api/auth/refresh').send({ refreshToken: elsewhere.refreshToken }).expect(401);
    // The change ends this session's access token too: the page refreshes it on its next call (the sessions
    // list refetch). Reloading before that refresh has answered would lose the rotated refresh token.
    await expect.poll(() => page.locator('tr[data-testid^="account-session-"]').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('account-session-current').waitFor({ timeout: 15_000 });
    await page.reload();
    await page.getByTestId('account-session-current').waitFor({ timeout: 15_000 });
    expect(await page.locator('tr[data-testid^="account-session-"]').count()).toBe(1);

    // A session ended from here.
    await request(env.app).post('/api/auth/login').send({ email: user.email, password: newPassword }).expect(200);
    await page.reload();
    await expect.poll(() => page.locator('tr[data-testid^="account-session-"]').count(), { timeout: 15_000 }).toBe(2);
    await page.getByTestId('account-session-end').click();
    await expect.poll(() => page.locator('tr[data-testid^="account-session-"]').count()).toBe(1);

    // Deleting says what happens to the data first, and needs the address typed and the password.
    await page.getByTestId('account-delete-open').click();
    const dialog = page.getByRole('dialog');
    const consequences = (await dialog.getByTestId('account-delete-consequences').textContent())!;
    expect(consequences).toMatch(/workspace \(your personal workspace\) is deleted, with all its repositories, runs, findings, fixes and API tokens/);
    expect(await dialog.getByTestId('account-delete-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('account-delete-email').fill(user.email);
    await dialog.getByTestId('account-delete-password').fill(newPassword);
    await dialog.getByTestId('account-delete-confirm').click();
    await page.getByText('Your account was deleted').waitFor({ timeout: 15_000 });
    expect(page.url()).toContain('/login');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).localStorage.getItem('argus.session'))).toBeNull();
    expect(await env.knex('users').where({ id: user.id }).first()).toBeUndefined();
    expect(await env.knex('workspaces').where({ id: user.personalWorkspaceId }).first()).toBeUndefined();
    await page.close();
  });
});

describe('everywhere', () => {
  it('relative times refresh without a reload', { timeout: 120_000 }, async () => {
    const user = await newUser('Rita Relative');
    await teamWithRun(user, 'Clock Team', [...FINDINGS]);
    const { context, page } = await signedIn(user);
    await page.clock.install({ time: new Date() });
    await page.goto(`${portalUrl}/runs`);
    const time = page.getByTestId('relative-time').first();
    await time.waitFor({ timeout: 15_000 });
    const before = (await time.textContent())!;
    expect(before).toMatch(/now|second/);
    await page.clock.fastForward('03:10');
    await expect.poll(() => time.textContent(), { timeout: 5000 }).toBe('3 minutes ago');
    await context.close();
  });

  it('the layout fits a phone-sized screen, with the navigation behind a menu', { timeout: 120_000 }, async () => {
    const user = await newUser('Mo Mobile');
    const { run: seeded, team } = await teamWithRun(user, 'Pocket Team', [...FINDINGS]);
    const { context, page } = await signedIn(user, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const measure = () => page.evaluate<{ overflow: number; sticksOut: string[] }>(MEASURE_OVERFLOW);
    for (const [route, ready] of [
      ['/', 'You are working in Pocket Team.'],
      [`/runs/${seeded.id}`, 'Open by severity'],
      ['/runs', 'Started'],
      ['/repositories', 'Connect repository'],
      [`/teams/${team.id}/activity`, 'Export CSV'],
      ['/account', 'Where you are signed in'],
    ] as const) {
      await page.goto(`${portalUrl}${route}`);
      await page.getByText(ready).first().waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      let last = await measure();
      // Settled layout only: charts and tables may be measured once more after their data arrives.
      await expect.poll(async () => (last = await measure()).overflow, { timeout: 5000, message: `${route} is wider than the screen: ${last.sticksOut.join(' | ')}` }).toBeLessThanOrEqual(0);
    }
    const runsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' });
    expect(await runsLink.isVisible()).toBe(false);
    await page.getByTestId('menu-toggle').click();
    await runsLink.click();
    await page.waitForURL(/\/runs$/);
    await expect.poll(() => runsLink.isVisible()).toBe(false);
    await context.close();
  });
});
