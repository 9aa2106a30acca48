import { existsSync, mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserAccount } from '../api/src/auth/accounts';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';

// The ops console's Search page in real headless Chromium (e2e/support/browser.ts) against the built console,
// served as `npm start` serves it, in front of the real API and Postgres: one query finds a customer, their team
// workspace, its subscription, an invoice and a ticket, each linking to its show page; the empty state; the error
// state (a query the API refuses); and a billing admin, who sees the types their role opens only.
// Screenshots go to SCREENSHOTS (printed at the end).
const SCREENSHOTS = path.join(os.tmpdir(), 'argus-console-search');
let env: TestEnv;
let browser: Browser;
const servers: Server[] = [];
let adminUrl: string;
const staff = { email: 'search-staff@example.test', password: 'console-search-password-1', name: 'Sue Super' };
const billing = { email: 'search-billing@example.test', password: 'console-search-password-2', name: 'Bea Billing' };
const ids: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  env = await createTestEnv();
  const staffUser = await createUserAccount(env.knex, { ...staff, emailVerified: true });
  // A super admin searches every type; a billing admin users, workspaces, subscriptions and invoices (no tickets).
  await env.knex('staff_grants').insert({ userId: staffUser.id, role: 'super_admin', grantedBySystem: 'console search browser test' });
  const billingUser = await createUserAccount(env.knex, { ...billing, emailVerified: true });
  await env.knex('staff_grants').insert({ userId: billingUser.id, role: 'billing_admin', grantedBySystem: 'console search browser test' });

  ids.user = (await createUserAccount(env.knex, { email: 'quillon.customer@example.test', password: 'console-search-password-3', name: 'Quillon Customer', emailVerified: true })).id;
  const [team] = await env.knex('workspaces').insert({ name: 'Quillon Robotics', slug: 'quillon-robotics', kind: 'team', ownerId: ids.user }).returning('id');
  ids.workspace = team.id;
  await env.knex('workspace_members').insert({ workspaceId: team.id, userId: ids.user, role: 'admin' });
  const [tier] = await env.knex('subscription_tier').where({ name: 'professional' }).select('id');
  const [subscription] = await env
    .knex('subscription')
    .insert({ workspaceId: team.id, tierId: tier.id, periodTierId: tier.id, billingEmail: 'ap@quillon.example.test', currentPeriodStart: new Date(Date.now() - 86_400_000), currentPeriodEnd: new Date(Date.now() + 86_400_000) })
    .returning('id');
  ids.subscription = subscription.id;
  const [invoice] = await env
    .knex('invoice')
    .insert({ subscriptionId: subscription.id, workspaceId: team.id, tierId: tier.id, billingPeriodStart: new Date(Date.now() - 40 * 86_400_000), billingPeriodEnd: new Date(Date.now() - 86_400_000), subtotalCents: 9900, totalCents: 9900, status: 'paid' })
    .returning('id');
  ids.invoice = invoice.id;
  const [ticket] = await env.knex('support_ticket').insert({ workspaceId: team.id, userId: ids.user, subject: 'Quillon cannot see its runs', description: 'Since Monday the runs page is empty.' }).returning('id');
  ids.ticket = ticket.id;

  const api = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => api.once('listening', r));
  servers.push(api);
  const apiPort = (api.address() as { port: number }).port;
  const adminPort = await freePort();
  servers.push(await serveSite({ name: 'admin', distDir: path.join(ROOT, 'admin-ui', 'dist'), port: adminPort, apiPort }));
  adminUrl = `http://127.0.0.1:${adminPort}`;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await env?.close();
  console.info(`console search screenshots: ${SCREENSHOTS}`);
});

async function shot(page: Page, name: string) {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(existsSync(file) && statSync(file).size > 1000).toBe(true);
}

