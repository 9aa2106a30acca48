import { z } from 'zod';
import { INVOICE_ITEM_TYPES, INVOICE_STATUSES, SUBSCRIPTION_STATUSES } from '@argus/workflows/contract';
import { orNull, ZInstant } from '../openapi/schemas';

// Response shapes of the subscription and billing routes. Money is integer cents; a null limit is unlimited.

const cents = z.number().int();

const ZTier = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'free, professional, enterprise (or a tier a billing admin added)' }),
    displayName: z.string(),
    description: z.string(),
    monthlyPriceCents: cents,
    overagePriceCents: cents.meta({ description: 'Per analysis over the allowance, on tiers that allow overage' }),
    overageAllowed: z.boolean(),
    includesPrioritySupport: z.boolean(),
    includesAdvancedAnalytics: z.boolean(),
    limits: z.object({
      analysesPerMonth: z.number().int().nullable(),
      aiFixesPerMonth: z.number().int().nullable(),
      seats: z.number().int().nullable(),
      repositories: z.number().int().nullable(),
      storageGb: z.number().int().nullable(),
      concurrentRuns: z.number().int().nullable(),
      apiRequestsPerMinute: z.number().int(),
    }),
  })
  .meta({ id: 'Tier' });

export const ZTierList = z.object({ items: z.array(ZTier) }).meta({ id: 'TierList' });

const ZSubscriptionStatus = z.enum(SUBSCRIPTION_STATUSES).meta({ id: 'SubscriptionStatus' });

export const ZSubscription = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    status: ZSubscriptionStatus,
    tier: ZTier,
    pendingTier: orNull(ZTier).meta({ description: 'A downgrade that takes effect at the end of the period' }),
    currentPeriodStart: ZInstant,
    currentPeriodEnd: ZInstant,
    renewsAt: ZInstant.nullable().meta({ description: 'Null when the subscription ends at the period end' }),
    trialEnd: ZInstant.nullable(),
    cancelAtPeriodEnd: z.boolean(),
    cancelledAt: ZInstant.nullable(),
    pastDueSince: ZInstant.nullable(),
    restricted: z.boolean().meta({ description: 'Every dunning retry failed: no new analyses until an invoice is paid' }),
    billingEmail: z.string().nullable(),
    billingCountry: z.string().nullable(),
    mode: z.enum(['stripe', 'manual']).meta({ description: 'manual: no Stripe keys; invoices are marked paid by a billing admin' }),
    dunning: z.object({ attempt: z.number().int(), nextAttemptAt: ZInstant.nullable() }).nullable(),
    canManage: z.boolean().meta({ description: 'Whether the caller may change the plan (workspace admins)' }),
  })
  .meta({ id: 'Subscription' });

export const ZSubscriptionChange = z
  .object({
    effective: z.enum(['now', 'period_end']),
    prorationCents: cents,
    message: z.string(),
    invoiceId: z.string().nullable(),
    subscription: ZSubscription,
  })
  .meta({ id: 'SubscriptionChange' });

export const ZPlanPreview = z
  .object({
    allowed: z.boolean(),
    message: z.string(),
    effective: z.enum(['now', 'period_end']),
    prorationCents: cents.meta({ description: 'Added to the next invoice, before tax' }),
    startsTrial: z.boolean(),
    from: ZTier,
    to: orNull(ZTier),
  })
  .meta({ id: 'PlanPreview' });

const ZUsageMeter = z
  .object({
    metric: z.enum(['analyses', 'ai_fixes', 'seats', 'repositories', 'concurrent_runs']),
    label: z.string(),
    used: z.number().int(),
    limit: z.number().int().nullable(),
    percent: z.number().nullable().meta({ description: 'used / limit × 100, null when unlimited' }),
    level: z.enum(['ok', 'warning', 'exceeded']).meta({ description: 'warning from 80 %, exceeded at 100 %' }),
  })
  .meta({ id: 'UsageMeter' });

export const ZUsage = z
  .object({
    workspaceId: z.string(),
    periodStart: ZInstant,
    periodEnd: ZInstant,
    meters: z.array(ZUsageMeter),
    overage: z.object({ analyses: z.number().int(), estimatedCents: cents }).meta({ description: 'Analyses over the allowance so far this period, and what they add to the next invoice' }),
  })
  .meta({ id: 'Usage' });

const ZInvoiceStatus = z.enum(INVOICE_STATUSES).meta({ id: 'InvoiceStatus' });

const ZInvoiceItem = z
  .object({
    id: z.string(),
    type: z.enum(INVOICE_ITEM_TYPES),
    description: z.string(),
    quantity: z.number().int(),
    unitPriceCents: cents,
    totalCents: cents,
  })
  .meta({ id: 'InvoiceItem' });

const invoiceFields = {
  id: z.string(),
  number: z.string(),
  workspaceId: z.string(),
  tierName: z.string(),
  billingPeriodStart: ZInstant,
  billingPeriodEnd: ZInstant,
  currency: z.string(),
  subtotalCents: cents,
  taxCents: cents,
  taxRateBps: z.number().int(),
  totalCents: cents,
  overageChargesCents: cents,
  creditsAppliedCents: cents,
  amountRefundedCents: cents,
  status: ZInvoiceStatus,
  paidAt: ZInstant.nullable(),
  paymentAttempts: z.number().int(),
  lastPaymentError: z.string().nullable(),
  createdAt: ZInstant,
};

export const ZInvoiceSummary = z.object(invoiceFields).meta({ id: 'InvoiceSummary' });
export const ZInvoice = z.object({ ...invoiceFields, items: z.array(ZInvoiceItem) }).meta({ id: 'Invoice' });
export const ZInvoicePage = z.object({ items: z.array(ZInvoiceSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).meta({ id: 'InvoicePage' });

export const ZPaymentRetry = z
  .object({ outcome: z.enum(['paid', 'failed', 'pending', 'manual', 'not_owed']), message: z.string(), invoice: ZInvoice })
  .meta({ id: 'PaymentRetry' });

export const ZPaymentMethod = z
  .object({ id: z.string(), brand: z.string(), last4: z.string(), expMonth: z.number().int().nullable(), expYear: z.number().int().nullable(), isDefault: z.boolean(), createdAt: ZInstant })
  .meta({ id: 'PaymentMethod' });

export const ZPaymentMethodList = z
  .object({
    mode: z.enum(['stripe', 'manual']),
    publishableKey: z.string().nullable().meta({ description: 'For Stripe Elements; null when none is configured' }),
    items: z.array(ZPaymentMethod),
  })
  .meta({ id: 'PaymentMethodList' });

export const ZSetupIntent = z.object({ setupIntentId: z.string(), clientSecret: z.string(), publishableKey: z.string().nullable() }).meta({ id: 'SetupIntent' });

export const ZStripeWebhookAck = z.object({ received: z.literal(true), duplicate: z.boolean(), outcome: z.string() }).meta({ id: 'StripeWebhookAck' });
