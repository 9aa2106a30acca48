import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { freePort, ROOT } from '../../scripts/lib/processes';
import { serveSite } from '../../scripts/lib/site-server';

/** @sparticuz/chromium flags that only make sense on serverless hosts (see below). */
const SERVERLESS_ONLY = new Set(['--disable-web-security', '--single-process', '--no-zygote']);
/** Flags for a desktop Chromium run headless by tests: no first-run UI, no background traffic to Google. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Where the browser tests' Chromium comes from: `CHROMIUM_PATH` when set (a system or Playwright-downloaded Chromium),
 * otherwise the headless Chromium that the @sparticuz/chromium npm package ships (unpacked into the temp dir on first
 * use), so `npm ci && npm test` needs nothing from apt.
 */
export async function launchBrowser(): Promise<Browser> {
  if (process.env.CHROMIUM_PATH) {
    return playwright.launch({ executablePath: process.env.CHROMIUM_PATH, headless: true, args: [...QUIET_FLAGS, '--no-sandbox', '--disable-gpu'] });
  }
  // Its flags are meant for serverless hosts. Left out: --disable-web-security, so that the tests see the same-origin
  // and CORS rules a user's browser applies; and --single-process/--no-zygote, with which closing a page (each test
  // opens its own) takes the whole browser down.
  const args = chromium.args.filter((flag) => !SERVERLESS_ONLY.has(flag));
  return playwright.launch({ executablePath: await chromium.executablePath(), headless: true, args: [...args, ...QUIET_FLAGS.filter((f) => !args.includes(f))] });
}

/** The built portal served as `npm start` serves it, in front of a test environment's API, and a Chromium. */
export interface PortalInBrowser {
  browser: Browser;
  portalUrl: string;
  /** Signs in through the portal's form at `next` (the sign-in page sends the user on there). */
  logIn(page: Page, account: { email: string; password: string }, next: string): Promise<void>;
  close(): Promise<void>;
}

/** Anything that listens like an Express app (the test environment's API). */
interface Listenable {
  listen(port: number, host: string): Server;
}

export async function startPortalInBrowser(app: Listenable): Promise<PortalInBrowser> {
  const servers: Server[] = [];
  const api = app.listen(0, '127.0.0.1');
  await new Promise((r) => api.once('listening', r));
  servers.push(api);
  const portalPort = await freePort();
  servers.push(await serveSite({ name: 'portal', distDir: path.join(ROOT, 'portal', 'dist'), port: portalPort, apiPort: (api.address() as AddressInfo).port }));
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const browser = await launchBrowser();
  return {
    browser,
    portalUrl,
    async logIn(page, account, next) {
      await page.goto(`${portalUrl}${next}`);
      await page.getByTestId('login-email').fill(account.email);
      await page.getByTestId('login-password').fill(account.password);
      await page.getByTestId('login-submit').click();
    },
    async close() {
      await browser.close();
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
    },
  };
}
