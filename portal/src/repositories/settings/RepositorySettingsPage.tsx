import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RepositoryAnalysisSettings, RuleLanguage } from '../../api/types';
import { SeverityBadge } from '../../findings/FindingBadges';
import { RuleDocBody } from '../../rules/RuleDocPanel';
import { RULES_PAGE_SIZE, useRules } from '../../rules/rules.api';
import { Button } from '../../ui/Button';
import { ErrorAlert, SuccessAlert } from '../../ui/ErrorAlert';
import { fieldError } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeader, Panel } from '../../ui/PageHeader';
import { Pagination } from '../../ui/Pagination';
import { RelativeTime } from '../../ui/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { useAnalysisSettings, useUpdateAnalysisSettings } from './repository-settings.api';

const LANGUAGES: { value: RuleLanguage; label: string }[] = [
  { value: 'javascript', label: 'JavaScript & TypeScript' },
  { value: 'python', label: 'Python' },
  { value: 'any', label: 'Secrets (any file)' },
  { value: 'templates', label: 'Templates' },
  { value: 'docker', label: 'Dockerfile' },
  { value: 'github-actions', label: 'GitHub Actions' },
];

const GATE_FIELDS = [
  { key: 'critical', label: 'New critical findings' },
  { key: 'high', label: 'New high findings' },
  { key: 'medium', label: 'New medium findings' },
  { key: 'low', label: 'New low findings' },
  { key: 'secrets', label: 'New secrets' },
] as const;
type GateKey = (typeof GATE_FIELDS)[number]['key'];

const shortSha = (sha: string | null) => (sha ? sha.slice(0, 7) : 'an unknown commit');

/** A repository's analysis settings: the quality gate and the rules it runs. Admins edit; .argus.yml wins where it speaks. */
export function RepositorySettingsPage() {
  const { repositoryId = '' } = useParams();
  const settings = useAnalysisSettings(repositoryId);

  if (settings.isPending) return <LoadingState label="Loading the analysis settings…" />;
  if (settings.isError) return <ErrorState error={settings.error} title="Could not load the analysis settings" onRetry={() => void settings.refetch()} />;
  const s = settings.data;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Analysis settings"
        description="The quality gate and the rules of this repository's analyses. Changes apply from the next analysis."
        actions={
          <Link to={`/repositories/${repositoryId}/overview`} className="text-sm font-medium text-indigo-600 hover:underline">
            Repository overview
          </Link>
        }
      />
      {!s.canEdit && (
        <p className="rounded-md bg-gray-50 p-3 text-sm text-gray-700 ring-1 ring-gray-200" data-testid="settings-read-only">
          Only admins of this workspace can change these settings.
        </p>
      )}
      <GateForm settings={s} repositoryId={repositoryId} />
      <RulesSection settings={s} repositoryId={repositoryId} />
    </div>
  );
}

function GateForm({ settings, repositoryId }: { settings: RepositoryAnalysisSettings; repositoryId: string }) {
  const update = useUpdateAnalysisSettings(repositoryId);
  const toText = (v: number | null) => (v === null ? '' : String(v));
  const [values, setValues] = useState<Record<GateKey, string>>(() => Object.fromEntries(GATE_FIELDS.map((f) => [f.key, toText(settings.gate[f.key])])) as Record<GateKey, string>);
  useEffect(() => {
    setValues(Object.fromEntries(GATE_FIELDS.map((f) => [f.key, toText(settings.gate[f.key])])) as Record<GateKey, string>);
  }, [settings.gate]);
  const fromFile = settings.argusYml?.gate ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const gate = Object.fromEntries(GATE_FIELDS.map((f) => [f.key, values[f.key].trim() === '' ? null : Number(values[f.key])]));
    update.mutate({ gate });
  }

  return (
    <Panel title="Quality gate" description="The gate fails when a run brings more new findings in production code than these limits. Leave a field empty for no limit.">
      {fromFile && settings.argusYml && (
        <div className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="gate-from-argus-yml">
          <p>
            <code className="font-mono">{settings.argusYml.file}</code> sets this repository&apos;s gate (seen at {shortSha(settings.argusYml.commitSha)},{' '}
            <RelativeTime iso={settings.argusYml.seenAt} />) and takes precedence:{' '}
            {Object.entries(fromFile)
              .map(([k, v]) => `${k} ≤ ${v === null ? 'no limit' : v}`)
              .join(', ') || 'no limits'}
            . The values below apply once the file no longer sets <code className="font-mono">gate</code>.
          </p>
        </div>
      )}
      <form onSubmit={submit} noValidate className="max-w-2xl space-y-4" data-testid="gate-form">
        {update.isSuccess && <SuccessAlert>Quality gate saved.</SuccessAlert>}
        <ErrorAlert error={update.error} title="The quality gate was not saved" />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {GATE_FIELDS.map((f) => (
            <TextField
              key={f.key}
              label={f.label}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              placeholder="No limit"
              disabled={!settings.canEdit}
              value={values[f.key]}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
              error={fieldError(update.error, `gate.${f.key}`)}
              data-testid={`gate-${f.key}`}
            />
          ))}
        </div>
        <p className="text-xs text-gray-500">
          {settings.gateSource === 'default' ? 'Nobody has changed the gate: these are the defaults (no new critical or high findings).' : settings.updatedAt ? <>Last changed <RelativeTime iso={settings.updatedAt} />.</> : null}
        </p>
        {settings.canEdit && (
          <Button type="submit" loading={update.isPending} data-testid="gate-save">
            Save gate
          </Button>
        )}
      </form>
    </Panel>
  );
}

