import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { startSentrySink } from './support/sentry-sink';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserAccount } from '../api/src/auth/accounts';
import { signAccessToken } from '../api/src/auth/tokens';
import { attachLiveUpdates } from '../api/src/live/live-updates';
import { freePort, ROOT } from '../scripts/lib/processes';
import { serveSite } from '../scripts/lib/site-server';
import { startTemporalDevServer, type TemporalDevServer } from '../scripts/lib/temporal-server';

const run = promisify(execFile);

// Real headless Chromium (e2e/support/browser.ts, driven by playwright-core) against the built portal and console,
// served the way `npm start` serves them, in front of the real API; the API runs its workflows on a Temporal dev
// server of its own, whose Web UI is tested too; and Sentry is on, pointed at a loopback envelope server.
let env: TestEnv;
let browser: Browser;
let temporal: TemporalDevServer;
let sink: Awaited<ReturnType<typeof startSentrySink>>;
const servers: Server[] = [];
let portalUrl: string;
let adminUrl: string;
const customer = { email: 'browser-customer@example.test', password: 'browser-password-1' };
const staff = { email: 'browser-staff@example.test', password: 'browser-password-2' };
let customerAccount: Awaited<ReturnType<typeof createUserAccount>>;
const SENTRY = { environment: 'browser-test', release: 'argus@browser-test' };

beforeAll(async () => {
  for (const site of ['portal', 'admin-ui']) {
    if (!existsSync(path.join(ROOT, site, 'dist', 'index.html'))) await run('npm', ['run', 'build', '-w', site], { cwd: ROOT });
  }
  temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), namespaces: ['default'], quiet: true });
  sink = await startSentrySink();
  env = await createTestEnv({
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_UI_URL: temporal.uiUrl!,
    SENTRY_DSN: sink.dsn,
    SENTRY_ENVIRONMENT: SENTRY.environment,
    SENTRY_RELEASE: SENTRY.release,
    SENTRY_TRACES_SAMPLE_RATE: '1',
    SENTRY_REPLAY_SAMPLE_RATE: '0',
    SENTRY_REPLAY_ON_ERROR_SAMPLE_RATE: '1',
  });
  customerAccount = await createUserAccount(env.knex, { ...customer, name: 'Casey Customer', emailVerified: true });
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
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await env?.close();
  await temporal?.stop();
  await sink?.close();
});

async function portalLogin(page: import('playwright-core').Page) {
  await page.getByTestId('login-email').fill(customer.email);
  await page.getByTestId('login-password').fill(customer.password);
  await page.getByTestId('login-submit').click();
}

type StreamedSpan = { name: string; is_segment: boolean; attributes: Record<string, { value: unknown }> };
const attr = (span: StreamedSpan, key: string) => span.attributes[key]?.value;
/** Page-load and navigation spans (streamed `span` items, attributes `{ type, value }`) of the app at `origin`. */
function segmentSpans(origin: string, envelopes = sink.envelopes): StreamedSpan[] {
  return envelopes
    .flatMap((e) => e.items.filter((i) => i.header.type === 'span').flatMap((i) => (i.payload as { items: StreamedSpan[] }).items))
    .filter((span) => span.is_segment && String(attr(span, 'url.full')).startsWith(origin));
}

/** Waits until `predicate` holds for what the sink received, then a little longer so that late duplicates show. */
async function received<T>(collect: () => T[], atLeast = 1, settleMs = 2000): Promise<T[]> {
  await expect.poll(() => collect().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeast);
  await new Promise((r) => setTimeout(r, settleMs));
  return collect();
}

