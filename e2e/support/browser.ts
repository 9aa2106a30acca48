import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

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
