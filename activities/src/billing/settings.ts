import Stripe from 'stripe';
import type { PlatformConfig } from '../platform/config';
import { parseTaxRates } from './pricing';

/** Billing's part of the configuration, read once. */
export interface BillingSettings {
  defaultTier: string;
  /** Postgres interval of a billing period. */
  billingInterval: string;
  /** Postgres interval of a trial, or null when none is offered. */
  trialPeriod: string | null;
  /** Temporal durations between dunning retries. */
  dunningDelays: string[];
  taxRates: Map<string, number>;
  invoicingEvery: string;
  currency: 'usd';
  /** Without Stripe keys Argus bills in manual mode: invoices are issued and a billing admin marks them paid. */
  stripeEnabled: boolean;
  stripePublishableKey: string | null;
}

export function billingSettings(config: PlatformConfig): BillingSettings {
  return {
    defaultTier: config.BILLING_DEFAULT_TIER,
    billingInterval: config.BILLING_PERIOD,
    trialPeriod: /^0 /.test(config.BILLING_TRIAL_PERIOD) ? null : config.BILLING_TRIAL_PERIOD,
    dunningDelays: config.BILLING_DUNNING_DELAYS.split(',').map((d) => d.trim()).filter(Boolean),
    taxRates: parseTaxRates(config.BILLING_TAX_RATES),
    invoicingEvery: config.BILLING_INVOICING_EVERY,
    currency: 'usd',
    stripeEnabled: Boolean(config.STRIPE_SECRET_KEY),
    stripePublishableKey: config.STRIPE_PUBLISHABLE_KEY ?? null,
  };
}

/**
 * The Stripe SDK, or null in manual mode. STRIPE_API_BASE points it elsewhere (stripe-mock in tests and `npm start`).
 * Network failures are retried by the SDK; every call that creates something passes an idempotency key.
 */
export function createStripeClient(config: Pick<PlatformConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE'>): Stripe | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === 'http:' ? 80 : 443)), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

export type { Stripe };
