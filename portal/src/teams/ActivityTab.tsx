import { Fragment, useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Activity } from '../api/types';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { SelectField, TextField } from '../ui/Field';
import { formatDateTime, humanize } from '../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { useTeamContext } from './TeamDetailPage';
import type { ActivityFilters } from './teams.api';
import { useActivity, useExportActivityCsv, useMembers } from './teams.api';

const PAGE_SIZE = 25;

/** Date inputs give local calendar days; the API wants instants, and "to" should include the whole day. */
function toInstant(day: string, endOfDay: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

interface FormState {
  actor: string;
  action: string;
  from: string;
  to: string;
}

export function ActivityTab() {
  const { team } = useTeamContext();
  // Filters live in the URL so a filtered view can be bookmarked or shared.
  const [params, setParams] = useSearchParams();
  const applied: FormState = {
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters: ActivityFilters = {
    actor: applied.actor || undefined,
    action: applied.action || undefined,
    from: toInstant(applied.from, false),
    to: toInstant(applied.to, true),
  };

  const activity = useActivity(team.id, filters, page, PAGE_SIZE);
  const members = useMembers(team.id);
  const exportCsv = useExportActivityCsv(team.id);
  const [form, setForm] = useState<FormState>(applied);
  const [expanded, setExpanded] = useState<string | null>(null);

  function apply(next: FormState, nextPage = 1) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search, { replace: true });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    apply(form);
  }

  function reset() {
    const empty = { actor: '', action: '', from: '', to: '' };
    setForm(empty);
    apply(empty);
  }

  const total = activity.data?.total ?? 0;
  const firstRow = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const lastRow = Math.min(page * PAGE_SIZE, total);
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label="Activity filters">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField label="Actor" value={form.actor} onChange={(e) => setForm({ ...form, actor: e.target.value })}>
            <option value="">Anyone</option>
            {members.data?.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </option>
            ))}
            {/* Keep a filtered actor selectable even after they left the team. */}
            {form.actor && members.data && !members.data.some((m) => m.userId === form.actor) && (
              <option value={form.actor}>Former member</option>
            )}
          </SelectField>
          <TextField
            label="Action"
            placeholder="e.g. member.role_changed"
            value={form.action}
            onChange={(e) => setForm({ ...form, action: e.target.value })}
          />
          <TextField label="From" type="date" value={form.from} max={form.to || undefined} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          <TextField label="To" type="date" value={form.to} min={form.from || undefined} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-2">
          <Button type="submit">Apply filters</Button>
          <Button variant="secondary" onClick={reset}>
            Reset
          </Button>
          <button
            type="button"
            className="ml-auto inline-flex items-center gap-1 text-sm font-medium text-indigo-600 hover:text-indigo-500 disabled:opacity-60"
            disabled={exportCsv.isPending}
            onClick={() => exportCsv.mutate({ filters, filename: `activity-${team.slug || team.id}.csv` })}
            data-testid="activity-export-csv"
          >
            {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
        <ErrorAlert error={exportCsv.error} title="Export failed" className="mt-4" />
      </form>

      {activity.isPending ? (
        <LoadingState label="Loading activity…" />
      ) : activity.isError ? (
        <ErrorState error={activity.error} title="Could not load activity" onRetry={() => void activity.refetch()} />
      ) : activity.data.items.length === 0 ? (
        <EmptyState title="No activity">Nothing matches these filters.</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Resource</Th>
                <Th>IP</Th>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
              </tr>
            </thead>
            <tbody className={`divide-y divide-gray-100 ${activity.isPlaceholderData ? 'opacity-60' : ''}`}>
              {activity.data.items.map((item) => (
                <Fragment key={item.id}>
                  <tr>
                    <Td>{formatDateTime(item.createdAt)}</Td>
                    <Td>
                      {item.actor ? (
                        <span title={item.actor.email}>{item.actor.name}</span>
                      ) : (
                        <span className="text-gray-500">System</span>
                      )}
                    </Td>
                    <Td>
                      <span className="text-gray-900" title={item.action}>
                        {describeAction(item.action)}
                      </span>
                    </Td>
                    <Td className="max-w-xs" data-testid="activity-resource">
                      <span className="text-xs text-gray-500">{describeResourceType(item.resourceType)}</span>{' '}
                      {item.resourceName ? (
                        <span className="break-words text-gray-900" title={item.resourceId ?? undefined}>
                          {item.resourceName}
                        </span>
                      ) : null}
                    </Td>
                    <Td className="font-mono text-xs text-gray-500">{item.ip ?? '—'}</Td>
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-expanded={expanded === item.id}
                        onClick={() => setExpanded(expanded === item.id ? null : item.id)}
                      >
                        {expanded === item.id ? 'Hide' : 'Details'}
                      </Button>
                    </Td>
                  </tr>
                  {expanded === item.id && (
                    <tr>
                      <td colSpan={6} className="bg-gray-50 px-4 py-3">
                        <ActivityDetails item={item} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </Table>
          <nav className="flex items-center justify-between text-sm text-gray-600" aria-label="Pagination">
            <p>
              Showing <span className="font-medium">{firstRow}</span>–<span className="font-medium">{lastRow}</span> of{' '}
              <span className="font-medium">{total}</span>
            </p>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => apply(applied, page - 1)}>
                Previous
              </Button>
              <Button variant="secondary" size="sm" disabled={page >= lastPage} onClick={() => apply(applied, page + 1)}>
                Next
              </Button>
            </div>
          </nav>
        </>
      )}
    </div>
  );
}

// What people call each action; an action without a label here reads as its code, humanized.
const ACTION_LABELS: Record<string, string> = {
  'team.created': 'Created the team',
  'team.updated': 'Changed the team’s settings',
  'member.invited': 'Invited someone',
  'invitation.resent': 'Resent an invitation',
  'invitation.revoked': 'Revoked an invitation',
  'invitation.accepted': 'Accepted an invitation',
  'member.role_changed': 'Changed a member’s role',
  'member.removed': 'Removed a member',
  'member.left': 'Left the team',
  'repository.connected': 'Connected a repository',
  'repository.updated': 'Changed a repository',
  'repository.removed': 'Removed a repository',
  'run.requested': 'Started an analysis',
  'run.cancelled': 'Cancelled an analysis',
  'run.sarif_imported': 'Imported SARIF results',
  'finding.triaged': 'Triaged a finding',
  'fix.requested': 'Asked for a fix',
  'fix.applied': 'Marked a fix as applied',
  'fix.pr_requested': 'Asked for a fix pull request',
  'fix.batch_pr_requested': 'Asked for a pull request of several fixes',
  'token.created': 'Created an API token',
  'token.revoked': 'Revoked an API token',
  'user.signed_up': 'Signed up',
};

const RESOURCE_TYPE_LABELS: Record<string, string> = {
  team: 'Team',
  workspace: 'Workspace',
  member: 'Member',
  user: 'User',
  invitation: 'Invitation',
  repository: 'Repository',
  run: 'Run',
  finding: 'Finding',
  fix: 'Fix',
  api_token: 'API token',
  session: 'Session',
};

function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? humanize(action.replace(/\./g, ' '));
}

function describeResourceType(type: string): string {
  return RESOURCE_TYPE_LABELS[type] ?? humanize(type);
}

function ActivityDetails({ item }: { item: Activity }) {
  return (
    <div className="grid gap-3 text-xs md:grid-cols-2">
      <div>
        <p className="mb-1 font-semibold text-gray-700">Before</p>
        <pre className="max-h-64 overflow-auto rounded bg-white p-3 ring-1 ring-gray-200">{JSON.stringify(item.before, null, 2) ?? '—'}</pre>
      </div>
      <div>
        <p className="mb-1 font-semibold text-gray-700">After</p>
        <pre className="max-h-64 overflow-auto rounded bg-white p-3 ring-1 ring-gray-200">{JSON.stringify(item.after, null, 2) ?? '—'}</pre>
      </div>
      {item.userAgent && <p className="text-gray-500 md:col-span-2">User agent: {item.userAgent}</p>}
    </div>
  );
}
