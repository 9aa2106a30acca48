import { Model, type JSONSchema, type Modifiers } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, whereTimeRange, type Page, type PageRequest } from '../paging';
import { redactSecretKeys } from '../redact';
import { User } from './users';
import { Workspace } from './workspaces';

// Owner of `activity_log`, the audit trail (append-only in Postgres). appendActivity is its one writer, for the
// API and the workflows alike, and it redacts secret-named keys from `before` / `after`.

export type ActorKind = 'user' | 'staff' | 'system' | 'api_token';

export class ActivityLogEntry extends Model {
  static tableName = 'activity_log';
  id!: number;
  workspaceId!: string | null;
  actorId!: string | null;
  actorKind!: ActorKind;
  /** The actor's name and e-mail address when the entry was written (kept after the user is deleted). */
  actorName!: string | null;
  actorEmail!: string | null;
  /** Set when a staff actor acted while impersonating this user. */
  actingAsId!: string | null;
  actingAsEmail!: string | null;
  action!: string;
  resourceType!: string;
  resourceId!: string | null;
  ip!: string | null;
  userAgent!: string | null;
  before!: unknown;
  after!: unknown;
  createdAt!: Date;

  static jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      workspaceId: { type: ['string', 'null'] },
      actorId: { type: ['string', 'null'] },
      actorKind: { type: 'string', enum: ['user', 'staff', 'system', 'api_token'] },
      action: { type: 'string', minLength: 1 },
      resourceType: { type: 'string', minLength: 1 },
      resourceId: { type: ['string', 'null'] },
    },
  };

  static modifiers: Modifiers = {
    newestFirst(query) {
      query.orderBy([{ column: 'activity_log.createdAt', order: 'desc' }, { column: 'activity_log.id', order: 'desc' }]);
    },
  };

  static relationMappings = () => ({
    actor: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'activity_log.actorId', to: 'users.id' } },
    workspace: { relation: Model.BelongsToOneRelation, modelClass: Workspace, join: { from: 'activity_log.workspaceId', to: 'workspaces.id' } },
  });
}

export interface NewActivity {
  workspaceId?: string | null;
  actorId?: string | null;
  actorKind: ActorKind;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Stored as JSON with secret-named keys redacted; undefined stores SQL null. */
  before?: unknown;
  after?: unknown;
  /** The customer a staff actor was impersonating ("<actor> as <user>"). */
  actingAsId?: string | null;
}

const asJson = (value: unknown) => (value === undefined ? null : JSON.stringify(redactSecretKeys(value)));

/**
 * Appends one entry. Pass the transaction that makes the change, so the change and its entry commit together.
 * The only code that writes activity_log.
 */
export async function appendActivity(db: Db, entry: NewActivity): Promise<void> {
  await db('activity_log').insert({
    workspaceId: entry.workspaceId ?? null,
    actorId: entry.actorId ?? null,
    // The actor as they were when they acted; kept after the account is deleted.
    actorName: entry.actorId ? db.raw('(select name from users where id = ?)', [entry.actorId]) : null,
    actorEmail: entry.actorId ? db.raw('(select email from users where id = ?)', [entry.actorId]) : null,
    actorKind: entry.actorKind,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
    before: asJson(entry.before),
    after: asJson(entry.after),
    ...(entry.actingAsId
      ? { actingAsId: entry.actingAsId, actingAsEmail: db.raw('(select email from users where id = ?)', [entry.actingAsId]) }
      : {}),
  });
}

/** Appends many entries in one statement (e.g. an invoicing run's renewals), in the caller's transaction. */
export async function appendActivities(db: Db, entries: NewActivity[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await db('activity_log').insert(
      entries.slice(i, i + 1000).map((entry) => ({
        workspaceId: entry.workspaceId ?? null,
        actorId: entry.actorId ?? null,
        actorName: entry.actorId ? db.raw('(select name from users where id = ?)', [entry.actorId]) : null,
        actorEmail: entry.actorId ? db.raw('(select email from users where id = ?)', [entry.actorId]) : null,
        actorKind: entry.actorKind,
        action: entry.action,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId ?? null,
        ip: entry.ip ?? null,
        userAgent: entry.userAgent ?? null,
        before: asJson(entry.before),
        after: asJson(entry.after),
      })),
    );
  }
}

