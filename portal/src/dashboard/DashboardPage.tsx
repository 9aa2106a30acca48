import { Card, Metric, Text } from '@tremor/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMe } from '../auth/auth.api';
import { useLiveDashboard } from '../live/LiveDashboard';
import { LiveFeedCard } from '../live/LiveFeedCard';
import { useRepositories } from '../repositories/repositories.api';
import { GateBadge } from '../runs/RunBadges';
import { useRuns } from '../runs/runs.api';
import { formatRole } from '../ui/format';
import { RelativeTime } from '../ui/RelativeTime';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, LoadingState } from '../ui/states';
import { GettingStarted } from './GettingStarted';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';

export function DashboardPage() {
  const me = useMe();
  const { workspace, workspaces } = useCurrentWorkspace();
  const firstName = me.data?.user.name.split(' ')[0];
  // Until the workspace's first run there is nothing to count: the dashboard shows how to get there instead.
  const anyRun = useRuns(workspace?.id, { page: 1, pageSize: 1 });
  const firstUse = anyRun.data?.total === 0;

  return (
    <>
      <PageHeader
        title={firstName ? (firstUse ? `Welcome to Argus, ${firstName}` : anyRun.data ? `Welcome back, ${firstName}` : `Hello, ${firstName}`) : 'Dashboard'}
        description={workspace ? `You are working in ${workspace.name}.` : undefined}
      />
      {workspace && anyRun.isPending ? (
        <LoadingState />
      ) : workspace && firstUse ? (
        <GettingStarted workspace={workspace} workspaces={workspaces} />
      ) : workspace ? (
        <div className="space-y-6">
          <AnalysisKpis workspaceId={workspace.id} />
          <div className="grid gap-4 lg:grid-cols-3">
            <div className="lg:col-span-2">
              <LiveFeedCard workspaces={workspaces} currentWorkspaceId={workspace.id} />
            </div>
            <div className="grid gap-4">
              <Card>
                <Text>Workspaces</Text>
                <Metric data-testid="kpi-workspaces">{workspaces.length}</Metric>
                <Text className="mt-2">
                  <Link to="/teams" className="text-indigo-600 hover:text-indigo-500">
                    View teams
                  </Link>
                </Text>
              </Card>
              <Card>
                <Text>Members in {workspace.name}</Text>
                <Metric data-testid="kpi-members">{workspace.memberCount}</Metric>
                <Text className="mt-2">
                  <Link to={`/teams/${workspace.id}/members`} className="text-indigo-600 hover:text-indigo-500">
                    Manage members
                  </Link>
                </Text>
              </Card>
              <Card>
                <Text>Your role</Text>
                <Metric data-testid="kpi-role">{formatRole(workspace.role)}</Metric>
                <Text className="mt-2">{workspace.kind === 'personal' ? 'Personal workspace' : 'Team workspace'}</Text>
              </Card>
            </div>
          </div>
        </div>
      ) : (
        <EmptyState title="No workspace yet" action={<Link to="/teams" className="text-sm font-medium text-indigo-600">Create a team</Link>}>
          Create a team to start working with others.
        </EmptyState>
      )}
    </>
  );
}

/** Counts from the API (never placeholders): the run queries are re-read whenever a run changes status. */
function AnalysisKpis({ workspaceId }: { workspaceId: string }) {
  // Live events re-read these; without the socket they are polled instead.
  const { connection } = useLiveDashboard();
  const poll = connection === 'open' ? false : 'always';
  const repositories = useRepositories(workspaceId, { page: 1, pageSize: 1 });
  const running = useRuns(workspaceId, { status: 'running', page: 1, pageSize: 1 }, { poll });
  const queued = useRuns(workspaceId, { status: 'queued', page: 1, pageSize: 1 }, { poll });
  const lastCompleted = useRuns(workspaceId, { status: 'completed', page: 1, pageSize: 1 }, { poll });
  const last = lastCompleted.data?.items[0];

  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Card>
        <Text>Repositories</Text>
        <Metric data-testid="kpi-repositories">
          <Value loading={repositories.isPending} failed={repositories.isError}>
            {repositories.data?.total}
          </Value>
        </Metric>
        <Text className="mt-2">
          <Link to="/repositories" className="text-indigo-600 hover:text-indigo-500">
            Manage repositories
          </Link>
        </Text>
      </Card>
      <Card>
        <Text>Runs in progress</Text>
        <Metric data-testid="kpi-runs-in-progress">
          <Value loading={running.isPending || queued.isPending} failed={running.isError || queued.isError}>
            {running.data && queued.data ? running.data.total + queued.data.total : undefined}
          </Value>
        </Metric>
        <Text className="mt-2">
          {running.data && queued.data ? `${running.data.total} running · ${queued.data.total} queued · ` : ''}
          <Link to="/runs?status=running" className="text-indigo-600 hover:text-indigo-500">
            View
          </Link>
        </Text>
      </Card>
      <Card>
        <Text>Last quality gate</Text>
        <Metric data-testid="kpi-last-gate">
          <Value loading={lastCompleted.isPending} failed={lastCompleted.isError}>
            {lastCompleted.data ? (last ? (last.gate ? (last.gate.passed ? 'Passed' : 'Failed') : 'No gate') : '—') : undefined}
          </Value>
        </Metric>
        <Text className="mt-2">
          {last ? (
            <Link to={`/runs/${last.id}`} className="inline-flex flex-wrap items-center gap-2 text-indigo-600 hover:text-indigo-500">
              <GateBadge passed={last.gate?.passed} compact />
              <span>
                {last.repositoryName ?? 'Repository'} · <RelativeTime iso={last.finishedAt ?? last.createdAt} />
              </span>
            </Link>
          ) : lastCompleted.data ? (
            'No completed run yet'
          ) : null}
        </Text>
      </Card>
    </div>
  );
}

function Value({ loading, failed, children }: { loading: boolean; failed: boolean; children: ReactNode }) {
  if (loading) return <span className="text-gray-300" aria-label="Loading">…</span>;
  if (failed) return <span className="text-base font-normal text-red-600">Could not load</span>;
  return <>{children}</>;
}