function RulesSection({ settings, repositoryId }: { settings: RepositoryAnalysisSettings; repositoryId: string }) {
  const [params, setParams] = useSearchParams();
  const language = (LANGUAGES.find((l) => l.value === params.get('language'))?.value ?? 'javascript') as RuleLanguage;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const rules = useRules({ language, q: q || undefined }, page);
  const update = useUpdateAnalysisSettings(repositoryId);
  const [open, setOpen] = useState<string | null>(null);
  const off = new Set(settings.rulesOff);
  const inFile = settings.argusYml?.rules ?? {};

  const set = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: key !== 'page' },
    );

  return (
    <Panel title="Rules" description="Every rule Argus runs for this repository, with its documentation. A rule turned off here reports nothing from the next analysis on; .argus.yml settings of a rule win over this page.">
      <div className="mb-4 grid gap-4 sm:grid-cols-2">
        <SelectField label="Language" value={language} onChange={(e) => set('language', e.target.value)} data-testid="settings-rules-language">
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Search" placeholder="sql, CWE-79, no-eval" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="settings-rules-search" />
      </div>
      <ErrorAlert error={update.error} title="The rule was not changed" className="mb-4" />
      {rules.isPending ? (
        <LoadingState label="Loading rules…" />
      ) : rules.isError ? (
        <ErrorState error={rules.error} title="Could not load the rules" onRetry={() => void rules.refetch()} />
      ) : rules.data.items.length === 0 ? (
        <EmptyState title="No rule matches">Try another language or clear the search.</EmptyState>
      ) : (
        <div className="space-y-3">
          <ul className="divide-y divide-gray-200 rounded-lg ring-1 ring-gray-200" data-testid="settings-rules-list">
            {rules.data.items.map((r) => {
              const fileSetting = inFile[r.id];
              const enabled = fileSetting ? fileSetting !== 'off' : !off.has(r.id);
              return (
                <li key={r.id} className="p-4" data-testid="settings-rule" data-rule-id={r.id}>
                  <div className="flex flex-wrap items-center gap-3">
                    <button type="button" className="flex min-w-0 flex-1 flex-wrap items-center gap-3 text-left" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                      <SeverityBadge severity={r.severity} />
                      <span className="font-medium text-gray-900">{r.title}</span>
                      <code className="font-mono text-xs text-gray-500">{r.id}</code>
                      {r.cwe.length > 0 && <span className="text-xs text-gray-500">{r.cwe.join(', ')}</span>}
                    </button>
                    {fileSetting ? (
                      <span className="text-xs text-amber-800" data-testid="rule-set-in-file">
                        {fileSetting === 'off' ? 'Off' : `Severity ${fileSetting}`} in {settings.argusYml?.file}
                      </span>
                    ) : (
                      <label className="inline-flex items-center gap-2 text-sm text-gray-700">
                        <input
                          type="checkbox"
                          role="switch"
                          className="h-4 w-4 rounded border-gray-300 text-indigo-600"
                          checked={enabled}
                          disabled={!settings.canEdit || update.isPending}
                          onChange={() => update.mutate({ rules: { [r.id]: enabled ? 'off' : null } })}
                          aria-label={`${r.id} ${enabled ? 'on' : 'off'} for this repository`}
                          data-testid="rule-toggle"
                        />
                        {enabled ? 'On' : 'Off'}
                      </label>
                    )}
                  </div>
                  {open === r.id && (
                    <div className="mt-3">
                      <RuleDocBody rule={r} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pageSize={RULES_PAGE_SIZE} total={rules.data.total} onPageChange={(p) => set('page', String(p))} noun="rules" />
        </div>
      )}
    </Panel>
  );
}
