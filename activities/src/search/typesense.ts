import { Client } from 'typesense';
import type { CollectionCreateSchema } from 'typesense/lib/Typesense/Collections';
import { MARK_END, MARK_START, toSegments, type IndexedType, type SearchDocument, type SearchFilters, type SearchRow } from '@argus/db';

// The Typesense backend, used when TYPESENSE_URL is set: the collections (one per document type, behind an alias so
// a full reindex can swap in a fresh collection), the documents as Typesense stores them, and the search call.
// Tenancy is a filter this module adds to every search (`workspace_id:=…`; for teams, the caller's teams), never a
// parameter a client sends.

export type TypesenseClient = Client;

export function createTypesenseClient(url: string, apiKey: string): TypesenseClient {
  const u = new URL(url);
  return new Client({
    nodes: [{ host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), protocol: u.protocol.replace(':', ''), path: u.pathname.replace(/\/$/, '') }],
    apiKey,
    // A search waits at most this long before falling back to Postgres.
    connectionTimeoutSeconds: 2,
    numRetries: 1,
    logLevel: 'silent',
  });
}

/** The alias each type is searched and written through. */
export const collectionAlias = (type: IndexedType) => `argus_${type}`;

export function collectionSchema(name: string): CollectionCreateSchema {
  return {
    name,
    fields: [
      { name: 'workspace_id', type: 'string', facet: true },
      { name: 'repository_id', type: 'string', optional: true, facet: true },
      { name: 'repository_name', type: 'string', optional: true },
      { name: 'run_id', type: 'string', optional: true },
      { name: 'title', type: 'string' },
      { name: 'subtitle', type: 'string' },
      { name: 'body', type: 'string' },
      { name: 'keywords', type: 'string' },
      { name: 'status', type: 'string', optional: true, facet: true },
      { name: 'severity', type: 'string', optional: true, facet: true },
      { name: 'category', type: 'string', optional: true, facet: true },
      { name: 'owner_id', type: 'string', optional: true },
      { name: 'created_at', type: 'int64' },
      // One finding across runs (repository and fingerprint): searches group by it.
      { name: 'group_key', type: 'string', optional: true, facet: true },
    ],
    default_sorting_field: 'created_at',
  };
}

export interface TypesenseDocument {
  id: string;
  workspace_id: string;
  repository_id?: string;
  repository_name?: string;
  run_id?: string;
  title: string;
  subtitle: string;
  body: string;
  keywords: string;
  status?: string;
  severity?: string;
  category?: string;
  owner_id?: string;
  /** Milliseconds since the epoch. */
  created_at: number;
  group_key?: string;
}

export function toTypesenseDocument(doc: SearchDocument): TypesenseDocument {
  const out: TypesenseDocument = {
    id: doc.id,
    workspace_id: doc.workspaceId,
    title: doc.title,
    subtitle: doc.subtitle,
    body: doc.body,
    keywords: doc.keywords,
    created_at: doc.createdAt.getTime(),
  };
  if (doc.repositoryId) out.repository_id = doc.repositoryId;
  if (doc.repositoryName) out.repository_name = doc.repositoryName;
  if (doc.runId) out.run_id = doc.runId;
  if (doc.status) out.status = doc.status;
  if (doc.severity) out.severity = doc.severity;
  if (doc.category) out.category = doc.category;
  if (doc.ownerId) out.owner_id = doc.ownerId;
  if (doc.groupKey) out.group_key = doc.groupKey;
  return out;
}

/** Backticks make any value a literal in filter_by; the values are ids and enum members already. */
const literal = (value: string) => `\`${value.replace(/`/g, '')}\``;

