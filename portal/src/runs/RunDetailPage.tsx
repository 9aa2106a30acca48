import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Run } from '../api/types';
import { FindingsSection } from '../findings/FindingsSection';
import { RunFixesCard } from '../fixes/RunFixesCard';
import { useFindingFilters } from '../findings/useFindingFilters';
import { useRunLiveUpdates } from '../live/live.api';
import { LiveIndicator } from '../live/LiveIndicator';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDateTime, formatDuration, shortSha } from '../ui/format';
import { PageHeader, Panel } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/states';
import { useNow } from '../ui/useNow';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { canGenerateFixes, canRunAnalysis, roleIn } from '../workspaces/permissions';
import { QualityGateCard } from './QualityGateCard';
import { formatTrigger, RunStatusBadge } from './RunBadges';
import { runDurationMs, runTarget } from './runFormat';
import { RunProgress } from './RunProgress';
import { isActive, useCancelRun, useRun } from './runs.api';
import { RunSummaryCards } from './RunSummaryCards';
import { SarifDownloadButton, SarifImportButton } from './SarifActions';

export function RunDetailPage() {
  const { runId = '' } = useParams();
  // While the socket is down the run is polled instead, so progress never silently freezes.
  const socketOpen = useRef(false);
  const run = useRun(runId, () => !socketOpen.current);
  const active = run.data ? isActive(run.data.status) : false;
  // Only a run in flight changes; a finished one needs no socket.
  const live = useRunLiveUpdates(runId, active);
  socketOpen.current = live.status === 'open';

  if (run.isPending) return <LoadingState label="Loading run…" />;
  if (run.isError) {
    return (
      <>
        <BackLink />
        <ErrorState error={run.error} title="Could not load this run" onRetry={() => void run.refetch()} />
      </>
    );
  }
  return <RunDetail run={run.data} liveStatus={active ? live.status : null} />;
}

function BackLink() {
  return (
    <Link to="/runs" className="mb-2 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">
      ← All runs
    </Link>
  );
}

