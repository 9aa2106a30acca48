import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CreatedApiToken, WorkspaceRole } from '../api/types';
import { WORKSPACE_ROLES } from '../api/enums';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { SelectField, TextField } from '../ui/Field';
import { formatRole } from '../ui/format';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useCreateToken } from './tokens.api';
import { limitsOf } from '../api/limits';

const EXPIRY_OPTIONS = [
  { value: '', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

const ROLE_RANK: Record<WorkspaceRole, number> = { viewer: 0, developer: 1, admin: 2 };

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { workspace, workspaces } = useCurrentWorkspace();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [workspaceId, setWorkspaceId] = useState(workspace?.id ?? '');
  const [role, setRole] = useState<WorkspaceRole>('viewer');
  const [expiresInDays, setExpiresInDays] = useState('90');

  const selected = workspaces.find((w) => w.id === workspaceId);
  // A token cannot hold more rights than its owner has in that workspace.
  const allowedRoles = WORKSPACE_ROLES.filter((r) => !selected || ROLE_RANK[r] <= ROLE_RANK[selected.role]);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        workspaceId,
        role,
        expiresInDays: expiresInDays ? Number(expiresInDays) : undefined,
      },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="create-token-form">
      <ErrorAlert error={create.error} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          label="Name"
          {...limitsOf('POST /api/tokens', 'name')}
          required
          placeholder="e.g. CI pipeline"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
          data-testid="token-name"
        />
        <SelectField
          label="Workspace"
          value={workspaceId}
          onChange={(e) => {
            setWorkspaceId(e.target.value);
            const next = workspaces.find((w) => w.id === e.target.value);
            if (next && ROLE_RANK[role] > ROLE_RANK[next.role]) setRole(next.role);
          }}
          error={fieldError(create.error, 'workspaceId')}
          data-testid="token-workspace"
        >
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as WorkspaceRole)}
          error={fieldError(create.error, 'role')}
          data-testid="token-role"
        >
          {allowedRoles.map((r) => (
            <option key={r} value={r}>
              {formatRole(r)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Expires"
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
          error={fieldError(create.error, 'expiresInDays')}
          data-testid="token-expiry"
        >
          {EXPIRY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" loading={create.isPending} disabled={!name.trim() || !workspaceId} data-testid="token-create">
        Create token
      </Button>
    </form>
  );
}
