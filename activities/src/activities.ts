import type { Knex } from 'knex';
import { createDbActivities } from './db';
import { createAnalysisActivities, DEFAULT_LIMITS, type AnalysisLimits } from './analysis';
import { createGitHubActivities, type OctokitFor } from './github';
import { createSecretBox, type SecretBox } from './platform/secrets';
import { createOctokitFactory } from './github';
import type { PlatformConfig } from './platform/config';
import { createFixToPullRequestActivities } from './fixes/index';
import { createAppOctokit, createGitHubDeliveryActivities } from './github-deliveries';
import type { Octokit } from '@octokit/rest';

export interface ActivityDeps {
  knex: Knex;
  secrets: SecretBox;
  octokitFor: OctokitFor | null;
  /** Authenticated as the App (not an installation), for /app/* endpoints. */
  appOctokit: Octokit | null;
  portalUrl: string;
  limits?: AnalysisLimits;
}

/** All activities the worker hosts, merged into one object and one type for `proxyActivities<Activities>`. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDbActivities(deps),
    ...createAnalysisActivities({ knex: deps.knex, secrets: deps.secrets, limits: deps.limits ?? DEFAULT_LIMITS }),
    ...createGitHubActivities(deps),
    ...createGitHubDeliveryActivities(deps),
    ...createFixToPullRequestActivities(deps),
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
    limits,
  };
}
