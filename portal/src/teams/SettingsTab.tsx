import { useState } from 'react';
import type { FormEvent } from 'react';
import { AiProvidersSection } from '../fixes/AiProvidersSection';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextAreaField, TextField } from '../ui/Field';
import { Panel } from '../ui/PageHeader';
import { AdminOnly, useTeamContext } from './TeamDetailPage';
import { useUpdateTeam } from './teams.api';
import { limitsOf } from '../api/limits';

export function SettingsTab() {
  return (
    <AdminOnly>
      <div className="space-y-6">
        <SettingsForm />
        <AiKeysForTeam />
      </div>
    </AdminOnly>
  );
}

function AiKeysForTeam() {
  const { team } = useTeamContext();
  return <AiProvidersSection workspaceId={team.id} />;
}

function SettingsForm() {
  const { team } = useTeamContext();
  const update = useUpdateTeam(team.id);
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description ?? '');
  const [maxRepositories, setMaxRepositories] = useState(String(team.settings.maxRepositories));
  const [maxConcurrentRuns, setMaxConcurrentRuns] = useState(String(team.settings.maxConcurrentRuns));

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({
      name: name.trim(),
      description: description.trim(),
      settings: {
        maxRepositories: Number(maxRepositories),
        maxConcurrentRuns: Number(maxConcurrentRuns),
      },
    });
  }

  return (
    <Panel title="Team settings">
      <form onSubmit={submit} noValidate className="max-w-xl space-y-4" data-testid="team-settings-form">
        {update.isSuccess && <SuccessAlert>Settings saved.</SuccessAlert>}
        <ErrorAlert error={update.error} title="Settings were not saved" />
        <TextField label="Name" required {...limitsOf('PATCH /api/teams/{teamId}', 'name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(update.error, 'name')} />
        <TextAreaField
          label="Description"
          {...limitsOf('PATCH /api/teams/{teamId}', 'description')}
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={fieldError(update.error, 'description')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Max repositories"
            {...limitsOf('PATCH /api/teams/{teamId}', 'settings.maxRepositories')}
            type="number"
            inputMode="numeric"
            step={1}
            required
            value={maxRepositories}
            onChange={(e) => setMaxRepositories(e.target.value)}
            error={fieldError(update.error, 'settings.maxRepositories')}
          />
          <TextField
            label="Max concurrent runs"
            {...limitsOf('PATCH /api/teams/{teamId}', 'settings.maxConcurrentRuns')}
            type="number"
            inputMode="numeric"
            step={1}
            required
            value={maxConcurrentRuns}
            onChange={(e) => setMaxConcurrentRuns(e.target.value)}
            error={fieldError(update.error, 'settings.maxConcurrentRuns')}
          />
        </div>
        <Button type="submit" loading={update.isPending}>
          Save settings
        </Button>
      </form>
    </Panel>
  );
}
