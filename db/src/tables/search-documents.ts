import type { Db } from '../knex';

// Reads (never writes) repositories, runs, findings, fixes, members, teams and tickets as search documents: the Postgres
// search backend's queries, and the documents the Typesense backend indexes. Both come from the same SQL below,
// so the two backends can only differ in matching and ranking, never in what a document says or who may see it.
// Every query takes the workspace as its first condition: no other tenant's row can reach a result, a count, a
// suggestion or a highlight.

export const SEARCH_TYPES = ['repository', 'run', 'finding', 'fix', 'member', 'team', 'ticket'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/** The types the Typesense backend indexes (members and tickets are small and always searched in Postgres). */
export const INDEXED_TYPES = ['repository', 'run', 'finding', 'fix', 'team'] as const;
export type IndexedType = (typeof INDEXED_TYPES)[number];

export interface SearchFilters {
  workspaceId: string;
  q: string;
  status?: string;
  ownerId?: string;
  /** Inclusive lower bound. */
  dateFrom?: Date;
  /** Exclusive upper bound. */
  dateTo?: Date;
  severity?: string[];
  category?: string[];
  repositoryId?: string;
  runId?: string;
  /**
   * The team workspaces whose documents the `team` type may show: the caller's own teams, worked out by the
   * server (a team is not the workspace being searched, so the workspace condition cannot scope it). Missing or
   * empty: the type finds nothing.
   */
  teamIds?: string[];
  limit: number;
  offset: number;
}

/** A document as both backends return it. */
export interface SearchDocument {
  id: string;
  type: SearchType;
  workspaceId: string;
  repositoryId: string | null;
  repositoryName: string | null;
  runId: string | null;
  title: string;
  subtitle: string;
  body: string;
  keywords: string;
  status: string | null;
  severity: string | null;
  category: string | null;
  ownerId: string | null;
  createdAt: Date;
  /**
   * One finding across runs: its repository and fingerprint. Searches show one hit per key (the latest run's
   * occurrence); null for the other types.
   */
  groupKey: string | null;
}

/** Highlighted text: runs of plain text and matches, never markup, so nothing a document contains is rendered. */
export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchRow extends SearchDocument {
  rank: number;
  /** Findings: how many of the matching runs the finding appears in (its occurrences). Null for other types. */
  runCount: number | null;
  titleHighlight: Segment[];
  bodyHighlight: Segment[];
}

// Private-use characters mark matches inside ts_headline's output; they are split into segments right away.
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE_TITLE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const HEADLINE_BODY = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export function toSegments(marked: string): Segment[] {
  const out: Segment[] = [];
  let match = false;
  let buf = '';
  for (const ch of marked) {
    if (ch === MARK_START || ch === MARK_END) {
      if (buf) out.push({ text: buf, match });
      buf = '';
      match = ch === MARK_START;
    } else buf += ch;
  }
  if (buf) out.push({ text: buf, match });
  // Merge neighbours of the same kind (ts_headline marks each word separately).
  return out.reduce<Segment[]>((acc, s) => {
    const last = acc[acc.length - 1];
    if (last && last.match === s.match) last.text += s.text;
    else acc.push({ ...s });
    return acc;
  }, []);
}

interface TypeSql {
  from: string;
  /** The workspace column, compared first. */
  workspace: string;
  /** Full-text condition on :query (the tsquery built once per request). */
  match: string;
  /**
   * For findings, the table large enough to matter: the same condition through the workspace-keyed index
   * (migration 20261204100000), on :keyQuery, and without it for a query of negations only, which no index serves.
   */
  keyedMatch?: string;
  /**
   * What matching needs of `from`, when that is less: findings check their repository against the workspace's
   * live repositories once, instead of joining the repository of every match.
   */
  matchFrom?: string;
  matchLive?: string;
  rank: string;
  columns: Record<keyof Omit<SearchDocument, 'type'>, string>;
  /** Config used for the body's headline. */
  bodyConfig: 'english' | 'simple';
  statusColumn?: string;
  ownerColumn?: string;
  /** One hit per value of this (a finding in many runs): the latest occurrence, with the number of occurrences. */
  collapseBy?: string;
  repositoryColumn?: string;
}

// Credentials never live in clone URLs (they are sealed apart), but an old row may still carry user info: strip it.
const CLONE_URL = `regexp_replace(r.clone_url, '//[^/@]*@', '//')`;
const SHORT_REF = `regexp_replace(coalesce(x.ref, ''), '^refs/(heads|tags)/', '')`;

/**
 * Teams and their members as one document type: a team workspace (name, slug, description) and each of its
 * members (name, e-mail, role), the member's id derived from the pair (migration 20261203100000). `workspace_id`
 * is the team's, so both backends scope it by the caller's teams.
 */
const TEAM_DOCS = `(select w.id, w.id as workspace_id, w.name as title,
      w.slug || ' · ' || (select case count(*) when 1 then '1 member' else count(*) || ' members' end from workspace_members c where c.workspace_id = w.id) as subtitle,
      w.description as body, w.slug as keywords, null::text as status, w.created_at
    from workspaces w where w.kind = 'team'
    union all
    select search_team_member_id(m.workspace_id, m.user_id) as id, m.workspace_id, u.name as title, u.email || ' · ' || m.role || ' · ' || w.name as subtitle,
      '' as body, u.email as keywords, m.role as status, m.joined_at as created_at
    from workspace_members m join workspaces w on w.id = m.workspace_id and w.kind = 'team' join users u on u.id = m.user_id)`;

const SQL: Record<Exclude<SearchType, 'member' | 'ticket'>, TypeSql> = {
  repository: {
    from: 'repositories r',
    workspace: 'r.workspace_id',
    match: 'r.removed_at is null and r.search_vector @@ :query',
    rank: 'ts_rank(r.search_vector, :query)',
    bodyConfig: 'simple',
    repositoryColumn: 'r.id',
    columns: {
      id: 'r.id',
      workspaceId: 'r.workspace_id',
      repositoryId: 'r.id',
      repositoryName: 'r.full_name',
      runId: 'null::uuid',
      title: 'r.full_name',
      subtitle: `r.provider || ' · ' || r.default_branch`,
      body: CLONE_URL,
      keywords: `r.default_branch`,
      status: 'null::text',
      severity: 'null::text',
      category: 'null::text',
      ownerId: 'null::uuid',
      createdAt: 'r.created_at',
      groupKey: 'null::text',
    },
  },
  run: {
    from: 'analysis_runs x join repositories r on r.id = x.repository_id and r.removed_at is null',
    workspace: 'x.workspace_id',
    match: '(x.search_vector @@ :query or r.search_vector @@ :query)',
    rank: 'ts_rank(x.search_vector || r.search_vector, :query)',
    bodyConfig: 'english',
    statusColumn: 'x.status',
    ownerColumn: 'x.requested_by',
    repositoryColumn: 'x.repository_id',
    columns: {
      id: 'x.id',
      workspaceId: 'x.workspace_id',
      repositoryId: 'x.repository_id',
      repositoryName: 'r.full_name',
      runId: 'x.id',
      title: `r.full_name || ' · ' || ${SHORT_REF}`,
      subtitle: `x.trigger || coalesce(' #' || x.pull_request_number::text, '') || coalesce(' · ' || left(x.commit_sha, 7), '') || ' · ' || x.status`,
      body: `coalesce(x.error, '')`,
      keywords: `coalesce(x.commit_sha, '') || ' ' || coalesce(x.ref, '')`,
      status: 'x.status',
      severity: 'null::text',
      category: 'null::text',
      ownerId: 'x.requested_by',
      createdAt: 'x.created_at',
      groupKey: 'null::text',
    },
  },
  finding: {
    from: `findings x join repositories r on r.id = x.repository_id and r.removed_at is null
      left join finding_triage t on t.repository_id = x.repository_id and t.fingerprint = x.fingerprint`,
    workspace: 'x.workspace_id',
    match: 'x.search_vector @@ :query',
    keyedMatch: 'search_keys(x.workspace_id, x.search_vector) @@ :keyQuery and x.search_vector @@ :query',
    matchFrom: 'findings x left join finding_triage t on t.repository_id = x.repository_id and t.fingerprint = x.fingerprint',
    matchLive: 'x.repository_id = any(array(select id from repositories where workspace_id = :workspaceId and removed_at is null))',
    rank: 'ts_rank(x.search_vector, :query)',
    bodyConfig: 'english',
    statusColumn: `(case when x.suppression_kind is not null then 'suppressed' else coalesce(t.status, 'open') end)`,
    repositoryColumn: 'x.repository_id',
    collapseBy: 'x.repository_id, x.fingerprint collate "C"',
    columns: {
      id: 'x.id',
      workspaceId: 'x.workspace_id',
      repositoryId: 'x.repository_id',
      repositoryName: 'r.full_name',
      runId: 'x.run_id',
      title: 'x.rule_id',
      subtitle: `x.path || ':' || x.start_line`,
      body: 'x.message',
      keywords: `x.tool || ' ' || left(x.snippet, 500)`,
      status: `(case when x.suppression_kind is not null then 'suppressed' else coalesce(t.status, 'open') end)`,
      severity: 'x.severity',
      category: 'x.category',
      ownerId: 'null::uuid',
      createdAt: 'x.created_at',
      groupKey: `x.repository_id::text || ':' || x.fingerprint`,
    },
  },
  fix: {
    from: 'fixes x join findings f on f.id = x.finding_id join repositories r on r.id = x.repository_id and r.removed_at is null',
    workspace: 'x.workspace_id',
    match: '(x.search_vector @@ :query or f.search_vector @@ :query)',
    rank: 'ts_rank(x.search_vector || f.search_vector, :query)',
    bodyConfig: 'english',
    statusColumn: 'x.status',
    ownerColumn: 'x.requested_by',
    repositoryColumn: 'x.repository_id',
    columns: {
      id: 'x.id',
      workspaceId: 'x.workspace_id',
      repositoryId: 'x.repository_id',
      repositoryName: 'r.full_name',
      runId: 'x.run_id',
      title: `'Fix for ' || f.rule_id || ' (' || x.provider || ')'`,
      subtitle: `f.path || coalesce(' · PR #' || x.pr_number::text, '') || ' · ' || x.status`,
      body: `coalesce(x.explanation, x.failure_reason, f.message)`,
      keywords: `coalesce(x.pr_branch, '') || ' ' || coalesce(x.pr_url, '') || ' ' || x.provider`,
      status: 'x.status',
      severity: 'f.severity',
      category: 'f.category',
      ownerId: 'x.requested_by',
      createdAt: 'x.created_at',
      groupKey: 'null::text',
    },
  },
  team: {
    from: `${TEAM_DOCS} t`,
    workspace: 't.workspace_id',
    match: `(t.title ilike :like or t.keywords ilike :like or t.body ilike :like or similarity(t.title, :q) > 0.3)`,
    rank: 'greatest(similarity(t.title, :q), similarity(t.keywords, :q))',
    bodyConfig: 'simple',
    statusColumn: 't.status',
    columns: {
      id: 't.id',
      workspaceId: 't.workspace_id',
      repositoryId: 'null::uuid',
      repositoryName: 'null::text',
      runId: 'null::uuid',
      title: 't.title',
      subtitle: 't.subtitle',
      body: 't.body',
      keywords: 't.keywords',
      status: 't.status',
      severity: 'null::text',
      category: 'null::text',
      ownerId: 'null::uuid',
      createdAt: 't.created_at',
      groupKey: 'null::text',
    },
  },
};

/** Only letters, digits and inner underscores survive into a prefix query, so to_tsquery never sees operators. */
function prefixQuery(q: string): string | null {
  // Words start and end with a letter or digit ("_:*" alone would be a tsquery syntax error).
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+(?:_+[\p{L}\p{N}]+)*/gu) ?? [];
  const last = words[words.length - 1];
  if (!last || last.length < 2) return null;
  return [...words.slice(0, -1), `${last}:*`].join(' & ');
}

