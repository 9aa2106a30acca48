import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking Typesense's HTTP API (v0.25+/v27 wire format) for exactly the calls Argus makes
 * through the official `typesense` client: health, collections (create, retrieve, delete), aliases (upsert,
 * retrieve), documents import (JSONL, action=upsert), delete by `filter_by` id list, and search with q,
 * query_by, query_by_weights, filter_by, sort_by, group_by/group_limit, offset/limit and highlight tags. No Typesense server can be
 * installed on this machine (not on npm, Debian or the Go proxy); where TYPESENSE_URL points at a real one, the
 * same contract suite runs against it instead.
 *
 * Matching follows Typesense's defaults closely enough for a contract: case-insensitive tokens, every query token
 * must match a document token (the last one as a prefix, any one with one typo when 5+ characters long), ranked by
 * the weight of the fields matched. Filters are parsed strictly: anything Argus should never send answers 400, so a
 * malformed filter fails the tests instead of matching everything.
 */
export interface TypesenseLoopback {
  url: string;
  apiKey: string;
  /** Every request, for assertions ("the workspace filter was always there"). */
  requests: { method: string; path: string; query: URLSearchParams }[];
  /** While true, every request answers 503 (an outage). */
  setDown(down: boolean): void;
  documents(collection: string): Record<string, unknown>[];
  close(): Promise<void>;
}

interface Collection {
  name: string;
  fields: { name: string; type: string; optional?: boolean; facet?: boolean }[];
  docs: Map<string, Record<string, unknown>>;
  createdAt: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function tokenMatches(queryToken: string, docToken: string, isLast: boolean): boolean {
  if (docToken === queryToken) return true;
  if (isLast && docToken.startsWith(queryToken)) return true;
  return queryToken.length >= 5 && withinOneEdit(queryToken, docToken);
}

type Filter = (doc: Record<string, unknown>) => boolean;

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('`') && v.endsWith('`') && v.length >= 2) return v.slice(1, -1);
  if (/^[\w.-]+$/.test(v)) return v;
  throw new HttpError(400, `Could not parse the filter value ${raw}`);
}

function parseFilter(filterBy: string, collection: Collection): Filter {
  if (!filterBy.trim()) return () => true;
  const clauses = filterBy.split(' && ').map((clause) => {
    const m = /^([a-z_]+):(>=|<=|>|<|=|!=)?(.*)$/s.exec(clause.trim());
    if (!m) throw new HttpError(400, `Could not parse the filter query: ${clause}`);
    const [, field, op = ':', rawValue] = m;
    if (field !== 'id' && !collection.fields.some((f) => f.name === field)) throw new HttpError(404, `Could not find a filter field named \`${field}\` in the schema.`);
    const value = rawValue!.trim();
    if (op === '>=' || op === '<' || op === '>' || op === '<=') {
      if (!/^-?\d+$/.test(value)) throw new HttpError(400, `Numerical filter on ${field} needs a number: ${value}`);
      const n = Number(value);
      return (doc: Record<string, unknown>) => {
        const d = Number(doc[field!]);
        return op === '>=' ? d >= n : op === '<' ? d < n : op === '>' ? d > n : d <= n;
      };
    }
    if (op !== '=') throw new HttpError(400, `Argus sends exact filters (field:=value) only; got ${clause}`);
    const values = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1).split(',').map(unquote) : [unquote(value)];
    return (doc: Record<string, unknown>) => values.includes(String(doc[field!] ?? '\u0000'));
  });
  return (doc) => clauses.every((c) => c(doc));
}

function highlight(text: string, queryTokens: string[], start: string, end: string): { snippet: string; matched: string[] } {
  const matched: string[] = [];
  const snippet = text.replace(/[\p{L}\p{N}_]+/gu, (word) => {
    const lower = word.toLowerCase();
    if (queryTokens.some((q, i) => tokenMatches(q, lower, i === queryTokens.length - 1))) {
      matched.push(word);
      return `${start}${word}${end}`;
    }
    return word;
  });
  return { snippet, matched };
}

