import { AreaChart, BarChart, BarList, Card, DonutChart, LineChart, Text } from '@tremor/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRepositories } from '../repositories/repositories.api';
import { Button } from '../ui/Button';
import { PageHeader, Panel } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import {
  downloadAnalyticsCsv,
  useDashboard,
  useIssueCategories,
  useIssueSeverity,
  useProjects,
  useRepositoryHealth,
  useTimeline,
  useTopIssues,
  type AnalyticsScope,
  type Kpi,
} from './analytics.api';
import { DateRangePicker, type DateRange } from './DateRangePicker';
import { HealthSummary, RatingBadge, TrendBadge } from './HealthPanels';

const SEVERITY_COLOURS = ['red', 'orange', 'amber', 'blue', 'gray'];
const CATEGORY_COLOURS = ['red', 'orange', 'amber', 'indigo', 'gray'];

function formatKpi(k: Pick<Kpi, 'unit'>, value: number | null): string {
  if (value === null) return '–';
  if (k.unit === 'percent') return `${value}%`;
  if (k.unit === 'seconds') return value >= 86_400 ? `${(value / 86_400).toFixed(1)} d` : value >= 3600 ? `${(value / 3600).toFixed(1)} h` : `${Math.round(value / 60)} min`;
  return value.toLocaleString();
}

export function KpiCard({ kpi }: { kpi: Kpi }) {
  const good = kpi.delta === null || kpi.delta === 0 ? null : (kpi.delta > 0) === (kpi.betterWhen === 'higher');
  const delta = kpi.delta === null ? null : kpi.unit === 'seconds' ? formatKpi(kpi, Math.abs(kpi.delta)) : Math.abs(kpi.delta).toLocaleString() + (kpi.unit === 'percent' ? ' pts' : '');
  return (
    <Card className="p-4" data-testid={`kpi-${kpi.key}`}>
      <Text>{kpi.label}</Text>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{formatKpi(kpi, kpi.value)}</p>
      <p className={`mt-1 text-xs ${good === null ? 'text-gray-500' : good ? 'text-emerald-700' : 'text-red-700'}`}>
        {kpi.delta === null ? 'no earlier data' : kpi.delta === 0 ? 'same as the previous window' : `${kpi.delta > 0 ? '▲' : '▼'} ${delta} vs previous window`}
      </p>
    </Card>
  );
}

export function AnalyticsPage() {
  const { workspace } = useCurrentWorkspace();
  const [range, setRange] = useState<DateRange>({ days: 30 });
  const [repositoryId, setRepositoryId] = useState('');
  const [exporting, setExporting] = useState<{ error?: unknown; busy: boolean }>({ busy: false });
  const scope: AnalyticsScope = { workspaceId: workspace?.id, ...(repositoryId ? { repositoryId } : {}), ...range };
  const repos = useRepositories(workspace?.id, { page: 1, pageSize: 100 });
  const dashboard = useDashboard(scope);

  if (!workspace) return <EmptyState title="No workspace yet">Create or join a team to see its analytics.</EmptyState>;

  const exportCsv = async () => {
    setExporting({ busy: true });
    try {
      await downloadAnalyticsCsv(scope);
      setExporting({ busy: false });
    } catch (error) {
      setExporting({ busy: false, error });
    }
  };

  return (
    <div>
      <PageHeader
        title="Analytics"
        description="Quality over time: runs, findings, fixes and the health score, with why each score is what it is."
        actions={
          <Button variant="secondary" onClick={exportCsv} disabled={exporting.busy} data-testid="analytics-export">
            {exporting.busy ? 'Exporting…' : 'Export CSV'}
          </Button>
        }
      />
      <div className="mb-6 flex flex-wrap items-end gap-4">
        <DateRangePicker value={range} onChange={setRange} />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-700">Repository</span>
          <select className="rounded-md border-gray-300 text-sm" value={repositoryId} onChange={(e) => setRepositoryId(e.target.value)} data-testid="analytics-repository">
            <option value="">All repositories</option>
            {repos.data?.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.fullName}
              </option>
            ))}
          </select>
        </label>
      </div>
      {exporting.error !== undefined && (
        <div className="mb-4">
          <ErrorState error={exporting.error} title="The export failed" onRetry={exportCsv} />
        </div>
      )}
      {dashboard.isPending ? (
        <LoadingState label="Loading analytics…" />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} title="Could not load analytics" onRetry={() => void dashboard.refetch()} />
      ) : dashboard.data.kpis.find((k) => k.key === 'runs')?.value === 0 && dashboard.data.health.score === null ? (
        <EmptyState title="Nothing to chart yet" action={<Link to="/repositories" className="text-sm font-medium text-indigo-600 hover:underline">Connect or analyze a repository</Link>}>
          No analyses in this window. Charts appear after the first analysis finishes.
        </EmptyState>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5" data-testid="analytics-kpis">
            {dashboard.data.kpis.map((k) => (
              <KpiCard key={k.key} kpi={k} />
            ))}
          </div>
          <div className="mt-6 grid gap-6 lg:grid-cols-3">
            <Panel title="Health" className="lg:col-span-1">
              <HealthSummary title={repositoryId ? 'Repository health' : 'Workspace health'} health={dashboard.data.health} trend={dashboard.data.trend} testId="analytics-health" />
            </Panel>
            <HealthHistory scope={scope} />
          </div>
          <Charts scope={scope} />
          <ProjectsTable scope={scope} />
        </>
      )}
    </div>
  );
}

