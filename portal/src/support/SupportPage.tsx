import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { Button } from '../ui/Button';
import { SelectField, TextAreaField, TextField } from '../ui/Field';
import { PageHeader, Panel } from '../ui/PageHeader';
import { Pagination } from '../ui/Pagination';
import { RelativeTime } from '../ui/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useOpenTicket, useTickets } from './support.api';
import { PriorityBadge, TicketStatusBadge } from './TicketStatusBadge';

function NewTicketForm({ workspaceId, onCancel }: { workspaceId: string; onCancel: () => void }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const open = useOpenTicket(workspaceId);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<'low' | 'medium' | 'high' | 'critical'>('medium');
  const runId = params.get('runId') ?? undefined;
  const findingId = params.get('findingId') ?? undefined;
  const error = open.error instanceof ApiError ? open.error : null;
  return (
    <Panel title="Open a ticket" description="Our support team answers by mail and here. Critical tickets get a first answer within an hour." className="mb-6">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          open.mutate({ subject, description, priority, ...(runId ? { runId } : {}), ...(findingId ? { findingId } : {}) }, { onSuccess: (t) => void navigate(`/support/${t.id}`) });
        }}
      >
        <TextField label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={255} error={error?.fieldError('subject')} />
        <TextAreaField label="What happened?" value={description} onChange={(e) => setDescription(e.target.value)} required rows={5} error={error?.fieldError('description')} />
        <SelectField label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)} error={error?.fieldError('priority')}>
          <option value="low">Low: a question, no hurry</option>
          <option value="medium">Medium: something does not work as expected</option>
          <option value="high">High: it blocks my team</option>
          <option value="critical">Critical: production is affected</option>
        </SelectField>
        {(runId || findingId) && <p className="text-sm text-gray-600">This ticket is about {runId ? `run ${runId.slice(0, 8)}` : `finding ${findingId!.slice(0, 8)}`}.</p>}
        {open.error && !error?.errors.length ? <ErrorAlert error={open.error} /> : null}
        <div className="flex gap-2">
          <Button type="submit" loading={open.isPending}>
            Open ticket
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Panel>
  );
}

export function SupportPage() {
  const { workspace } = useCurrentWorkspace();
  const [params] = useSearchParams();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(params.has('new') || params.has('runId') || params.has('findingId'));
  const tickets = useTickets(workspace?.id, status, page);
  if (!workspace) return <LoadingState />;
  return (
    <>
      <PageHeader
        title="Support"
        description={`Tickets of ${workspace.name}. Everyone in the workspace sees them.`}
        actions={!creating && <Button onClick={() => setCreating(true)}>New ticket</Button>}
      />
      {creating && <NewTicketForm workspaceId={workspace.id} onCancel={() => setCreating(false)} />}
      <div className="mb-4 max-w-xs">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
        >
          <option value="">All</option>
          <option value="open">Open</option>
          <option value="in_progress">In progress</option>
          <option value="resolved">Resolved</option>
          <option value="closed">Closed</option>
        </SelectField>
      </div>
      {tickets.isPending ? (
        <LoadingState label="Loading tickets…" />
      ) : tickets.isError ? (
        <ErrorState error={tickets.error} title="Could not load tickets" onRetry={() => void tickets.refetch()} />
      ) : tickets.data.items.length === 0 ? (
        <EmptyState title={status ? 'No tickets with this status' : 'No tickets yet'} action={!creating && <Button onClick={() => setCreating(true)}>New ticket</Button>}>
          Stuck on a run, a finding or your invoice? Open a ticket and we will answer by mail and here.
        </EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>#</Th>
                <Th>Subject</Th>
                <Th>Priority</Th>
                <Th>Status</Th>
                <Th>Last activity</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {tickets.data.items.map((t) => (
                <tr key={t.id}>
                  <Td>{t.number}</Td>
                  <Td>
                    <Link to={`/support/${t.id}`} className="font-medium text-indigo-600 hover:underline">
                      {t.subject}
                    </Link>
                  </Td>
                  <Td>
                    <PriorityBadge priority={t.priority} />
                  </Td>
                  <Td>
                    <TicketStatusBadge status={t.status} />
                  </Td>
                  <Td>
                    <RelativeTime iso={t.lastMessageAt ?? t.createdAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={tickets.data.pageSize} total={tickets.data.total} onPageChange={setPage} noun="tickets" />
        </>
      )}
    </>
  );
}