function RunDetail({ run, liveStatus }: { run: Run; liveStatus: ReturnType<typeof useRunLiveUpdates>['status'] | null }) {
  const { workspaces } = useCurrentWorkspace();
  const role = roleIn(workspaces, run.workspaceId);
  const mayRun = canRunAnalysis(role);
  const mayFix = canGenerateFixes(role);
  const active = isActive(run.status);
  const now = useNow(active);
  const cancel = useCancelRun(run.id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [sarifResult, setSarifResult] = useState<ReactNode>(null);
  const { update: updateFilters } = useFindingFilters();
  const cancelling = cancel.isSuccess && active;

  function scrollToFindings() {
    document.getElementById('findings-heading')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span data-testid="run-repository">{run.repositoryName ?? 'Run'}</span>
            <RunStatusBadge status={run.status} />
            {cancelling && <span className="text-sm font-normal text-gray-500">Cancelling…</span>}
          </span>
        }
        description={
          <>
            {runTarget(run)}
            {run.commitSha && (
              <>
                {' · '}
                <code className="font-mono" title={run.commitSha}>
                  {shortSha(run.commitSha)}
                </code>
              </>
            )}
            {' · '}
            {formatTrigger(run.trigger)}
          </>
        }
        actions={
          <>
            {active && mayRun && (
              <Button variant="danger" onClick={() => setConfirmCancel(true)} disabled={cancelling} data-testid="cancel-run">
                Cancel run
              </Button>
            )}
            <SarifDownloadButton runId={run.id} onResult={setSarifResult} />
            {mayRun && <SarifImportButton runId={run.id} onResult={setSarifResult} />}
          </>
        }
      />

      {sarifResult && <div className="mb-4">{sarifResult}</div>}

      <dl className="mb-6 grid gap-x-6 gap-y-3 rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-gray-200 sm:grid-cols-2 lg:grid-cols-4" data-testid="run-details">
        <Detail label="Repository">
          <Link to={`/runs?repositoryId=${encodeURIComponent(run.repositoryId)}`} className="font-medium text-gray-900 hover:text-indigo-600">
            {run.repositoryName ?? run.repositoryId}
          </Link>
        </Detail>
        <Detail label="Ref">
          <code className="font-mono text-gray-800">{runTarget(run)}</code>
        </Detail>
        <Detail label="Commit">
          <code className="select-all font-mono text-gray-800" title={run.commitSha ?? undefined} data-testid="run-commit">
            {shortSha(run.commitSha)}
          </code>
          {run.baseSha && <span className="ml-2 text-xs text-gray-500">base {shortSha(run.baseSha)}</span>}
        </Detail>
        <Detail label="Trigger">{formatTrigger(run.trigger)}</Detail>
        <Detail label="Status">
          <RunStatusBadge status={run.status} />
        </Detail>
        <Detail label="Duration">
          <span className="tabular-nums" data-testid="run-duration">
            {formatDuration(runDurationMs(run, now))}
          </span>
        </Detail>
        <Detail label="Started">{formatDateTime(run.startedAt ?? null)}</Detail>
        <Detail label="Finished">{formatDateTime(run.finishedAt ?? null)}</Detail>
        <Detail label="Workflow" className="sm:col-span-2 lg:col-span-4">
          {/* Quote this id to support; Argus staff open the workflow in the Temporal UI from the ops console. */}
          <code className="break-all font-mono text-xs text-gray-500" data-testid="run-workflow-id">{run.workflowId}</code>
        </Detail>
      </dl>

      <div className="mb-6 space-y-4">
        {active && (
          <Panel
            title={
              <span className="flex items-center justify-between gap-2">
                <span>Progress</span>
                {liveStatus && <LiveIndicator status={liveStatus} />}
              </span>
            }
          >
            <RunProgress run={run} showDetail />
          </Panel>
        )}

        {run.status === 'failed' && run.error && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm">
            <p className="font-medium text-red-800">The analysis failed</p>
            <pre className="mt-1 whitespace-pre-wrap break-words font-sans text-red-700">{run.error}</pre>
          </div>
        )}
        {run.status === 'cancelled' && <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800">This run was cancelled{run.error ? `: ${run.error}` : '.'}</p>}
        {run.status === 'skipped' && (
          <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800">
            This analysis was skipped: {run.error ?? 'the plan does not cover it.'}{' '}
            <Link to="/billing" className="font-medium underline">
              See plans and usage
            </Link>
          </p>
        )}

        {run.isBaseline ? (
          <p className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-800" data-testid="baseline-note">
            <strong className="font-semibold">First run: everything is baseline, nothing counts as new.</strong> Later runs of this repository are
            compared with it, and only findings they add count against the quality gate.
          </p>
        ) : run.comparedToRunId ? (
          <p className="text-sm text-gray-500">
            New findings are those not present in{' '}
            <Link to={`/runs/${run.comparedToRunId}`} className="font-medium text-indigo-600 hover:text-indigo-500">
              the run it was compared with
            </Link>
            .
          </p>
        ) : null}

        {run.analysisMode === 'incremental' && run.carriedFromRunId && run.status === 'completed' && (
          <p className="text-sm text-gray-500" data-testid="incremental-note">
            Incremental analysis: {(run.filesChanged ?? 0).toLocaleString()} changed {run.filesChanged === 1 ? 'file' : 'files'}, {(run.filesAnalyzed ?? 0).toLocaleString()}{' '}
            analyzed with the files that import them; findings in the other files were carried forward from{' '}
            <Link to={`/runs/${run.carriedFromRunId}`} className="font-medium text-indigo-600 hover:text-indigo-500">
              the base commit&apos;s run
            </Link>
            .
          </p>
        )}

        {run.configErrors.length > 0 && (
          <section className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm" aria-labelledby="config-errors-heading" data-testid="config-errors">
            <h2 id="config-errors-heading" className="font-medium text-amber-900">
              Problems in .argus.yml
            </h2>
            <p className="text-amber-800">The run went ahead; the settings below were ignored or replaced by defaults.</p>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-amber-900">
              {run.configErrors.map((e, index) => (
                <li key={`${e.path}-${index}`}>
                  {e.path && !e.message.includes(e.path) && <code className="mr-1 font-mono text-xs">{e.path}</code>}
                  {e.message}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>

      <div className="mb-8 grid gap-4 lg:grid-cols-4">
        <div className="lg:col-span-1">
          <QualityGateCard run={run} />
        </div>
        <div className="lg:col-span-3">
          {run.summary ? (
            <RunSummaryCards
              summary={run.summary}
              isBaseline={run.isBaseline}
              onSelectSeverity={(severity, onlyNew) => {
                updateFilters({ severity: [severity], isNew: onlyNew ? true : undefined, status: 'open' });
                scrollToFindings();
              }}
              onSelectCategory={(category) => {
                updateFilters({ category: [category], status: 'open' });
                scrollToFindings();
              }}
            />
          ) : (
            <div className="flex h-full items-center justify-center rounded-lg border border-dashed border-gray-300 px-6 py-10 text-center text-sm text-gray-500">
              {active ? 'The summary appears when the analysis finishes.' : 'This run has no summary.'}
            </div>
          )}
        </div>
      </div>

      {run.status === 'completed' && <RunFixesCard run={run} canGenerate={mayFix} />}

      <FindingsSection run={run} canTriage={mayRun} canGenerateFixes={mayFix} />

      <ConfirmDialog
        open={confirmCancel}
        title="Cancel this run?"
        confirmLabel="Cancel run"
        cancelLabel="Keep running"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirmCancel(false) })}
        onCancel={() => {
          setConfirmCancel(false);
          cancel.reset();
        }}
      >
        The analysis of {run.repositoryName ?? 'this repository'} stops and its workflow is cancelled in Temporal. You can start a new one from Repositories.
      </ConfirmDialog>
    </>
  );
}

function Detail({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium uppercase tracking-wide text-gray-500">{label}</dt>
      <dd className="mt-1 text-gray-900">{children}</dd>
    </div>
  );
}