function ChartPanel({ title, description, query, children, empty }: { title: string; description?: string; query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; children: () => React.ReactNode; empty?: boolean }) {
  return (
    <Panel title={title} description={description}>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : empty ? (
        <p className="py-8 text-center text-sm text-gray-500">Nothing in this window.</p>
      ) : (
        children()
      )}
    </Panel>
  );
}

function HealthHistory({ scope }: { scope: AnalyticsScope }) {
  const health = useRepositoryHealth(scope);
  const data = health.data?.history.map((h) => ({ day: h.day, 'Health score': h.score })) ?? [];
  return (
    <div className="lg:col-span-2">
      <ChartPanel title="Health score history" description="The score of each day’s last default-branch analysis" query={health} empty={data.every((d) => d['Health score'] === null)}>
        {() => (
          <>
            <LineChart className="h-64" data={data} index="day" categories={['Health score']} colors={['indigo']} minValue={0} maxValue={100} connectNulls showLegend={false} />
            {health.data && (
              <div className="mt-4 flex flex-wrap items-center gap-3 text-sm text-gray-600" data-testid="new-code-score">
                <span className="font-medium text-gray-900">New code:</span>
                <span className="tabular-nums">{health.data.newCode.score ?? '–'} / 100</span>
                <span>({health.data.newCode.newFindings.toLocaleString()} findings introduced in this window)</span>
                {health.data.newCode.ratings &&
                  (['security', 'reliability', 'maintainability'] as const).map((d) => <RatingBadge key={d} rating={health.data!.newCode.ratings![d].rating} label={`New code ${d}`} />)}
              </div>
            )}
          </>
        )}
      </ChartPanel>
    </div>
  );
}

