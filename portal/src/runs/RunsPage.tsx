import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Run, RunStatus } from '../api/types';
import { RUN_STATUSES } from '../api/enums';
import { LiveIndicator } from '../live/LiveIndicator';
import { useLiveDashboard, withLiveState } from '../live/LiveDashboard';
import { useRepositories } from '../repositories/repositories.api';
import { Button } from '../ui/Button';
import { SelectField } from '../ui/Field';
import { formatDuration, formatRole, shortSha } from '../ui/format';
import { RelativeTime } from '../ui/RelativeTime';
import { PageHeader } from '../ui/PageHeader';
import { Pagination } from '../ui/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { useNow } from '../ui/useNow';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { formatTrigger, GateBadge, RunStatusBadge } from './RunBadges';
import { runDurationMs, runTarget } from './runFormat';
import { RunProgress } from './RunProgress';
import { isActive, useRuns } from './runs.api';

const PAGE_SIZE = 25;

function parseStatus(value: string | null): RunStatus | undefined {
  return RUN_STATUSES.includes(value as RunStatus) ? (value as RunStatus) : undefined;
}

export function RunsPage() {
  const { workspace } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const repositoryId = params.get('repositoryId') || undefined;
  const status = parseStatus(params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);

  const { live, connection } = useLiveDashboard();
  const runs = useRuns(workspace?.id, { repositoryId, status, page, pageSize: PAGE_SIZE }, { poll: connection === 'open' ? false : 'while-active' });
  const repositories = useRepositories(workspace?.id, { page: 1, pageSize: 100 });

  // A repository filter from another workspace would match nothing there.
  const workspaceId = workspace?.id;
  const shownWorkspace = useRef(workspaceId);
  useEffect(() => {
    if (shownWorkspace.current === workspaceId) return;
    shownWorkspace.current = workspaceId;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('repositoryId');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [workspaceId, setParams]);

  const items = (runs.data?.items ?? []).map((run) => withLiveState(run, live.get(run.id), runs.dataUpdatedAt));
  const now = useNow(items.some((run) => isActive(run.status)));

  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // Any filter change starts again at the first page.
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: !('page' in changes) });
  }

  if (!workspace) {
    return (
      <>
        <PageHeader title="Runs" />
        <EmptyState title="No workspace yet">Runs belong to a workspace.</EmptyState>
      </>
    );
  }

  const filtered = Boolean(repositoryId || status);
  const repositoryOptions = repositories.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Runs"
        description={`Analyses of the repositories in ${workspace.name}, newest first.`}
        actions={<LiveIndicator status={connection} />}
      />

      <div className="mb-4 flex flex-wrap items-end gap-4" role="group" aria-label="Run filters">
        <SelectField
          label="Repository"
          containerClassName="w-64"
          value={repositoryId ?? ''}
          onChange={(e) => update({ repositoryId: e.target.value || undefined })}
          data-testid="runs-filter-repository"
        >
          <option value="">All repositories</option>
          {repositoryOptions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.fullName}
            </option>
          ))}
          {repositoryId && repositories.data && !repositoryOptions.some((r) => r.id === repositoryId) && (
            <option value={repositoryId}>Selected repository</option>
          )}
        </SelectField>
        <SelectField
          label="Status"
          containerClassName="w-44"
          value={status ?? ''}
          onChange={(e) => update({ status: e.target.value || undefined })}
          data-testid="runs-filter-status"
        >
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {formatRole(s)}
            </option>
          ))}
        </SelectField>
        {filtered && (
          <Button variant="ghost" size="sm" className="mb-1" onClick={() => update({ repositoryId: undefined, status: undefined })}>
            Clear filters
          </Button>
        )}
      </div>

      {runs.isPending ? (
        <LoadingState label="Loading runs…" />
      ) : runs.isError ? (
        <ErrorState error={runs.error} title="Could not load runs" onRetry={() => void runs.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No runs match these filters" />
        ) : (
          <EmptyState title="No runs yet" action={<Link to="/repositories" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">Go to repositories</Link>}>
            Runs appear here when a repository is analyzed: on a push or pull request, or when you click <em>Analyze now</em>.
          </EmptyState>
        )
      ) : (
        <div className="space-y-4">
          <Table>
            <thead>
              <tr>
                <Th>Run</Th>
                <Th>Trigger</Th>
                <Th>Commit</Th>
                <Th>Status</Th>
                <Th className="w-64">Progress / result</Th>
                <Th>Started</Th>
                <Th className="text-right">Duration</Th>
              </tr>
            </thead>
            <tbody className={`divide-y divide-gray-100 ${runs.isPlaceholderData ? 'opacity-60' : ''}`}>
              {items.map((run) => (
                <RunRow key={run.id} run={run} now={now} />
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={runs.data.total} onPageChange={(p) => update({ page: p > 1 ? String(p) : undefined })} noun="runs" />
        </div>
      )}
    </>
  );
}

function RunRow({ run, now }: { run: Run; now: number }) {
  const name = run.repositoryName ?? 'Repository';
  return (
    <tr data-testid={`run-${run.id}`} className="hover:bg-gray-50">
      <Td className="max-w-xs whitespace-normal">
        <Link to={`/runs/${run.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
          {name}
        </Link>
        <p className="truncate text-xs text-gray-500">{runTarget(run)}</p>
      </Td>
      <Td>{formatTrigger(run.trigger)}</Td>
      <Td>
        <code className="font-mono text-xs text-gray-700" title={run.commitSha ?? undefined}>
          {shortSha(run.commitSha)}
        </code>
      </Td>
      <Td>
        <RunStatusBadge status={run.status} />
      </Td>
      <Td className="whitespace-normal">
        {isActive(run.status) ? (
          <RunProgress run={run} size="sm" />
        ) : run.status === 'completed' ? (
          <div className="flex flex-wrap items-center gap-2">
            <GateBadge passed={run.gate?.passed} />
            {run.summary && (
              <span className="text-xs text-gray-500">
                {run.summary.open} open · {run.summary.new} new
              </span>
            )}
          </div>
        ) : run.error ? (
          <p className="line-clamp-2 text-xs text-red-700" title={run.error}>
            {run.error}
          </p>
        ) : (
          <span className="text-xs text-gray-400">—</span>
        )}
      </Td>
      <Td>
        <RelativeTime iso={run.startedAt ?? run.createdAt} />
      </Td>
      <Td className="text-right tabular-nums">{formatDuration(runDurationMs(run, now))}</Td>
    </tr>
  );
}