function search(collection: Collection, params: URLSearchParams) {
  const q = params.get('q');
  const queryBy = params.get('query_by');
  if (q === null || !queryBy) throw new HttpError(400, 'Parameter `q` and `query_by` are required.');
  const fields = queryBy.split(',').map((f) => f.trim());
  for (const f of fields) if (!collection.fields.some((c) => c.name === f && c.type === 'string')) throw new HttpError(404, `Could not find a field named \`${f}\` in the schema.`);
  const weights = (params.get('query_by_weights') ?? '').split(',').filter(Boolean).map(Number);
  const filter = parseFilter(params.get('filter_by') ?? '', collection);
  const start = params.get('highlight_start_tag') ?? '<mark>';
  const end = params.get('highlight_end_tag') ?? '</mark>';
  const highlightFields = (params.get('highlight_fields') ?? fields.join(',')).split(',');
  const fullFields = (params.get('highlight_full_fields') ?? '').split(',');
  const queryTokens = q === '*' ? [] : tokens(q);
  const scored: { doc: Record<string, unknown>; score: number }[] = [];
  for (const doc of collection.docs.values()) {
    if (!filter(doc)) continue;
    if (q === '*') {
      scored.push({ doc, score: 0 });
      continue;
    }
    if (!queryTokens.length) continue;
    let score = 0;
    const all = queryTokens.every((qt, i) => {
      let best = 0;
      fields.forEach((f, k) => {
        const docTokens = tokens(String(doc[f] ?? ''));
        const exact = docTokens.includes(qt);
        if (exact || docTokens.some((dt) => tokenMatches(qt, dt, i === queryTokens.length - 1))) best = Math.max(best, (weights[k] ?? 1) * (exact ? 2 : 1));
      });
      score += best;
      return best > 0;
    });
    if (all) scored.push({ doc, score });
  }
  const sortBy = (params.get('sort_by') ?? '_text_match:desc').split(',').map((s) => s.trim().split(':') as [string, string]);
  scored.sort((a, b) => {
    for (const [field, dir] of sortBy) {
      const av = field === '_text_match' ? a.score : Number(a.doc[field] ?? 0);
      const bv = field === '_text_match' ? b.score : Number(b.doc[field] ?? 0);
      if (av !== bv) return dir === 'asc' ? av - bv : bv - av;
    }
    return String(a.doc.id).localeCompare(String(b.doc.id));
  });
  const offset = Number(params.get('offset') ?? 0);
  const limit = Number(params.get('limit') ?? params.get('per_page') ?? 10);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0 || limit > 250) throw new HttpError(400, 'Bad offset or limit.');
  const toHit = ({ doc, score }: { doc: Record<string, unknown>; score: number }) => {
      const highlights: Record<string, { snippet: string; value?: string; matched_tokens: string[] }> = {};
      for (const f of highlightFields) {
        if (queryTokens.length === 0 || typeof doc[f] !== 'string') continue;
        const h = highlight(doc[f] as string, queryTokens, start, end);
        if (h.matched.length) highlights[f] = { snippet: h.snippet, matched_tokens: h.matched, ...(fullFields.includes(f) ? { value: h.snippet } : {}) };
      }
      return {
        document: doc,
        text_match: score,
        highlight: highlights,
        highlights: Object.entries(highlights).map(([field, h]) => ({ field, snippet: h.snippet, matched_tokens: h.matched_tokens })),
      };
  };
  const common = { out_of: collection.docs.size, page: Math.floor(offset / Math.max(limit, 1)) + 1, search_time_ms: 0, request_params: { collection_name: collection.name, q, per_page: limit } };
  const groupBy = params.get('group_by');
  if (groupBy) {
    // Grouping: groups in the order of their best hit; `found` counts groups, each group its documents.
    if (!collection.fields.some((f) => f.name === groupBy && f.facet)) throw new HttpError(404, `Could not find a facet field named \`${groupBy}\` in the schema.`);
    const groupLimit = Number(params.get('group_limit') ?? 3);
    const groups = new Map<string, typeof scored>();
    for (const hit of scored) {
      const key = String(hit.doc[groupBy] ?? '');
      groups.set(key, [...(groups.get(key) ?? []), hit]);
    }
    const all = [...groups.entries()];
    return {
      ...common,
      found: all.length,
      found_docs: scored.length,
      grouped_hits: all.slice(offset, offset + limit).map(([key, members]) => ({ group_key: [key], found: members.length, hits: members.slice(0, groupLimit).map(toHit) })),
    };
  }
  return { ...common, found: scored.length, hits: scored.slice(offset, offset + limit).map(toHit) };
}

function validateDocument(collection: Collection, doc: Record<string, unknown>) {
  if (typeof doc.id !== 'string' || !doc.id) throw new HttpError(400, 'Document needs a string `id`.');
  for (const field of collection.fields) {
    const value = doc[field.name];
    if (value === undefined || value === null) {
      if (!field.optional) throw new HttpError(400, `Field \`${field.name}\` has been declared in the schema, but is not found in the document.`);
      continue;
    }
    if (field.type === 'string' && typeof value !== 'string') throw new HttpError(400, `Field \`${field.name}\` must be a string.`);
    if (field.type === 'int64' && !Number.isInteger(value)) throw new HttpError(400, `Field \`${field.name}\` must be an int64.`);
  }
}

