import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { billingSettings } from '@argus/activities';
import { closeBillingPeriod, ensureInvoicingSchedule } from '@argus/activities/worker';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { eventually, seedDueSubscriptions } from '../../../e2e/support/billing';
import { freePort, nodeTsArgs, startProcess, waitForHttp, type ManagedProcess } from '../../../scripts/lib/processes';
import { ephemeralSecrets } from '../../../scripts/lib/installation-secrets';

// Monthly invoicing: exactly one invoice per subscription and period, whether the run is repeated, overlaps another
// run, or loses its worker half-way; usage is billed in the invoice's own transaction.

let env: TestEnv;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let doomed: ManagedProcess;
let doomedReady: Promise<void>;

beforeAll(async () => {
  env = await createTestEnv({ BILLING_DEFAULT_TIER: 'free', BILLING_TAX_RATES: 'FR:2000' });
  owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  const port = await freePort();
  doomed = startProcess('worker', process.execPath, nodeTsArgs('activities/src/worker.ts'), {
    quiet: true,
    env: {
      ...ephemeralSecrets(),
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: env.config.databaseUrl,
      TEMPORAL_ADDRESS: env.config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: env.config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: env.taskQueue,
      WORKER_METRICS_PORT: String(port),
      BILLING_DEFAULT_TIER: 'free',
      BILLING_INVOICING_EVERY: '24 hours',
    },
  });
  doomedReady = waitForHttp(`http://127.0.0.1:${port}/healthz`, 120_000, (s) => s === 200);
  doomedReady.catch(() => {});
}, 120_000);
afterAll(async () => {
  await doomed?.stop(2000);
  await env?.close();
});

/** Every invoice check at once: no duplicates, lines add up, each usage record billed by at most one invoice. */
async function assertLedgerConsistent(subscriptionIds: string[]) {
  const dup = await env.knex.raw(`select subscription_id, billing_period_start, count(*) from invoice group by 1, 2 having count(*) > 1`);
  expect(dup.rows).toEqual([]);
  const sums = await env.knex.raw(
    `select i.id, i.subtotal_cents, i.tax_cents, i.total_cents, coalesce(sum(it.total_cents), 0)::int as lines
     from invoice i left join invoice_item it on it.invoice_id = i.id where i.subscription_id = any(?) group by i.id`,
    [subscriptionIds],
  );
  for (const r of sums.rows) {
    expect(r.lines).toBe(r.subtotal_cents);
    expect(r.total_cents).toBe(r.subtotal_cents + r.tax_cents);
  }
  const unbilled = await env.knex('usage_record').whereIn('subscriptionId', subscriptionIds).where({ billed: false }).count('* as n').first();
  expect(unbilled).toEqual({ n: 0 });
}

