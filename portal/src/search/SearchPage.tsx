import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useRepositories } from '../repositories/repositories.api';
import { PageHeader, Panel } from '../ui/PageHeader';
import { Button } from '../ui/Button';
import { SelectField, TextField } from '../ui/Field';
import { Badge } from '../ui/Badge';
import { Pagination } from '../ui/Pagination';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { ErrorAlert } from '../ui/ErrorAlert';
import { RelativeTime } from '../ui/RelativeTime';
import { Highlight, TYPE_LABELS } from './Highlight';
import {
  useClearHistory,
  useCodeSearch,
  useDeleteSavedSearch,
  useGroupedSearch,
  useSavedSearches,
  useSaveSearch,
  useSearchHistory,
  useSearchPage,
  type CodeHit,
  type SavedSearch,
  type SearchFilters,
  type SearchHit,
  type SearchScope,
} from './search.api';

const SCOPES: SearchScope[] = ['all', 'repository', 'run', 'finding', 'fix', 'code', 'member', 'team', 'ticket'];
const PAGE_SIZE = 20;

const STATUSES: Partial<Record<SearchScope, string[]>> = {
  run: ['queued', 'running', 'completed', 'failed', 'cancelled', 'skipped'],
  finding: ['open', 'false_positive', 'wont_fix', 'accepted', 'suppressed'],
  fix: ['queued', 'generating', 'generated', 'validated', 'rejected', 'failed', 'pr_open', 'merged', 'closed'],
  member: ['admin', 'developer', 'viewer'],
  team: ['admin', 'developer', 'viewer'],
  ticket: ['open', 'in_progress', 'resolved', 'closed'],
};
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const CATEGORIES = ['security', 'bug', 'performance', 'maintainability', 'style'];
const FILTER_KEYS = ['status', 'severity', 'category', 'repository_id', 'date_from', 'date_to'] as const;
const CODE_KEYS = ['mode', 'language', 'path', 'repository_id'] as const;

const label = (s: string) => s.replace(/_/g, ' ');

/** The full search page: tabs per type, filters in a sidebar, highlighted results, pages, saved searches, history. */
export function SearchPage() {
  const { workspace } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const scope = (SCOPES.includes(params.get('scope') as SearchScope) ? params.get('scope') : 'all') as SearchScope;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [draft, setDraft] = useState(q);
  const [draftFor, setDraftFor] = useState(q);
  if (draftFor !== q) {
    // The URL changed (a saved search, the palette, back/forward): show its query in the box.
    setDraftFor(q);
    setDraft(q);
  }

  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };

  const filters: SearchFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as Record<string, string>)[key] = value;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    update({ q: draft.trim() });
  }

  if (!workspace) return <EmptyState title="No workspace yet">Join or create a workspace to search it.</EmptyState>;

  return (
    <div className="space-y-6">
      <PageHeader title="Search" description={`Everything in ${workspace.name}: repositories, runs, findings, fixes, code, members, your teams and tickets.`} />
      <form onSubmit={submit} className="flex gap-2" role="search">
        <label htmlFor="search-query" className="sr-only">
          Search
        </label>
        <input
          id="search-query"
          data-testid="search-query"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={scope === 'code' ? 'Text in the code (3 characters or more)' : 'Words, "a phrase", rule ids, paths, -excluded'}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
        <Button type="submit">Search</Button>
      </form>

      <div role="tablist" aria-label="Result types" className="flex flex-wrap gap-1 border-b border-gray-200">
        {SCOPES.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={scope === s}
            data-testid={`tab-${s}`}
            onClick={() => update({ scope: s === 'all' ? undefined : s, status: undefined, ...(s === 'code' ? {} : { mode: undefined, language: undefined, path: undefined }) })}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${scope === s ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-gray-600 hover:text-gray-900'}`}
          >
            {s === 'all' ? 'All' : TYPE_LABELS[s]}
          </button>
        ))}
      </div>

      <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside className="space-y-6">
          <FilterSidebar scope={scope} params={params} update={update} workspaceId={workspace.id} />
          <SavedSearches workspaceId={workspace.id} q={q} scope={scope} params={params} />
          <RecentSearches workspaceId={workspace.id} onPick={(query) => update({ q: query })} />
        </aside>
        <section aria-live="polite" className="min-w-0">
          {!q.trim() && scope === 'all' ? (
            <EmptyState title="Type something to search">Words match findings’ messages, rule ids, paths, repositories and runs. Press ⌘K (Ctrl K) anywhere for quick search.</EmptyState>
          ) : scope === 'all' ? (
            <GroupedResults workspaceId={workspace.id} q={q} filters={filters} onScope={(s) => update({ scope: s })} onQuery={(query) => update({ q: query })} />
          ) : scope === 'code' ? (
            <CodeResults workspaceId={workspace.id} q={q} params={params} page={page} onPage={(p) => update({ page: String(p) }, true)} />
          ) : (
            <TypeResults workspaceId={workspace.id} scope={scope} q={q} filters={filters} page={page} onPage={(p) => update({ page: String(p) }, true)} />
          )}
        </section>
      </div>
    </div>
  );
}