/** filter_by for a search: the workspace first, always, then the user's filters. */
function typesenseFilter(type: IndexedType, f: SearchFilters): string {
  // Teams are scoped by the caller's own teams (worked out by the server), not by the workspace being searched.
  const parts = [type === 'team' ? `workspace_id:=[${(f.teamIds ?? []).map(literal).join(',')}]` : `workspace_id:=${literal(f.workspaceId)}`];
  if (f.status) parts.push(`status:=${literal(f.status)}`);
  if (f.ownerId) parts.push(`owner_id:=${literal(f.ownerId)}`);
  if (f.repositoryId) parts.push(`repository_id:=${literal(f.repositoryId)}`);
  if (f.runId) parts.push(`run_id:=${literal(f.runId)}`);
  if (f.severity?.length) parts.push(`severity:=[${f.severity.map(literal).join(',')}]`);
  if (f.category?.length) parts.push(`category:=[${f.category.map(literal).join(',')}]`);
  if (f.dateFrom) parts.push(`created_at:>=${f.dateFrom.getTime()}`);
  if (f.dateTo) parts.push(`created_at:<${f.dateTo.getTime()}`);
  return parts.join(' && ');
}

interface TypesenseHit {
  document: TypesenseDocument;
  text_match?: number;
  highlight?: Record<string, { snippet?: string; value?: string }>;
  highlights?: { field: string; snippet?: string; value?: string }[];
}

function snippetOf(hit: TypesenseHit, field: 'title' | 'body'): string | undefined {
  // highlight_full_fields puts the whole highlighted text in `value`; other fields carry a `snippet`.
  const h = hit.highlight?.[field] ?? hit.highlights?.find((x) => x.field === field);
  return h?.value ?? h?.snippet;
}

/** Types whose hits are grouped: a finding in many runs is one hit (its best, then latest, occurrence). */
const GROUPED: readonly IndexedType[] = ['finding'];

export async function searchTypesense(client: TypesenseClient, type: IndexedType, f: SearchFilters): Promise<{ rows: SearchRow[]; total: number }> {
  const q = f.q.trim();
  if (type === 'team' && !f.teamIds?.length) return { rows: [], total: 0 };
  const result = await client
    .collections<TypesenseDocument>(collectionAlias(type))
    .documents()
    .search({
      q: q || '*',
      query_by: 'title,subtitle,body,keywords',
      query_by_weights: '4,2,2,1',
      filter_by: typesenseFilter(type, f),
      sort_by: q ? '_text_match:desc,created_at:desc' : 'created_at:desc',
      offset: f.offset,
      limit: f.limit,
      highlight_fields: 'title,body',
      highlight_full_fields: 'title',
      highlight_start_tag: MARK_START,
      highlight_end_tag: MARK_END,
      snippet_threshold: 40,
      ...(GROUPED.includes(type) ? { group_by: 'group_key', group_limit: 1 } : {}),
    });
  // Grouped, `found` counts groups and each group says how many documents (runs) it holds.
  const groups = result.grouped_hits as unknown as { found?: number; hits: TypesenseHit[] }[] | undefined;
  const hits: (TypesenseHit & { runCount?: number })[] = groups
    ? groups.flatMap((g) => (g.hits[0] ? [{ ...g.hits[0], runCount: g.found ?? g.hits.length }] : []))
    : ((result.hits ?? []) as unknown as TypesenseHit[]);
  return {
    total: result.found ?? 0,
    rows: hits.map((hit) => {
      const d = hit.document;
      const body = snippetOf(hit, 'body');
      return {
        id: d.id,
        type,
        workspaceId: d.workspace_id,
        repositoryId: d.repository_id ?? null,
        repositoryName: d.repository_name ?? null,
        runId: d.run_id ?? null,
        title: d.title,
        subtitle: d.subtitle,
        body: d.body,
        keywords: d.keywords,
        status: d.status ?? null,
        severity: d.severity ?? null,
        category: d.category ?? null,
        ownerId: d.owner_id ?? null,
        createdAt: new Date(d.created_at),
        groupKey: d.group_key ?? null,
        rank: hit.text_match ?? 0,
        runCount: GROUPED.includes(type) ? (hit.runCount ?? 1) : null,
        titleHighlight: toSegments(snippetOf(hit, 'title') ?? d.title),
        bodyHighlight: toSegments(body ?? d.body.slice(0, 300)),
      };
    }),
  };
}