function Charts({ scope }: { scope: AnalyticsScope }) {
  const timeline = useTimeline(scope);
  const severity = useIssueSeverity(scope);
  const categories = useIssueCategories(scope);
  const top = useTopIssues(scope);
  const runs = timeline.data?.days.map((d) => ({ day: d.day, Completed: d.completed, Failed: d.failed })) ?? [];
  const fixes = timeline.data?.days.map((d) => ({ day: d.day, Generated: d.fixesGenerated, Merged: d.fixesMerged })) ?? [];
  const bySeverity =
    severity.data?.daily.map((d) => ({ day: d.day, Critical: d.open.critical, High: d.open.high, Medium: d.open.medium, Low: d.open.low, Info: d.open.info })) ?? [];
  const donut = categories.data?.categories.filter((c) => c.open > 0).map((c) => ({ name: c.category, value: c.open })) ?? [];
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      <ChartPanel title="Runs per day" query={timeline} empty={runs.every((r) => r.Completed + r.Failed === 0)}>
        {() => <AreaChart className="h-64" data={runs} index="day" categories={['Completed', 'Failed']} colors={['indigo', 'red']} stack allowDecimals={false} />}
      </ChartPanel>
      <ChartPanel title="Open findings by severity" description="Each day’s open findings across the scope’s repositories" query={severity} empty={bySeverity.every((d) => d.Critical + d.High + d.Medium + d.Low + d.Info === 0)}>
        {() => <BarChart className="h-64" data={bySeverity} index="day" categories={['Critical', 'High', 'Medium', 'Low', 'Info']} colors={SEVERITY_COLOURS} stack allowDecimals={false} />}
      </ChartPanel>
      <ChartPanel title="Open findings by category" query={categories} empty={donut.length === 0}>
        {() => (
          <div className="flex flex-col items-center gap-4 sm:flex-row">
            <DonutChart className="h-48 w-48" data={donut} category="value" index="name" colors={CATEGORY_COLOURS} />
            <ul className="space-y-1 text-sm">
              {categories.data!.categories.map((c) => (
                <li key={c.category} className="flex justify-between gap-6">
                  <span className="capitalize text-gray-700">{c.category}</span>
                  <span className="tabular-nums text-gray-900">
                    {c.open.toLocaleString()} <span className="text-gray-500">({c.share}%)</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </ChartPanel>
      <ChartPanel title="Top issues" description="The most common open rules in the latest analyses" query={top} empty={top.data?.items.length === 0}>
        {() => <BarList data={top.data!.items.map((i) => ({ name: i.ruleId, value: i.count }))} color="indigo" />}
      </ChartPanel>
      <ChartPanel title="Fixes generated vs merged" query={timeline} empty={fixes.every((f) => f.Generated + f.Merged === 0)}>
        {() => <BarChart className="h-64" data={fixes} index="day" categories={['Generated', 'Merged']} colors={['blue', 'indigo']} allowDecimals={false} />}
      </ChartPanel>
      <ChartPanel title="Recent activity" query={timeline} empty={timeline.data?.events.length === 0}>
        {() => (
          <ul className="max-h-64 divide-y divide-gray-100 overflow-y-auto text-sm">
            {timeline.data!.events.map((e) => (
              <li key={e.id} className="flex justify-between gap-3 py-2">
                <span className="text-gray-700">
                  {e.userName ?? 'Someone'} · {e.type.replace(/[._]/g, ' ')}
                </span>
                <time className="shrink-0 text-gray-500" dateTime={e.occurredAt}>
                  {new Date(e.occurredAt).toLocaleString()}
                </time>
              </li>
            ))}
          </ul>
        )}
      </ChartPanel>
    </div>
  );
}

function ProjectsTable({ scope }: { scope: AnalyticsScope }) {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<'name' | 'health' | 'trend'>('health');
  const projects = useProjects(scope, { page, pageSize: 20, sort });
  return (
    <div className="mt-6">
      <Panel title="Repositories" description="Health, ratings and trend of each repository in the window">
        <div className="mb-3 flex items-center gap-2 text-sm">
          <span className="text-gray-600">Sort by</span>
          {(['health', 'trend', 'name'] as const).map((s) => (
            <button key={s} type="button" onClick={() => setSort(s)} className={`rounded px-2 py-1 ${sort === s ? 'bg-indigo-50 font-medium text-indigo-700' : 'text-gray-600 hover:bg-gray-50'}`}>
              {s === 'health' ? 'worst health' : s === 'trend' ? 'steepest decline' : 'name'}
            </button>
          ))}
        </div>
        {projects.isPending ? (
          <LoadingState />
        ) : projects.isError ? (
          <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
        ) : projects.data.items.length === 0 ? (
          <p className="py-6 text-center text-sm text-gray-500">No repositories in this scope.</p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="analytics-projects">
                <thead className="text-left text-xs uppercase text-gray-500">
                  <tr>
                    <th className="py-2 pr-4">Repository</th>
                    <th className="py-2 pr-4">Health</th>
                    <th className="py-2 pr-4">Ratings</th>
                    <th className="py-2 pr-4">Trend</th>
                    <th className="py-2 pr-4 text-right">Open</th>
                    <th className="py-2 pr-4 text-right">Runs</th>
                    <th className="py-2 pr-4 text-right">New / fixed</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {projects.data.items.map((p) => (
                    <tr key={p.repositoryId}>
                      <td className="py-2 pr-4">
                        <Link to={`/repositories/${p.repositoryId}/overview`} className="font-medium text-indigo-600 hover:underline">
                          {p.fullName}
                        </Link>
                        {p.topDriver && <p className="max-w-md truncate text-xs text-gray-500" title={p.topDriver}>{p.topDriver}</p>}
                      </td>
                      <td className="py-2 pr-4 tabular-nums">{p.healthScore ?? '–'}</td>
                      <td className="py-2 pr-4">
                        {p.ratings ? (
                          <span className="flex gap-1">
                            <RatingBadge rating={p.ratings.security} label="Security" />
                            <RatingBadge rating={p.ratings.reliability} label="Reliability" />
                            <RatingBadge rating={p.ratings.maintainability} label="Maintainability" />
                          </span>
                        ) : (
                          <span className="text-gray-400">not analyzed</span>
                        )}
                      </td>
                      <td className="py-2 pr-4">
                        <TrendBadge trend={p.trend} />
                      </td>
                      <td className="py-2 pr-4 text-right tabular-nums">{p.openFindings.toLocaleString()}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{p.runs.toLocaleString()}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">
                        {p.newFindings.toLocaleString()} / {p.fixedFindings.toLocaleString()}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {projects.data.total > projects.data.pageSize && (
              <div className="mt-3 flex items-center justify-end gap-2 text-sm">
                <Button variant="secondary" size="sm" disabled={page === 1} onClick={() => setPage(page - 1)}>
                  Previous
                </Button>
                <span className="text-gray-600">
                  Page {page} of {Math.ceil(projects.data.total / projects.data.pageSize)}
                </span>
                <Button variant="secondary" size="sm" disabled={page * projects.data.pageSize >= projects.data.total} onClick={() => setPage(page + 1)}>
                  Next
                </Button>
              </div>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
