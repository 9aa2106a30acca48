import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Category, RuleLanguage, Severity } from '../api/types';
import { CATEGORIES, SEVERITIES } from '../api/enums';
import { formatCategory, formatSeverity, SeverityBadge } from '../findings/FindingBadges';
import { PageHeader } from '../ui/PageHeader';
import { SelectField, TextField } from '../ui/Field';
import { Pagination } from '../ui/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { RuleDocBody } from './RuleDocPanel';
import { RULES_PAGE_SIZE, useRules } from './rules.api';

const LANGUAGES: { value: RuleLanguage; label: string }[] = [
  { value: 'javascript', label: 'JavaScript & TypeScript' },
  { value: 'python', label: 'Python' },
  { value: 'any', label: 'Secrets (any file)' },
  { value: 'templates', label: 'Templates' },
  { value: 'docker', label: 'Dockerfile' },
  { value: 'github-actions', label: 'GitHub Actions' },
];

/** Every rule Argus reports, per language, with its documentation. Turning one off: `rules: { <id>: off }` in .argus.yml. */
export function RulesPage() {
  const [params, setParams] = useSearchParams();
  const language = (LANGUAGES.find((l) => l.value === params.get('language'))?.value ?? 'javascript') as RuleLanguage;
  const category = (CATEGORIES as readonly string[]).includes(params.get('category') ?? '') ? (params.get('category') as Category) : undefined;
  const severity = (SEVERITIES as readonly string[]).includes(params.get('severity') ?? '') ? (params.get('severity') as Severity) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const rules = useRules({ language, category, severity, q: q || undefined }, page);
  const [open, setOpen] = useState<string | null>(null);

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
    <div className="space-y-6">
      <PageHeader
        title="Rules"
        description={
          <>
            What Argus checks, why it matters and how to fix it. To turn a rule off for a repository, use its <strong>Gate &amp; rules</strong> page (from Repositories), or add it to{' '}
            <code className="font-mono">.argus.yml</code>: <code className="font-mono">rules: {'{'} &quot;eslint/no-console&quot;: off {'}'}</code> (or give a severity instead of off).
          </>
        }
      />
      <div className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200 sm:grid-cols-2 lg:grid-cols-4" role="group" aria-label="Rule filters">
        <SelectField label="Language" value={language} onChange={(e) => set('language', e.target.value)} data-testid="rules-language">
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Category" value={category ?? ''} onChange={(e) => set('category', e.target.value || undefined)}>
          <option value="">Any category</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {formatCategory(c)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Severity" value={severity ?? ''} onChange={(e) => set('severity', e.target.value || undefined)}>
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {formatSeverity(s)}
            </option>
          ))}
        </SelectField>
        <TextField label="Search" placeholder="sql, CWE-79, no-eval" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="rules-search" />
      </div>
      {rules.isPending ? (
        <LoadingState label="Loading rules…" />
      ) : rules.isError ? (
        <ErrorState error={rules.error} title="Could not load the rules" onRetry={() => void rules.refetch()} />
      ) : rules.data.items.length === 0 ? (
        <EmptyState title="No rule matches">Try another language or clear the search.</EmptyState>
      ) : (
        <div className="space-y-3">
          <ul className="divide-y divide-gray-200 rounded-lg bg-white shadow-sm ring-1 ring-gray-200" data-testid="rules-list">
            {rules.data.items.map((r) => (
              <li key={r.id} className="p-4">
                <button type="button" className="flex w-full flex-wrap items-center gap-3 text-left" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                  <SeverityBadge severity={r.severity} />
                  <span className="font-medium text-gray-900">{r.title}</span>
                  <code className="font-mono text-xs text-gray-500">{r.id}</code>
                  {r.cwe.length > 0 && <span className="text-xs text-gray-500">{r.cwe.join(', ')}</span>}
                </button>
                {open === r.id && (
                  <div className="mt-3">
                    <RuleDocBody rule={r} />
                  </div>
                )}
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={RULES_PAGE_SIZE} total={rules.data.total} onPageChange={(p) => set('page', String(p))} noun="rules" />
        </div>
      )}
    </div>
  );
}
