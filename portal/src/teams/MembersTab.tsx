import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Member, WorkspaceRole } from '../api/types';
import { WORKSPACE_ROLES } from '../api/enums';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { InlineSelect } from '../ui/Field';
import { formatDate, formatRole } from '../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { RoleBadge } from './RoleBadge';
import { useTeamContext } from './TeamDetailPage';
import { useChangeMemberRole, useMembers, useRemoveMember } from './teams.api';

export function MembersTab() {
  const { team, me, isAdmin } = useTeamContext();
  const navigate = useNavigate();
  const members = useMembers(team.id);
  const changeRole = useChangeMemberRole(team.id);
  const remove = useRemoveMember(team.id);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const leaving = toRemove?.userId === me.id;

  function confirmRemoval() {
    if (!toRemove) return;
    remove.mutate(toRemove.userId, {
      onSuccess: () => {
        setToRemove(null);
        if (leaving) void navigate('/teams', { replace: true });
      },
    });
  }

  function closeDialog() {
    setToRemove(null);
    remove.reset();
  }

  if (members.isPending) return <LoadingState label="Loading members…" />;
  if (members.isError) {
    return <ErrorState error={members.error} title="Could not load members" onRetry={() => void members.refetch()} />;
  }

  const self = members.data.find((m) => m.userId === me.id);

  return (
    <div className="space-y-4">
      <ErrorAlert error={changeRole.error} title="The role was not changed" />
      {members.data.length === 0 ? (
        <EmptyState title="No members">This team has no members yet.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {members.data.map((member) => {
              const isSelf = member.userId === me.id;
              const updating = changeRole.isPending && changeRole.variables?.userId === member.userId;
              return (
                <tr key={member.userId} data-testid={`member-${member.email}`}>
                  <Td className="font-medium text-gray-900">
                    {member.name}
                    {isSelf && (
                      <span className="ml-2">
                        <Badge>You</Badge>
                      </span>
                    )}
                  </Td>
                  <Td>{member.email}</Td>
                  <Td>
                    {isAdmin ? (
                      <InlineSelect
                        aria-label={`Role of ${member.name}`}
                        value={member.role}
                        disabled={updating}
                        onChange={(e) => changeRole.mutate({ userId: member.userId, role: e.target.value as WorkspaceRole })}
                      >
                        {WORKSPACE_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {formatRole(role)}
                          </option>
                        ))}
                      </InlineSelect>
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </Td>
                  <Td>{formatDate(member.joinedAt)}</Td>
                  <Td className="text-right">
                    {isAdmin && !isSelf && (
                      <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setToRemove(member)}>
                        Remove
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}

      {self && team.kind !== 'personal' && (
        <div className="flex items-center justify-between rounded-lg border border-gray-200 bg-white px-5 py-4">
          <div>
            <p className="text-sm font-medium text-gray-900">Leave {team.name}</p>
            <p className="text-sm text-gray-500">You will lose access until someone invites you again.</p>
          </div>
          <Button variant="secondary" onClick={() => setToRemove(self)}>
            Leave team
          </Button>
        </div>
      )}

      <ConfirmDialog
        open={toRemove !== null}
        title={leaving ? `Leave ${team.name}?` : `Remove ${toRemove?.name ?? ''}?`}
        confirmLabel={leaving ? 'Leave team' : 'Remove member'}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmRemoval}
        onCancel={closeDialog}
      >
        {leaving
          ? 'You will lose access to this team and its repositories.'
          : `${toRemove?.email ?? ''} will lose access to this team immediately.`}
      </ConfirmDialog>
    </div>
  );
}
