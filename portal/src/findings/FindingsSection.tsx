import { Fragment, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { FileRole, FindingStatus, Run } from '../api/types';
import { CATEGORIES, FINDING_STATUSES, SEVERITIES } from '../api/enums';
import { isActive } from '../runs/runs.api';
import { Button } from '../ui/Button';
import { SelectField, TextField } from '../ui/Field';
import { humanize } from '../ui/format';
import { Pagination } from '../ui/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { FilterChips, Segmented } from './FilterChips';
import { FILE_ROLE_LABELS, FindingDetails } from './FindingDetails';
import { FindingStateBadges, formatCategory, formatSeverity, SeverityBadge } from './FindingBadges';
import { FINDINGS_PAGE_SIZE, useFindings } from './findings.api';
import { CODE_SCOPES, useFindingFilters } from './useFindingFilters';

const statusLabels: Record<FindingStatus, string> = {
  open: 'Open',
  suppressed: 'Suppressed inline',
  false_positive: 'False positive',
  wont_fix: 'Won’t fix',
  accepted: 'Accepted',
};

type Novelty = 'all' | 'new' | 'existing';

export function FindingsSection({ run, canTriage, canGenerateFixes }: { run: Run; canTriage: boolean; canGenerateFixes: boolean }) {
  const { filters, page, active, update, clear } = useFindingFilters();
  const findings = useFindings(run.id, filters, page);
  // ?finding=<id> (links from the Fixes card and from fix pull requests) opens that finding when it is listed.
  const [params] = useSearchParams();
  const linkedFinding = params.get('finding');
  const [expanded, setExpanded] = useState<string | null>(linkedFinding);
  useEffect(() => {
    if (linkedFinding) setExpanded(linkedFinding);
  }, [linkedFinding]);
  const scrolledTo = useRef<string | null>(null);
  const linkedListed = Boolean(linkedFinding && findings.data?.items.some((f) => f.id === linkedFinding));
  useEffect(() => {
    if (!linkedFinding || !linkedListed || scrolledTo.current === linkedFinding) return;
    scrolledTo.current = linkedFinding;
    document.getElementById(`finding-row-${linkedFinding}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [linkedFinding, linkedListed]);

  // The path box queries as you type, once typing pauses; it follows the URL when that changes elsewhere.
  const [pathInput, setPathInput] = useState(filters.path ?? '');
  const debouncedPath = useDebouncedValue(pathInput.trim(), 400);
  // Only typing writes the URL (not a URL change echoing back), hence the ref instead of dependencies.
  const latest = useRef({ path: filters.path, update });
  latest.current = { path: filters.path, update };
  useEffect(() => {
    if ((latest.current.path ?? '') !== debouncedPath) latest.current.update({ path: debouncedPath || undefined });
  }, [debouncedPath]);
  useEffect(() => {
    setPathInput((current) => (current.trim() === (filters.path ?? '') ? current : filters.path ?? ''));
  }, [filters.path]);

  const novelty: Novelty = filters.isNew === true ? 'new' : filters.isNew === false ? 'existing' : 'all';
  const rules = findings.data?.facets.rules ?? [];
  const data = findings.data;

  return (
    <section aria-labelledby="findings-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="findings-heading" className="text-lg font-semibold text-gray-900">
          Findings
          {data && <span className="ml-2 text-sm font-normal text-gray-500">{data.total.toLocaleString()} {active ? 'matching' : 'in this run'}</span>}
        </h2>
        {active && (
          <Button variant="ghost" size="sm" onClick={clear} data-testid="findings-clear-filters">
            Clear filters
          </Button>
        )}
      </div>

      <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" role="group" aria-label="Finding filters">
        <div className="flex flex-wrap gap-x-8 gap-y-4">
          <FilterChips legend="Severity" options={SEVERITIES} selected={filters.severity} onChange={(severity) => update({ severity })} format={formatSeverity} testId="filter-severity" />
          <FilterChips legend="Category" options={CATEGORIES} selected={filters.category} onChange={(category) => update({ category })} format={formatCategory} testId="filter-category" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <SelectField label="Rule" value={filters.rule ?? ''} onChange={(e) => update({ rule: e.target.value || undefined })} data-testid="filter-rule">
            <option value="">Any rule</option>
            {rules.map((r) => (
              <option key={`${r.tool}:${r.ruleId}`} value={r.ruleId}>
                {r.ruleId} ({r.count})
              </option>
            ))}
            {filters.rule && data && !rules.some((r) => r.ruleId === filters.rule) && <option value={filters.rule}>{filters.rule}</option>}
          </SelectField>
          <TextField
            label="Path starts with"
            placeholder="src/payments/"
            value={pathInput}
            onChange={(e) => setPathInput(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid="filter-path"
          />
          <SelectField
            label="Code"
            value={filters.fileRole ?? 'production'}
            onChange={(e) => update({ fileRole: e.target.value as FileRole | 'all' })}
            data-testid="filter-code"
          >
            {CODE_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {scope === 'all' ? 'All code' : scope === 'production' ? 'Production code (counted)' : `${FILE_ROLE_LABELS[scope]} only`}
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" value={filters.status ?? ''} onChange={(e) => update({ status: (e.target.value || undefined) as FindingStatus | undefined })} data-testid="filter-status">
            <option value="">Any status</option>
            {FINDING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s] ?? humanize(s)}
              </option>
            ))}
          </SelectField>
          <Segmented<Novelty>
            legend="New or existing"
            name="finding-novelty"
            value={novelty}
            options={[
              { value: 'all', label: 'All' },
              { value: 'new', label: 'New' },
              { value: 'existing', label: 'Existing' },
            ]}
            onChange={(value) => update({ isNew: value === 'all' ? undefined : value === 'new' })}
            testId="filter-new"
          />
        </div>
      </div>

      {findings.isPending ? (
        <LoadingState label="Loading findings…" />
      ) : findings.isError ? (
        <ErrorState error={findings.error} title="Could not load findings" onRetry={() => void findings.refetch()} />
      ) : data!.items.length === 0 ? (
        active ? (
          <EmptyState title="No findings match these filters" action={<Button variant="secondary" size="sm" onClick={clear}>Clear filters</Button>}>
            Try fewer filters, or another status.
          </EmptyState>
        ) : isActive(run.status) ? (
          <EmptyState title="No findings yet">Findings appear here when the analysis finishes.</EmptyState>
        ) : run.status === 'completed' ? (
          <EmptyState title="No findings — clean run">The analyzers found nothing to report in this run.</EmptyState>
        ) : (
          <EmptyState title="No findings">This run did not complete, so it has no findings.</EmptyState>
        )
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>Severity</Th>
                <Th>Finding</Th>
                <Th>Location</Th>
                <Th>Category</Th>
                <Th>State</Th>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
              </tr>
            </thead>
            <tbody className={`divide-y divide-gray-100 ${findings.isPlaceholderData ? 'opacity-60' : ''}`}>
              {data!.items.map((finding) => {
                const open = expanded === finding.id;
                const detailsId = `finding-${finding.id}-details`;
                return (
                  <Fragment key={finding.id}>
                    <tr id={`finding-row-${finding.id}`} data-testid={`finding-${finding.id}`} className={open ? 'bg-indigo-50/40' : undefined}>
                      <Td>
                        <SeverityBadge severity={finding.severity} />
                      </Td>
                      <Td className="max-w-md whitespace-normal">
                        <p className="line-clamp-2 text-gray-900">{finding.message}</p>
                        <code className="mt-0.5 block truncate font-mono text-xs text-gray-500">{finding.ruleId}</code>
                      </Td>
                      <Td className="max-w-xs">
                        <code className="block truncate font-mono text-xs text-gray-700" title={`${finding.path}:${finding.startLine}`}>
                          {finding.path}:{finding.startLine}
                        </code>
                      </Td>
                      <Td className="text-xs">{formatCategory(finding.category)}</Td>
                      <Td>
                        <FindingStateBadges finding={finding} />
                      </Td>
                      <Td className="text-right">
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-expanded={open}
                          aria-controls={open ? detailsId : undefined}
                          onClick={() => setExpanded(open ? null : finding.id)}
                          data-testid="finding-toggle"
                        >
                          {open ? 'Hide' : 'Details'}
                          <span className="sr-only"> of {finding.ruleId} at {finding.path} line {finding.startLine}</span>
                        </Button>
                      </Td>
                    </tr>
                    {open && (
                      <tr id={detailsId}>
                        <td colSpan={6} className="bg-gray-50 px-4 py-4">
                          <FindingDetails finding={finding} runId={run.id} canTriage={canTriage} workspaceId={run.workspaceId} canGenerateFixes={canGenerateFixes} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={FINDINGS_PAGE_SIZE} total={data!.total} onPageChange={(p) => update({ page: p })} noun="findings" />
        </>
      )}
    </section>
  );
}
