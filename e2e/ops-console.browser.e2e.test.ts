import { existsSync, mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserAccount } from '../api/src/auth/accounts';
import { attachLiveUpdates } from '../api/src/live/live-updates';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';

// The ops console's main pages in real headless Chromium (e2e/support/browser.ts) against the built console and
// portal, served as `npm start` serves them, in front of the real API and Postgres: a user suspended from the
// console, a ticket conversation between the portal and the console, maintenance mode on and off, the billing pages
// (subscriptions by tier, a new tier, an invoice's payment retry), Settings, and the audit trail's "as <customer>".
// Screenshots go to SCREENSHOTS (printed at the end).
const SCREENSHOTS = path.join(os.tmpdir(), 'argus-ops-console');
let env: TestEnv;
let browser: Browser;
const servers: Server[] = [];
let portalUrl: string;
let adminUrl: string;
const customer = { email: 'ops-customer@example.test', password: 'ops-browser-password-1', name: 'Olive Customer' };
const staff = { email: 'ops-staff@example.test', password: 'ops-browser-password-2', name: 'Sam Support' };
let customerId: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  env = await createTestEnv();
  customerId = (await createUserAccount(env.knex, { ...customer, emailVerified: true })).id;
  const staffUser = await createUserAccount(env.knex, { ...staff, emailVerified: true });
  await env.knex('staff_grants').insert({ userId: staffUser.id, role: 'super_admin', grantedBySystem: 'ops console browser test' });
  const api = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => api.once('listening', r));
  servers.push(api);
  const live = await attachLiveUpdates(api, env.deps);
  api.once('close', () => void live.close());
  const apiPort = (api.address() as { port: number }).port;
  const portalPort = await freePort();
  const adminPort = await freePort();
  servers.push(await serveSite({ name: 'portal', distDir: path.join(ROOT, 'portal', 'dist'), port: portalPort, apiPort }));
  servers.push(await serveSite({ name: 'admin', distDir: path.join(ROOT, 'admin-ui', 'dist'), port: adminPort, apiPort }));
  portalUrl = `http://127.0.0.1:${portalPort}`;
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
  console.info(`ops console screenshots: ${SCREENSHOTS}`);
});

async function shot(page: Page, name: string) {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(existsSync(file) && statSync(file).size > 1000).toBe(true);
}

