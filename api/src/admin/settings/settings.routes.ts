import { z } from 'zod';
import { billingSettings } from '@argus/activities';
import { countOutboxByStatus, countStaffByRole } from '@argus/db';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { ZInstant } from '../../openapi/schemas';
import { maintenanceState } from '../../maintenance/maintenance';
import { STAFF_ROLES } from '../../access/permissions';

// The console's Settings page (admin-ui/src/settings): how this installation is configured, as the API process reads
// it. Almost all of it comes from the environment (activities/src/platform/config.ts, docs/deploy.md) and changes
// only with a restart, so the page is read-only; maintenance mode, the one switch stored in Postgres, is flipped on
// the System page. No secret leaves the API: keys are reported as set or not, the SMTP URL by its host only.

const ZIntegration = z.object({
  name: z.string(),
  configured: z.boolean(),
  detail: z.string(),
});

const ZPlatformSettings = z
  .object({
    environment: z.string(),
    release: z.string(),
    urls: z.object({ portal: z.string(), console: z.string(), publicApi: z.string() }),
    temporal: z.object({ address: z.string(), namespace: z.string(), taskQueue: z.string(), uiUrl: z.string(), workflowsUrl: z.string() }),
    billing: z.object({
      mode: z.enum(['stripe', 'manual']),
      defaultTier: z.string(),
      billingPeriod: z.string(),
      trialPeriod: z.string().nullable(),
      dunningDelays: z.array(z.string()),
      taxRates: z.array(z.object({ country: z.string(), basisPoints: z.number().int() })),
      invoicingEvery: z.string(),
      currency: z.string(),
      stripeWebhookConfigured: z.boolean(),
    }),
    mail: z.object({
      transport: z.enum(['smtp', 'outbox']).meta({ description: 'smtp: mail is sent; outbox: kept in the outbox for staff to read (no SMTP_URL)' }),
      smtpHost: z.string().nullable(),
      from: z.string(),
      outbox: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int(), kept: z.number().int(), oldestPendingAt: ZInstant.nullable() }),
    }),
    maintenance: z.object({ enabled: z.boolean(), message: z.string(), retryAfterSeconds: z.number().int(), since: ZInstant.nullable() }),
    integrations: z.array(ZIntegration),
    limits: z.object({ authRequestsPerMinute: z.number().int(), systemLogEntriesPerMinute: z.number().int(), trustProxy: z.string() }),
    staff: z.array(z.object({ role: z.enum(STAFF_ROLES), members: z.number().int() })),
  })
  .meta({ id: 'PlatformSettings' });

const smtpHost = (url: string | undefined) => {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
};

async function readSettings(deps: AppDeps): Promise<z.infer<typeof ZPlatformSettings>> {
  const c = deps.config;
  const billing = billingSettings(c);
  const [outbox, staff, maintenance] = await Promise.all([countOutboxByStatus(deps.knex), countStaffByRole(deps.knex), maintenanceState(deps)]);
  const temporalUi = c.TEMPORAL_UI_URL.replace(/\/+$/, '');
  return {
    environment: c.environment,
    release: c.release,
    urls: { portal: c.PORTAL_URL, console: c.ADMIN_URL, publicApi: c.PUBLIC_API_URL },
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      uiUrl: temporalUi,
      workflowsUrl: `${temporalUi}/namespaces/${encodeURIComponent(c.TEMPORAL_NAMESPACE)}/workflows`,
    },
    billing: {
      mode: billing.stripeEnabled ? 'stripe' : 'manual',
      defaultTier: billing.defaultTier,
      billingPeriod: billing.billingInterval,
      trialPeriod: billing.trialPeriod,
      dunningDelays: billing.dunningDelays,
      taxRates: [...billing.taxRates].map(([country, basisPoints]) => ({ country, basisPoints })),
      invoicingEvery: billing.invoicingEvery,
      currency: billing.currency,
      stripeWebhookConfigured: Boolean(c.STRIPE_WEBHOOK_SECRET),
    },
    mail: {
      transport: c.SMTP_URL ? 'smtp' : 'outbox',
      smtpHost: smtpHost(c.SMTP_URL),
      from: c.MAIL_FROM,
      outbox: { ...outbox, oldestPendingAt: outbox.oldestPendingAt ? new Date(outbox.oldestPendingAt).toISOString() : null },
    },
    maintenance: { enabled: maintenance.enabled, message: maintenance.message, retryAfterSeconds: maintenance.retryAfterSeconds, since: maintenance.startedAt ? new Date(maintenance.startedAt).toISOString() : null },
    integrations: [
      {
        name: 'GitHub App',
        configured: Boolean(c.GITHUB_APP_ID && c.GITHUB_APP_PRIVATE_KEY),
        detail: c.GITHUB_APP_ID ? `App ${c.GITHUB_APP_ID}${c.GITHUB_APP_SLUG ? ` (${c.GITHUB_APP_SLUG})` : ''} at ${c.GITHUB_API_URL}${c.GITHUB_WEBHOOK_SECRET ? '' : '; GITHUB_WEBHOOK_SECRET is not set'}` : 'GITHUB_APP_ID is not set: repositories are added by URL only',
      },
      { name: 'Groq (AI fixes)', configured: Boolean(c.GROQ_API_KEY), detail: c.GROQ_API_KEY ? `model ${c.GROQ_MODEL}` : 'GROQ_API_KEY is not set' },
      { name: 'Anthropic (AI fixes)', configured: Boolean(c.ANTHROPIC_API_KEY), detail: c.ANTHROPIC_API_KEY ? `model ${c.ANTHROPIC_MODEL}` : 'ANTHROPIC_API_KEY is not set' },
      { name: 'Typesense (search)', configured: Boolean(c.TYPESENSE_URL), detail: c.TYPESENSE_URL ? c.TYPESENSE_URL : 'TYPESENSE_URL is not set: search uses Postgres only' },
      { name: 'Stripe', configured: billing.stripeEnabled, detail: billing.stripeEnabled ? (c.STRIPE_API_BASE ? `through ${c.STRIPE_API_BASE}` : 'api.stripe.com') : 'STRIPE_SECRET_KEY is not set: manual billing, staff mark invoices paid' },
      { name: 'Sentry', configured: Boolean(c.SENTRY_DSN), detail: c.SENTRY_DSN ? `environment ${c.SENTRY_ENVIRONMENT ?? c.environment}, traces ${c.SENTRY_TRACES_SAMPLE_RATE}` : 'SENTRY_DSN is not set: errors go to the logs only' },
    ],
    limits: { authRequestsPerMinute: c.AUTH_RATE_LIMIT_PER_MINUTE, systemLogEntriesPerMinute: c.SYSTEM_LOG_MAX_PER_MINUTE, trustProxy: c.TRUST_PROXY },
    staff: STAFF_ROLES.map((role) => ({ role, members: staff[role] ?? 0 })),
  };
}

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/admin/settings',
    summary: "This installation's configuration: URLs, Temporal, billing, mail and the outbox, maintenance, integrations, limits, staff (no secrets)",
    tags: ['admin'],
    auth: 'staff',
    staffPermission: 'system:read',
    responses: { 200: { description: 'the settings', schema: ZPlatformSettings } },
    handler: ({ deps }) => readSettings(deps),
  }),
];
