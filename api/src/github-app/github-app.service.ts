import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { githubAppClient, GitHubAppError, type GitHubAppClient } from '@argus/activities';
import {
  activateGitHubRepository,
  claimGitHubInstallation,
  consumeGitHubSetupState,
  createGitHubSetupState,
  findGitHubInstallationById,
  findGitHubSetupState,
  listConnectedRepositoriesOfInstallation,
  listGitHubInstallationsOfWorkspace,
  markRepositoryRemoved,
  releaseGitHubInstallation,
  removeRepositoriesOfInstallation,
  repositorySlots,
  type GitHubInstallationRow,
  type RepositoryRow,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { isUuid, requireWorkspace } from '../access/workspace-access';
import type { WorkspacePermission } from '../access/permissions';
import { recordActivity } from '../audit/activity-log';
import { BadGatewayError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { workflowClient } from '../temporal/workflow-client';

// The GitHub App install flow (issue 10 §1):
// 1. An admin clicks "Install the GitHub App": Argus stores the SHA-256 of a fresh `state` bound to them and the
//    workspace (single use, 30 minutes) and sends them to the App's install page with it.
// 2. GitHub sends them back to the portal's callback with `code`, `installation_id`, `setup_action` and `state`.
//    The portal posts them here. The state must be theirs, unused and unexpired; they must still be an admin.
// 3. The code becomes a user token, and GET /user/installations with that token must list the installation:
//    only then is it linked to the workspace (never on an id from the URL alone). The token is then revoked.
// 4. Its repositories start inactive; the workspace activates the ones it wants analyzed.

const STATE_TTL_MS = 30 * 60_000;
const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

const NOT_CONFIGURED =
  'The GitHub App is not configured on this Argus installation (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_SLUG, GITHUB_APP_CLIENT_ID and GITHUB_APP_CLIENT_SECRET). Ask the people who run Argus to set it up (docs/deploy.md), or connect repositories by their git URL.';

function requireClient(deps: AppDeps): GitHubAppClient {
  const client = githubAppClient(deps.config);
  if (!client) throw new ConflictError(NOT_CONFIGURED);
  return client;
}

/** GitHub's refusals in the API's error hierarchy. */
function fromGitHub(err: unknown): never {
  if (err instanceof GitHubAppError) {
    if (err.kind === 'code_rejected') throw new BadRequestError(err.message);
    if (err.kind === 'installation_unavailable') throw new ConflictError(err.message);
    throw new BadGatewayError(err.message, {}, { cause: err });
  }
  throw err;
}

type InstallationStatus = 'active' | 'suspended' | 'uninstalled';
const statusOf = (i: Pick<GitHubInstallationRow, 'deletedAt' | 'suspendedAt'>): InstallationStatus => (i.deletedAt ? 'uninstalled' : i.suspendedAt ? 'suspended' : 'active');

function publicInstallation(deps: AppDeps, i: GitHubInstallationRow & { activeRepositories?: number }) {
  const client = githubAppClient(deps.config);
  return {
    id: i.id,
    installationId: Number(i.installationId),
    accountLogin: i.accountLogin,
    accountType: i.accountType,
    status: statusOf(i),
    claimedAt: i.claimedAt,
    activeRepositories: i.activeRepositories ?? 0,
    settingsUrl: client ? client.installationSettingsUrl({ installationId: Number(i.installationId), accountLogin: i.accountLogin, accountType: i.accountType }) : null,
  };
}

/** Whether the install flow is available here, and the workspace's linked installations. */
export async function workspaceGitHub(deps: AppDeps, workspaceId: string) {
  const client = githubAppClient(deps.config);
  const installations = await listGitHubInstallationsOfWorkspace(deps.knex, workspaceId);
  return {
    app: client
      ? { configured: true, slug: client.settings.slug, publicUrl: `${client.settings.webUrl}/apps/${encodeURIComponent(client.settings.slug)}`, reason: null }
      : { configured: false, slug: null, publicUrl: null, reason: NOT_CONFIGURED },
    installations: installations.map((i) => publicInstallation(deps, i)),
  };
}

/** Step 1: a fresh state bound to this user and workspace, and the App's install page that carries it. */
export async function startInstall(deps: AppDeps, auth: AuthContext, workspaceId: string) {
  const client = requireClient(deps);
  const state = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  await createGitHubSetupState(deps.knex, { stateHash: hashState(state), userId: auth.userId, workspaceId, expiresAt });
  return { installUrl: client.installUrl(state), expiresAt };
}

export interface SetupInput {
  state: string;
  code?: string;
  installationId?: number;
  setupAction: 'install' | 'update' | 'request';
}

/** Steps 2 and 3: checks the state, then GitHub's word (with the user's own token), then links the installation. */
export async function completeSetup(deps: AppDeps, req: Request, auth: AuthContext, input: SetupInput) {
  const client = requireClient(deps);
  const restart = 'Start again from Repositories with "Install the GitHub App".';
  const stored = await findGitHubSetupState(deps.knex, hashState(input.state));
  if (!stored) throw new BadRequestError(`This GitHub setup link is not one Argus issued. ${restart}`);
  // Someone else's state (a forged or forwarded callback): refused without using it up.
  if (stored.userId !== auth.userId) throw new ForbiddenError(`This GitHub setup link was started by another Argus account, so it cannot link anything to yours. ${restart}`);
  if (stored.usedAt) throw new BadRequestError(`This GitHub setup link was already used. ${restart}`);
  if (new Date(stored.expiresAt).getTime() <= Date.now()) throw new BadRequestError(`This GitHub setup link has expired (they last 30 minutes). ${restart}`);
  if (!(await consumeGitHubSetupState(deps.knex, stored.id))) throw new BadRequestError(`This GitHub setup link was already used. ${restart}`);
  // Roles change: only someone who is an admin now may link an installation.
  await requireWorkspace(deps, auth, stored.workspaceId, 'settings:change');

  if (input.setupAction === 'request') {
    return {
      status: 'requested' as const,
      workspaceId: stored.workspaceId,
      installation: null,
      message: 'GitHub sent your request to install the App to the owners of the organization. Once one of them approves it, click "Install the GitHub App" again to link it to this workspace.',
    };
  }
  if (!input.code || !input.installationId) {
    throw new BadRequestError(
      `GitHub did not send the authorization this step needs. The App must have "Request user authorization (OAuth) during installation" switched on, with this page as its callback URL (docs/deploy.md). ${restart}`,
    );
  }

  let userToken: string;
  try {
    userToken = await client.exchangeCode(input.code);
  } catch (err) {
    fromGitHub(err);
  }
  let found;
  try {
    found = await client.findUserInstallation(userToken, input.installationId);
  } catch (err) {
    fromGitHub(err);
  } finally {
    void client.revokeUserToken(userToken);
  }
  if (!found || (found.appId !== null && String(found.appId) !== client.settings.appId)) {
    throw new ForbiddenError(
      'Your GitHub account cannot access this installation of the App, so Argus will not link it. Sign in to GitHub as an owner (or a member with access) of the account where the App is installed, then start again.',
    );
  }

  return deps.knex.transaction(async (trx) => {
    const claim = await claimGitHubInstallation(trx, {
      installationId: found.id,
      accountLogin: found.accountLogin,
      accountType: found.accountType,
      suspended: found.suspended,
      workspaceId: stored.workspaceId,
      userId: auth.userId,
    });
    if (claim.outcome === 'linked_elsewhere') {
      throw new ConflictError(
        `The GitHub App installation on ${found.accountLogin} is already linked to another Argus workspace. An admin of that workspace has to unlink it first (Repositories → GitHub → Unlink).`,
      );
    }
    if (claim.outcome === 'claimed') {
      await recordActivity(trx, req, {
        workspaceId: stored.workspaceId,
        action: 'github.installation.linked',
        resourceType: 'github_installation',
        resourceId: claim.installation.id,
        after: { installationId: found.id, account: found.accountLogin },
      });
    }
    return {
      status: 'linked' as const,
      workspaceId: stored.workspaceId,
      installation: publicInstallation(deps, claim.installation),
      message:
        claim.outcome === 'claimed'
          ? `The GitHub App on ${found.accountLogin} is linked to this workspace. Pick the repositories Argus should analyze.`
          : `The GitHub App on ${found.accountLogin} was already linked to this workspace; its settings on GitHub were updated.`,
    };
  });
}

/** An installation of one of the caller's workspaces, checked like every workspace resource (404 for others). */
async function requireInstallation(deps: AppDeps, auth: AuthContext, id: string, permission: WorkspacePermission) {
  const missing = () => new NotFoundError('No GitHub installation with that id is linked to your workspaces.');
  if (!isUuid(id)) throw missing();
  const installation = await findGitHubInstallationById(deps.knex, id);
  if (!installation?.workspaceId) throw missing();
  const access = await requireWorkspace(deps, auth, installation.workspaceId, permission, 'GitHub installation');
  return { installation: installation as GitHubInstallationRow & { workspaceId: string }, access };
}

function requireUsable(installation: GitHubInstallationRow) {
  if (installation.deletedAt) throw new ConflictError(`The GitHub App was uninstalled from ${installation.accountLogin}. Install it again to analyze its repositories.`);
  if (installation.suspendedAt) throw new ConflictError(`The GitHub App is suspended on ${installation.accountLogin}. An owner of that account can unsuspend it in its GitHub settings.`);
}

function publicInstallationRepository(r: { id: number; fullName: string; private: boolean; defaultBranch: string; htmlUrl: string }, connected: RepositoryRow | undefined) {
  return { githubRepoId: r.id, fullName: r.fullName, private: r.private, defaultBranch: r.defaultBranch, htmlUrl: r.htmlUrl, active: Boolean(connected), repositoryId: connected?.id ?? null };
}

/** Step 4's list: the repositories GitHub grants the installation (live, a page at a time), each with whether it is activated. */
export async function listInstallationRepositories(deps: AppDeps, auth: AuthContext, id: string, page: number, pageSize: number) {
  const { installation } = await requireInstallation(deps, auth, id, 'results:view');
  requireUsable(installation);
  const client = requireClient(deps);
  let listed;
  try {
    listed = await client.listInstallationRepositories(Number(installation.installationId), page, pageSize);
  } catch (err) {
    fromGitHub(err);
  }
  const connected = new Map((await listConnectedRepositoriesOfInstallation(deps.knex, installation.id, installation.workspaceId)).map((r) => [Number(r.githubRepoId), r]));
  return { items: listed.repositories.map((r) => publicInstallationRepository(r, connected.get(r.id))), total: listed.total, page, pageSize };
}

async function dropSchedules(deps: AppDeps, rows: RepositoryRow[]) {
  for (const row of rows) {
    if (row.analysisSchedule && row.workspaceId) {
      await workflowClient.applyAnalysisSchedule(deps, { id: row.id, workspaceId: row.workspaceId }, null).catch((err) => deps.logger.warn({ err, repositoryId: row.id }, 'could not delete the analysis schedule of a deactivated repository'));
    }
  }
}

/** Step 4: activates (or deactivates) one repository of the installation in its workspace. */
export async function setRepositoryActive(deps: AppDeps, req: Request, auth: AuthContext, id: string, githubRepoId: number, active: boolean) {
  const { installation } = await requireInstallation(deps, auth, id, 'settings:change');
  const workspaceId = installation.workspaceId;
  if (!active) {
    const connected = (await listConnectedRepositoriesOfInstallation(deps.knex, installation.id, workspaceId)).find((r) => Number(r.githubRepoId) === githubRepoId);
    if (!connected) throw new NotFoundError('That repository is not active in this workspace.');
    await dropSchedules(deps, [connected]);
    await deps.knex.transaction(async (trx) => {
      await markRepositoryRemoved(trx, connected.id);
      await recordActivity(trx, req, { workspaceId, action: 'repository.removed', resourceType: 'repository', resourceId: connected.id, before: { fullName: connected.fullName, githubRepoId } });
    });
    return { githubRepoId, fullName: connected.fullName, active: false, repositoryId: null };
  }

  requireUsable(installation);
  const client = requireClient(deps);
  let repo;
  try {
    repo = await client.findInstallationRepository(Number(installation.installationId), githubRepoId);
  } catch (err) {
    fromGitHub(err);
  }
  if (!repo) throw new NotFoundError(`The GitHub App on ${installation.accountLogin} has no access to a repository with that id. Grant it the repository in the installation's settings on GitHub first.`);
  return deps.knex.transaction(async (trx) => {
    const { limit, used } = await repositorySlots(trx, workspaceId);
    const result = await activateGitHubRepository(trx, { workspaceId, githubInstallationId: installation.id, githubRepoId, fullName: repo.fullName, defaultBranch: repo.defaultBranch });
    if (!('repository' in result)) {
      throw new ConflictError(
        result.outcome === 'connected_elsewhere'
          ? `${repo.fullName} is already analyzed in another Argus workspace. It has to be deactivated there first.`
          : `${repo.fullName} is already connected to this workspace by its git URL. Remove that connection first, so the repository is analyzed once.`,
      );
    }
    if (result.outcome === 'activated') {
      if (used >= limit) throw new ConflictError(`This workspace already has ${used} repositories, its limit. An admin can raise it in the workspace settings.`);
      await recordActivity(trx, req, { workspaceId, action: 'repository.connected', resourceType: 'repository', resourceId: result.repository.id, after: { fullName: repo.fullName, githubRepoId } });
    }
    return { githubRepoId, fullName: result.repository.fullName, active: true, repositoryId: result.repository.id };
  });
}

/** Unlinks the installation from its workspace; its repositories are deactivated (runs and findings stay). */
export async function releaseInstallation(deps: AppDeps, req: Request, auth: AuthContext, id: string) {
  const { installation } = await requireInstallation(deps, auth, id, 'settings:change');
  const removed = await deps.knex.transaction(async (trx) => {
    const rows = await removeRepositoriesOfInstallation(trx, installation.id);
    await releaseGitHubInstallation(trx, installation.id);
    await recordActivity(trx, req, {
      workspaceId: installation.workspaceId,
      action: 'github.installation.unlinked',
      resourceType: 'github_installation',
      resourceId: installation.id,
      before: { installationId: Number(installation.installationId), account: installation.accountLogin, repositories: rows.map((r) => r.fullName) },
    });
    return rows;
  });
  await dropSchedules(deps, removed);
}
