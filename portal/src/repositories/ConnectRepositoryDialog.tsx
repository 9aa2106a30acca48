import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Repository } from '../api/types';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { Modal } from '../ui/Modal';
import { useConnectRepository } from './repositories.api';
import { limitsOf } from '../api/limits';

interface FormState {
  cloneUrl: string;
  name: string;
  defaultBranch: string;
  credential: string;
}

const EMPTY: FormState = { cloneUrl: '', name: '', defaultBranch: 'main', credential: '' };

interface ConnectRepositoryDialogProps {
  open: boolean;
  workspaceId: string;
  workspaceName: string;
  onClose: () => void;
  onConnected: (repository: Repository) => void;
}

export function ConnectRepositoryDialog({ open, workspaceId, workspaceName, onClose, onConnected }: ConnectRepositoryDialogProps) {
  const connect = useConnectRepository(workspaceId);
  const [form, setForm] = useState<FormState>(EMPTY);
  const formId = 'connect-repository-form';

  function close() {
    setForm(EMPTY);
    connect.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    connect.mutate(
      {
        cloneUrl: form.cloneUrl.trim(),
        name: form.name.trim() || undefined,
        defaultBranch: form.defaultBranch.trim() || undefined,
        credential: form.credential || undefined,
      },
      {
        onSuccess: (repository) => {
          setForm(EMPTY);
          connect.reset();
          onConnected(repository);
        },
      },
    );
  }

  const error = connect.error;
  // Field errors are shown at their fields; the alert covers the rest (limits, duplicates, outages).
  const hasFieldErrors = ['cloneUrl', 'name', 'defaultBranch', 'credential'].some((f) => fieldError(error, f));

  return (
    <Modal
      open={open}
      title="Connect a repository"
      description={`Argus clones it to analyze each run. It is added to ${workspaceName}.`}
      busy={connect.isPending}
      onClose={close}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={connect.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={connect.isPending} disabled={!form.cloneUrl.trim()} data-testid="connect-repository-submit">
            Connect repository
          </Button>
        </>
      }
    >
      <form id={formId} className="space-y-4" onSubmit={submit} noValidate data-testid="connect-repository-form">
        {!hasFieldErrors && <ErrorAlert error={error} title="The repository was not connected" />}
        <TextField
          label="Clone URL"
          {...limitsOf('POST /api/workspaces/{workspaceId}/repositories', 'cloneUrl')}
          required
          autoFocus
          placeholder="https://github.com/acme/payments.git"
          value={form.cloneUrl}
          onChange={(e) => setForm({ ...form, cloneUrl: e.target.value })}
          error={fieldError(error, 'cloneUrl')}
          hint="An https or ssh git URL, as you would pass to git clone."
          autoComplete="off"
          spellCheck={false}
          data-testid="repository-clone-url"
        />
        <TextField
          label="Display name (optional)"
          {...limitsOf('POST /api/workspaces/{workspaceId}/repositories', 'name')}
          placeholder="acme/payments"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fieldError(error, 'name')}
          hint="Defaults to the last two parts of the URL."
        />
        <TextField
          label="Default branch"
          {...limitsOf('POST /api/workspaces/{workspaceId}/repositories', 'defaultBranch')}
          required
          value={form.defaultBranch}
          onChange={(e) => setForm({ ...form, defaultBranch: e.target.value })}
          error={fieldError(error, 'defaultBranch')}
          hint="Analyzed when you click Analyze now."
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Access token (optional)"
          {...limitsOf('POST /api/workspaces/{workspaceId}/repositories', 'credential')}
          type="password"
          value={form.credential}
          onChange={(e) => setForm({ ...form, credential: e.target.value })}
          error={fieldError(error, 'credential')}
          hint="For private repositories over https: a read-only token. It is stored encrypted and never shown again."
          autoComplete="new-password"
          data-testid="repository-credential"
        />
      </form>
    </Modal>
  );
}
