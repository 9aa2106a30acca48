import { z } from 'zod';
import { orNull, ZInstant } from '../openapi/schemas';

// Response shapes of the GitHub App routes, as github-app.service.ts builds them.

const ZGitHubAppStatus = z
  .object({
    configured: z.boolean().meta({ description: 'Whether this Argus installation can send people to the App’s install page' }),
    slug: z.string().nullable(),
    publicUrl: z.string().nullable().meta({ description: 'The App’s public page on GitHub' }),
    reason: z.string().nullable().meta({ description: 'Why the install flow is unavailable, for people' }),
  })
  .meta({ id: 'GitHubAppStatus' });

const ZGitHubInstallation = z
  .object({
    id: z.string(),
    installationId: z.number().int().meta({ description: 'GitHub’s id of the installation' }),
    accountLogin: z.string(),
    accountType: z.string().meta({ description: 'Organization or User' }),
    status: z.enum(['active', 'suspended', 'uninstalled']),
    claimedAt: ZInstant.nullable(),
    activeRepositories: z.number().int(),
    settingsUrl: z.string().nullable().meta({ description: 'Where an owner changes the installation (its repositories) on GitHub' }),
  })
  .meta({ id: 'GitHubInstallation' });

export const ZWorkspaceGitHub = z.object({ app: ZGitHubAppStatus, installations: z.array(ZGitHubInstallation) }).meta({ id: 'WorkspaceGitHub' });

export const ZGitHubInstallStart = z
  .object({ installUrl: z.string().meta({ description: 'Send the browser here' }), expiresAt: ZInstant })
  .meta({ id: 'GitHubInstallStart' });

export const ZGitHubSetupResult = z
  .object({
    status: z.enum(['linked', 'requested']),
    workspaceId: z.string(),
    installation: orNull(ZGitHubInstallation),
    message: z.string(),
  })
  .meta({ id: 'GitHubSetupResult' });

const ZGitHubInstallationRepository = z
  .object({
    githubRepoId: z.number().int(),
    fullName: z.string(),
    private: z.boolean(),
    defaultBranch: z.string(),
    htmlUrl: z.string(),
    active: z.boolean().meta({ description: 'Whether Argus analyzes it in this workspace' }),
    repositoryId: z.string().nullable().meta({ description: 'The Argus repository, when active' }),
  })
  .meta({ id: 'GitHubInstallationRepository' });

export const ZGitHubInstallationRepositoryPage = z
  .object({ items: z.array(ZGitHubInstallationRepository), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'GitHubInstallationRepositoryPage' });

export const ZGitHubRepositoryActivation = z
  .object({ githubRepoId: z.number().int(), fullName: z.string(), active: z.boolean(), repositoryId: z.string().nullable() })
  .meta({ id: 'GitHubRepositoryActivation' });