describe('in a browser', () => {
  it('the portal shows its login page, refuses a wrong password with the API message, and logs in', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${portalUrl}/login`);
    await page.getByText('Sign in to Argus').first().waitFor();
    await page.getByTestId('login-email').fill(customer.email);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByText('Wrong e-mail address or password.').waitFor();
    await page.getByTestId('login-password').fill(customer.password);
    await page.getByTestId('login-submit').click();
    // A first sign-in with nothing connected yet: the dashboard greets and shows the first steps.
    await page.getByRole('heading', { name: /^(Welcome to Argus|Welcome back|Hello), Casey$/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-portal-dashboard.png') });
    await page.close();
  });

  it('the ops console keeps customers out, lets staff in, and shows staff-only lists (users, audit log)', { timeout: 90_000 }, async () => {
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

    // Users: /api/admin/users, for staff only; the customer is a row of it.
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.waitForURL(/#\/users/);
    const customerRow = page.locator('tr', { hasText: customer.email });
    await customerRow.waitFor({ timeout: 15_000 });
    await expect.poll(() => customerRow.textContent()).toContain('Casey Customer');
    // Audit logs: the staff member's own sign-in to the console a moment ago is there, under their address.
    await page.getByRole('menuitem', { name: 'Audit logs' }).click();
    await page.waitForURL(/#\/audit-logs/);
    const ownLogin = page.locator('tr', { hasText: staff.email }).filter({ hasText: /login/ }).first();
    await ownLogin.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-admin-audit-logs.png') });
    // The console's router is instrumented too: its navigations reach Sentry named after react-admin's routes.
    await expect
      .poll(() => segmentSpans(adminUrl).map((span) => `${attr(span, 'sentry.op')} ${span.name} (${attr(span, 'sentry.segment.name.source')})`), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['navigation /users (route)']));
    await page.close();
  });

  it('the Temporal Web UI lists and opens a workflow the API started on its server', { timeout: 120_000 }, async () => {
    const [repo] = await env.knex('repositories')
      .insert({ workspaceId: customerAccount.personalWorkspaceId, provider: 'git', fullName: 'casey/browser-ui-demo', cloneUrl: 'https://git.example.test/casey/browser-ui-demo.git' })
      .returning('id');
    const { token } = await signAccessToken(env.config.jwtSecret, customerAccount.id);
    const started = await request(env.app).post(`/api/repositories/${repo.id}/analyze`).set('authorization', `Bearer ${token}`).send({}).expect(202);
    const workflowId = started.body.workflowId as string;
    expect(workflowId).toMatch(/^analysis-manual-/);
    // Customers get no Temporal link (the UI shows every tenant's workflows); staff open it from the console.
    const runRes = await request(env.app).get(`/api/runs/${started.body.runId}`).set('authorization', `Bearer ${token}`).expect(200);
    expect(runRes.body).not.toHaveProperty('temporalUrl');
    const temporalUrl = `${temporal.uiUrl}/namespaces/default/workflows/${workflowId}`;

    const page = await browser.newPage();
    const res = await page.goto(`${temporal.uiUrl}/namespaces/default/workflows`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe('Workflows | default');
    // Visibility is eventually consistent: reload the list until the new workflow is in it.
    const link = page.getByRole('link', { name: workflowId });
    await expect
      .poll(
        async () => {
          if (await link.count()) return true;
          await page.reload();
          await page.getByText('analyzeRepository').first().waitFor({ timeout: 3000 }).catch(() => {});
          return (await link.count()) > 0;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    await link.first().click();
    await page.waitForURL((url) => url.href.startsWith(`${temporalUrl}/`), { timeout: 30_000 });
    await page.getByText('analyzeRepository').first().waitFor({ timeout: 15_000 });
    await page.getByText('Running').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-temporal-ui.png') });
    await page.close();
    await env.temporal.workflow.getHandle(workflowId).terminate('browser test done');
  });

  it('reports a portal render crash to Sentry once (tagged, scrubbed, with a masked replay) and shows its event id', { timeout: 90_000 }, async () => {
    const since = sink.envelopes.length;
    const fresh = () => sink.envelopes.slice(since);
    // The e-mail links' one-time tokens travel in the URL: none of them may reach Sentry.
    const oneTimeToken = randomBytes(24).toString('hex');
    const page = await browser.newPage();
    await page.goto(`${portalUrl}/reset-password?token=${oneTimeToken}`);
    await page.getByText('Back to sign in').click();
    await page.getByTestId('login-email').waitFor();
    // An API answer the portal cannot render (its workspaces are not a list): a real crash inside React's render,
    // caught by the top-level error boundary.
    await page.route('**/api/me', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), workspaces: { unexpected: 'shape' } } });
    });
    await portalLogin(page);
    const idOnPage = page.getByTestId('error-event-id');
    await idOnPage.waitFor({ timeout: 15_000 });
    await page.getByText('It has been reported to our team.').waitFor();
    const shownId = (await idOnPage.textContent())!.trim();
    expect(shownId).toMatch(/^[0-9a-f]{32}$/);
    const stored = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('argus.session'));
    const session = JSON.parse(stored!) as { accessToken: string; refreshToken: string };
    await page.screenshot({ path: path.join(os.tmpdir(), 'argus-portal-crash.png') });

    const errorsOf = () => fresh().flatMap((e) => e.items.filter((i) => i.header.type === 'event'));
    const errors = await received(errorsOf);
    expect(errors, 'one crash, one event').toHaveLength(1);
    const event = errors[0]!.payload as Record<string, any>;
    expect(event.event_id).toBe(shownId);
    expect(event.release).toBe(SENTRY.release);
    expect(event.environment).toBe(SENTRY.environment);
    // The render error, linked to the component stack by Sentry's ErrorBoundary ("React ErrorBoundary").
    expect(event.exception.values.map((v: { type: string }) => v.type)).toEqual(expect.arrayContaining(['TypeError']));
    expect(event.user).toEqual({ id: customerAccount.id });
    expect(event.request.url).toBe(`${portalUrl}/`);

    // The replay buffered before the error is sent with it, every text masked.
    const replayId = (event.tags?.replayId ?? event.contexts?.replay?.replay_id) as string;
    expect(replayId).toMatch(/^[0-9a-f]{32}$/);
    const replays = await received(() => sink.replays().filter((r) => r.event.replay_id === replayId));
    expect(replays.some((r) => (r.event.error_ids as string[]).includes(shownId))).toBe(true);
    const recording = replays.map((r) => r.recording).join('\n');
    expect(recording).toContain('"type":2'); // a full DOM snapshot
    for (const visibleText of ['Sign in to Argus', 'Something went wrong', 'Back to sign in', shownId]) expect(recording).not.toContain(visibleText);

    // Browser tracing with the router instrumented: page loads and navigations are named after their routes.
    const segmentsOf = () => segmentSpans(portalUrl, fresh());
    await expect
      .poll(() => segmentsOf().map((span) => `${attr(span, 'sentry.op')} ${span.name} (${attr(span, 'sentry.segment.name.source')})`), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['pageload /reset-password (route)', 'navigation /login (route)']));
    for (const span of segmentsOf()) expect(attr(span, 'sentry.release')).toBe(SENTRY.release);

    // Nothing secret in anything sent: not the URL's token, not the credentials, not the address.
    const sent = [...fresh().map((e) => e.raw), recording].join('\n');
    for (const secret of [oneTimeToken, session.accessToken, session.refreshToken, customer.password, customer.email]) {
      expect(sent.includes(secret), `sent data contains ${secret.slice(0, 12)}…`).toBe(false);
    }
    await page.close();
  });
});