async function consoleLogin(page: Page, who: { email: string; password: string }) {
  await page.goto(adminUrl);
  await page.locator('input[name="username"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.locator('button[type="submit"]').click();
  await page.getByRole('menuitem', { name: 'Search' }).waitFor({ timeout: 20_000 });
}

/** The console routes in the URL's hash (react-admin's hash router): its path and query, as a URL. */
const route = (page: Page) => new URL(new URL(page.url()).hash.replace(/^#/, '') || '/', 'http://console.test');

async function searchFor(page: Page, q: string) {
  await page.getByTestId('staff-search-input').fill(q);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

describe('the console’s search page', () => {
  it('finds a customer’s user, workspace, subscription, invoice and ticket, each linking to its page', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await consoleLogin(page, staff);
    await page.getByRole('menuitem', { name: 'Search' }).click();
    await page.getByTestId('staff-search-prompt').waitFor();
    await searchFor(page, 'quillon');
    await expect.poll(() => route(page).searchParams.get('q')).toBe('quillon');

    const expected: [string, string, string][] = [
      ['user', 'Quillon Customer', `/users/${ids.user}/show`],
      ['workspace', 'Quillon Robotics', `/workspaces/${ids.workspace}/show`],
      ['subscription', 'Quillon Robotics · ', `/subscriptions/${ids.subscription}/show`],
      ['invoice', ' · Quillon Robotics', `/invoices/${ids.invoice}/show`],
      ['ticket', 'Quillon cannot see its runs', `/tickets/${ids.ticket}/show`],
    ];
    for (const [type, text, href] of expected) {
      const link = page.getByTestId(`staff-search-${type}`).locator(`a[href="#${href}"]`);
      await link.waitFor();
      expect(await link.innerText()).toContain(text);
      // The match is marked.
      expect((await link.locator('mark').allInnerTexts()).map((t) => t.toLowerCase())).toContain('quillon');
    }
    await shot(page, '01-console-search-results');

    // A hit opens the resource's show page.
    await page.getByTestId('staff-search-workspace').locator(`a[href="#/workspaces/${ids.workspace}/show"]`).click();
    await expect.poll(() => route(page).pathname).toBe(`/workspaces/${ids.workspace}/show`);
    await page.getByText('quillon-robotics').first().waitFor();
    await page.goBack();
    await page.getByTestId('staff-search-ticket').locator(`a[href="#/tickets/${ids.ticket}/show"]`).click();
    await expect.poll(() => route(page).pathname).toBe(`/tickets/${ids.ticket}/show`);
    await page.getByText('Quillon cannot see its runs').first().waitFor();
    await page.close();
  });

  it('says so when nothing matches, and when the search fails', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await consoleLogin(page, staff);
    await page.goto(`${adminUrl}/#/search?q=${encodeURIComponent('zzqx-nothing-like-this')}`);
    await page.getByTestId('staff-search-empty').getByText('Nothing matches “zzqx-nothing-like-this”').waitFor();
    await shot(page, '02-console-search-empty');
    // Longer than the API takes (200 characters): a 400, shown with the API's reason, and the page keeps working.
    await searchFor(page, 'q'.repeat(201));
    const error = page.getByTestId('staff-search-error');
    await error.getByText(/The search failed: .+/).waitFor();
    await shot(page, '03-console-search-error');
    await searchFor(page, 'Quillon Robotics');
    await page.getByTestId('staff-search-workspace').locator(`a[href="#/workspaces/${ids.workspace}/show"]`).waitFor();
    await expect.poll(() => error.count()).toBe(0);
    await page.close();
  });

  it('shows a billing admin only the types their role opens', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await consoleLogin(page, billing);
    await page.getByRole('menuitem', { name: 'Search' }).click();
    await searchFor(page, 'quillon');
    await page.getByTestId('staff-search-invoice').locator(`a[href="#/invoices/${ids.invoice}/show"]`).waitFor();
    await page.getByTestId('staff-search-subscription').waitFor();
    expect(await page.getByTestId('staff-search-ticket').count()).toBe(0);
    await page.close();
  });
});
