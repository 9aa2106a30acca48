import { Octokit } from '@octokit/rest';
import { createAppAuth } from '@octokit/auth-app';
import type { PlatformConfig } from './config';

// The GitHub App as the API process sees it: its install page, the user authorization that proves who installed
// it (OAuth code → user token → GET /user/installations), and the installation's own repository list. The user
// token lives only for the length of one request: it is never stored, and revoked once the check is done.

export interface GitHubAppSettings {
  appId: string;
  privateKey: string;
  apiUrl: string;
  webUrl: string;
  slug: string;
  clientId: string;
  clientSecret: string;
}

/** The install flow's settings, or null when the App (or its OAuth client) is not configured. */
export function githubAppSettings(config: PlatformConfig): GitHubAppSettings | null {
  const { GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_SLUG, GITHUB_APP_CLIENT_ID, GITHUB_APP_CLIENT_SECRET } = config;
  if (!GITHUB_APP_ID || !GITHUB_APP_PRIVATE_KEY || !GITHUB_APP_SLUG || !GITHUB_APP_CLIENT_ID || !GITHUB_APP_CLIENT_SECRET) return null;
  return {
    appId: GITHUB_APP_ID,
    privateKey: GITHUB_APP_PRIVATE_KEY,
    apiUrl: config.GITHUB_API_URL.replace(/\/+$/, ''),
    webUrl: config.GITHUB_WEB_URL.replace(/\/+$/, ''),
    slug: GITHUB_APP_SLUG,
    clientId: GITHUB_APP_CLIENT_ID,
    clientSecret: GITHUB_APP_CLIENT_SECRET,
  };
}

/**
 * Why a call to GitHub did not give what was asked, in the words a person reads:
 * - `code_rejected`: GitHub refused the authorization code (expired, used, or for another App);
 * - `installation_unavailable`: the installation is suspended or gone, so GitHub gives no installation token;
 * - `unreachable`: GitHub did not answer, or answered with an error of its own.
 */
export class GitHubAppError extends Error {
  constructor(
    readonly kind: 'code_rejected' | 'installation_unavailable' | 'unreachable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GitHubAppError';
  }
}

export interface UserInstallation {
  id: number;
  appId: number | null;
  accountLogin: string;
  accountType: string;
  suspended: boolean;
}

export interface InstallationRepository {
  id: number;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  htmlUrl: string;
}

const statusOf = (err: unknown) => (err as { status?: number })?.status;

function unreachable(err: unknown): GitHubAppError {
  return new GitHubAppError('unreachable', 'GitHub did not answer as expected. Try again in a minute; if it keeps failing, check githubstatus.com.', { cause: err });
}

const toRepository = (r: { id: number; full_name: string; private: boolean; default_branch?: string; html_url: string }): InstallationRepository => ({
  id: r.id,
  fullName: r.full_name,
  private: r.private,
  defaultBranch: r.default_branch ?? 'main',
  htmlUrl: r.html_url,
});

export interface GitHubAppClient {
  readonly settings: GitHubAppSettings;
  /** The App's install page; GitHub hands `state` back to the callback unchanged. */
  installUrl(state: string): string;
  /** Where an account's owner changes (or removes) the installation on GitHub. */
  installationSettingsUrl(installation: { installationId: number; accountLogin: string; accountType: string }): string;
  /** Exchanges the callback's `code` for a user token (POST {web}/login/oauth/access_token). */
  exchangeCode(code: string): Promise<string>;
  /** The installation, if this user's token can access it (GET /user/installations, page after page). */
  findUserInstallation(userToken: string, installationId: number): Promise<UserInstallation | null>;
  /** Best effort: the user token is of no further use to Argus. */
  revokeUserToken(userToken: string): Promise<void>;
  /** One page of the repositories the installation grants (GET /installation/repositories). */
  listInstallationRepositories(installationId: number, page: number, perPage: number): Promise<{ total: number; repositories: InstallationRepository[] }>;
  /** One repository, only if the installation grants it. */
  findInstallationRepository(installationId: number, githubRepoId: number): Promise<InstallationRepository | null>;
}

const clients = new WeakMap<PlatformConfig, GitHubAppClient>();

/** One client per configuration, so installation tokens are cached (by @octokit/auth-app) across requests. */
export function githubAppClient(config: PlatformConfig): GitHubAppClient | null {
  const existing = clients.get(config);
  if (existing) return existing;
  const settings = githubAppSettings(config);
  if (!settings) return null;
  const client = createGitHubAppClient(settings);
  clients.set(config, client);
  return client;
}

