import Stripe from 'stripe';
import { inject } from 'vitest';

const STRIPE_WEBHOOK_SECRET = 'whsec_argus_test_secret';

/** Environment for a test file that bills through stripe-mock (started by the global setup). */
export function stripeEnv(): Record<string, string> {
  const url = inject('stripeMockUrl');
  if (!url) throw new Error('stripe-mock is not running: build it with `npm run toolchain` (needs Go)');
  return { STRIPE_SECRET_KEY: 'sk_test_argus', STRIPE_API_BASE: url, STRIPE_WEBHOOK_SECRET, STRIPE_PUBLISHABLE_KEY: 'pk_test_argus' };
}

const signer = new Stripe('sk_test_argus');

let seq = 0;
/** A Stripe event as Stripe would deliver it, signed with the SDK's own test header (optionally in the past). */
export function signedStripeEvent(type: string, object: Record<string, unknown>, opts: { id?: string; created?: number; timestamp?: number; secret?: string } = {}) {
  const created = opts.created ?? Math.floor(Date.now() / 1000);
  const payload = JSON.stringify({ id: opts.id ?? `evt_test_${Date.now()}_${++seq}`, object: 'event', type, created, api_version: '2025-01-01', livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } });
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? STRIPE_WEBHOOK_SECRET, timestamp: opts.timestamp });
  return { payload, header };
}

/** Polls until `check` answers something truthy. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * `count` team workspaces, each with a subscription on `tier` whose period ended a minute ago and `usage` metered
 * analyses in it (`heavyEvery`-th ones get `heavyUsage` instead, to go over the allowance). Set-based SQL, so tens of
 * thousands take seconds. Answers the subscription ids.
 */
export async function seedDueSubscriptions(
  knex: import('@argus/db').Knex,
  opts: { ownerId: string; count: number; tier?: string; usage?: number; heavyEvery?: number; heavyUsage?: number; tag?: string },
): Promise<string[]> {
  const tag = opts.tag ?? Math.random().toString(36).slice(2, 8);
  const tier = opts.tier ?? 'professional';
  const ids: string[] = [];
  for (let from = 0; from < opts.count; from += 2000) {
    const n = Math.min(2000, opts.count - from);
    const { rows } = await knex.raw(
      `with ws as (
         insert into workspaces (name, slug, kind, owner_id)
         select 'Customer ' || (? + i), 'customer-' || ? || '-' || (? + i), 'team', ? from generate_series(1, ?) i
         returning id
       )
       insert into subscription (workspace_id, tier_id, period_tier_id, status, current_period_start, current_period_end, billing_interval, billing_email)
       select ws.id, t.id, t.id, 'active', now() - interval '1 month' - interval '1 minute', now() - interval '1 minute', '1 month', 'billing-' || ws.id || '@customer.example'
       from ws, subscription_tier t where t.name = ?
       returning id, workspace_id`,
      [from, tag, from, opts.ownerId, n, tier],
    );
    const batch = rows as { id: string; workspace_id: string }[];
    ids.push(...batch.map((r) => r.id));
    const workspaceIds = batch.map((r) => r.workspace_id);
    await knex.raw(
      `insert into usage_events (workspace_id, kind, quantity, idempotency_key, occurred_at)
       select w.id, 'analysis', 1, 'seed:' || w.id || ':' || g, now() - interval '1 day'
       from (select id, row_number() over (order by id) as rn from unnest(?::uuid[]) as id) w
       cross join lateral generate_series(1, case when ?::int > 0 and w.rn % ?::int = 0 then ?::int else ?::int end) g`,
      [workspaceIds, opts.heavyEvery ?? 0, opts.heavyEvery ?? 1, opts.heavyUsage ?? 0, opts.usage ?? 3],
    );
  }
  return ids;
}
