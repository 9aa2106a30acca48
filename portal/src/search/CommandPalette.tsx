import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Command } from 'cmdk';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { describeError } from '../ui/errors';
import { Spinner } from '../ui/Button';
import { Highlight, TYPE_LABELS } from './Highlight';
import { useGroupedSearch, useRememberSearch, useSearchHistory, useSuggestions } from './search.api';

const item = 'flex cursor-pointer items-start gap-3 rounded-md px-3 py-2 text-sm text-gray-700 aria-selected:bg-indigo-50 aria-selected:text-indigo-900';
const heading = '[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-gray-500';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Cmd+K / Ctrl+K from any page: suggestions while typing, a few results per type, recent searches when empty, and
 * the full search page one Enter away. Results are searched server-side (cmdk's own filter is off).
 */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q.trim(), 150);
  const { workspace } = useCurrentWorkspace();
  const workspaceId = open ? workspace?.id : undefined;
  const navigate = useNavigate();
  const results = useGroupedSearch(workspaceId, debounced, { record: false, limit: 4 });
  const suggestions = useSuggestions(workspaceId, debounced);
  const history = useSearchHistory(workspaceId);
  const remember = useRememberSearch(workspace?.id);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'k' && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function go(url: string) {
    if (q.trim()) remember.mutate(q.trim());
    setOpen(false);
    setQ('');
    void navigate(url);
  }

  const searchAll = `/search?q=${encodeURIComponent(q.trim())}`;
  const groups = results.data?.groups ?? [];
  // Results arrive after the static items render: select the best hit then, so Enter opens it.
  const [selected, setSelected] = useState('');
  const firstHit = groups[0]?.items[0];
  const firstValue = firstHit ? `hit:${firstHit.type}:${firstHit.id}` : '';
  useEffect(() => {
    if (firstValue) setSelected(firstValue);
  }, [firstValue]);
  const suggested = (suggestions.data?.items ?? []).filter((s) => s.text.toLowerCase() !== q.trim().toLowerCase());

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="search-trigger"
        className="flex w-full items-center gap-2 rounded-md px-2.5 py-2 text-sm text-gray-500 ring-1 ring-inset ring-gray-200 hover:bg-gray-50"
      >
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" className="h-4 w-4" aria-hidden="true">
          <path d="M11 19a8 8 0 100-16 8 8 0 000 16zM21 21l-4.35-4.35" />
        </svg>
        <span className="flex-1 text-left">Search…</span>
        <kbd className="rounded border border-gray-200 px-1.5 font-sans text-xs text-gray-400">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Search Argus"
        shouldFilter={false}
        loop
        value={selected}
        onValueChange={setSelected}
        overlayClassName="fixed inset-0 z-40 bg-gray-900/30"
        contentClassName="fixed inset-x-0 top-[12vh] z-50 mx-auto w-[min(40rem,calc(100vw-2rem))] overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-gray-200"
      >
        <div className="flex items-center gap-2 border-b border-gray-100 px-4">
          <Command.Input
            value={q}
            onValueChange={setQ}
            placeholder={workspace ? `Search ${workspace.name}: repositories, runs, findings, code…` : 'Search…'}
            className="h-12 w-full border-0 text-sm text-gray-900 placeholder:text-gray-400 focus:outline-none focus:ring-0"
            data-testid="palette-input"
          />
          {(results.isFetching || suggestions.isFetching) && <Spinner className="h-4 w-4 text-indigo-600" />}
        </div>
        <Command.List className={`max-h-[60vh] overflow-y-auto p-2 ${heading}`} data-testid="palette-list">
          {!q.trim() && (
            <>
              {(history.data?.items.length ?? 0) > 0 && (
                <Command.Group heading="Recent searches">
                  {history.data!.items.map((h) => (
                    <Command.Item key={h.query} value={`recent:${h.query}`} onSelect={() => setQ(h.query)} className={item}>
                      <span className="text-gray-400">↺</span>
                      {h.query}
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              <Command.Group heading="Go to">
                <Command.Item value="page:search" onSelect={() => go('/search')} className={item}>
                  Full search page (filters, saved searches, code)
                </Command.Item>
              </Command.Group>
            </>
          )}
          {q.trim() && (
            <>
              {results.isError && (
                <div role="alert" className="px-3 py-2 text-sm text-red-700">
                  {describeError(results.error).message}
                </div>
              )}
              {suggested.length > 0 && (
                <Command.Group heading="Suggestions">
                  {suggested.map((s) => (
                    <Command.Item key={`${s.kind}:${s.text}`} value={`suggestion:${s.kind}:${s.text}`} onSelect={() => setQ(s.text)} className={item}>
                      <span className="w-16 shrink-0 text-xs text-gray-400">{s.kind === 'recent' ? 'recent' : s.kind === 'rule' ? 'rule' : 'repo'}</span>
                      <span className="font-mono text-xs">{s.text}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              {groups.map((group) => (
                <Command.Group key={group.type} heading={`${TYPE_LABELS[group.type]} · ${group.total}`}>
                  {group.items.map((hit) => (
                    <Command.Item key={`${hit.type}:${hit.id}`} value={`hit:${hit.type}:${hit.id}`} onSelect={() => go(hit.url)} className={item} data-testid="palette-hit">
                      <div className="min-w-0">
                        <Highlight segments={hit.highlights.title} fallback={hit.title} className="block truncate font-medium text-gray-900" />
                        <span className="block truncate text-xs text-gray-500">{hit.subtitle}</span>
                      </div>
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
              {results.data && results.data.total === 0 && (
                <div className="px-3 py-6 text-center text-sm text-gray-500" data-testid="palette-empty">
                  Nothing matches “{results.data.q}”.
                  {results.data.didYouMean && (
                    <button type="button" className="ml-1 font-medium text-indigo-600 hover:underline" onClick={() => setQ(results.data!.didYouMean!)}>
                      Did you mean {results.data.didYouMean}?
                    </button>
                  )}
                </div>
              )}
              <Command.Group heading="More">
                <Command.Item value="page:all" onSelect={() => go(searchAll)} className={item}>
                  Search everything for “{q.trim()}”
                </Command.Item>
                {q.trim().length >= 3 && (
                  <Command.Item value="page:code" onSelect={() => go(`/search?scope=code&q=${encodeURIComponent(q.trim())}`)} className={item}>
                    Search code for “{q.trim()}”
                  </Command.Item>
                )}
              </Command.Group>
            </>
          )}
        </Command.List>
        <div className="flex gap-4 border-t border-gray-100 px-4 py-2 text-xs text-gray-400">
          <span>↑↓ to move</span>
          <span>↵ to open</span>
          <span>esc to close</span>
        </div>
      </Command.Dialog>
    </>
  );
}
