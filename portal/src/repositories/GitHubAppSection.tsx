import { useState } from 'react';
import type { Workspace } from '../api/types';
import {
  useInstallationRepositories,
  useSetRepositoryActive,
  useStartInstall,
  useUnlinkInstallation,
  useWorkspaceGitHub,
  type GitHubInstallation,
  type GitHubInstallationRepository,
} from '../github/github.api';
import { Badge, type Tone } from '../ui/Badge';
import { Button, Spinner } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ExternalLink } from '../ui/ExternalLink';
import { Pagination } from '../ui/Pagination';
import { ErrorState, LoadingState } from '../ui/states';
import { canManageRepositories } from '../workspaces/permissions';

const PAGE_SIZE = 20;

const STATUS: Record<GitHubInstallation['status'], { label: string; tone: Tone; explanation?: string }> = {
  active: { label: 'Installed', tone: 'green' },
  suspended: {
    label: 'Suspended',
    tone: 'amber',
    explanation: 'The App is suspended on this account, so GitHub sends Argus nothing and pushes are not analyzed. An owner of the account can unsuspend it in its GitHub settings.',
  },
  uninstalled: {
    label: 'Uninstalled',
    tone: 'red',
    explanation: 'The App was uninstalled on GitHub. Its repositories were deactivated; their past runs and findings stay in Argus. Install the App again to analyze them.',
  },
};

/** The GitHub App part of the repositories page: install it, and pick which of its repositories Argus analyzes. */
export function GitHubAppSection({ workspace }: { workspace: Workspace }) {
  const github = useWorkspaceGitHub(workspace.id);
  const install = useStartInstall(workspace.id);
  const mayManage = canManageRepositories(workspace.role);

  if (github.isPending) return <LoadingState label="Checking the GitHub App…" />;
  if (github.isError) return <ErrorState error={github.error} title="Could not load the GitHub App’s state" onRetry={() => void github.refetch()} />;
  const { app, installations } = github.data;

  return (
    <section className="mb-8 rounded-lg border border-gray-200 bg-white p-5" aria-labelledby="github-app-heading" data-testid="github-app-section">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl">
          <h2 id="github-app-heading" className="text-base font-semibold text-gray-900">
            GitHub
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            Install the Argus GitHub App on your GitHub account or organization, then choose which of its repositories Argus analyzes. Every push to
            the default branch and every pull request of an active repository starts an analysis, reported back as a check.
          </p>
        </div>
        {app.configured && mayManage && (
          <Button onClick={() => install.mutate()} loading={install.isPending || install.isSuccess} data-testid="install-github-app">
            Install the GitHub App
          </Button>
        )}
      </div>

      {!app.configured && (
        <p className="mt-4 rounded-md bg-gray-100 px-4 py-2.5 text-sm text-gray-600" data-testid="github-app-unavailable">
          The GitHub App is not available on this Argus installation yet. {app.reason}
        </p>
      )}
      {app.configured && !mayManage && (
        <p className="mt-4 rounded-md bg-gray-100 px-4 py-2.5 text-sm text-gray-600">Only admins of {workspace.name} can install the GitHub App or choose its repositories.</p>
      )}
      <ErrorAlert error={install.error} title="Could not start the installation" className="mt-4" />

      {installations.length > 0 && (
        <ul className="mt-5 space-y-4">
          {installations.map((installation) => (
            <li key={installation.id}>
              <InstallationCard installation={installation} mayManage={mayManage} />
            </li>
          ))}
        </ul>
      )}
      {app.configured && installations.length === 0 && (
        <p className="mt-4 text-sm text-gray-500">No GitHub account is linked to {workspace.name} yet.</p>
      )}
    </section>
  );
}

