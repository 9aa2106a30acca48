import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Invitation, WorkspaceRole } from '../api/types';
import { WORKSPACE_ROLES } from '../api/enums';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { SelectField, TextField } from '../ui/Field';
import { formatDateTime, formatRole } from '../ui/format';
import { Panel } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { AdminOnly, useTeamContext } from './TeamDetailPage';
import { InvitationStatusBadge, RoleBadge } from './RoleBadge';
import { useInvitations, useInviteMember, useResendInvitation, useRevokeInvitation } from './teams.api';
import { limitsOf } from '../api/limits';

export function InvitationsTab() {
  return (
    <AdminOnly>
      <Invitations />
    </AdminOnly>
  );
}

function Invitations() {
  const { team } = useTeamContext();
  const invitations = useInvitations(team.id);
  const resend = useResendInvitation(team.id);
  const revoke = useRevokeInvitation(team.id);
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  return (
    <div className="space-y-6">
      <Panel title="Invite someone" description="They get an email with a link that is valid for a limited time.">
        <InviteForm />
      </Panel>

      {resend.isSuccess && <SuccessAlert>Invitation re-sent to {resend.data.email}.</SuccessAlert>}
      <ErrorAlert error={resend.error} title="The invitation was not re-sent" />

      {invitations.isPending ? (
        <LoadingState label="Loading invitations…" />
      ) : invitations.isError ? (
        <ErrorState error={invitations.error} title="Could not load invitations" onRetry={() => void invitations.refetch()} />
      ) : invitations.data.length === 0 ? (
        <EmptyState title="No invitations">Invitations you send appear here with their status.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Expires</Th>
              <Th>Invited by</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {invitations.data.map((invitation) => {
              const canResend = invitation.status === 'pending' || invitation.status === 'expired';
              const resending = resend.isPending && resend.variables === invitation.id;
              return (
                <tr key={invitation.id} data-testid={`invitation-${invitation.email}`}>
                  <Td className="font-medium text-gray-900">{invitation.email}</Td>
                  <Td>
                    <RoleBadge role={invitation.role} />
                  </Td>
                  <Td>
                    <InvitationStatusBadge status={invitation.status} />
                  </Td>
                  <Td>{formatDateTime(invitation.expiresAt)}</Td>
                  <Td>{invitation.invitedBy?.name ?? '—'}</Td>
                  <Td className="space-x-1 text-right">
                    {canResend && (
                      <Button variant="ghost" size="sm" loading={resending} onClick={() => resend.mutate(invitation.id)}>
                        Resend
                      </Button>
                    )}
                    {invitation.status === 'pending' && (
                      <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setToRevoke(invitation)}>
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}

      <ConfirmDialog
        open={toRevoke !== null}
        title="Revoke invitation?"
        confirmLabel="Revoke"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => toRevoke && revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) })}
        onCancel={() => {
          setToRevoke(null);
          revoke.reset();
        }}
      >
        The link sent to {toRevoke?.email} will stop working.
      </ConfirmDialog>
    </div>
  );
}

function InviteForm() {
  const { team } = useTeamContext();
  const invite = useInviteMember(team.id);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('developer');

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {invite.isSuccess && (
        <SuccessAlert>
          Invitation sent to {invite.data.email} as {formatRole(invite.data.role)}.
        </SuccessAlert>
      )}
      <ErrorAlert error={invite.error} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
        <TextField
          label="Email"
          {...limitsOf('POST /api/teams/{teamId}/members', 'email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(invite.error, 'email')}
          data-testid="invite-email"
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as WorkspaceRole)}
          error={fieldError(invite.error, 'role')}
          data-testid="invite-role"
        >
          {WORKSPACE_ROLES.map((r) => (
            <option key={r} value={r}>
              {formatRole(r)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="sm:mt-6" loading={invite.isPending} disabled={!email.trim()} data-testid="invite-submit">
          Send invitation
        </Button>
      </div>
    </form>
  );
}
