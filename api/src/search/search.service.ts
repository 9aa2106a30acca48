import {
  closestTerm,
  INDEXED_TYPES,
  recordSearchQuery,
  searchCodeFiles,
  searchableTeamIds,
  searchDocumentsOfType,
  suggestTerms,
  type CodeSearchFilters,
  type IndexedType,
  type SearchFilters,
  type SearchRow,
  type SearchType,
  type Segment,
} from '@argus/db';
import { createTypesenseClient, searchTypesense, type PlatformConfig, type TypesenseClient } from '@argus/activities';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';

// One search service, two backends: Postgres (always there) and Typesense (when TYPESENSE_URL is set) for the
// types it indexes. Both take the same filters with the workspace already checked by the route; a Typesense that
// cannot answer falls back to Postgres, so search degrades in speed, never in availability.

export type Backend = 'postgres' | 'typesense';

const clients = new WeakMap<PlatformConfig, TypesenseClient>();
function typesenseOf(config: PlatformConfig): TypesenseClient | null {
  if (!config.TYPESENSE_URL) return null;
  let client = clients.get(config);
  if (!client) clients.set(config, (client = createTypesenseClient(config.TYPESENSE_URL, config.TYPESENSE_API_KEY ?? '')));
  return client;
}

const isIndexed = (type: SearchType): type is IndexedType => (INDEXED_TYPES as readonly string[]).includes(type);

function urlOf(row: SearchRow): string {
  switch (row.type) {
    case 'repository':
      return `/repositories?q=${encodeURIComponent(row.title)}`;
    case 'run':
      return `/runs/${row.id}`;
    case 'finding':
      return `/runs/${row.runId}?finding=${row.id}`;
    case 'fix':
      return `/runs/${row.runId}?fix=${row.id}`;
    case 'member':
      return `/teams/${row.workspaceId}/members`;
    case 'team':
      // A team's own document has the team's id; a member's names the team it belongs to.
      return row.id === row.workspaceId ? `/teams/${row.workspaceId}` : `/teams/${row.workspaceId}/members`;
    case 'ticket':
      return `/support/${row.id}`;
  }
}

function publicHit(row: SearchRow) {
  return {
    type: row.type,
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    body: row.body.length > 300 ? `${row.body.slice(0, 299)}…` : row.body,
    url: urlOf(row),
    repositoryId: row.repositoryId,
    repositoryName: row.repositoryName,
    runId: row.runId,
    status: row.status,
    severity: row.severity,
    category: row.category,
    createdAt: row.createdAt,
    runCount: row.runCount,
    highlights: { title: row.titleHighlight, body: row.bodyHighlight },
  };
}

async function searchOneType(deps: AppDeps, type: SearchType, filters: SearchFilters): Promise<{ rows: SearchRow[]; total: number; backend: Backend }> {
  const client = typesenseOf(deps.config);
  if (client && isIndexed(type)) {
    try {
      return { ...(await searchTypesense(client, type, filters)), backend: 'typesense' };
    } catch (err) {
      deps.logger.warn({ err, type }, 'Typesense could not answer a search; answering from Postgres');
    }
  }
  return { ...(await searchDocumentsOfType(deps.knex, type, filters)), backend: 'postgres' };
}

/**
 * The teams whose documents a caller may find: the team workspaces they belong to (an API token: its own workspace
 * only, when that is a team). Worked out here, never taken from the request.
 */
export async function visibleTeams(deps: AppDeps, auth: AuthContext, types: readonly SearchType[]): Promise<string[]> {
  if (!types.includes('team')) return [];
  return searchableTeamIds(deps.knex, auth.userId, auth.tokenWorkspaceId);
}

export async function searchPage(deps: AppDeps, type: SearchType, filters: SearchFilters) {
  const { rows, total, backend } = await searchOneType(deps, type, filters);
  return { items: rows.map(publicHit), total, limit: filters.limit, offset: filters.offset, backend };
}

/** Every asked-for type at once, a few hits each; with nothing found, the closest workspace term as a hint. */
export async function searchGrouped(deps: AppDeps, types: SearchType[], filters: SearchFilters) {
  const results = await Promise.all(types.map(async (type) => ({ type, ...(await searchOneType(deps, type, filters)) })));
  const total = results.reduce((n, r) => n + r.total, 0);
  const backend: Backend = results.some((r) => r.backend === 'typesense') ? 'typesense' : 'postgres';
  return {
    q: filters.q,
    total,
    groups: results.filter((r) => r.total > 0).map((r) => ({ type: r.type, total: r.total, items: r.rows.map(publicHit) })),
    didYouMean: total === 0 ? await closestTerm(deps.knex, filters.workspaceId, filters.q) : null,
    backend,
  };
}

export async function rememberQuery(deps: AppDeps, userId: string, workspaceId: string, q: string): Promise<void> {
  if (q.trim()) await recordSearchQuery(deps.knex, { userId, workspaceId, query: q.trim() });
}

export async function suggest(deps: AppDeps, args: { workspaceId: string; userId: string; q: string; limit: number }) {
  return { items: await suggestTerms(deps.knex, args) };
}

const CONTEXT_LINES = 2;
const MATCHES_PER_FILE = 5;

/** Splits one line into plain and matching runs (case-insensitive; whole words in word mode). */
function markLine(line: string, q: string, mode: 'literal' | 'word'): Segment[] | null {
  const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(mode === 'word' ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped, 'giu');
  const segments: Segment[] = [];
  let last = 0;
  for (const m of line.matchAll(pattern)) {
    if (m.index > last) segments.push({ text: line.slice(last, m.index), match: false });
    segments.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (!segments.length) return null;
  if (last < line.length) segments.push({ text: line.slice(last), match: false });
  return segments;
}

const clip = (line: string) => (line.length > 400 ? `${line.slice(0, 399)}…` : line);

/** Files whose content matches, each with its first matching lines and a few lines of context around them. */
export async function searchCode(deps: AppDeps, filters: CodeSearchFilters) {
  const { rows, total } = await searchCodeFiles(deps.knex, filters);
  const items = rows.map((file) => {
    const lines = file.content.split(/\r?\n/);
    const matching: number[] = [];
    lines.forEach((line, i) => {
      if (markLine(line, filters.q, filters.mode)) matching.push(i);
    });
    const matches = matching.slice(0, MATCHES_PER_FILE).map((i) => ({
      line: i + 1,
      lines: lines.slice(Math.max(0, i - CONTEXT_LINES), i + CONTEXT_LINES + 1).map((text, k) => {
        const number = Math.max(0, i - CONTEXT_LINES) + k + 1;
        const clipped = clip(text);
        return { number, segments: markLine(clipped, filters.q, filters.mode) ?? (clipped ? [{ text: clipped, match: false }] : []) };
      }),
    }));
    return {
      repositoryId: file.repositoryId,
      repositoryName: file.repositoryName,
      runId: file.runId,
      path: file.path,
      language: file.language,
      url: `/runs/${file.runId}?path=${encodeURIComponent(file.path)}`,
      matchCount: matching.length,
      matches,
    };
  });
  return { items, total, limit: filters.limit, offset: filters.offset };
}