/** Quotes, OR and -word are websearch syntax: such a query is taken as written, with no prefix completion. */
const hasOperators = (q: string) => /"|(^|\s)-\S|\sor\s/i.test(q);

/** websearch's negations ("-word", '-"a phrase"'), taken out of the text so they can apply to both configs. */
const NEGATION = /(^|\s)-("[^"]*"?|[^\s"]+)/g;

/**
 * The tsquery of a user's text: websearch syntax in English (stemmed words), OR'd with the literal words split on
 * path and rule separators (identifiers like "no-eval" or "src/db/query.ts" are indexed split the same way) and
 * the last word as a prefix, for typing. One alternative per meaning: every extra one costs an index scan.
 * Negations are kept apart and excluded in both configs: inside one alternative, "-unsafe" would still let the other
 * through (the English vector holds "unsaf", never "unsafe").
 */
function queryBindings(text: string) {
  const negated: string[] = [];
  const q = text.replace(NEGATION, (_, space: string, term: string) => {
    negated.push(term);
    return space;
  });
  return { q: q.trim(), prefix: hasOperators(q) ? '' : (prefixQuery(q) ?? ''), neg: negated.join(' or ') };
}
/** The SQL of the query for these bindings (queryBindings'), with :q, :prefix and :neg as parameters. */
function tsquerySql(b: { q: string; neg: string }): string {
  const positive = `(websearch_to_tsquery('english', :q)
  || (case when :prefix = '' then websearch_to_tsquery('simple', :q) else to_tsquery('simple', :prefix) end))`;
  const negative = `!!(websearch_to_tsquery('english', :neg) || websearch_to_tsquery('simple', :neg))`;
  if (b.q && b.neg) return `(${positive} && ${negative})`;
  return b.neg ? negative : positive;
}

