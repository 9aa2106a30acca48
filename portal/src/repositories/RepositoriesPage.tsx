import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Repository } from '../api/types';
import { GateBadge, RunStatusBadge } from '../runs/RunBadges';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { TextField } from '../ui/Field';
import { formatRole } from '../ui/format';
import { RelativeTime } from '../ui/RelativeTime';
import { PageHeader } from '../ui/PageHeader';
import { Pagination } from '../ui/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { canManageRepositories, canRunAnalysis } from '../workspaces/permissions';
import { ConnectRepositoryDialog } from './ConnectRepositoryDialog';
import { GitHubAppSection } from './GitHubAppSection';
import { useAnalyzeRepository, useRemoveRepository, useRepositories } from './repositories.api';

const PAGE_SIZE = 25;

type Notice = { kind: 'analysis'; repository: string; runId: string } | { kind: 'connected'; repository: string } | { kind: 'removed'; repository: string };

export function RepositoriesPage() {
  const { workspace } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const debouncedSearch = useDebouncedValue(search.trim(), 300);

  const repositories = useRepositories(workspace?.id, { q: q || undefined, page, pageSize: PAGE_SIZE });
  const analyze = useAnalyzeRepository();
  const remove = useRemoveRepository();
  // ?connect opens the connect flow at once (the dashboard's getting-started checklist links here).
  const [connectOpen, setConnectOpen] = useState(() => params.has('connect'));
  const [toRemove, setToRemove] = useState<Repository | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const permissionNoteId = useId();

  // The search box writes to the URL once typing pauses, so a search can be bookmarked. Only typing
  // writes it (a URL changed by Back must not be overwritten), hence the ref instead of dependencies.
  const latestQ = useRef(q);
  latestQ.current = q;
  useEffect(() => {
    if (debouncedSearch === latestQ.current) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debouncedSearch) next.set('q', debouncedSearch);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch, setParams]);
  useEffect(() => {
    setSearch((current) => (current.trim() === q ? current : q));
  }, [q]);

  useEffect(() => {
    if (!params.has('connect')) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('connect');
        return next;
      },
      { replace: true },
    );
  }, [params, setParams]);

  // Switching workspace shows another list; page 5 of the old one means nothing there.
  const workspaceId = workspace?.id;
  const shownWorkspace = useRef(workspaceId);
  useEffect(() => {
    if (shownWorkspace.current === workspaceId) return;
    shownWorkspace.current = workspaceId;
    setNotice(null);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [workspaceId, setParams]);

  if (!workspace) {
    return (
      <>
        <PageHeader title="Repositories" />
        <EmptyState title="No workspace yet" action={<Link to="/teams" className="text-sm font-medium text-indigo-600">Create a team</Link>}>
          Repositories belong to a workspace.
        </EmptyState>
      </>
    );
  }

  const mayAnalyze = canRunAnalysis(workspace.role);
  const mayManage = canManageRepositories(workspace.role);

  function goToPage(next: number) {
    const search = new URLSearchParams(params);
    if (next > 1) search.set('page', String(next));
    else search.delete('page');
    setParams(search);
  }

  function startAnalysis(repository: Repository) {
    setNotice(null);
    analyze.mutate(
      { repositoryId: repository.id },
      { onSuccess: ({ runId }) => setNotice({ kind: 'analysis', repository: repository.fullName, runId }) },
    );
  }

  function confirmRemoval() {
    if (!toRemove) return;
    const name = toRemove.fullName;
    remove.mutate(toRemove.id, {
      onSuccess: () => {
        setToRemove(null);
        setNotice({ kind: 'removed', repository: name });
      },
    });
  }

  const permissionNote = !mayAnalyze
    ? `You are a ${formatRole(workspace.role).toLowerCase()} in ${workspace.name}: you can read results, but only admins and developers can start analyses, and only admins can connect or remove repositories.`
    : !mayManage
      ? `Only admins of ${workspace.name} can connect or remove repositories; you are a ${formatRole(workspace.role).toLowerCase()}.`
      : null;

  const isSearching = Boolean(q);

  return (
    <>
      <PageHeader
        title="Repositories"
        description={`Git repositories analyzed in ${workspace.name}.`}
        actions={
          <Button
            onClick={() => setConnectOpen(true)}
            disabled={!mayManage}
            title={mayManage ? undefined : 'Only workspace admins can connect repositories'}
            aria-describedby={mayManage ? undefined : permissionNoteId}
            data-testid="connect-repository"
          >
            Connect repository
          </Button>
        }
      />

      {permissionNote && (
        <p id={permissionNoteId} className="mb-4 rounded-md bg-gray-100 px-4 py-2.5 text-sm text-gray-600" data-testid="repositories-permission-note">
          {permissionNote}
        </p>
      )}

      {notice && (
        <SuccessAlert className="mb-4">
          {notice.kind === 'analysis' ? (
            <>
              Analysis of <strong>{notice.repository}</strong> started.{' '}
              <Link to={`/runs/${notice.runId}`} className="font-medium underline" data-testid="follow-run">
                Follow its progress
              </Link>
            </>
          ) : notice.kind === 'connected' ? (
            <>
              <strong>{notice.repository}</strong> is connected. Click <em>Analyze now</em> to run its first analysis.
            </>
          ) : (
            <>
              <strong>{notice.repository}</strong> was removed.
            </>
          )}
        </SuccessAlert>
      )}
      <ErrorAlert error={analyze.error} title="The analysis did not start" className="mb-4" />

      <GitHubAppSection workspace={workspace} />

      <div className="mb-4 max-w-sm">
        <TextField
          label="Search repositories"
          type="search"
          placeholder="Name contains…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="repository-search"
        />
      </div>

      {repositories.isPending ? (
        <LoadingState label="Loading repositories…" />
      ) : repositories.isError ? (
        <ErrorState error={repositories.error} title="Could not load repositories" onRetry={() => void repositories.refetch()} />
      ) : repositories.data.items.length === 0 ? (
        isSearching ? (
          <EmptyState title="No repositories match" action={<Button variant="secondary" size="sm" onClick={() => setSearch('')}>Clear search</Button>}>
            No repository name contains “{q}”.
          </EmptyState>
        ) : (
          <NoRepositories canConnect={mayManage} onConnect={() => setConnectOpen(true)} />
        )
      ) : (
        <div className="space-y-4">
          <Table>
            <thead>
              <tr>
                <Th>Repository</Th>
                <Th>Default branch</Th>
                <Th>Last run</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className={`divide-y divide-gray-100 ${repositories.isPlaceholderData ? 'opacity-60' : ''}`}>
              {repositories.data.items.map((repository) => {
                const starting = analyze.isPending && analyze.variables?.repositoryId === repository.id;
                return (
                  <tr key={repository.id} data-testid={`repository-${repository.fullName}`}>
                    <Td className="max-w-md whitespace-normal">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link
                          to={`/runs?repositoryId=${encodeURIComponent(repository.id)}`}
                          className="font-medium text-gray-900 hover:text-indigo-600"
                          title="Show this repository's runs"
                        >
                          {repository.fullName}
                        </Link>
                        <Badge tone={repository.provider === 'github' ? 'indigo' : 'gray'}>{repository.provider === 'github' ? 'GitHub App' : 'Git'}</Badge>
                        {repository.hasCredential && <Badge title="An access token is stored for cloning">Token</Badge>}
                        <Link to={`/repositories/${repository.id}/overview`} className="text-xs font-medium text-indigo-600 hover:underline" data-testid="repository-overview-link">
                          Overview
                        </Link>
                        <Link to={`/repositories/${repository.id}/settings`} className="text-xs font-medium text-indigo-600 hover:underline" data-testid="repository-settings-link">
                          Gate &amp; rules
                        </Link>
                      </div>
                      <p className="mt-0.5 truncate font-mono text-xs text-gray-500" title={repository.cloneUrl}>
                        {repository.cloneUrl}
                      </p>
                    </Td>
                    <Td>
                      <code className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-800">{repository.defaultBranch}</code>
                    </Td>
                    <Td>
                      {repository.lastRun ? (
                        <Link to={`/runs/${repository.lastRun.id}`} className="group flex flex-wrap items-center gap-2" aria-label={`Last run of ${repository.fullName}: ${repository.lastRun.status}`}>
                          <RunStatusBadge status={repository.lastRun.status} />
                          <GateBadge passed={repository.lastRun.gatePassed} />
                          <RelativeTime iso={repository.lastRun.createdAt} className="text-xs text-gray-500 group-hover:text-indigo-600" />
                        </Link>
                      ) : (
                        <span className="text-xs text-gray-500">Never analyzed</span>
                      )}
                    </Td>
                    <Td className="text-right">
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="secondary"
                          size="sm"
                          loading={starting}
                          disabled={!mayAnalyze}
                          title={mayAnalyze ? `Analyze ${repository.defaultBranch} now` : 'Viewers cannot start analyses'}
                          aria-describedby={mayAnalyze ? undefined : permissionNoteId}
                          onClick={() => startAnalysis(repository)}
                          data-testid="analyze-now"
                        >
                          Analyze now
                        </Button>
                        {mayManage && (
                          <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setToRemove(repository)} aria-label={`Remove ${repository.fullName}`}>
                            Remove
                          </Button>
                        )}
                      </div>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={repositories.data.total} onPageChange={goToPage} noun="repositories" />
        </div>
      )}

      <ConnectRepositoryDialog
        open={connectOpen && mayManage}
        workspaceId={workspace.id}
        workspaceName={workspace.name}
        onClose={() => setConnectOpen(false)}
        onConnected={(repository) => {
          setConnectOpen(false);
          setNotice({ kind: 'connected', repository: repository.fullName });
        }}
      />

      <ConfirmDialog
        open={toRemove !== null}
        title={`Remove ${toRemove?.fullName ?? ''}?`}
        confirmLabel="Remove repository"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmRemoval}
        onCancel={() => {
          setToRemove(null);
          remove.reset();
        }}
      >
        Argus stops analyzing it and it leaves this list. Its past runs stay listed under Runs. You can connect it again later.
      </ConfirmDialog>
    </>
  );
}

function NoRepositories({ canConnect, onConnect }: { canConnect: boolean; onConnect: () => void }) {
  return (
    <EmptyState
      title="No repositories yet"
      action={
        canConnect ? (
          <Button onClick={onConnect}>Connect repository</Button>
        ) : (
          <p className="text-xs text-gray-500">Ask an admin of this workspace to connect one.</p>
        )
      }
    >
      <div className="mx-auto max-w-lg space-y-2 text-left">
        <p>There are two ways to bring code to Argus:</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong className="font-medium text-gray-700">Any git remote</strong>: click <em>Connect repository</em> and paste its https or ssh clone
            URL. For a private repository over https, add a read-only access token.
          </li>
          <li>
            <strong className="font-medium text-gray-700">GitHub</strong>: install the Argus GitHub App on your account or organisation (see
            GitHub above), then switch on the repositories Argus should analyze. Every push and pull request of those is analyzed.
          </li>
        </ul>
      </div>
    </EmptyState>
  );
}
