import type { InvitationStatus, WorkspaceRole } from '../api/types';
import { Badge } from '../ui/Badge';
import type { Tone } from '../ui/Badge';
import { formatRole } from '../ui/format';

const roleTones: Record<WorkspaceRole, Tone> = { admin: 'indigo', developer: 'blue', viewer: 'gray' };

export function RoleBadge({ role }: { role: WorkspaceRole }) {
  return <Badge tone={roleTones[role] ?? 'gray'}>{formatRole(role)}</Badge>;
}

const statusTones: Record<InvitationStatus, Tone> = {
  pending: 'amber',
  accepted: 'green',
  revoked: 'gray',
  expired: 'red',
};

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  return <Badge tone={statusTones[status] ?? 'gray'}>{formatRole(status)}</Badge>;
}
