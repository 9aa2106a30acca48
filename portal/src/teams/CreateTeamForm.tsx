import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextAreaField, TextField } from '../ui/Field';
import { slugify } from './slug';
import { useCreateTeam } from './teams.api';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { limitsOf } from '../api/limits';

export function CreateTeamForm() {
  const navigate = useNavigate();
  const create = useCreateTeam();
  const { selectWorkspace } = useCurrentWorkspace();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [description, setDescription] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), slug: slug.trim(), description: description.trim() || undefined },
      {
        // A new team is where one works next: it becomes the current workspace.
        onSuccess: (team) => {
          selectWorkspace(team.id);
          void navigate(`/teams/${team.id}`);
        },
      },
    );
  }

  return (
    <form className="space-y-4" onSubmit={submit} noValidate data-testid="create-team-form">
      <ErrorAlert error={create.error} />
      <TextField
        label="Team name"
        {...limitsOf('POST /api/teams', 'name')}
        required
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugTouched) setSlug(slugify(e.target.value));
        }}
        error={fieldError(create.error, 'name')}
        data-testid="team-name"
      />
      <TextField
        label="Slug"
        {...limitsOf('POST /api/teams', 'slug')}
        required
        value={slug}
        onChange={(e) => {
          setSlugTouched(true);
          setSlug(e.target.value);
        }}
        error={fieldError(create.error, 'slug')}
        hint="Lowercase letters, digits and dashes; used in URLs."
        data-testid="team-slug"
      />
      <TextAreaField
        label="Description"
        {...limitsOf('POST /api/teams', 'description')}
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fieldError(create.error, 'description')}
      />
      <Button type="submit" loading={create.isPending} disabled={!name.trim() || !slug.trim()} data-testid="team-create">
        Create team
      </Button>
    </form>
  );
}
