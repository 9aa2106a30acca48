import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserAccount } from '../api/src/auth/accounts';
import { attachLiveUpdates } from '../api/src/live/live-updates';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';
import { startTemporalDevServer, type TemporalDevServer } from '../scripts/lib/temporal-server';

const run = promisify(execFile);

// Real Chromium (Debian's, driven by playwright-core) against the built portal and console, served the way
// `npm start` serves them, in front of the real API; and the Temporal Web UI of a real dev server.
let env: TestEnv;
let browser: Browser;
let temporal: TemporalDevServer;
const servers: Server[] = [];
let portalUrl: string;
let adminUrl: string;
const customer = { email: 'browser-customer@example.test', password: 'browser-password-1' };
const staff = { email: 'browser-staff@example.test', password: 'browser-password-2' };

beforeAll(async () => {
  for (const site of ['portal', 'admin-ui']) {
    if (!existsSync(path.join(ROOT, site, 'dist', 'index.html'))) await run('npm', ['run', 'build', '-w', site], { cwd: ROOT });
  }
  env = await createTestEnv();
  await createUserAccount(env.knex, { ...customer, name: 'Casey Customer', emailVerified: true });
  const staffUser = await createUserAccount(env.knex, { ...staff, name: 'Sam Staff', emailVerified: true });
  await env.knex('staff_grants').insert({ userId: staffUser.id, role: 'super_admin', grantedBySystem: 'browser test' });
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
  temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), namespaces: ['default'], quiet: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await temporal?.stop();
  await env?.close();
});

describe('in a browser', () => {
  it('the portal shows its login page, refuses a wrong password with the API message, and logs in', async () => {
    const page = await browser.newPage();
    await page.goto(`${portalUrl}/login`);
    await page.getByText('Sign in to Argus').first().waitFor();
    await page.getByTestId('login-email').fill(customer.email);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByText('Wrong e-mail address or password.').waitFor();
    await page.getByTestId('login-password').fill(customer.password);
    await page.getByTestId('login-submit').click();
    await page.getByText('Welcome back, Casey').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-portal-dashboard.png') });
    await page.close();
  });

  it('the ops console shows its login page, keeps customers out and lets staff in', async () => {
    const page = await browser.newPage();
    await page.goto(adminUrl);
    await page.getByText('Argus Ops Console').first().waitFor();
    await page.locator('input[name="username"]').fill(customer.email);
    await page.locator('input[name="password"]').fill(customer.password);
    await page.locator('button[type="submit"]').click();
    await page.getByText('The ops console is for Argus staff only.').waitFor();
    await page.locator('input[name="username"]').fill(staff.email);
    await page.locator('input[name="password"]').fill(staff.password);
    await page.locator('button[type="submit"]').click();
    await page.getByText('postgres').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-admin-dashboard.png') });
    await page.close();
  });

  it('the Temporal Web UI shows the workflows of the namespace', async () => {
    const page = await browser.newPage();
    const res = await page.goto(temporal.uiUrl!);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('Workflows | default');
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-temporal-ui.png') });
    await page.close();
  });
});
