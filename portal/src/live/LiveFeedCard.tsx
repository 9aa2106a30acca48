import { Card, Title } from '@tremor/react';
import { Link } from 'react-router';
import type { Workspace } from '../api/types';
import { GateBadge, RunStatusBadge } from '../runs/RunBadges';
import { runTarget } from '../runs/runFormat';
import { RunProgress } from '../runs/RunProgress';
import { isActive } from '../runs/runs.api';
import { RelativeTime } from '../ui/RelativeTime';
import { useLiveDashboard } from './LiveDashboard';
import { LiveIndicator } from './LiveIndicator';

const SHOWN = 10;

/** The newest runs of all the user's workspaces, kept current by the dashboard WebSocket. */
export function LiveFeedCard({ workspaces, currentWorkspaceId }: { workspaces: readonly Workspace[]; currentWorkspaceId: string | null }) {
  const { feed, connection } = useLiveDashboard();
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  const runs = feed?.slice(0, SHOWN) ?? [];

  return (
    <Card className="h-full" data-testid="live-feed">
      <div className="flex items-center justify-between gap-2">
        <Title>Latest runs</Title>
        <LiveIndicator status={connection} />
      </div>
      {feed === null ? (
        <p className="mt-4 text-sm text-gray-500">
          {connection === 'reconnecting' ? 'Live updates are unavailable right now; retrying…' : 'Connecting to live updates…'}
        </p>
      ) : runs.length === 0 ? (
        <p className="mt-4 text-sm text-gray-500">
          No runs yet. Connect a repository and click <em>Analyze now</em>, or push to a repository the GitHub App watches.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100" aria-live="polite" aria-relevant="additions">
          {runs.map((run) => (
            <li key={run.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2.5" data-testid={`feed-run-${run.id}`}>
              <div className="min-w-0 flex-1">
                <Link to={`/runs/${run.id}`} className="block truncate text-sm font-medium text-gray-900 hover:text-indigo-600">
                  {run.repositoryName ?? 'Repository'}
                </Link>
                <p className="truncate text-xs text-gray-500">
                  {runTarget(run)}
                  {run.workspaceId !== currentWorkspaceId && names.has(run.workspaceId) && <> · {names.get(run.workspaceId)}</>}
                  {' · '}
                  <RelativeTime iso={run.createdAt} />
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-2">
                {isActive(run.status) ? (
                  <div className="w-40">
                    <RunProgress run={run} size="sm" />
                  </div>
                ) : (
                  <GateBadge passed={run.gate?.passed} compact />
                )}
                <RunStatusBadge status={run.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link to="/runs" className="font-medium text-indigo-600 hover:text-indigo-500">
          All runs
        </Link>
      </p>
    </Card>
  );
}