export async function startTypesenseLoopback(apiKey = 'loopback-key'): Promise<TypesenseLoopback> {
  const collections = new Map<string, Collection>();
  const aliases = new Map<string, string>();
  const requests: TypesenseLoopback['requests'] = [];
  let down = false;

  const resolve = (name: string): Collection => {
    const c = collections.get(aliases.get(name) ?? name);
    if (!c) throw new HttpError(404, `Collection \`${name}\` not found`);
    return c;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const method = req.method ?? 'GET';
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method, path: url.pathname, query: url.searchParams });
      const send = (status: number, payload: unknown, contentType = 'application/json') => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
      };
      try {
        if (down) throw new HttpError(503, 'Not Ready or Lagging');
        if (url.pathname === '/health') return send(200, { ok: true });
        if (req.headers['x-typesense-api-key'] !== apiKey) throw new HttpError(401, 'Forbidden - a valid `x-typesense-api-key` header must be sent.');
        const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
        const json = () => {
          try {
            return JSON.parse(body) as Record<string, unknown>;
          } catch {
            throw new HttpError(400, 'Bad JSON.');
          }
        };
        if (parts[0] === 'aliases' && parts.length === 2) {
          if (method === 'PUT') {
            const target = json().collection_name;
            if (typeof target !== 'string' || !collections.has(target)) throw new HttpError(404, `Collection \`${String(target)}\` not found`);
            aliases.set(parts[1]!, target);
            return send(200, { name: parts[1], collection_name: target });
          }
          if (method === 'GET') {
            const target = aliases.get(parts[1]!);
            if (!target) throw new HttpError(404, 'Not Found');
            return send(200, { name: parts[1], collection_name: target });
          }
        }
        if (parts[0] === 'collections') {
          if (parts.length === 1 && method === 'POST') {
            const schema = json() as { name?: string; fields?: Collection['fields'] };
            if (!schema.name || !Array.isArray(schema.fields)) throw new HttpError(400, 'Bad collection schema.');
            if (collections.has(schema.name)) throw new HttpError(409, `A collection with name \`${schema.name}\` already exists.`);
            collections.set(schema.name, { name: schema.name, fields: schema.fields, docs: new Map(), createdAt: Math.floor(Date.now() / 1000) });
            return send(201, { ...schema, num_documents: 0, created_at: Math.floor(Date.now() / 1000) });
          }
          if (parts.length === 2) {
            const c = resolve(parts[1]!);
            if (method === 'GET') return send(200, { name: c.name, fields: c.fields, num_documents: c.docs.size, created_at: c.createdAt });
            if (method === 'DELETE') {
              collections.delete(c.name);
              return send(200, { name: c.name, fields: c.fields, num_documents: c.docs.size });
            }
          }
          if (parts.length === 4 && parts[2] === 'documents' && parts[3] === 'import' && method === 'POST') {
            const c = resolve(parts[1]!);
            const action = url.searchParams.get('action') ?? 'create';
            if (action !== 'upsert') throw new HttpError(400, 'Argus imports with action=upsert only.');
            const lines = body.split('\n').filter((l) => l.trim());
            const results = lines.map((line) => {
              try {
                const doc = JSON.parse(line) as Record<string, unknown>;
                validateDocument(c, doc);
                c.docs.set(doc.id as string, doc);
                return { success: true };
              } catch (err) {
                return { success: false, error: (err as Error).message, document: line };
              }
            });
            return send(200, results.map((r) => JSON.stringify(r)).join('\n'), 'text/plain');
          }
          if (parts.length === 3 && parts[2] === 'documents' && method === 'DELETE') {
            const c = resolve(parts[1]!);
            const m = /^id:\[(.*)\]$/s.exec(url.searchParams.get('filter_by') ?? '');
            if (!m) throw new HttpError(400, 'Argus deletes by an id list only (filter_by=id:[…]).');
            let deleted = 0;
            for (const id of m[1]!.split(',').map(unquote)) if (c.docs.delete(id)) deleted++;
            return send(200, { num_deleted: deleted });
          }
          if (parts.length === 4 && parts[2] === 'documents' && parts[3] === 'search' && method === 'GET') {
            return send(200, search(resolve(parts[1]!), url.searchParams));
          }
        }
        throw new HttpError(404, 'Not Found');
      } catch (err) {
        const status = err instanceof HttpError ? err.status : 500;
        send(status, { message: (err as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    setDown: (value) => {
      down = value;
    },
    documents: (name) => [...resolve(name).docs.values()],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