function documentColumns(sql: TypeSql, type: SearchType): string {
  return [`'${type}' as type`, ...Object.entries(sql.columns).map(([k, expr]) => `${expr} as ${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)].join(', ');
}

function filterSql(sql: TypeSql, f: SearchFilters, bindings: Record<string, unknown>): string {
  const where: string[] = [];
  if (f.status) {
    where.push(`${sql.statusColumn ?? 'null'} = :status`);
    bindings.status = f.status;
  }
  if (f.ownerId) {
    where.push(`${sql.ownerColumn ?? 'null'} = :ownerId`);
    bindings.ownerId = f.ownerId;
  }
  if (f.repositoryId) {
    where.push(`${sql.repositoryColumn ?? 'null'} = :repositoryId`);
    bindings.repositoryId = f.repositoryId;
  }
  if (f.runId) {
    where.push(`${sql.columns.runId} = :runId`);
    bindings.runId = f.runId;
  }
  if (f.severity?.length) {
    where.push(`${sql.columns.severity} = any(:severity)`);
    bindings.severity = f.severity;
  }
  if (f.category?.length) {
    where.push(`${sql.columns.category} = any(:category)`);
    bindings.category = f.category;
  }
  if (f.dateFrom) {
    where.push(`${sql.columns.createdAt} >= :dateFrom`);
    bindings.dateFrom = f.dateFrom;
  }
  if (f.dateTo) {
    where.push(`${sql.columns.createdAt} < :dateTo`);
    bindings.dateTo = f.dateTo;
  }
  return where.map((w) => ` and ${w}`).join('');
}

function rowsOf(result: { rows: Record<string, unknown>[] }): Record<string, unknown>[] {
  return result.rows;
}

const camel = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));

/** One page of one type's matches, best first, with highlights computed for that page only. */
export async function searchDocumentsOfType(db: Db, type: SearchType, f: SearchFilters): Promise<{ rows: SearchRow[]; total: number }> {
  if (type === 'member') return searchMembers(db, f);
  if (type === 'ticket') return searchTickets(db, f);
  if (type === 'team') return searchTeams(db, f);
  const sql = SQL[type];
  const query = queryBindings(f.q);
  const bindings: Record<string, unknown> = { workspaceId: f.workspaceId, ...query, limit: f.limit, offset: f.offset };
  const hasQuery = f.q.trim() !== '';
  const filters = filterSql(sql, f, bindings);
  const keyed = hasQuery && sql.keyedMatch && (await keyedSearchApplies(db, f.workspaceId, query));
  const where = `${sql.workspace} = :workspaceId${hasQuery ? ` and ${keyed ? sql.keyedMatch : sql.match}` : type === 'repository' ? ' and r.removed_at is null' : ''}${filters}`;
  const rank = hasQuery ? sql.rank : '0';
  const text = `
    with q as (select ${tsquerySql(query)} as query${keyed ? `, search_key_query(:workspaceId, ${tsquerySql(query)}) as key_query` : ''}),
    ${
      sql.collapseBy
        ? `-- One hit per finding across runs: its latest matching occurrence, and how many runs it matched in.
    matched as (
      select ${sql.columns.id} as id, ${rank.replace(/:query/g, 'q.query')} as rank, ${sql.columns.createdAt} as created_at,
        row_number() over (partition by ${sql.collapseBy} order by ${sql.columns.createdAt} desc, ${sql.columns.id} desc) as occurrence,
        count(*) over (partition by ${sql.collapseBy}) as run_count
      from ${sql.matchFrom ?? sql.from}, q
      where ${where.replace(/:query/g, 'q.query').replace(/:keyQuery/g, 'q.key_query')}${sql.matchLive ? ` and ${sql.matchLive}` : ''}
    ),
    ranked as (
      select id, rank, created_at, run_count, count(*) over () as total from matched where occurrence = 1
      order by rank desc, created_at desc, id
      limit :limit offset :offset
    ),`
        : `ranked as (
      select ${sql.columns.id} as id, ${rank.replace(/:query/g, 'q.query')} as rank, ${sql.columns.createdAt} as created_at, null::bigint as run_count, count(*) over () as total
      from ${sql.from}, q
      where ${where.replace(/:query/g, 'q.query').replace(/:keyQuery/g, 'q.key_query')}
      order by rank desc, created_at desc, id
      limit :limit offset :offset
    ),`
    }
    -- Late materialization: only the page's rows get their text columns built (sorting narrow rows is cheap).
    hits as (
      select ${documentColumns(sql, type)}, ranked.rank, ranked.total, ranked.run_count
      from ranked, ${sql.from}
      where ${sql.columns.id} = ranked.id
    )
    select hits.*,
      ${hasQuery ? `ts_headline('simple', hits.title, q.query, '${HEADLINE_TITLE}')` : 'hits.title'} as title_marked,
      ${hasQuery ? `ts_headline('${sql.bodyConfig}', hits.body, q.query, '${HEADLINE_BODY}')` : 'left(hits.body, 300)'} as body_marked
    from hits, q
    order by hits.rank desc, hits.created_at desc, hits.id`;
  const rows = rowsOf(await db.raw(text, bindings)).map(camel);
  const total = rows.length ? Number(rows[0]!.total) : f.offset > 0 ? await countOfType(db, type, f) : 0;
  return { rows: rows.map((r) => toSearchRow(r, f.q)), total };
}

/**
 * Whether the workspace-keyed index can answer this query: it needs words that are not negated. With negations
 * too, one round trip asks whether any of those words is more than a stopword (querytree).
 */
async function keyedSearchApplies(db: Db, workspaceId: string, query: ReturnType<typeof queryBindings>): Promise<boolean> {
  if (!query.q) return false;
  if (!query.neg) return true;
  const { rows } = await db.raw(`select search_key_query(:workspaceId, ${tsquerySql(query)}) is not null as keyed`, { workspaceId, ...query });
  return Boolean((rows as { keyed: boolean }[])[0]?.keyed);
}

// Past the last page, the window count is gone: count separately so the pager still knows the total.
async function countOfType(db: Db, type: Exclude<SearchType, 'member' | 'ticket' | 'team'>, f: SearchFilters): Promise<number> {
  return (await searchDocumentsOfType(db, type, { ...f, offset: 0, limit: 1 })).total;
}

function toSearchRow(r: Record<string, unknown>, q = ''): SearchRow {
  return {
    id: r.id as string,
    type: r.type as SearchType,
    workspaceId: r.workspaceId as string,
    repositoryId: (r.repositoryId as string | null) ?? null,
    repositoryName: (r.repositoryName as string | null) ?? null,
    runId: (r.runId as string | null) ?? null,
    title: r.title as string,
    subtitle: (r.subtitle as string) ?? '',
    body: (r.body as string) ?? '',
    keywords: (r.keywords as string) ?? '',
    status: (r.status as string | null) ?? null,
    severity: (r.severity as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    ownerId: (r.ownerId as string | null) ?? null,
    createdAt: new Date(r.createdAt as string),
    groupKey: (r.groupKey as string | null) ?? null,
    rank: Number(r.rank ?? 0),
    runCount: r.runCount === null || r.runCount === undefined ? null : Number(r.runCount),
    titleHighlight: markedOrWords((r.titleMarked as string) ?? (r.title as string), r.title as string, q),
    bodyHighlight: toSegments((r.bodyMarked as string) ?? ''),
  };
}

/**
 * ts_headline reads "eslint/no-eval" or "src/db/query.ts" as one file token, so the words in it go unmarked: for
 * titles (identifiers, paths) mark the query's words, and a prefix of its last word, wherever they stand.
 */
function markedOrWords(marked: string, title: string, q: string): Segment[] {
  const segments = toSegments(marked);
  if (!q.trim() || segments.some((s) => s.match)) return segments;
  const words: string[] = q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!words.length) return segments;
  const last = words[words.length - 1]!;
  const out: Segment[] = [];
  for (const part of title.split(/([\p{L}\p{N}_]+)/u).filter(Boolean)) {
    const lower = part.toLowerCase();
    const match = words.includes(lower) || (last.length >= 2 && lower.startsWith(last));
    const prev = out[out.length - 1];
    if (prev && prev.match === match) prev.text += part;
    else out.push({ text: part, match });
  }
  return out;
}

/** Marks every case-insensitive occurrence of the query's words in a short text (members, tickets' titles). */
export function highlightWords(text: string, q: string): Segment[] {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}_@.+-]+/gu) ?? []).filter((w) => w.length > 0);
  if (!words.length) return text ? [{ text, match: false }] : [];
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  return text
    .split(pattern)
    .filter(Boolean)
    .map((part) => ({ text: part, match: words.includes(part.toLowerCase()) }));
}

const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Members of the workspace by name or e-mail (substring or trigram similarity, for typos). */
async function searchMembers(db: Db, f: SearchFilters): Promise<{ rows: SearchRow[]; total: number }> {
  const q = f.q.trim();
  const bindings: Record<string, unknown> = { workspaceId: f.workspaceId, like: likeContains(q), q, limit: f.limit, offset: f.offset };
  const where = ['m.workspace_id = :workspaceId'];
  if (q) where.push(`(u.name ilike :like or u.email ilike :like or similarity(u.name, :q) > 0.3)`);
  if (f.status) {
    where.push('m.role = :status');
    bindings.status = f.status;
  }
  if (f.dateFrom) {
    where.push('m.joined_at >= :dateFrom');
    bindings.dateFrom = f.dateFrom;
  }
  if (f.dateTo) {
    where.push('m.joined_at < :dateTo');
    bindings.dateTo = f.dateTo;
  }
  const result = await db.raw(
    `select u.id, u.name, u.email, m.role, m.joined_at, ${q ? 'greatest(similarity(u.name, :q), similarity(u.email, :q))' : '0'} as rank, count(*) over () as total
     from workspace_members m join users u on u.id = m.user_id
     where ${where.join(' and ')}
     order by rank desc, u.name, u.id limit :limit offset :offset`,
    bindings,
  );
  const rows = rowsOf(result).map(camel);
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    rows: rows.map((r) => ({
      id: r.id as string,
      type: 'member',
      workspaceId: f.workspaceId,
      repositoryId: null,
      repositoryName: null,
      runId: null,
      title: r.name as string,
      subtitle: `${r.email as string} · ${r.role as string}`,
      body: '',
      keywords: r.email as string,
      status: r.role as string,
      severity: null,
      category: null,
      ownerId: null,
      createdAt: new Date(r.joinedAt as string),
      groupKey: null,
      rank: Number(r.rank),
      runCount: null,
      titleHighlight: highlightWords(r.name as string, q),
      bodyHighlight: [],
    })),
  };
}

/** The team workspaces a user belongs to (`onlyWorkspaceId`: that one only, if it is one of them): whose documents the `team` type may show. */
export async function searchableTeamIds(db: Db, userId: string, onlyWorkspaceId?: string): Promise<string[]> {
  const { rows } = await db.raw(
    `select w.id from workspace_members m join workspaces w on w.id = m.workspace_id and w.kind = 'team'
     where m.user_id = :userId${onlyWorkspaceId ? ' and w.id = :onlyWorkspaceId' : ''} order by w.id`,
    onlyWorkspaceId ? { userId, onlyWorkspaceId } : { userId },
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/** The caller's teams and the members of those teams, by name, slug, description or e-mail (typos: trigrams). */
async function searchTeams(db: Db, f: SearchFilters): Promise<{ rows: SearchRow[]; total: number }> {
  if (!f.teamIds?.length) return { rows: [], total: 0 };
  const q = f.q.trim();
  const sql = SQL.team;
  const bindings: Record<string, unknown> = { teamIds: f.teamIds, like: likeContains(q), q, limit: f.limit, offset: f.offset };
  // Only status (a member's role) and the dates apply to teams; the route refuses the other filters.
  const filters = filterSql(sql, { workspaceId: f.workspaceId, q, status: f.status, dateFrom: f.dateFrom, dateTo: f.dateTo, limit: f.limit, offset: f.offset }, bindings);
  const where = `${sql.workspace} = any(:teamIds)${q ? ` and ${sql.match}` : ''}${filters}`;
  const result = await db.raw(
    `select ${documentColumns(sql, 'team')}, ${q ? sql.rank : '0'} as rank, count(*) over () as total
     from ${sql.from}
     where ${where}
     order by rank desc, (t.id = t.workspace_id) desc, t.title, t.id limit :limit offset :offset`,
    bindings,
  );
  const rows = rowsOf(result).map(camel);
  return {
    total: rows.length ? Number(rows[0]!.total) : f.offset > 0 ? (await searchTeams(db, { ...f, offset: 0, limit: 1 })).total : 0,
    rows: rows.map((r) => ({
      ...toSearchRow(r),
      titleHighlight: highlightWords(r.title as string, q),
      bodyHighlight: highlightWords(((r.body as string) ?? '').slice(0, 300), q),
    })),
  };
}

/**
 * Support tickets of the workspace and their customer-visible messages (internal staff notes never match).
 * Tickets are few per workspace, so their text is parsed per query instead of stored.
 */
async function searchTickets(db: Db, f: SearchFilters): Promise<{ rows: SearchRow[]; total: number }> {
  const q = f.q.trim();
  const query = queryBindings(q);
  const bindings: Record<string, unknown> = { workspaceId: f.workspaceId, ...query, limit: f.limit, offset: f.offset };
  const where = ['t.workspace_id = :workspaceId'];
  const doc = `to_tsvector('english', t.subject || ' ' || t.description || ' ' || coalesce(msgs.text, ''))`;
  if (q) where.push(`(${doc} @@ q.query or to_tsvector('simple', '#' || t.number::text) @@ q.query)`);
  if (f.status) {
    where.push('t.status = :status');
    bindings.status = f.status;
  }
  if (f.ownerId) {
    where.push('t.user_id = :ownerId');
    bindings.ownerId = f.ownerId;
  }
  if (f.dateFrom) {
    where.push('t.created_at >= :dateFrom');
    bindings.dateFrom = f.dateFrom;
  }
  if (f.dateTo) {
    where.push('t.created_at < :dateTo');
    bindings.dateTo = f.dateTo;
  }
  const result = await db.raw(
    `with q as (select ${tsquerySql(query)} as query)
     select t.id, t.number, t.subject, t.status, t.priority, t.user_id, t.created_at, coalesce(msgs.text, '') as messages,
       ${q ? `ts_rank(${doc}, q.query)` : '0'} as rank, count(*) over () as total,
       ${q ? `ts_headline('english', t.subject, q.query, '${HEADLINE_TITLE}')` : 't.subject'} as title_marked,
       ${q ? `ts_headline('english', t.description || ' ' || coalesce(msgs.text, ''), q.query, '${HEADLINE_BODY}')` : 'left(t.description, 300)'} as body_marked
     from support_ticket t
     left join lateral (select string_agg(m.content, ' ' order by m.created_at) as text from ticket_message m where m.ticket_id = t.id and not m.internal) msgs on true,
     q
     where ${where.join(' and ')}
     order by rank desc, t.created_at desc, t.id limit :limit offset :offset`,
    bindings,
  );
  const rows = rowsOf(result).map(camel);
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    rows: rows.map((r) => ({
      id: r.id as string,
      type: 'ticket',
      workspaceId: f.workspaceId,
      repositoryId: null,
      repositoryName: null,
      runId: null,
      title: `#${r.number as number} ${r.subject as string}`,
      subtitle: `${r.status as string} · ${r.priority as string}`,
      body: '',
      keywords: '',
      status: r.status as string,
      severity: null,
      category: null,
      ownerId: (r.userId as string | null) ?? null,
      createdAt: new Date(r.createdAt as string),
      groupKey: null,
      rank: Number(r.rank),
      runCount: null,
      titleHighlight: [{ text: `#${r.number as number} `, match: false }, ...toSegments(r.titleMarked as string)],
      bodyHighlight: toSegments(r.bodyMarked as string),
    })),
  };
}

