import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AiKeyStatus, AiProvider } from '../api/types';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { limitsOf } from '../api/limits';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { Panel } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/states';
import { useAiKeys, useSetAiKey } from './fixes.api';

const PROVIDERS: { provider: AiProvider; title: string; description: string; keyHint: string }[] = [
  { provider: 'groq', title: 'Groq', description: 'Fixes written by an LLM hosted on Groq.', keyHint: 'Starts with gsk_; from console.groq.com.' },
  { provider: 'anthropic', title: 'Anthropic (Claude)', description: 'Fixes written by Anthropic’s Claude.', keyHint: 'Starts with sk-ant-; from console.anthropic.com.' },
];

/** Team settings: the workspace's own API keys for the AI fix providers. Admins only (the tab is). */
export function AiProvidersSection({ workspaceId }: { workspaceId: string }) {
  const keys = useAiKeys(workspaceId);
  return (
    <Panel
      title="AI providers"
      description="API keys for generating fixes with Groq or Claude. The built-in provider needs no key and sends no code anywhere."
    >
      <div className="max-w-3xl space-y-5" data-testid="ai-providers">
        <p className="rounded-md bg-gray-50 px-3 py-2 text-xs text-gray-600">
          <span className="font-semibold text-gray-800">Keys are encrypted at rest</span> and are never shown again, to you or anyone else, nor
          written to the activity log. To change a key, save a new one over it. When a fix uses Groq or Claude, the file with the finding is sent to
          that provider.
        </p>
        {keys.isPending ? (
          <LoadingState label="Loading AI providers…" />
        ) : keys.isError ? (
          <ErrorState error={keys.error} title="Could not load the AI providers" onRetry={() => void keys.refetch()} />
        ) : (
          <ul className="divide-y divide-gray-200">
            {PROVIDERS.map((p) => (
              <li key={p.provider} className="py-4 first:pt-0 last:pb-0">
                <ProviderKeyForm
                  workspaceId={workspaceId}
                  title={p.title}
                  description={p.description}
                  keyHint={p.keyHint}
                  provider={p.provider}
                  status={keys.data.providers.find((k) => k.provider === p.provider)}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}

function ProviderKeyForm({
  workspaceId,
  provider,
  title,
  description,
  keyHint,
  status,
}: {
  workspaceId: string;
  provider: AiProvider;
  title: string;
  description: string;
  keyHint: string;
  status: AiKeyStatus | undefined;
}) {
  const save = useSetAiKey(workspaceId);
  const [apiKey, setApiKey] = useState('');
  const headingId = useId();
  const hasWorkspaceKey = status?.source === 'workspace';

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { provider, apiKey: apiKey.trim() },
      {
        // The key leaves the page's state as soon as the API has it.
        onSuccess: () => setApiKey(''),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} data-testid={`ai-provider-${provider}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-sm font-semibold text-gray-900">
          {title}
        </h3>
        {status?.configured ? (
          <Badge tone="green">
            <span aria-hidden="true">✓</span> Configured
          </Badge>
        ) : (
          <Badge tone="gray">Not configured</Badge>
        )}
      </div>
      <p className="mt-0.5 text-xs text-gray-600">
        {description}
        {status?.model && (
          <>
            {' '}
            Model: <code className="font-mono">{status.model}</code>.
          </>
        )}
      </p>
      <p className="mt-0.5 text-xs text-gray-500" data-testid={`ai-provider-${provider}-source`}>
        {status?.source === 'workspace'
          ? `This workspace’s own key is used${status.updatedAt ? `, set ${formatDateTime(status.updatedAt)}` : ''}.`
          : status?.source === 'environment'
            ? 'The server operator’s key is used; a key saved here takes precedence for this workspace.'
            : 'No key yet: fixes with this provider are refused until one is saved here or set by the operator.'}
      </p>
      <form onSubmit={submit} noValidate className="mt-3 flex flex-wrap items-start gap-3">
        <TextField
          label={hasWorkspaceKey ? `New ${title} API key` : `${title} API key`}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={apiKey}
          onChange={(e) => {
            setApiKey(e.target.value);
            if (save.isSuccess) save.reset();
          }}
          placeholder={hasWorkspaceKey ? 'A key is saved; paste a new one to replace it' : 'Paste the API key'}
          hint={keyHint}
          error={fieldError(save.error, 'apiKey')}
          {...limitsOf('PUT /api/workspaces/{workspaceId}/ai-keys', 'apiKey')}
          containerClassName="min-w-[16rem] flex-1"
          data-testid={`ai-key-${provider}`}
        />
        <Button type="submit" className="mt-6" loading={save.isPending} disabled={apiKey.trim().length === 0}>
          {hasWorkspaceKey ? 'Replace key' : 'Save key'}
        </Button>
      </form>
      {save.isSuccess && <SuccessAlert className="mt-3">{title} key saved. It is stored encrypted and will not be shown again.</SuccessAlert>}
      <ErrorAlert error={save.error} title="The key was not saved" className="mt-3" />
    </section>
  );
}