export function createGitHubAppClient(settings: GitHubAppSettings): GitHubAppClient {
  const installationOctokits = new Map<number, Octokit>();
  const forInstallation = (installationId: number) => {
    let octokit = installationOctokits.get(installationId);
    if (!octokit) {
      octokit = new Octokit({ baseUrl: settings.apiUrl, authStrategy: createAppAuth, auth: { appId: settings.appId, privateKey: settings.privateKey, installationId } });
      installationOctokits.set(installationId, octokit);
    }
    return octokit;
  };
  const installationCall = async <T>(installationId: number, call: (octokit: Octokit) => Promise<T>): Promise<T> => {
    try {
      return await call(forInstallation(installationId));
    } catch (err) {
      const status = statusOf(err);
      // No installation token: GitHub answers 403 for a suspended installation and 404 for a deleted one.
      if (status === 403 || status === 404 || status === 401) {
        installationOctokits.delete(installationId);
        throw new GitHubAppError('installation_unavailable', 'GitHub refused access to this installation: it is suspended or was uninstalled on GitHub.', { cause: err });
      }
      throw unreachable(err);
    }
  };

  return {
    settings,
    installUrl: (state) => `${settings.webUrl}/apps/${encodeURIComponent(settings.slug)}/installations/new?state=${encodeURIComponent(state)}`,
    installationSettingsUrl: ({ installationId, accountLogin, accountType }) =>
      accountType === 'Organization'
        ? `${settings.webUrl}/organizations/${encodeURIComponent(accountLogin)}/settings/installations/${installationId}`
        : `${settings.webUrl}/settings/installations/${installationId}`,

    async exchangeCode(code) {
      let data: { access_token?: string; error?: string; error_description?: string };
      try {
        const res = await new Octokit({ baseUrl: settings.webUrl }).request('POST /login/oauth/access_token', {
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          code,
          headers: { accept: 'application/json' },
        });
        data = res.data as typeof data;
      } catch (err) {
        throw unreachable(err);
      }
      // GitHub answers 200 with an `error` for a bad code.
      if (data.error === 'incorrect_client_credentials' || data.error === 'redirect_uri_mismatch') {
        throw new GitHubAppError('unreachable', 'GitHub refused the App\'s OAuth credentials: GITHUB_APP_CLIENT_ID or GITHUB_APP_CLIENT_SECRET is wrong. Tell the people who run Argus.');
      }
      if (!data.access_token) {
        throw new GitHubAppError('code_rejected', 'GitHub did not accept the sign-in code: it is valid for ten minutes and only once. Start again with "Install the GitHub App".');
      }
      return data.access_token;
    },

    async findUserInstallation(userToken, installationId) {
      const octokit = new Octokit({ baseUrl: settings.apiUrl, auth: userToken });
      try {
        for await (const { data } of octokit.paginate.iterator(octokit.rest.apps.listInstallationsForAuthenticatedUser, { per_page: 100 })) {
          const found = data.find((i) => i.id === installationId);
          if (found) {
            const account = found.account as { login?: string; slug?: string; type?: string } | null;
            return {
              id: found.id,
              appId: found.app_id ?? null,
              accountLogin: account?.login ?? account?.slug ?? 'unknown',
              accountType: account?.type ?? (found.target_type === 'Organization' ? 'Organization' : 'User'),
              suspended: Boolean(found.suspended_at),
            };
          }
        }
        return null;
      } catch (err) {
        if (statusOf(err) === 401) throw new GitHubAppError('code_rejected', 'GitHub did not accept the authorization it had just given. Start again with "Install the GitHub App".', { cause: err });
        throw unreachable(err);
      }
    },

    async revokeUserToken(userToken) {
      try {
        await new Octokit({ baseUrl: settings.apiUrl }).rest.apps.deleteToken({
          client_id: settings.clientId,
          access_token: userToken,
          headers: { authorization: `basic ${Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64')}` },
        });
      } catch {
        // A token that cannot be revoked expires by itself (GitHub App user tokens last eight hours).
      }
    },

    listInstallationRepositories: (installationId, page, perPage) =>
      installationCall(installationId, async (octokit) => {
        const { data } = await octokit.rest.apps.listReposAccessibleToInstallation({ page, per_page: perPage });
        return { total: data.total_count, repositories: data.repositories.map(toRepository) };
      }),

    findInstallationRepository: (installationId, githubRepoId) =>
      installationCall(installationId, async (octokit) => {
        for await (const { data } of octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) {
          const found = data.find((r) => r.id === githubRepoId);
          if (found) return toRepository(found);
        }
        return null;
      }),
  };
}
