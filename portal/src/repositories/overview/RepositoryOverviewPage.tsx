import { LineChart } from '@tremor/react';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useProjects, useRepositoryHealth, useRuleFindings, useRuleGroups, type AnalyticsScope } from '../../analytics/analytics.api';
import { DateRangePicker, type DateRange } from '../../analytics/DateRangePicker';
import { HealthSummary } from '../../analytics/HealthPanels';
import { GateBadge, RunStatusBadge } from '../../runs/RunBadges';
import { useRuns } from '../../runs/runs.api';
import { PageHeader, Panel } from '../../ui/PageHeader';
import { Pagination } from '../../ui/Pagination';
import { RelativeTime } from '../../ui/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useCurrentWorkspace } from '../../workspaces/CurrentWorkspace';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const CATEGORIES = ['security', 'bug', 'performance', 'maintainability', 'style'] as const;
const SEVERITY_STYLE: Record<string, string> = {
  critical: 'bg-red-100 text-red-800',
  high: 'bg-orange-100 text-orange-800',
  medium: 'bg-amber-100 text-amber-800',
  low: 'bg-blue-100 text-blue-800',
  info: 'bg-gray-100 text-gray-700',
};

/** A repository's overview: ratings A–E with their drivers, the new-code score, the trend, the last runs, and the open findings grouped by rule. */
export function RepositoryOverviewPage() {
  const { repositoryId = '' } = useParams();
  const { workspace } = useCurrentWorkspace();
  const [range, setRange] = useState<DateRange>({ days: 30 });
  const scope: AnalyticsScope = { repositoryId, ...range };
  const health = useRepositoryHealth(scope);
  const project = useProjects(scope, { page: 1, pageSize: 1, sort: 'name' });
  const name = project.data?.items[0]?.fullName;

  if (health.isPending) return <LoadingState label="Loading the repository’s health…" />;
  if (health.isError) return <ErrorState error={health.error} title="Could not load this repository" onRetry={() => void health.refetch()} />;
  const h = health.data;
  const history = h.history.map((p) => ({ day: p.day, 'Health score': p.score }));

  return (
    <div>
      <PageHeader
        title={name ?? 'Repository overview'}
        description={h.lastAnalyzedAt ? <>Last analyzed <RelativeTime iso={h.lastAnalyzedAt} /></> : 'Not analyzed on its default branch yet.'}
        actions={
          <Link to="/repositories" className="text-sm font-medium text-indigo-600 hover:underline">
            All repositories
          </Link>
        }
      />
      <div className="mb-6">
        <DateRangePicker value={range} onChange={setRange} />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Panel title="Overall code">
          <HealthSummary title="Health score" health={h.health} trend={h.trend} testId="overview-health" />
        </Panel>
        <Panel title="New code" description={`Findings introduced between ${h.range.from} and ${h.range.to}`}>
          <HealthSummary title={`${h.newCode.newFindings.toLocaleString()} new findings`} health={h.newCode} testId="overview-new-code" />
        </Panel>
        <Panel title="In this window">
          <dl className="grid grid-cols-2 gap-4 text-sm">
            {[
              ['Analyses', h.metrics.totalRuns.toLocaleString()],
              ['Success rate', `${h.metrics.successRate}%`],
              ['Findings reported', h.metrics.totalIssues.toLocaleString()],
              ['Per analysis', h.metrics.averageIssuesPerRun.toLocaleString()],
              ['Fixed', h.metrics.fixedIssues.toLocaleString()],
              ['Open now', h.health.openFindings.toLocaleString()],
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="text-gray-500">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums text-gray-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      </div>
      <div className="mt-6">
        <Panel title="Health score history">
          {history.every((p) => p['Health score'] === null) ? (
            <p className="py-8 text-center text-sm text-gray-500">No default-branch analysis in this window.</p>
          ) : (
            <LineChart className="h-56" data={history} index="day" categories={['Health score']} colors={['indigo']} minValue={0} maxValue={100} connectNulls showLegend={false} />
          )}
        </Panel>
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <IssueBrowser repositoryId={repositoryId} />
        </div>
        <LastRuns workspaceId={workspace?.id} repositoryId={repositoryId} />
      </div>
    </div>
  );
}

function LastRuns({ workspaceId, repositoryId }: { workspaceId: string | undefined; repositoryId: string }) {
  const runs = useRuns(workspaceId, { repositoryId, page: 1, pageSize: 8 });
  return (
    <Panel title="Last runs">
      {runs.isPending ? (
        <LoadingState />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <EmptyState title="No runs yet" />
      ) : (
        <ul className="divide-y divide-gray-100 text-sm" data-testid="overview-runs">
          {runs.data.items.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 py-2">
              <Link to={`/runs/${r.id}`} className="min-w-0 truncate font-mono text-indigo-600 hover:underline">
                {r.commitSha?.slice(0, 8) ?? r.id.slice(0, 8)}
              </Link>
              <span className="flex items-center gap-2">
                <RunStatusBadge status={r.status} />
                {r.gate && <GateBadge passed={r.gate.passed} compact />}
                <RelativeTime iso={r.createdAt} className="text-gray-500" />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The cross-run issue browser: open findings of the latest default-branch run, grouped by rule, each expandable. */
function IssueBrowser({ repositoryId }: { repositoryId: string }) {
  const [page, setPage] = useState(1);
  const [severity, setSeverity] = useState('');
  const [category, setCategory] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const groups = useRuleGroups({ repositoryId }, { page, pageSize: 20, ...(severity ? { severity } : {}), ...(category ? { category } : {}) });
  return (
    <Panel title="Open issues by rule" description="Across runs: every open finding of the latest analysis, grouped by rule, with when each was first seen">
      <div className="mb-3 flex flex-wrap gap-3 text-sm">
        <select aria-label="Severity" className="rounded-md border-gray-300 text-sm" value={severity} onChange={(e) => { setSeverity(e.target.value); setPage(1); }}>
          <option value="">Every severity</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label="Category" className="rounded-md border-gray-300 text-sm" value={category} onChange={(e) => { setCategory(e.target.value); setPage(1); }}>
          <option value="">Every category</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      {groups.isPending ? (
        <LoadingState />
      ) : groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.items.length === 0 ? (
        <EmptyState title={severity || category ? 'No open findings match' : 'No open findings'}>{severity || category ? 'Try another severity or category.' : 'The latest analysis found nothing open.'}</EmptyState>
      ) : (
        <>
          <table className="min-w-full text-sm" data-testid="issue-browser">
            <thead className="text-left text-xs uppercase text-gray-500">
              <tr>
                <th className="py-2 pr-3">Rule</th>
                <th className="py-2 pr-3">Severity</th>
                <th className="py-2 pr-3 text-right">Findings</th>
                <th className="py-2 pr-3 text-right">Files</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {groups.data.items.map((g) => (
                <Fragment key={g.ruleId}>
                  <tr>
                    <td className="py-2 pr-3">
                      <button type="button" className="text-left font-medium text-indigo-600 hover:underline" aria-expanded={open === g.ruleId} onClick={() => setOpen(open === g.ruleId ? null : g.ruleId)}>
                        {g.ruleId}
                      </button>
                      <p className="max-w-lg truncate text-xs text-gray-500" title={g.message}>{g.category} · {g.message}</p>
                    </td>
                    <td className="py-2 pr-3">
                      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${SEVERITY_STYLE[g.severity]}`}>{g.severity}</span>
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{g.count.toLocaleString()}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{g.files.toLocaleString()}</td>
                  </tr>
                  {open === g.ruleId && (
                    <tr>
                      <td colSpan={4} className="bg-gray-50 px-3 py-2">
                        <RuleLocations repositoryId={repositoryId} ruleId={g.ruleId} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageSize={groups.data.pageSize} total={groups.data.total} onPageChange={setPage} noun="rules" />
        </>
      )}
    </Panel>
  );
}

function RuleLocations({ repositoryId, ruleId }: { repositoryId: string; ruleId: string }) {
  const findings = useRuleFindings({ repositoryId }, ruleId);
  if (findings.isPending) return <LoadingState />;
  if (findings.isError) return <ErrorState error={findings.error} onRetry={() => void findings.refetch()} />;
  return (
    <ul className="space-y-1 text-xs">
      {findings.data.items.map((f) => (
        <li key={f.id} className="flex justify-between gap-3">
          <Link to={`/runs/${f.runId}`} className="font-mono text-indigo-600 hover:underline">
            {f.path}:{f.startLine}
          </Link>
          <span className="text-gray-500">
            first seen <RelativeTime iso={f.firstSeenAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
