import type { MouseEvent } from 'react';
import { Typography } from '@mui/material';
import { Link, useCreatePath, useRecordContext } from 'react-admin';

interface AuditRecord {
  actorId?: string | null;
  actorKind?: string | null;
  actor?: { id: string; name?: string; email?: string } | null;
  /** The customer a staff actor was impersonating. */
  actingAs?: { id: string; email: string } | null;
}

/**
 * Links the actor to their user page. Uses the embedded actor when the API sends one and falls back
 * to the bare id, so no extra getMany round-trip is needed per page. An action done while impersonating reads
 * "<staff member> as <customer>", both linked.
 */
export function ActorField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<AuditRecord & { id: string }>();
  const createPath = useCreatePath();
  if (!record) return null;
  const id = record.actor?.id ?? record.actorId;
  if (!id) {
    return (
      <Typography variant="body2" color="text.secondary">
        {record.actorKind ?? 'system'}
      </Typography>
    );
  }
  const label = record.actor?.email ?? record.actor?.name ?? id;
  const stop = (event: MouseEvent) => event.stopPropagation();
  return (
    <span data-testid="audit-actor">
      <Link to={createPath({ resource: 'users', id, type: 'show' })} onClick={stop}>
        {label}
      </Link>
      {record.actingAs ? (
        <Typography component="span" variant="body2" color="warning.main" title="Done while impersonating this customer">
          {' as '}
          <Link to={createPath({ resource: 'users', id: record.actingAs.id, type: 'show' })} onClick={stop}>
            {record.actingAs.email || record.actingAs.id}
          </Link>
        </Typography>
      ) : null}
    </span>
  );
}