/** `action` is exact, or a prefix when it ends with "." or ".*" (e.g. "team." or "member.*"). */
function whereAction(query: Knex.QueryBuilder, column: string, action: string) {
  const prefix = action.endsWith('.*') ? action.slice(0, -1) : action.endsWith('.') ? action : null;
  if (prefix === null) query.where(column, action);
  else query.whereLike(column, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

// ---------------------------------------------------------------------------------------------------------
// One workspace's feed
// ---------------------------------------------------------------------------------------------------------

export interface ActivityFeedRow {
  id: number;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export interface ActivityFilters {
  actor?: string;
  action?: string;
  /** ISO date (from the start of that day, UTC) or date-time. */
  from?: string;
  /** ISO date (to the end of that day, UTC) or date-time (inclusive). */
  to?: string;
}

/** Keyset position in the newest-first order: the exact Postgres timestamp text and the id. */
export interface ActivityCursor {
  at: string;
  id: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function feedQuery(db: Db, workspaceId: string, filters: ActivityFilters) {
  const query = db('activity_log as al').leftJoin('users as u', 'u.id', 'al.actorId').where('al.workspaceId', workspaceId);
  if (filters.actor) query.where('al.actorId', filters.actor);
  if (filters.action) whereAction(query, 'al.action', filters.action);
  if (filters.from) query.where('al.createdAt', '>=', new Date(DATE_ONLY.test(filters.from) ? `${filters.from}T00:00:00Z` : filters.from));
  if (filters.to) {
    // A bare date means "up to the end of that day"; an instant is inclusive.
    if (DATE_ONLY.test(filters.to)) query.where('al.createdAt', '<', new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS));
    else query.where('al.createdAt', '<=', new Date(filters.to));
  }
  return query;
}

// A deleted actor's name and e-mail address are the ones recorded with the entry.
const ACTOR_NAME = 'coalesce(u.name, al.actor_name) as actor_name';
const ACTOR_EMAIL = 'coalesce(u.email, al.actor_email) as actor_email';
const feedColumns = (db: Db) => ['al.id', 'al.actorId', db.raw(ACTOR_NAME), db.raw(ACTOR_EMAIL), 'al.action', 'al.resourceType', 'al.resourceId', 'al.ip', 'al.userAgent', 'al.before', 'al.after', 'al.createdAt'];
const NEWEST_FIRST = [
  { column: 'al.createdAt', order: 'desc' },
  { column: 'al.id', order: 'desc' },
] as const;

/** One page of the workspace's feed, newest first, and how many entries match. */
export async function listActivityForWorkspace(
  db: Db,
  workspaceId: string,
  filters: ActivityFilters,
  page: { page: number; pageSize: number },
): Promise<Page<ActivityFeedRow>> {
  const base = feedQuery(db, workspaceId, filters);
  const [countRow, rows] = await Promise.all([
    base.clone().clearSelect().count('* as total').first(),
    base
      .clone()
      .select(feedColumns(db))
      .orderBy([...NEWEST_FIRST])
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
  ]);
  return { rows: rows as ActivityFeedRow[], total: Number((countRow as { total?: number } | undefined)?.total ?? 0) };
}

/** The next `limit` matching entries after `cursor` (newest first), each with its own cursor, for exports. */
export async function listActivityBatchForWorkspace(
  db: Db,
  workspaceId: string,
  filters: ActivityFilters,
  batch: { after: ActivityCursor | null; limit: number },
): Promise<(ActivityFeedRow & { cursorAt: string })[]> {
  const query = feedQuery(db, workspaceId, filters)
    .select([...feedColumns(db), db.raw('al.created_at::text as cursor_at')])
    .orderBy([...NEWEST_FIRST])
    .limit(batch.limit);
  if (batch.after) query.whereRaw('(al.created_at, al.id) < (?::timestamptz, ?)', [batch.after.at, batch.after.id]);
  return (await query) as (ActivityFeedRow & { cursorAt: string })[];
}

// ---------------------------------------------------------------------------------------------------------
// What an entry is about, by name
// ---------------------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key of `resourceLabels`' answer. */
export const resourceKey = (resourceType: string, resourceId: string) => `${resourceType}:${resourceId}`;

type LabelQuery = (db: Db, ids: string[]) => Promise<{ id: string; label: string | null }[]>;

// Read-only lookups, one query per resource type of a page; the tables' own modules write them.
const LABELS: Record<string, LabelQuery> = {
  team: (db, ids) => db('workspaces').whereIn('id', ids).select('id', 'name as label'),
  workspace: (db, ids) => db('workspaces').whereIn('id', ids).select('id', 'name as label'),
  user: (db, ids) => db('users').whereIn('id', ids).select('id', 'name as label'),
  member: (db, ids) => db('users').whereIn('id', ids).select('id', 'name as label'),
  repository: (db, ids) => db('repositories').whereIn('id', ids).select('id', 'fullName as label'),
  run: (db, ids) =>
    db('analysis_runs as r')
      .join('repositories as p', 'p.id', 'r.repositoryId')
      .whereIn('r.id', ids)
      .select('r.id', db.raw(`p.full_name || coalesce(' on ' || regexp_replace(r.ref, '^refs/(heads|tags)/', ''), '') as label`)),
  finding: (db, ids) => db('findings').whereIn('id', ids).select('id', db.raw(`rule_id || ' in ' || path || ':' || start_line as label`)),
  fix: (db, ids) =>
    db('fixes as x')
      .join('findings as f', 'f.id', 'x.findingId')
      .whereIn('x.id', ids)
      .select('x.id', db.raw(`'fix of ' || f.rule_id || ' in ' || f.path || ':' || f.start_line as label`)),
  invitation: (db, ids) => db('invitations').whereIn('id', ids).select('id', 'email as label'),
  api_token: (db, ids) => db('api_tokens').whereIn('id', ids).select('id', 'name as label'),
};

/** What the entry itself recorded about its resource, for resources that are gone. */
function recordedLabel(entry: { before: unknown; after: unknown }): string | null {
  for (const side of [entry.after, entry.before]) {
    if (!side || typeof side !== 'object') continue;
    const v = side as Record<string, unknown>;
    for (const key of ['fullName', 'repository', 'name', 'email']) if (typeof v[key] === 'string' && v[key]) return v[key] as string;
    if (typeof v.ruleId === 'string') return typeof v.path === 'string' ? `${v.ruleId} in ${v.path}` : v.ruleId;
  }
  return null;
}

/**
 * The names of the resources a page of entries is about (a repository's full name, a member's name, a finding's
 * rule and place), keyed by `resourceKey`: the current name, else the one the entry recorded, else none.
 */
export async function resourceLabels(db: Db, entries: { resourceType: string; resourceId: string | null; before: unknown; after: unknown }[]): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.resourceId || !UUID.test(e.resourceId) || !LABELS[e.resourceType]) continue;
    if (!idsByType.has(e.resourceType)) idsByType.set(e.resourceType, new Set());
    idsByType.get(e.resourceType)!.add(e.resourceId);
  }
  const labels = new Map<string, string>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      for (const row of await LABELS[type]!(db, [...ids])) if (row.label) labels.set(resourceKey(type, row.id), row.label);
    }),
  );
  for (const e of entries) {
    if (!e.resourceId) continue;
    const key = resourceKey(e.resourceType, e.resourceId);
    if (labels.has(key)) continue;
    const recorded = recordedLabel(e);
    if (recorded) labels.set(key, recorded);
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------------------
// The ops console's audit log (every workspace)
// ---------------------------------------------------------------------------------------------------------

export interface AdminActivityRow extends ActivityFeedRow {
  workspaceId: string | null;
  workspaceName: string | null;
  actorKind: ActorKind;
  actingAsId: string | null;
  actingAsEmail: string | null;
}

export interface AdminActivityFilter {
  id?: string | string[];
  /** Exact, or a prefix ending in "." or ".*". */
  action?: string;
  workspaceId?: string;
  actorId?: string;
  actorKind?: ActorKind;
  resourceType?: string;
  /** true: only what staff did while impersonating a customer; false: everything else. */
  impersonated?: boolean;
  from?: string;
  to?: string;
}

export const ADMIN_ACTIVITY_SORT = { id: 'al.id', createdAt: 'al.created_at', action: 'al.action', resourceType: 'al.resource_type', actorKind: 'al.actor_kind' } as const;

const adminQuery = (db: Db) => db('activity_log as al').leftJoin('users as u', 'u.id', 'al.actorId').leftJoin('workspaces as w', 'w.id', 'al.workspaceId');
const selectAdmin = (db: Db) => (q: Knex.QueryBuilder) =>
  q.select(
    'al.id',
    'al.workspaceId',
    'w.name as workspaceName',
    'al.actorId',
    'al.actorKind',
    db.raw(ACTOR_NAME),
    db.raw(ACTOR_EMAIL),
    'al.action',
    'al.resourceType',
    'al.resourceId',
    'al.ip',
    'al.userAgent',
    'al.before',
    'al.after',
    'al.createdAt',
    'al.actingAsId',
    'al.actingAsEmail',
  );

export async function listActivityForAdmin(db: Db, filter: AdminActivityFilter, page: PageRequest): Promise<Page<AdminActivityRow>> {
  const query = adminQuery(db);
  if (filter.id) query.whereIn('al.id', asList(filter.id));
  if (filter.action) whereAction(query, 'al.action', filter.action);
  if (filter.workspaceId) query.where('al.workspaceId', filter.workspaceId);
  if (filter.actorId) query.where('al.actorId', filter.actorId);
  if (filter.actorKind) query.where('al.actorKind', filter.actorKind);
  if (filter.resourceType) query.where('al.resourceType', filter.resourceType);
  if (filter.impersonated !== undefined) filter.impersonated ? query.whereNotNull('al.actingAsId') : query.whereNull('al.actingAsId');
  whereTimeRange(query, 'al.createdAt', filter.from, filter.to);
  return fetchPage<AdminActivityRow>(query, page, ADMIN_ACTIVITY_SORT, selectAdmin(db), 'al.id');
}

/** `id` is the decimal text of the bigint id. */
export async function findActivityForAdmin(db: Db, id: string): Promise<AdminActivityRow | undefined> {
  return (await selectAdmin(db)(adminQuery(db).where('al.id', id)).first()) as AdminActivityRow | undefined;
}
