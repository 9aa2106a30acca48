import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { TextAreaField } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { PageHeader, Panel } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/states';
import { useCloseTicket, useReply, useTicket } from './support.api';
import { PriorityBadge, TicketStatusBadge } from './TicketStatusBadge';

export function TicketPage() {
  const { ticketId = '' } = useParams();
  const ticket = useTicket(ticketId);
  const reply = useReply(ticketId);
  const close = useCloseTicket(ticketId);
  const [content, setContent] = useState('');
  const [confirmClose, setConfirmClose] = useState(false);
  if (ticket.isPending) return <LoadingState label="Loading the ticket…" />;
  if (ticket.isError) return <ErrorState error={ticket.error} title="Could not load this ticket" onRetry={() => void ticket.refetch()} />;
  const { ticket: t, messages } = ticket.data;
  const closed = t.status === 'closed';
  return (
    <>
      <PageHeader
        title={`#${t.number} ${t.subject}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <TicketStatusBadge status={t.status} /> <PriorityBadge priority={t.priority} /> opened {formatDateTime(t.createdAt)} by {t.openedBy?.name ?? 'a deleted user'}
            {t.runId && (
              <Link to={`/runs/${t.runId}`} className="text-indigo-600 hover:underline">
                about this run
              </Link>
            )}
          </span>
        }
        actions={
          !closed && (
            <Button variant="secondary" onClick={() => setConfirmClose(true)}>
              Close ticket
            </Button>
          )
        }
      />
      <div className="mb-4">
        <Link to="/support" className="text-sm text-indigo-600 hover:underline">
          ← All tickets
        </Link>
      </div>
      <ol className="mb-6 space-y-3" aria-label="Conversation">
        <li className="rounded-lg border border-gray-200 bg-white p-4">
          <p className="mb-1 text-xs text-gray-500">
            {t.openedBy?.name ?? 'A deleted user'} · {formatDateTime(t.createdAt)}
          </p>
          <p className="whitespace-pre-wrap text-sm text-gray-900">{t.description}</p>
        </li>
        {messages.map((m) => (
          <li key={m.id} data-testid="ticket-message" className={`rounded-lg border p-4 ${m.senderKind === 'staff' ? 'ml-8 border-indigo-200 bg-indigo-50' : 'mr-8 border-gray-200 bg-white'}`}>
            <p className="mb-1 text-xs text-gray-500">
              {m.senderKind === 'staff' ? `${m.senderName ?? 'Argus'} (Argus support)` : (m.senderName ?? 'A deleted user')} · {formatDateTime(m.createdAt)}
            </p>
            <p className="whitespace-pre-wrap text-sm text-gray-900">{m.content}</p>
          </li>
        ))}
      </ol>
      {closed ? (
        <Panel title="This ticket is closed">
          <p className="text-sm text-gray-600">
            Need more help? <Link to="/support?new=1" className="text-indigo-600 hover:underline">Open a new ticket</Link>.
          </p>
        </Panel>
      ) : (
        <Panel title="Reply" description={t.status === 'resolved' ? 'Support marked this resolved. Replying opens it again.' : undefined}>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              reply.mutate(content.trim(), { onSuccess: () => setContent('') });
            }}
          >
            <TextAreaField label="Your message" value={content} onChange={(e) => setContent(e.target.value)} rows={4} required />
            {reply.error ? <ErrorAlert error={reply.error} /> : null}
            <Button type="submit" loading={reply.isPending} disabled={!content.trim()}>
              Send
            </Button>
          </form>
        </Panel>
      )}
      <ConfirmDialog
        open={confirmClose}
        title="Close this ticket?"
        confirmLabel="Close ticket"
        tone="primary"
        pending={close.isPending}
        error={close.error}
        onConfirm={() => close.mutate(undefined, { onSuccess: () => setConfirmClose(false) })}
        onCancel={() => setConfirmClose(false)}
      >
        Closing says your question is answered. A closed ticket cannot be reopened; you can always open a new one.
      </ConfirmDialog>
    </>
  );
}