function InstallationCard({ installation, mayManage }: { installation: GitHubInstallation; mayManage: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const unlink = useUnlinkInstallation();
  const status = STATUS[installation.status];
  return (
    <div className="rounded-md border border-gray-200" data-testid={`github-installation-${installation.accountLogin}`}>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-100 px-4 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-gray-900">{installation.accountLogin}</span>
          <span className="text-xs text-gray-500">{installation.accountType === 'Organization' ? 'organization' : 'personal account'}</span>
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="text-xs text-gray-500">
            {installation.activeRepositories} active {installation.activeRepositories === 1 ? 'repository' : 'repositories'}
          </span>
        </div>
        <div className="flex items-center gap-3">
          {installation.settingsUrl && installation.status !== 'uninstalled' && (
            <ExternalLink href={installation.settingsUrl} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Choose repositories on GitHub
            </ExternalLink>
          )}
          {mayManage && (
            <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setConfirming(true)}>
              {installation.status === 'uninstalled' ? 'Remove' : 'Unlink'}
            </Button>
          )}
        </div>
      </div>
      {status.explanation ? (
        <p className="px-4 py-3 text-sm text-gray-600">{status.explanation}</p>
      ) : (
        <InstallationRepositories installation={installation} mayManage={mayManage} />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Unlink ${installation.accountLogin}?`}
        confirmLabel="Unlink"
        pending={unlink.isPending}
        error={unlink.error}
        onConfirm={() => unlink.mutate(installation.id, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          setConfirming(false);
          unlink.reset();
        }}
      >
        Argus stops analyzing its repositories in this workspace; their past runs and findings stay. The App stays installed on GitHub (uninstall it there
        to revoke its access), and this or another workspace can link it again.
      </ConfirmDialog>
    </div>
  );
}

function InstallationRepositories({ installation, mayManage }: { installation: GitHubInstallation; mayManage: boolean }) {
  const [page, setPage] = useState(1);
  const repositories = useInstallationRepositories(installation.id, page, PAGE_SIZE);
  const toggle = useSetRepositoryActive(installation.id);

  if (repositories.isPending) return <LoadingState label="Asking GitHub for the repositories…" />;
  if (repositories.isError) return <ErrorState error={repositories.error} title="Could not list the repositories" onRetry={() => void repositories.refetch()} />;
  const { items, total } = repositories.data;
  if (total === 0) {
    return <p className="px-4 py-3 text-sm text-gray-600">The App has access to no repository of {installation.accountLogin}. Grant it some in its settings on GitHub.</p>;
  }
  return (
    <div className="px-4 py-3">
      <ErrorAlert error={toggle.error} title="The change was not saved" className="mb-3" />
      <ul className={`divide-y divide-gray-100 ${repositories.isPlaceholderData ? 'opacity-60' : ''}`}>
        {items.map((repository) => (
          <RepositoryRow
            key={repository.githubRepoId}
            repository={repository}
            mayManage={mayManage}
            pending={toggle.isPending && toggle.variables?.githubRepoId === repository.githubRepoId}
            onChange={(active) => toggle.mutate({ githubRepoId: repository.githubRepoId, active })}
          />
        ))}
      </ul>
      {total > PAGE_SIZE && (
        <div className="mt-3">
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPageChange={setPage} noun="repositories" />
        </div>
      )}
    </div>
  );
}

function RepositoryRow({ repository, mayManage, pending, onChange }: { repository: GitHubInstallationRepository; mayManage: boolean; pending: boolean; onChange: (active: boolean) => void }) {
  const label = `${repository.active ? 'Stop analyzing' : 'Analyze'} ${repository.fullName}`;
  return (
    <li className="flex items-center justify-between gap-3 py-2" data-testid={`github-repository-${repository.fullName}`}>
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <ExternalLink href={repository.htmlUrl} className="truncate text-sm text-gray-900 hover:text-indigo-600">
          {repository.fullName}
        </ExternalLink>
        {repository.private && <Badge>Private</Badge>}
        <code className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">{repository.defaultBranch}</code>
      </div>
      <div className="flex items-center gap-2">
        {pending && <Spinner className="h-4 w-4 text-indigo-600" />}
        <span className="text-xs text-gray-500">{repository.active ? 'Active' : 'Inactive'}</span>
        <button
          type="button"
          role="switch"
          aria-checked={repository.active}
          aria-label={label}
          title={mayManage ? label : 'Only workspace admins can choose repositories'}
          disabled={!mayManage || pending}
          onClick={() => onChange(!repository.active)}
          className={`relative inline-flex h-5 w-9 shrink-0 rounded-full transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60 ${repository.active ? 'bg-indigo-600' : 'bg-gray-300'}`}
          data-testid="github-repository-toggle"
        >
          <span className={`inline-block h-4 w-4 translate-y-0.5 rounded-full bg-white shadow transition-transform ${repository.active ? 'translate-x-[1.125rem]' : 'translate-x-0.5'}`} />
        </button>
      </div>
    </li>
  );
}