function FilterSidebar({ scope, params, update, workspaceId }: { scope: SearchScope; params: URLSearchParams; update: (c: Record<string, string | undefined>) => void; workspaceId: string }) {
  const repositories = useRepositories(workspaceId, { page: 1, pageSize: 100 });
  const set = (key: string) => (e: { target: { value: string } }) => update({ [key]: e.target.value || undefined });
  const csvToggle = (key: string, value: string) => {
    const current = (params.get(key) ?? '').split(',').filter(Boolean);
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ [key]: next.join(',') || undefined });
  };
  const hasFilters = [...FILTER_KEYS, ...CODE_KEYS].some((k) => params.get(k));
  const showsRepository = ['all', 'repository', 'run', 'finding', 'fix', 'code'].includes(scope);
  return (
    <Panel title="Filters">
      <div className="space-y-4" data-testid="search-filters">
        {STATUSES[scope] && (
          <SelectField label="Status" value={params.get('status') ?? ''} onChange={set('status')} data-testid="filter-status">
            <option value="">Any status</option>
            {STATUSES[scope]!.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </SelectField>
        )}
        {(scope === 'finding' || scope === 'fix') && (
          <>
            <CheckboxGroup title="Severity" values={SEVERITIES} selected={(params.get('severity') ?? '').split(',')} onToggle={(v) => csvToggle('severity', v)} />
            <CheckboxGroup title="Category" values={CATEGORIES} selected={(params.get('category') ?? '').split(',')} onToggle={(v) => csvToggle('category', v)} />
          </>
        )}
        {showsRepository && scope !== 'all' && (
          <SelectField label="Repository" value={params.get('repository_id') ?? ''} onChange={set('repository_id')}>
            <option value="">All repositories</option>
            {(repositories.data?.items ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.fullName}
              </option>
            ))}
          </SelectField>
        )}
        {scope === 'code' ? (
          <>
            <SelectField label="Match" value={params.get('mode') ?? 'literal'} onChange={set('mode')}>
              <option value="literal">Exact text</option>
              <option value="word">Whole word</option>
            </SelectField>
            <TextField label="Language" placeholder="typescript, python…" defaultValue={params.get('language') ?? ''} onBlur={set('language')} />
            <TextField label="Path contains" placeholder="src/api" defaultValue={params.get('path') ?? ''} onBlur={set('path')} />
          </>
        ) : (
          <>
            <TextField label="From" type="date" value={params.get('date_from') ?? ''} onChange={set('date_from')} />
            <TextField label="To" type="date" value={params.get('date_to') ?? ''} onChange={set('date_to')} />
          </>
        )}
        {hasFilters && (
          <Button variant="ghost" size="sm" onClick={() => update(Object.fromEntries([...FILTER_KEYS, ...CODE_KEYS].map((k) => [k, undefined])))}>
            Clear filters
          </Button>
        )}
      </div>
    </Panel>
  );
}

