import type { Knex } from '@argus/db';
import { createDbActivities } from './db';
import { createAnalysisActivities, DEFAULT_LIMITS, type AnalysisLimits } from './analysis';
import { sandboxRootFor } from './platform/sandbox-root';
import { createGitHubActivities, type OctokitFor } from './github';
import { createSecretBox, type SecretBox } from './platform/secrets';
import { createOctokitFactory } from './github';
import type { PlatformConfig } from './platform/config';
import { createFixToPullRequestActivities } from './fixes/index';
import { createAppOctokit, createGitHubDeliveryActivities } from './github-deliveries';
import type { Octokit } from '@octokit/rest';
import { createBillingActivities, type BillingActivityDeps } from './billing/billing-activities';
import { billingSettings, createStripeClient } from './billing/settings';
import { createMailer } from './platform/mailer';
import { createLogger } from './platform/logger';
import { createSearchIndexingActivities } from './search/indexing-activities';
import { createTypesenseClient, type TypesenseClient } from './search/typesense';
import { createAnalyticsActivities } from './analytics/aggregation-activities';

export interface ActivityDeps {
  knex: Knex;
  secrets: SecretBox;
  octokitFor: OctokitFor | null;
  /** Authenticated as the App (not an installation), for /app/* endpoints. */
  appOctokit: Octokit | null;
  portalUrl: string;
  limits?: AnalysisLimits;
  /** ARGUS_ALLOW_PRIVATE_GIT=1: file://, http:// and private-address remotes are allowed (demo and tests). */
  allowPrivateRemotes: boolean;
  /** file:// remotes are allowed inside this directory even without ARGUS_ALLOW_PRIVATE_GIT (the demo repository). */
  localGitRoot?: string;
  /** Billing: its settings, the Stripe SDK (null in manual mode) and the mailer for invoices and dunning notices. */
  billing: Omit<BillingActivityDeps, 'knex' | 'portalUrl'>;
  /** The Typesense search backend (TYPESENSE_URL), or null when search runs on Postgres alone. */
  typesense: TypesenseClient | null;
}

/** All activities the worker hosts, merged into one object and one type for `proxyActivities<Activities>`. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDbActivities(deps),
    ...createAnalysisActivities({ knex: deps.knex, secrets: deps.secrets, limits: deps.limits ?? DEFAULT_LIMITS, allowPrivateRemotes: deps.allowPrivateRemotes, localGitRoot: deps.localGitRoot }),
    ...createGitHubActivities(deps),
    ...createGitHubDeliveryActivities(deps),
    ...createFixToPullRequestActivities(deps),
    ...createBillingActivities({ knex: deps.knex, portalUrl: deps.portalUrl, ...deps.billing }),
    ...createSearchIndexingActivities({ knex: deps.knex, typesense: deps.typesense }),
    ...createAnalyticsActivities({ knex: deps.knex }),
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** Builds the activities' dependencies from the platform config. */
export function createActivityDeps(config: PlatformConfig, knex: Knex, limits?: AnalysisLimits): ActivityDeps {
  const app = config.GITHUB_APP_ID && config.GITHUB_APP_PRIVATE_KEY ? { appId: config.GITHUB_APP_ID, privateKey: config.GITHUB_APP_PRIVATE_KEY.replace(/\\n/g, '\n'), apiUrl: config.GITHUB_API_URL } : null;
  return {
    knex,
    secrets: createSecretBox(config.encryptionKeys, config.activeEncryptionKeyId),
    octokitFor: app ? createOctokitFactory(app) : null,
    appOctokit: app ? createAppOctokit(app) : null,
    portalUrl: config.PORTAL_URL,
    limits: limits ?? { ...DEFAULT_LIMITS, sandboxRoot: sandboxRootFor(config.ARGUS_SANDBOX_DIR) },
    allowPrivateRemotes: config.ARGUS_ALLOW_PRIVATE_GIT === '1',
    localGitRoot: config.localGitRoot,
    typesense: config.TYPESENSE_URL ? createTypesenseClient(config.TYPESENSE_URL, config.TYPESENSE_API_KEY ?? '') : null,
    billing: {
      settings: billingSettings(config),
      stripe: createStripeClient(config),
      mailer: createMailer({ knex, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger: createLogger({ level: config.LOG_LEVEL, component: 'worker' }).logger }),
    },
  };
}
