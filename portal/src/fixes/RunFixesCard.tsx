import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { Fix, FixStatus, Run } from '../api/types';
import { FIX_STATUSES } from '../api/enums';
import { Button, Spinner } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ExternalLink } from '../ui/ExternalLink';
import { InlineSelect } from '../ui/Field';
import { RelativeTime } from '../ui/RelativeTime';
import { Panel } from '../ui/PageHeader';
import { Pagination } from '../ui/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { useNow } from '../ui/useNow';
import { describeProvider, FixStatusBadge, formatFixStatus } from './FixBadges';
import { FIX_POLL_MS, fixKeys, isInFlight, PR_POLL_LIMIT_MS, useBatchPullRequest, useRunFixes } from './fixes.api';
import type { RunFixFilters } from './fixes.api';

const PAGE_SIZE = 20;
/** The validated fixes the batch action chooses from (the API's largest page). */
const VALIDATED_PAGE_SIZE = 200;

/** Run detail: every fix of the run, and one pull request for all validated fixes of a rule. */
export function RunFixesCard({ run, canGenerate }: { run: Run; canGenerate: boolean }) {
  const [filters, setFilters] = useState<RunFixFilters>({});
  const [page, setPage] = useState(1);
  const fixes = useRunFixes(run.id, filters, page, PAGE_SIZE, {
    // Fixes being generated change on their own; keep the list current while any is listed.
    poll: (data) => (data?.items.some((f) => isInFlight(f.status)) ? FIX_POLL_MS * 2 : false),
  });
  const [, setParams] = useSearchParams();
  const data = fixes.data;
  const filtered = Boolean(filters.status || filters.rule);

  function changeFilters(next: RunFixFilters) {
    setFilters(next);
    setPage(1);
  }

  /** Opens the fix's finding in the findings table below (filtered down to its rule and file). */
  function showFinding(fix: Fix) {
    setParams((current) => {
      const next = new URLSearchParams();
      if (fix.finding) {
        next.set('rule', fix.finding.ruleId);
        next.set('path', fix.finding.path);
      } else {
        for (const [k, v] of current) if (k !== 'finding') next.set(k, v);
      }
      next.set('finding', fix.findingId);
      return next;
    });
    document.getElementById('findings-heading')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  return (
    <Panel
      title={
        <span id="fixes-heading">
          Fixes
          {data && <span className="ml-2 font-normal text-gray-500">{data.total.toLocaleString()}{filtered ? ' matching' : ''}</span>}
        </span>
      }
      description="Fixes generated for this run’s findings. Generate one from a finding’s details below."
      className="mb-8"
    >
      <div className="space-y-4" data-testid="run-fixes">
        {canGenerate && <BatchPullRequest run={run} />}

        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2 text-gray-700">
            Status
            <InlineSelect
              value={filters.status ?? ''}
              onChange={(e) => changeFilters({ ...filters, status: (e.target.value || undefined) as FixStatus | undefined })}
              data-testid="fixes-filter-status"
            >
              <option value="">Any status</option>
              {FIX_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {formatFixStatus(s)}
                </option>
              ))}
            </InlineSelect>
          </label>
          {filters.rule && (
            <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 text-xs text-indigo-800 ring-1 ring-inset ring-indigo-200">
              Rule <code className="font-mono">{filters.rule}</code>
              <button
                type="button"
                onClick={() => changeFilters({ ...filters, rule: undefined })}
                className="rounded-full px-1 hover:bg-indigo-100"
                aria-label={`Remove the rule filter ${filters.rule}`}
              >
                ×
              </button>
            </span>
          )}
          {fixes.isFetching && !fixes.isPending && <Spinner className="h-4 w-4 text-gray-400" />}
        </div>

        {fixes.isPending ? (
          <LoadingState label="Loading fixes…" />
        ) : fixes.isError ? (
          <ErrorState error={fixes.error} title="Could not load this run’s fixes" onRetry={() => void fixes.refetch()} />
        ) : data!.items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No fixes match these filters"
              action={
                <Button variant="secondary" size="sm" onClick={() => changeFilters({})}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState title="No fixes yet">Open a finding below and choose “Generate fix”; its fix shows up here.</EmptyState>
          )
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <Th>Status</Th>
                  <Th>Rule</Th>
                  <Th>File</Th>
                  <Th>Provider</Th>
                  <Th>Pull request</Th>
                  <Th>Updated</Th>
                  <Th>
                    <span className="sr-only">Finding</span>
                  </Th>
                </tr>
              </thead>
              <tbody className={`divide-y divide-gray-100 ${fixes.isPlaceholderData ? 'opacity-60' : ''}`}>
                {data!.items.map((fix) => (
                  <tr key={fix.id} data-testid={`run-fix-${fix.id}`}>
                    <Td>
                      <FixStatusBadge status={fix.status} pullRequest={fix.pullRequest} />
                    </Td>
                    <Td className="max-w-[14rem]">
                      {fix.finding ? (
                        <button
                          type="button"
                          className="block max-w-full truncate font-mono text-xs text-gray-800 hover:text-indigo-600 hover:underline"
                          title={`Only fixes of ${fix.finding.ruleId}`}
                          onClick={() => changeFilters({ ...filters, rule: fix.finding!.ruleId })}
                        >
                          {fix.finding.ruleId}
                        </button>
                      ) : (
                        '—'
                      )}
                    </Td>
                    <Td className="max-w-xs">
                      <code className="block truncate font-mono text-xs text-gray-700" title={fix.finding ? `${fix.finding.path}:${fix.finding.startLine}` : undefined}>
                        {fix.finding ? `${fix.finding.path}:${fix.finding.startLine}` : fix.files.join(', ') || '—'}
                      </code>
                    </Td>
                    <Td className="text-xs">{describeProvider(fix)}</Td>
                    <Td className="max-w-[14rem] text-xs">
                      <PullRequestCell fix={fix} />
                    </Td>
                    <Td className="text-xs text-gray-500">
                      <RelativeTime iso={fix.updatedAt} />
                    </Td>
                    <Td className="text-right">
                      <Button variant="ghost" size="sm" onClick={() => showFinding(fix)}>
                        Show finding
                        <span className="sr-only"> {fix.finding ? `${fix.finding.ruleId} at ${fix.finding.path} line ${fix.finding.startLine}` : ''}</span>
                      </Button>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={data!.total} onPageChange={setPage} noun="fixes" />
          </>
        )}
      </div>
    </Panel>
  );
}

function PullRequestCell({ fix }: { fix: Fix }) {
  const pr = fix.pullRequest;
  if (!pr) return <span className="text-gray-400">—</span>;
  if (pr.url) {
    return (
      <ExternalLink href={pr.url} className="font-medium text-indigo-600 hover:text-indigo-500">
        {pr.number ? `#${pr.number}` : 'Pull request'}
      </ExternalLink>
    );
  }
  return (
    <code className="block truncate font-mono text-gray-700" title={`Branch ${pr.branch} pushed (plain git remote, no pull request)`}>
      {pr.branch}
    </code>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// "Fix all validated findings of rule X"

interface StartedBatch {
  ruleId: string;
  branch: string;
  workflowId: string;
  fixIds: string[];
  since: number;
}

function BatchPullRequest({ run }: { run: Run }) {
  const validated = useRunFixes(run.id, { status: 'validated' }, 1, VALIDATED_PAGE_SIZE);
  const batch = useBatchPullRequest(run.id);
  const [rule, setRule] = useState('');
  const [started, setStarted] = useState<StartedBatch | null>(null);

  // Rules with validated fixes, and how many findings each would fix (a finding may have fixes of several providers).
  const rules = useMemo(() => {
    const findings = new Map<string, Set<string>>();
    for (const fix of validated.data?.items ?? []) {
      const ruleId = fix.finding?.ruleId;
      if (!ruleId) continue;
      if (!findings.has(ruleId)) findings.set(ruleId, new Set());
      findings.get(ruleId)!.add(fix.findingId);
    }
    return [...findings.entries()].map(([ruleId, ids]) => ({ ruleId, count: ids.size })).sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  }, [validated.data]);
  const selected = rule && rules.some((r) => r.ruleId === rule) ? rule : (rules[0]?.ruleId ?? '');

  return (
    <div className="rounded-md bg-gray-50 p-3" data-testid="fixes-batch">
      <p className="text-sm font-medium text-gray-900">Fix all validated findings of a rule</p>
      <p className="mt-0.5 text-xs text-gray-600">One branch and one pull request with every validated fix of the rule in this run that is not already in a pull request.</p>
      <div className="mt-2">
        {validated.isPending ? (
          <p role="status" className="flex items-center gap-2 text-xs text-gray-500">
            <Spinner className="h-4 w-4 text-indigo-600" /> Looking for validated fixes…
          </p>
        ) : validated.isError ? (
          <ErrorAlert error={validated.error} title="Could not load the validated fixes" />
        ) : rules.length === 0 ? (
          <p className="text-xs text-gray-500">No rule has validated fixes waiting for a pull request.</p>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2 text-sm text-gray-700">
              Rule
              <InlineSelect
                value={selected}
                onChange={(e) => {
                  setRule(e.target.value);
                  batch.reset();
                }}
                data-testid="fixes-batch-rule"
              >
                {rules.map((r) => (
                  <option key={r.ruleId} value={r.ruleId}>
                    {r.ruleId} ({r.count} {r.count === 1 ? 'finding' : 'findings'})
                  </option>
                ))}
              </InlineSelect>
            </label>
            <Button
              size="sm"
              loading={batch.isPending}
              disabled={!selected}
              onClick={() =>
                batch.mutate(selected, {
                  onSuccess: (result) => setStarted({ ruleId: selected, ...result, since: Date.now() }),
                })
              }
              data-testid="fixes-batch-button"
            >
              Fix all validated findings of {selected}
            </Button>
          </div>
        )}
        <ErrorAlert error={batch.error} title="No pull request was started" className="mt-2" />
        {started && <BatchProgress key={started.since} run={run} batch={started} />}
      </div>
    </div>
  );
}

/** Follows a batch until its fixes are pr_open on its branch (or PR_POLL_LIMIT_MS passes). */
function BatchProgress({ run, batch }: { run: Run; batch: StartedBatch }) {
  const fixes = useRunFixes(run.id, { rule: batch.ruleId }, 1, VALIDATED_PAGE_SIZE, {
    poll: (data) => {
      if (data?.items.some((f) => f.pullRequest?.branch === batch.branch)) return false;
      if (Date.now() - batch.since >= PR_POLL_LIMIT_MS) return false;
      return FIX_POLL_MS;
    },
  });
  const inPr = (fixes.data?.items ?? []).filter((f) => f.pullRequest?.branch === batch.branch);
  const pr = inPr[0]?.pullRequest ?? null;
  const prStatus = inPr[0]?.status;
  // Once the pull request is open, the fixes in it are no longer "validated": re-read the card and the rule choice.
  const queryClient = useQueryClient();
  const opened = pr !== null;
  useEffect(() => {
    if (opened) void queryClient.invalidateQueries({ queryKey: fixKeys.run(run.id) });
  }, [opened, queryClient, run.id]);
  const now = useNow(!pr, 5000);
  const waitedOut = !pr && now - batch.since >= PR_POLL_LIMIT_MS;

  return (
    <div className="mt-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900" role="status" data-testid="fixes-batch-result">
      {pr ? (
        <p className="font-semibold">
          {pr.url ? 'Pull request opened' : 'Branch pushed'} with {inPr.length} of {batch.fixIds.length} {batch.fixIds.length === 1 ? 'fix' : 'fixes'} of{' '}
          <code className="font-mono">{batch.ruleId}</code>
        </p>
      ) : waitedOut ? (
        <p className="font-semibold">The pull request has not opened after {Math.round(PR_POLL_LIMIT_MS / 60_000)} minutes; its workflow may have failed.</p>
      ) : (
        <p className="flex items-center gap-2 font-semibold">
          <Spinner className="h-4 w-4" /> Pushing {batch.fixIds.length} {batch.fixIds.length === 1 ? 'fix' : 'fixes'} of <code className="font-mono">{batch.ruleId}</code> and opening the pull
          request…
        </p>
      )}
      <dl className="mt-1 grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-xs">
        <dt className="text-indigo-800">Branch</dt>
        <dd>
          <code className="select-all break-all font-mono text-gray-900">{batch.branch}</code>
        </dd>
        {pr?.url && (
          <>
            <dt className="text-indigo-800">Pull request</dt>
            <dd>
              <ExternalLink href={pr.url} className="font-medium text-indigo-700 hover:text-indigo-600" data-testid="fixes-batch-pr-link">
                {pr.number ? `#${pr.number}` : pr.url}
              </ExternalLink>
              {prStatus && <span className="ml-2 text-gray-600">({formatFixStatus(prStatus)})</span>}
            </dd>
          </>
        )}
        <dt className="text-indigo-800">Workflow</dt>
        <dd>
          <code className="select-all break-all font-mono text-xs">{batch.workflowId}</code>
        </dd>
      </dl>
      {pr && !pr.url && <p className="mt-1 text-xs">This repository is a plain git remote: open the pull request from the branch on your git host.</p>}
      {pr && inPr.length < batch.fixIds.length && (
        <p className="mt-1 text-xs">Patches that no longer applied on top of the others were left out; those fixes stay validated.</p>
      )}
      <ErrorAlert error={fixes.error} title="Could not follow the pull request" className="mt-2" />
    </div>
  );
}