describe('invoicing', () => {
  it('never creates a second invoice for a subscription and period, however closes are repeated and interleaved (property)', async () => {
    const settings = billingSettings(env.config);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          subscriptions: fc.integer({ min: 1, max: 4 }),
          usage: fc.integer({ min: 0, max: 12 }),
          // Each step closes some subscription's period, concurrently with the others in its wave; some skip locked rows
          // (as the Schedule's run does), some wait (as the workflow does), some pass a stale expected period.
          waves: fc.array(fc.array(fc.record({ pick: fc.nat(), skipLocked: fc.boolean(), stale: fc.boolean() }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
          credit: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
        }),
        async (scenario) => {
          const ids = await seedDueSubscriptions(env.knex, { ownerId: owner.user.id, count: scenario.subscriptions, usage: scenario.usage });
          await env.knex('subscription').whereIn('id', ids).update({ billingCountry: 'FR' });
          if (scenario.credit) {
            const sub = await env.knex('subscription').where({ id: ids[0] }).first();
            await env.knex('billing_credit').insert({ workspaceId: sub.workspaceId, amountCents: scenario.credit, remainingCents: scenario.credit, reason: 'property test' });
          }
          const starts = new Map((await env.knex('subscription').whereIn('id', ids).select('id', 'currentPeriodStart')).map((r: { id: string; currentPeriodStart: Date }) => [r.id, r.currentPeriodStart]));
          for (const wave of scenario.waves) {
            await Promise.all(
              wave.map(({ pick, skipLocked, stale }) => {
                const id = ids[pick % ids.length]!;
                return closeBillingPeriod(env.knex, settings, id, { asOf: new Date(), skipLocked, ...(stale ? { expectedPeriodStart: starts.get(id) } : {}) });
              }),
            );
          }
          const touched = new Set(scenario.waves.flat().map(({ pick }) => ids[pick % ids.length]!));
          // Every touched subscription's (one-month) period was closed exactly once, whoever won each race, and the
          // next period is not due for a month; the untouched ones wait for the next run.
          const invoices = await env.knex('invoice').whereIn('subscriptionId', ids);
          expect(invoices.map((i: { subscriptionId: string }) => i.subscriptionId).sort()).toEqual([...touched].sort());
          expect(await env.knex('subscription').whereIn('id', [...touched]).where('currentPeriodEnd', '<=', new Date())).toEqual([]);
          for (const inv of invoices) {
            const subtotal = Math.max(9900 - (inv.subscriptionId === ids[0] ? (scenario.credit ?? 0) : 0), 0);
            expect(inv).toMatchObject({ subtotalCents: subtotal, taxCents: Math.floor((2 * subtotal * 2000 + 10_000) / 20_000), status: subtotal > 0 ? 'sent' : 'paid' });
          }
          await assertLedgerConsistent([...touched]);
          if (scenario.credit) {
            const remaining = await env.knex('billing_credit').whereIn('workspaceId', env.knex('subscription').where({ id: ids[0] }).select('workspaceId')).first();
            const used = touched.has(ids[0]!) ? Math.min(scenario.credit, 9900) : 0;
            expect(remaining.remainingCents).toBe(scenario.credit - used);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('keeps every invoice exactly once when the worker is killed in the middle of a run', async () => {
    const ids = await seedDueSubscriptions(env.knex, { ownerId: owner.user.id, count: 600, usage: 2 });
    // A real worker process (spawned in beforeAll, so its start overlaps the property test), SIGKILLed once the run is under way.
    await doomedReady;
    const workflowId = `invoicing-crash-${randomUUID()}`;
    const run = await env.temporal.workflow.start('invoiceDueSubscriptions', { taskQueue: env.taskQueue, workflowId, args: [{ batchSize: 20, concurrency: 1, heartbeatTimeout: '3 seconds' }] });
    const count = async () => ((await env.knex('invoice').whereIn('subscriptionId', ids).count('* as n').first()) as { n: number }).n;
    await eventually('the run has invoiced some subscriptions', async () => ((await count()) >= 60 ? true : null), 60_000, 20);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const atKill = await count();
    expect(atKill).toBeLessThan(600);

    // A fresh worker on the same task queue finishes the run.
    await env.startWorker();
    const result = await run.result();
    expect(result.invoicesCreated + atKill).toBeGreaterThanOrEqual(600);
    expect(await count()).toBe(600);
    await assertLedgerConsistent(ids);
    const perInvoiceUsage = await env.knex.raw(`select count(*)::int as n from usage_record where subscription_id = any(?) group by invoice_id having count(*) <> 2`, [ids]);
    expect(perInvoiceUsage.rows).toEqual([]);
  }, 180_000);

  it('runs on a Temporal Schedule (overlaps skipped, a day of catch-up) and invoices each ended period once, however often it runs', async () => {
    const ids = await seedDueSubscriptions(env.knex, { ownerId: owner.user.id, count: 30, usage: 4, heavyEvery: 10, heavyUsage: 503 });
    const scheduleId = `invoicing-test-${randomUUID()}`;
    await ensureInvoicingSchedule(env.temporal, { taskQueue: env.taskQueue, every: '2 seconds', scheduleId });
    const handle = env.temporal.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(described.policies.catchupWindow).toBe(86_400_000);
      await eventually('the Schedule invoices every due subscription', async () => (((await env.knex('invoice').whereIn('subscriptionId', ids).count('* as n').first()) as { n: number }).n === 30 ? true : null), 30_000);
      // More runs: the scheduled ones and one started by hand, at once.
      await handle.trigger();
      const manual = await env.temporal.workflow.execute('invoiceDueSubscriptions', { taskQueue: env.taskQueue, workflowId: `invoicing-manual-${randomUUID()}`, args: [{ batchSize: 7, concurrency: 3 }] });
      expect(manual.invoicesCreated).toBe(0);
      await eventually('the schedule ran again', async () => ((await handle.describe()).info.recentActions.length >= 2 ? true : null), 15_000);
    } finally {
      await handle.delete();
    }
    const invoices = await env.knex('invoice').whereIn('subscriptionId', ids);
    expect(invoices).toHaveLength(30);
    // Every tenth subscription used 503 analyses: 3 over Professional's 500, at $0.10 each.
    const heavy = invoices.filter((i: { overageChargesCents: number }) => i.overageChargesCents > 0);
    expect(heavy).toHaveLength(3);
    for (const i of heavy) expect(i).toMatchObject({ overageChargesCents: 30, subtotalCents: 9930 });
    await assertLedgerConsistent(ids);
    const announced = await eventually('every invoice is announced', async () => {
      const rows = await env.knex('invoice').whereIn('subscriptionId', ids).whereNull('announcedAt');
      return rows.length === 0 ? true : null;
    });
    expect(announced).toBe(true);
    const mails = await env.knex('outbox_emails').where({ template: 'billing.invoice' }).whereLike('toAddress', 'billing-%@customer.example');
    expect(mails.length).toBeGreaterThanOrEqual(30);
    expect(new Set(mails.map((m: { toAddress: string }) => m.toAddress)).size).toBe(mails.length);
  }, 90_000);

  it('lists invoices to members only, and finds another workspace’s invoice nowhere', async () => {
    const [sub] = await seedDueSubscriptions(env.knex, { ownerId: owner.user.id, count: 1 });
    const ws = { id: (await env.knex('subscription').where({ id: sub }).first()).workspaceId as string };
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: owner.user.id, role: 'viewer' });
    const stranger = await createUserWithToken(env.knex, env.config.jwtSecret);
    await closeBillingPeriod(env.knex, billingSettings(env.config), sub!, { asOf: new Date() });
    const page = (await request(env.app).get(`/api/billing/invoices?workspaceId=${ws.id}`).set('authorization', owner.authHeader).expect(200)).body;
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ tierName: 'Professional', totalCents: 9900, status: 'sent' });
    await request(env.app).get(`/api/billing/invoices?workspaceId=${ws.id}`).set('authorization', stranger.authHeader).expect(404);
    await request(env.app).get(`/api/billing/invoices/${page.items[0].id}`).set('authorization', stranger.authHeader).expect(404);
    await request(env.app).get(`/api/billing/invoices/${page.items[0].id}/pdf`).set('authorization', stranger.authHeader).expect(404);
    // A viewer reads invoices but cannot retry a payment.
    await request(env.app).post(`/api/billing/invoices/${page.items[0].id}/retry`).set('authorization', owner.authHeader).expect(403);
  }, 30_000);
});