export interface Suggestion {
  text: string;
  kind: 'repository' | 'rule' | 'recent';
}

/**
 * Completions for what a user is typing: the workspace's repository names and rule ids that start with it or
 * look like it (pg_trgm similarity, so typos still find "no-unused-vars"), and the user's own recent queries.
 */
export async function suggestTerms(db: Db, args: { workspaceId: string; userId: string; q: string; limit: number }): Promise<Suggestion[]> {
  const q = args.q.trim().toLowerCase();
  const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await db.raw(
    `(select term as text, kind, 2 + similarity(term, :q) as score from search_terms
       where workspace_id = :workspaceId and lower(term) like :prefix order by length(term), term limit :limit)
     union all
     (select term as text, kind, similarity(term, :q) as score from search_terms
       where workspace_id = :workspaceId and term % :q order by similarity(term, :q) desc limit :limit)
     union all
     (select query as text, 'recent' as kind, 1 + similarity(query, :q) as score from search_history
       where user_id = :userId and workspace_id = :workspaceId and lower(query) like :prefix order by last_searched_at desc limit 3)
     order by score desc`,
    { workspaceId: args.workspaceId, userId: args.userId, q, prefix, limit: args.limit },
  );
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const row of rowsOf(result)) {
    const key = `${row.kind as string}:${row.text as string}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: row.text as string, kind: row.kind as Suggestion['kind'] });
    if (out.length >= args.limit) break;
  }
  return out;
}

/** The workspace term closest to a query that found nothing ("no-unsed-vars" → "no-unused-vars"), if any is close. */
export async function closestTerm(db: Db, workspaceId: string, q: string): Promise<string | null> {
  const result = await db.raw(
    `select term from search_terms where workspace_id = :workspaceId and term % :q and lower(term) <> lower(:q)
     order by similarity(term, :q) desc, term limit 1`,
    { workspaceId, q: q.trim() },
  );
  return (rowsOf(result)[0]?.term as string | undefined) ?? null;
}

// ——— Documents for the Typesense backend ———

async function documents(db: Db, type: IndexedType, where: string, bindings: Record<string, unknown>, tail = ''): Promise<SearchDocument[]> {
  const sql = SQL[type];
  const rows = rowsOf(await db.raw(`select ${documentColumns(sql, type)} from ${sql.from} where ${where} ${tail}`, bindings)).map(camel);
  return rows.map((r) => {
    const { rank: _rank, runCount: _runs, titleHighlight: _t, bodyHighlight: _b, ...doc } = toSearchRow(r);
    return doc;
  });
}

/** The current documents of these ids; an id missing from the answer was deleted (or its repository removed). */
export async function searchDocumentsByIds(db: Db, type: IndexedType, ids: string[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  return documents(db, type, `${SQL[type].columns.id} = any(:ids) and ${SQL[type].workspace} is not null${type === 'repository' ? ' and r.removed_at is null' : ''}`, { ids });
}

/** How many documents of a type a full reindex writes (the chaos suite checks the index against it). */
export async function countSearchableDocuments(db: Db, type: IndexedType): Promise<number> {
  const sql = SQL[type];
  const rows = rowsOf(await db.raw(`select count(*)::int as n from ${sql.from} where ${sql.workspace} is not null${type === 'repository' ? ' and r.removed_at is null' : ''}`));
  return Number((rows[0] as { n: number }).n);
}

/** One page of every indexable document of a type, in id order, for a full reindex. */
export async function searchDocumentsAfter(db: Db, type: IndexedType, afterId: string | null, limit: number): Promise<SearchDocument[]> {
  const sql = SQL[type];
  return documents(
    db,
    type,
    `${sql.workspace} is not null${type === 'repository' ? ' and r.removed_at is null' : ''}${afterId ? ` and ${sql.columns.id} > :afterId` : ''}`,
    afterId ? { afterId, limit } : { limit },
    `order by ${sql.columns.id} limit :limit`,
  );
}