async function consoleLogin(page: Page) {
  await page.goto(adminUrl);
  await page.locator('input[name="username"]').fill(staff.email);
  await page.locator('input[name="password"]').fill(staff.password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('metric-Users').waitFor({ timeout: 20_000 });
}

async function portalLogin(page: Page) {
  await page.goto(`${portalUrl}/login`);
  await page.getByTestId('login-email').fill(customer.email);
  await page.getByTestId('login-password').fill(customer.password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('link', { name: 'Support' }).first().waitFor({ timeout: 20_000 });
}

describe('the ops console in a browser', () => {
  it('shows key metrics and suspends (then reactivates) a user with a stated reason', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await consoleLogin(page);
    // The runs chart of the last 14 days (nothing has run yet here: its empty state; the numbers are tested in
    // api/src/admin/dashboard/dashboard.e2e.test.ts).
    await page.getByTestId('runs-per-day').getByText('Runs, last 14 days').waitFor();
    await page.getByTestId('runs-per-day').getByText('No analysis ran in the last 14 days.').waitFor();
    await shot(page, '01-dashboard');

    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.locator('tr', { hasText: customer.email }).click();
    await page.getByText(`User ${customer.email}`).waitFor();
    await page.getByRole('button', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Every session and API token of the account stops working at once').waitFor();
    // Confirming needs a reason.
    await expect.poll(() => dialog.getByRole('button', { name: 'Suspend' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason/).fill('Chargeback fraud report #77');
    await shot(page, '02-user-suspend-confirmation');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText(`${customer.email} is suspended.`).waitFor();
    await expect.poll(async () => (await env.knex('users').where({ id: customerId }).first()).status).toBe('suspended');
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    await shot(page, '03-user-suspended');
    const entry = await env.knex('activity_log').where({ action: 'user.suspended', resourceId: customerId }).first();
    expect(entry.after).toMatchObject({ reason: 'Chargeback fraud report #77' });

    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText(`${customer.email} is active again.`).waitFor();
    await expect.poll(async () => (await env.knex('users').where({ id: customerId }).first()).status).toBe('active');
    await page.close();
  });

  it('a ticket conversation: opened in the portal, assigned and answered in the console, read and closed in the portal', { timeout: 150_000 }, async () => {
    const portal = await browser.newPage();
    await portalLogin(portal);
    await portal.getByRole('link', { name: 'Support' }).first().click();
    await portal.getByRole('button', { name: 'New ticket' }).first().click();
    await portal.getByLabel('Subject').fill('Quality gate fails on a clean commit');
    await portal.getByLabel('What happened?').fill('Since this morning every run fails the gate although nothing changed.');
    await portal.getByLabel('Priority').selectOption('high');
    await portal.getByRole('button', { name: 'Open ticket' }).click();
    await portal.getByRole('heading', { name: /Quality gate fails on a clean commit/ }).waitFor();
    const ticketUrl = portal.url();
    expect(ticketUrl).toMatch(/\/support\/[0-9a-f-]{36}$/);

    const console_ = await browser.newPage();
    await consoleLogin(console_);
    await console_.getByRole('menuitem', { name: 'Support tickets' }).click();
    await console_.locator('tr', { hasText: 'Quality gate fails on a clean commit' }).click();
    await console_.getByRole('button', { name: 'Assign to me' }).click();
    await console_.getByText('Assigned to you.').waitFor();
    await console_.getByLabel('Internal note (staff only, not mailed)').check();
    await console_.getByLabel('Internal note').last().fill('Probably the stale baseline again.');
    await console_.getByRole('button', { name: 'Add note' }).click();
    await console_.getByText('Note added.').waitFor();
    await console_.getByLabel('Internal note (staff only, not mailed)').uncheck();
    await console_.getByLabel('Reply to the customer (sent by mail)').fill('We rebuilt your baseline; the next run passes the gate.');
    await console_.getByRole('button', { name: 'Send reply' }).click();
    await console_.getByText('Reply sent; the customer was mailed.').waitFor();
    await expect.poll(() => console_.getByTestId('ticket-message').count()).toBe(2);
    await shot(console_, '04-console-ticket-conversation');
    expect(await env.knex('outbox_emails').where({ toAddress: customer.email, template: 'support-ticket-reply' })).toHaveLength(1);

    await portal.reload();
    await portal.getByText('We rebuilt your baseline; the next run passes the gate.').waitFor();
    expect(await portal.getByText('Probably the stale baseline again.').count()).toBe(0);
    await portal.getByLabel('Your message').fill('Confirmed, it passes now. Thanks!');
    await portal.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => portal.getByTestId('ticket-message').count()).toBe(2);
    await portal.getByRole('button', { name: 'Close ticket' }).first().click();
    await portal.getByRole('dialog').getByRole('button', { name: 'Close ticket' }).click();
    await portal.getByText('This ticket is closed').waitFor();
    await shot(portal, '05-portal-ticket-closed');

    await console_.reload();
    await console_.getByText('Confirmed, it passes now. Thanks!').waitFor();
    await console_.getByText('The ticket is closed: only internal notes can be added.').waitFor();
    await portal.close();
    await console_.close();
  });

  it('switches maintenance mode on (the portal shows the banner and refuses changes) and off again', { timeout: 120_000 }, async () => {
    const console_ = await browser.newPage();
    await consoleLogin(console_);
    await console_.getByRole('menuitem', { name: 'System', exact: true }).click();
    await console_.getByTestId('system-health-postgres').waitFor({ timeout: 20_000 });
    await console_.getByTestId('maintenance-card').getByLabel('Maintenance mode').click();
    await console_.getByRole('dialog').getByLabel('Message for customers').fill('Database upgrade until 02:00 UTC.');
    await console_.getByRole('dialog').getByRole('button', { name: 'Switch on' }).click();
    await console_.getByText('Maintenance mode is on.').waitFor();
    await console_.getByTestId('maintenance-card').getByText('Database upgrade until 02:00 UTC.').waitFor();
    await shot(console_, '06-console-maintenance-on');

    const portal = await browser.newPage();
    await portalLogin(portal);
    await portal.getByTestId('maintenance-banner').getByText('Database upgrade until 02:00 UTC.').waitFor({ timeout: 20_000 });
    // Reading works; a change is refused with the maintenance message.
    await portal.getByRole('link', { name: 'Support' }).first().click();
    await portal.getByRole('link', { name: 'Quality gate fails on a clean commit' }).waitFor();
    await portal.getByRole('button', { name: 'New ticket' }).first().click();
    await portal.getByLabel('Subject').fill('During maintenance');
    await portal.getByLabel('What happened?').fill('Trying to write.');
    await portal.getByRole('button', { name: 'Open ticket' }).click();
    await portal.getByRole('alert').filter({ hasText: 'Database upgrade until 02:00 UTC.' }).first().waitFor();
    await shot(portal, '07-portal-maintenance-banner');
    expect(await env.knex('support_ticket').where({ subject: 'During maintenance' })).toHaveLength(0);

    await console_.getByTestId('maintenance-card').getByLabel('Maintenance mode').click();
    await console_.getByRole('dialog').getByRole('button', { name: 'Switch off' }).click();
    await console_.getByText('Maintenance mode is off.').waitFor();
    await shot(console_, '08-console-maintenance-off');
    await portal.reload();
    await portal.getByRole('link', { name: 'Support' }).first().waitFor();
    await expect.poll(() => portal.getByTestId('maintenance-banner').count(), { timeout: 10_000 }).toBe(0);
    await portal.close();
    await console_.close();
  });
  it('billing pages: subscriptions by tier, a new tier, retrying an invoice; Settings; the audit trail shows "as <customer>"', { timeout: 150_000 }, async () => {
    const staffId = (await env.knex('users').where({ email: staff.email }).first('id')).id as string;
    const tier = async (name: string) => (await env.knex('subscription_tier').where({ name }).first('id')).id as string;
    const pro = await tier('professional');
    const [ws] = await env.knex('workspaces').insert({ name: 'Acme Billing', slug: 'acme-billing', kind: 'team', ownerId: customerId }).returning('id');
    const [sub] = await env
      .knex('subscription')
      .insert({ workspaceId: ws.id, tierId: pro, periodTierId: pro, status: 'past_due', pastDueSince: new Date(), currentPeriodStart: new Date(Date.now() - 86_400_000), currentPeriodEnd: new Date(Date.now() + 29 * 86_400_000), billingInterval: '1 month' })
      .returning('id');
    const [invoice] = await env
      .knex('invoice')
      .insert({ subscriptionId: sub.id, workspaceId: ws.id, tierId: pro, billingPeriodStart: new Date(Date.now() - 86_400_000), billingPeriodEnd: new Date(), subtotalCents: 9900, totalCents: 9900, status: 'failed', paymentAttempts: 1, lastPaymentError: 'The card was declined.' })
      .returning(['id', 'number']);
    // Something a support admin did while impersonating the customer: recorded under the staff member, "as" the customer.
    await env.knex('activity_log').insert({ workspaceId: ws.id, actorId: staffId, actorKind: 'staff', actingAsId: customerId, actingAsEmail: customer.email, action: 'repository.added', resourceType: 'repository', resourceId: 'demo' });

    const page = await browser.newPage();
    await consoleLogin(page);
    await page.getByRole('menuitem', { name: 'Subscriptions' }).click();
    const professional = page.getByTestId('summary-tier-professional');
    await professional.waitFor({ timeout: 20_000 });
    // Tier, active, trialing, past due, cancelled, churn, MRR (past due still counts towards MRR).
    await expect.poll(async () => (await professional.locator('td').allInnerTexts()).slice(1)).toEqual(['0', '0', '1', '0', '0.0 %', '$99.00']);
    await page.getByTestId('summary-totals').getByText('$99.00').waitFor();
    await professional.click();
    await page.locator('tr', { hasText: 'Acme Billing' }).waitFor();
    await shot(page, '09-subscriptions-by-tier');

    await page.getByRole('menuitem', { name: 'Tiers' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name="name"]').fill('team');
    await page.locator('input[name="displayName"]').fill('Team');
    await page.locator('input[name="monthlyPriceCents"]').fill('4900');
    await page.locator('input[name="maxSeats"]').fill('10');
    await shot(page, '10-tier-create');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr', { hasText: 'Team' }).getByText('$49.00').waitFor();
    expect(await env.knex('subscription_tier').where({ name: 'team' }).first()).toMatchObject({ displayName: 'Team', monthlyPriceCents: 4900, maxSeats: 10, isPublic: false });
    expect(await env.knex('activity_log').where({ action: 'tier.created', actorId: staffId })).toHaveLength(1);

    await page.getByRole('menuitem', { name: 'Invoices' }).click();
    await page.locator('tr', { hasText: invoice.number }).click();
    await page.getByRole('button', { name: 'Retry payment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('is charged now to the default card of Acme Billing (attempt 2)').waitFor();
    await shot(page, '11-invoice-retry-confirmation');
    await dialog.getByRole('button', { name: 'Charge $99.00' }).click();
    // This installation bills in manual mode: the API says so and how to record the payment instead; nothing changed.
    await dialog.getByRole('alert').getByText(/manual mode.*Mark paid/).waitFor();
    await shot(page, '12-invoice-retry-manual-mode');
    expect(await env.knex('invoice').where({ id: invoice.id }).first()).toMatchObject({ status: 'failed', paymentAttempts: 1 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByTestId('settings-billing').getByText('Manual mode: invoices are issued, billing admins mark them paid').waitFor({ timeout: 20_000 });
    await page.getByTestId('settings-mail').getByText('No SMTP_URL: mail is kept in the outbox, nothing is sent').waitFor();
    await page.getByTestId('settings-temporal').getByRole('link', { name: 'Open the workflows in the Temporal UI' }).waitFor();
    expect(await page.getByTestId('settings-temporal').getByRole('link', { name: 'Open the workflows in the Temporal UI' }).getAttribute('href')).toBe(`${env.config.TEMPORAL_UI_URL.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(env.config.TEMPORAL_NAMESPACE)}/workflows`);
    await shot(page, '13-settings');

    await page.getByRole('menuitem', { name: 'Audit logs' }).click();
    await page.getByTestId('audit-actor').filter({ hasText: `${staff.email} as ${customer.email}` }).first().waitFor({ timeout: 20_000 });
    await shot(page, '14-audit-trail-as-customer');
    await page.close();
  });
});