function CheckboxGroup({ title, values, selected, onToggle }: { title: string; values: string[]; selected: string[]; onToggle: (v: string) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-gray-700">{title}</legend>
      <div className="mt-1 space-y-1">
        {values.map((v) => (
          <label key={v} className="flex items-center gap-2 text-sm text-gray-700">
            <input type="checkbox" className="rounded border-gray-300 text-indigo-600" checked={selected.includes(v)} onChange={() => onToggle(v)} />
            {label(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function HitRow({ hit }: { hit: SearchHit }) {
  return (
    <li className="px-4 py-3 hover:bg-gray-50" data-testid="search-hit">
      <Link to={hit.url} className="block">
        <div className="flex flex-wrap items-center gap-2">
          <Highlight segments={hit.highlights.title} fallback={hit.title} className="font-medium text-gray-900" />
          {hit.severity && <Badge tone={hit.severity === 'critical' || hit.severity === 'high' ? 'red' : 'gray'}>{hit.severity}</Badge>}
          {hit.status && <Badge>{label(hit.status)}</Badge>}
          {hit.runCount !== null && hit.runCount > 1 && <Badge>in {hit.runCount} runs</Badge>}
        </div>
        <p className="mt-0.5 text-xs text-gray-500">
          {hit.subtitle}
          {hit.repositoryName && hit.type !== 'repository' && ` · ${hit.repositoryName}`} · <RelativeTime iso={hit.createdAt} />
        </p>
        {hit.highlights.body.length > 0 && <Highlight segments={hit.highlights.body} className="mt-1 block text-sm text-gray-700" />}
      </Link>
    </li>
  );
}

function GroupedResults({ workspaceId, q, filters, onScope, onQuery }: { workspaceId: string; q: string; filters: SearchFilters; onScope: (s: SearchScope) => void; onQuery: (q: string) => void }) {
  // The page is a committed search: it goes into the history (the palette's typing does not).
  const result = useGroupedSearch(workspaceId, q, { record: true, limit: 5, filters });
  if (result.isPending) return <LoadingState label="Searching…" />;
  if (result.isError) return <ErrorState error={result.error} title="The search failed" onRetry={() => void result.refetch()} />;
  const data = result.data;
  if (data.total === 0) {
    return (
      <EmptyState title={`Nothing matches “${data.q}”`}>
        {data.didYouMean ? (
          <button type="button" className="font-medium text-indigo-600 hover:underline" onClick={() => onQuery(data.didYouMean!)} data-testid="did-you-mean">
            Did you mean {data.didYouMean}?
          </button>
        ) : (
          'Try fewer or different words, or search the code.'
        )}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6" data-testid="grouped-results">
      {data.groups.map((group) => (
        <Panel key={group.type} title={`${TYPE_LABELS[group.type]} (${group.total})`}>
          <ul className="-mx-4 divide-y divide-gray-100">
            {group.items.map((hit) => (
              <HitRow key={hit.id} hit={hit} />
            ))}
          </ul>
          {group.total > group.items.length && (
            <button type="button" className="mt-2 text-sm font-medium text-indigo-600 hover:underline" onClick={() => onScope(group.type)}>
              See all {group.total} {TYPE_LABELS[group.type]!.toLowerCase()}
            </button>
          )}
        </Panel>
      ))}
    </div>
  );
}

function TypeResults({ workspaceId, scope, q, filters, page, onPage }: { workspaceId: string; scope: Exclude<SearchScope, 'all' | 'code'>; q: string; filters: SearchFilters; page: number; onPage: (p: number) => void }) {
  const result = useSearchPage(workspaceId, scope, q, filters, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (result.isPending) return <LoadingState label="Searching…" />;
  if (result.isError) return <ErrorState error={result.error} title="The search failed" onRetry={() => void result.refetch()} />;
  const data = result.data;
  if (data.total === 0) return <EmptyState title={q ? `No ${TYPE_LABELS[scope]!.toLowerCase()} match “${q}”` : `No ${TYPE_LABELS[scope]!.toLowerCase()} match these filters`}>Try other words or fewer filters.</EmptyState>;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-gray-100 rounded-lg bg-white ring-1 ring-gray-200" data-testid="type-results">
        {data.items.map((hit) => (
          <HitRow key={hit.id} hit={hit} />
        ))}
      </ul>
      <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPageChange={onPage} noun={TYPE_LABELS[scope]!.toLowerCase()} />
    </div>
  );
}

function CodeResults({ workspaceId, q, params, page, onPage }: { workspaceId: string; q: string; params: URLSearchParams; page: number; onPage: (p: number) => void }) {
  const mode = params.get('mode') === 'word' ? 'word' : 'literal';
  const filters = { repository_id: params.get('repository_id') ?? undefined, language: params.get('language') ?? undefined, path: params.get('path') ?? undefined };
  const result = useCodeSearch(workspaceId, q, mode, filters, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (q.trim().length < 3) return <EmptyState title="Code search needs 3 characters or more">It searches the files of each repository’s latest default-branch analysis.</EmptyState>;
  if (result.isPending) return <LoadingState label="Searching the code…" />;
  if (result.isError) return <ErrorState error={result.error} title="The code search failed" onRetry={() => void result.refetch()} />;
  const data = result.data;
  if (data.total === 0) return <EmptyState title={`No code matches “${q}”`}>Only the default branch’s latest analysis is indexed; analyze a repository to include it.</EmptyState>;
  return (
    <div className="space-y-4" data-testid="code-results">
      {data.items.map((hit) => (
        <CodeFile key={`${hit.repositoryId}:${hit.path}`} hit={hit} />
      ))}
      <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPageChange={onPage} noun="files" />
    </div>
  );
}

function CodeFile({ hit }: { hit: CodeHit }) {
  return (
    <div className="overflow-hidden rounded-lg bg-white ring-1 ring-gray-200">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-100 px-4 py-2 text-sm">
        <Link to={hit.url} className="font-mono text-gray-900 hover:underline">
          {hit.repositoryName} · {hit.path}
        </Link>
        <span className="text-xs text-gray-500">
          {hit.matchCount} matching line{hit.matchCount === 1 ? '' : 's'}
          {hit.language && ` · ${hit.language}`}
        </span>
      </div>
      {hit.matches.map((m) => (
        <pre key={m.line} className="overflow-x-auto border-b border-gray-50 py-1 font-mono text-xs leading-5 text-gray-800 last:border-0">
          {m.lines.map((l) => (
            <div key={l.number} className={l.number === m.line ? 'bg-amber-50' : ''}>
              <span className="inline-block w-12 select-none pr-3 text-right text-gray-400">{l.number}</span>
              <Highlight segments={l.segments} />
            </div>
          ))}
        </pre>
      ))}
    </div>
  );
}

function SavedSearches({ workspaceId, q, scope, params }: { workspaceId: string; q: string; scope: SearchScope; params: URLSearchParams }) {
  const saved = useSavedSearches(workspaceId);
  const save = useSaveSearch(workspaceId);
  const remove = useDeleteSavedSearch(workspaceId);
  const [name, setName] = useState('');
  const [naming, setNaming] = useState(false);
  const [deleting, setDeleting] = useState<SavedSearch | null>(null);

  const linkOf = (s: SavedSearch) => {
    const next = new URLSearchParams();
    if (s.q) next.set('q', s.q);
    if (s.scope !== 'all') next.set('scope', s.scope);
    for (const [k, v] of Object.entries(s.filters)) if (v) next.set(k, String(v));
    return `/search?${next.toString()}`;
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const filters: Record<string, string> = {};
    for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key)!;
    save.mutate(
      { name: name.trim(), q, scope, filters },
      {
        onSuccess: () => {
          setName('');
          setNaming(false);
        },
      },
    );
  }

  let body: ReactNode;
  if (saved.isPending) body = <LoadingState />;
  else if (saved.isError) body = <ErrorState error={saved.error} title="Could not load saved searches" onRetry={() => void saved.refetch()} />;
  else if (saved.data.items.length === 0) body = <p className="text-sm text-gray-500">None yet. Save a search to run it again in one click.</p>;
  else
    body = (
      <ul className="space-y-1" data-testid="saved-searches">
        {saved.data.items.map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-2 text-sm">
            <Link to={linkOf(s)} className="truncate text-indigo-700 hover:underline" title={`${s.q || '(no words)'} · ${s.scope}`}>
              {s.name}
            </Link>
            <button type="button" className="text-xs text-gray-400 hover:text-red-600" aria-label={`Delete saved search ${s.name}`} onClick={() => setDeleting(s)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    );

  return (
    <Panel title="Saved searches">
      <div className="space-y-3">
        {body}
        {naming ? (
          <form onSubmit={submit} className="space-y-2">
            <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus data-testid="saved-search-name" />
            {save.isError && <ErrorAlert error={save.error} />}
            <div className="flex gap-2">
              <Button type="submit" size="sm" loading={save.isPending} disabled={!name.trim()}>
                Save
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setNaming(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setNaming(true)} disabled={!q && scope === 'all'} data-testid="save-search">
            Save this search
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() => remove.mutate(deleting!.id, { onSuccess: () => setDeleting(null) })}
      >
        The saved search goes away for good; the results it finds are not touched.
      </ConfirmDialog>
    </Panel>
  );
}

function RecentSearches({ workspaceId, onPick }: { workspaceId: string; onPick: (q: string) => void }) {
  const history = useSearchHistory(workspaceId);
  const clear = useClearHistory(workspaceId);
  const [confirming, setConfirming] = useState(false);
  const items = history.data?.items ?? [];
  return (
    <Panel title="Recent searches">
      {history.isError ? (
        <ErrorState error={history.error} title="Could not load your recent searches" onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-gray-500">{history.isPending ? 'Loading…' : 'Your searches show up here, only for you.'}</p>
      ) : (
        <div className="space-y-2">
          <ul className="space-y-1" data-testid="recent-searches">
            {items.map((h) => (
              <li key={h.query} className="flex items-center justify-between gap-2 text-sm">
                <button type="button" className="truncate text-left text-gray-700 hover:text-indigo-700" onClick={() => onPick(h.query)}>
                  {h.query}
                </button>
                <button type="button" className="text-xs text-gray-400 hover:text-red-600" aria-label={`Forget ${h.query}`} onClick={() => clear.mutate(h.query)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} data-testid="clear-history">
            Clear history
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Clear your recent searches?"
        confirmLabel="Clear"
        pending={clear.isPending}
        error={clear.error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => clear.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        Your recent searches in this workspace are forgotten. Saved searches stay.
      </ConfirmDialog>
    </Panel>
  );
}
