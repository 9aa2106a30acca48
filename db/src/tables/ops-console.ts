import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, type Page, type PageRequest } from '../paging';

// Read-only views across tables for the ops console: a user's history, workspaces and repositories of every
// customer, and the dashboard's key metrics. Writes nothing; each table keeps its own writer.

export interface UserHistory {
  workspaces: { id: string; name: string; kind: string; role: string; tierName: string | null; subscriptionStatus: string | null; joinedAt: Date }[];
  runs: { id: string; workspaceId: string; repositoryName: string; status: string; workflowId: string; createdAt: Date }[];
  logins: { at: Date; ip: string | null; userAgent: string | null }[];
  tickets: { id: string; number: number; subject: string; status: string; priority: string; createdAt: Date }[];
}

export async function findUserHistory(db: Db, userId: string): Promise<UserHistory> {
  const [workspaces, runs, logins, tickets] = await Promise.all([
    db('workspace_members as m')
      .join('workspaces as w', 'w.id', 'm.workspaceId')
      .leftJoin('subscription as s', 's.workspaceId', 'w.id')
      .leftJoin('subscription_tier as t', 't.id', 's.tierId')
      .where('m.userId', userId)
      .select('w.id', 'w.name', 'w.kind', 'm.role', 't.name as tierName', 's.status as subscriptionStatus', 'm.joinedAt')
      .orderBy('m.joinedAt'),
    db('analysis_runs as r')
      .join('repositories as p', 'p.id', 'r.repositoryId')
      .whereIn('r.workspaceId', db('workspace_members').where({ userId }).select('workspaceId'))
      .select('r.id', 'r.workspaceId', 'p.fullName as repositoryName', 'r.status', 'r.workflowId', 'r.createdAt')
      .orderBy('r.createdAt', 'desc')
      .limit(20),
    db('activity_log').where({ actorId: userId, action: 'auth.login' }).select('createdAt as at', 'ip', 'userAgent').orderBy('createdAt', 'desc').limit(20),
    db('support_ticket').where({ userId }).select('id', 'number', 'subject', 'status', 'priority', 'createdAt').orderBy('createdAt', 'desc').limit(20),
  ]);
  return { workspaces, runs, logins, tickets } as UserHistory;
}

/** Every user matching a console filter, in pages, for the CSV export (at most `max`). */
export async function* iterateUsersForExport(db: Db, filter: { q?: string; status?: string; staffRole?: string; id?: string | string[] }, max = 50_000) {
  const batch = 1000;
  for (let offset = 0; offset < max; offset += batch) {
    const q = db('users as u').leftJoin('staff_grants as g', 'g.userId', 'u.id');
    if (filter.id) q.whereIn('u.id', asList(filter.id));
    if (filter.q) q.where((w) => w.whereILike('u.email', likeContains(filter.q!)).orWhereILike('u.name', likeContains(filter.q!)));
    if (filter.status) q.where('u.status', filter.status);
    if (filter.staffRole === 'none') q.whereNull('g.role');
    else if (filter.staffRole) q.where('g.role', filter.staffRole);
    const rows = (await q
      .select('u.id', 'u.email', 'u.name', 'u.status', 'g.role as staffRole', 'u.emailVerifiedAt', 'u.lastLoginAt', 'u.createdAt', db.raw('(select count(*)::int from workspace_members m where m.user_id = u.id) as workspace_count'))
      .orderBy('u.createdAt')
      .orderBy('u.id')
      .offset(offset)
      .limit(Math.min(batch, max - offset))) as {
      id: string;
      email: string;
      name: string;
      status: string;
      staffRole: string | null;
      emailVerifiedAt: Date | null;
      lastLoginAt: Date | null;
      createdAt: Date;
      workspaceCount: number;
    }[];
    if (!rows.length) return;
    yield rows;
    if (rows.length < batch) return;
  }
}

/** Existing accounts among addresses (case-insensitively), for the import's report. */
export async function existingEmails(db: Db, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = (await db('users').whereRaw('lower(email) = any(?)', [emails.map((e) => e.toLowerCase())]).select('email')) as { email: string }[];
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

// ----- workspaces -----

export interface AdminWorkspaceRow {
  id: string;
  name: string;
  slug: string;
  kind: string;
  ownerId: string;
  ownerEmail: string | null;
  memberCount: number;
  repositoryCount: number;
  runCount: number;
  lastRunAt: Date | null;
  tierName: string | null;
  subscriptionStatus: string | null;
  subscriptionId: string | null;
  createdAt: Date;
}

export const ADMIN_WORKSPACE_SORT = {
  id: 'w.id',
  name: 'w.name',
  createdAt: 'w.created_at',
  kind: 'w.kind',
  memberCount: '(select count(*) from workspace_members m where m.workspace_id = w.id)',
  lastRunAt: '(select max(r.created_at) from analysis_runs r where r.workspace_id = w.id)',
} as const;

const selectWorkspace = (db: Db) => (q: Knex.QueryBuilder) =>
  q
    .leftJoin('users as o', 'o.id', 'w.ownerId')
    .leftJoin('subscription as s', 's.workspaceId', 'w.id')
    .leftJoin('subscription_tier as t', 't.id', 's.tierId')
    .select(
      'w.id', 'w.name', 'w.slug', 'w.kind', 'w.ownerId', 'o.email as ownerEmail', 'w.createdAt', 't.name as tierName', 's.status as subscriptionStatus', 's.id as subscriptionId',
      db.raw('(select count(*)::int from workspace_members m where m.workspace_id = w.id) as member_count'),
      db.raw('(select count(*)::int from repositories p where p.workspace_id = w.id and p.removed_at is null) as repository_count'),
      db.raw('(select count(*)::int from analysis_runs r where r.workspace_id = w.id) as run_count'),
      db.raw('(select max(r.created_at) from analysis_runs r where r.workspace_id = w.id) as last_run_at'),
    );

export async function listWorkspacesForAdmin(db: Db, filter: { id?: string | string[]; q?: string; kind?: string; memberId?: string }, page: PageRequest): Promise<Page<AdminWorkspaceRow>> {
  const query = db('workspaces as w');
  if (filter.id) query.whereIn('w.id', asList(filter.id));
  if (filter.q) query.where((w) => w.whereILike('w.name', likeContains(filter.q!)).orWhereILike('w.slug', likeContains(filter.q!)));
  if (filter.kind) query.where('w.kind', filter.kind);
  if (filter.memberId) query.whereIn('w.id', db('workspace_members').where({ userId: filter.memberId }).select('workspaceId'));
  return fetchPage<AdminWorkspaceRow>(query, page, ADMIN_WORKSPACE_SORT, selectWorkspace(db), 'w.id');
}

export async function findWorkspaceForAdmin(db: Db, id: string): Promise<(AdminWorkspaceRow & { members: { userId: string; email: string; name: string; role: string }[] }) | undefined> {
  const row = (await selectWorkspace(db)(db('workspaces as w').where('w.id', id)).first()) as AdminWorkspaceRow | undefined;
  if (!row) return undefined;
  const members = (await db('workspace_members as m').join('users as u', 'u.id', 'm.userId').where('m.workspaceId', id).select('m.userId', 'u.email', 'u.name', 'm.role').orderBy('m.joinedAt')) as {
    userId: string;
    email: string;
    name: string;
    role: string;
  }[];
  return { ...row, members };
}

// ----- repositories -----

export interface AdminRepositoryRow {
  id: string;
  fullName: string;
  provider: string;
  workspaceId: string | null;
  workspaceName: string | null;
  defaultBranch: string;
  analysisSchedule: string | null;
  removedAt: Date | null;
  runCount: number;
  lastRunAt: Date | null;
  lastRunStatus: string | null;
  createdAt: Date;
}

export const ADMIN_REPOSITORY_SORT = {
  id: 'p.id',
  fullName: 'p.full_name',
  createdAt: 'p.created_at',
  provider: 'p.provider',
  lastRunAt: '(select max(r.created_at) from analysis_runs r where r.repository_id = p.id)',
} as const;

const selectRepository = (db: Db) => (q: Knex.QueryBuilder) =>
  q
    .leftJoin('workspaces as w', 'w.id', 'p.workspaceId')
    .select(
      'p.id', 'p.fullName', 'p.provider', 'p.workspaceId', 'w.name as workspaceName', 'p.defaultBranch', 'p.analysisSchedule', 'p.removedAt', 'p.createdAt',
      db.raw('(select count(*)::int from analysis_runs r where r.repository_id = p.id) as run_count'),
      db.raw('(select max(r.created_at) from analysis_runs r where r.repository_id = p.id) as last_run_at'),
      db.raw('(select r.status from analysis_runs r where r.repository_id = p.id order by r.created_at desc limit 1) as last_run_status'),
    );

export async function listRepositoriesForAdmin(db: Db, filter: { id?: string | string[]; q?: string; workspaceId?: string; provider?: string; removed?: boolean }, page: PageRequest): Promise<Page<AdminRepositoryRow>> {
  const query = db('repositories as p');
  if (filter.id) query.whereIn('p.id', asList(filter.id));
  if (filter.q) query.whereILike('p.fullName', likeContains(filter.q));
  if (filter.workspaceId) query.where('p.workspaceId', filter.workspaceId);
  if (filter.provider) query.where('p.provider', filter.provider);
  if (filter.removed === true) query.whereNotNull('p.removedAt');
  if (filter.removed === false) query.whereNull('p.removedAt');
  return fetchPage<AdminRepositoryRow>(query, page, ADMIN_REPOSITORY_SORT, selectRepository(db), 'p.id');
}

export async function findRepositoryForAdmin(db: Db, id: string): Promise<AdminRepositoryRow | undefined> {
  return (await selectRepository(db)(db('repositories as p').where('p.id', id)).first()) as AdminRepositoryRow | undefined;
}

// ----- dashboard -----

export interface DashboardMetrics {
  users: { total: number; newLast7Days: number; suspended: number };
  workspaces: number;
  subscriptions: { active: number; trial: number; pastDue: number; mrrCents: number };
  tickets: { open: number; inProgress: number; unassigned: number; slaBreached: number };
  runs: { today: number; failedToday: number; running: number; perDay: { day: string; runs: number; completed: number; failed: number }[] };
  recentActivity: { id: number; action: string; actorName: string | null; actorKind: string; resourceType: string; createdAt: Date }[];
}

/** `slaTargets`: first-response minutes by priority (the API owns the policy). */
export async function readDashboardMetrics(db: Db, slaTargets: Record<string, number>): Promise<DashboardMetrics> {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);
  const breach = Object.entries(slaTargets)
    .map(([p, m]) => `(priority = '${p.replace(/[^a-z_]/g, '')}' and created_at < now() - interval '${Math.floor(m)} minutes')`)
    .join(' or ');
  const [users, workspaces, subs, tickets, runs, recent, perDay] = await Promise.all([
    db('users').first(db.raw('count(*)::int as total'), db.raw('count(*) filter (where created_at >= ?)::int as new_last7_days', [weekAgo]), db.raw(`count(*) filter (where status = 'suspended')::int as suspended`)),
    db('workspaces').first(db.raw('count(*)::int as n')),
    db('subscription as s')
      .join('subscription_tier as t', 't.id', 's.tierId')
      .first(
        db.raw(`count(*) filter (where s.status = 'active')::int as active`),
        db.raw(`count(*) filter (where s.status = 'trial')::int as trial`),
        db.raw(`count(*) filter (where s.status = 'past_due')::int as past_due`),
        // Yearly plans are priced per month too (monthly_price_cents), so MRR is the sum for paying subscriptions.
        db.raw(`coalesce(sum(t.monthly_price_cents) filter (where s.status in ('active', 'past_due')), 0)::bigint as mrr_cents`),
      ),
    db('support_ticket').first(
      db.raw(`count(*) filter (where status = 'open')::int as open`),
      db.raw(`count(*) filter (where status = 'in_progress')::int as in_progress`),
      db.raw(`count(*) filter (where status in ('open', 'in_progress') and assigned_to is null)::int as unassigned`),
      db.raw(`count(*) filter (where status in ('open', 'in_progress') and first_response_at is null and (${breach || 'false'}))::int as sla_breached`),
    ),
    db('analysis_runs').first(
      db.raw('count(*) filter (where created_at >= ?)::int as today', [today]),
      db.raw(`count(*) filter (where created_at >= ? and status = 'failed')::int as failed_today`, [today]),
      db.raw(`count(*) filter (where status in ('queued', 'running'))::int as running`),
    ),
    db('activity_log as al')
      .leftJoin('users as u', 'u.id', 'al.actorId')
      .select('al.id', 'al.action', db.raw('coalesce(u.name, al.actor_name) as actor_name'), 'al.actorKind', 'al.resourceType', 'al.createdAt')
      .orderBy('al.id', 'desc')
      .limit(10),
    // The last 14 UTC days, each present (0 when nothing ran), for the dashboard's chart.
    db.raw(
      `select to_char(d.day, 'YYYY-MM-DD') as day,
              count(r.id)::int as runs,
              count(r.id) filter (where r.status = 'completed')::int as completed,
              count(r.id) filter (where r.status = 'failed')::int as failed
       from generate_series((now() at time zone 'UTC')::date - 13, (now() at time zone 'UTC')::date, interval '1 day') d(day)
       left join analysis_runs r on r.created_at >= d.day at time zone 'UTC' and r.created_at < (d.day + interval '1 day') at time zone 'UTC'
       group by d.day order by d.day`,
    ),
  ]);
  return {
    users: { total: users.total, newLast7Days: users.newLast7Days, suspended: users.suspended },
    workspaces: workspaces.n,
    subscriptions: { active: subs?.active ?? 0, trial: subs?.trial ?? 0, pastDue: subs?.pastDue ?? 0, mrrCents: Number(subs?.mrrCents ?? 0) },
    tickets: { open: tickets.open, inProgress: tickets.inProgress, unassigned: tickets.unassigned, slaBreached: tickets.slaBreached },
    runs: { today: runs.today, failedToday: runs.failedToday, running: runs.running, perDay: (perDay as { rows: DashboardMetrics['runs']['perDay'] }).rows },
    recentActivity: recent as DashboardMetrics['recentActivity'],
  };
}

// ----- subscriptions grouped by tier -----

export interface TierSubscriptionSummary {
  tierId: string;
  tier: string;
  displayName: string;
  monthlyPriceCents: number;
  isPublic: boolean;
  active: number;
  trialing: number;
  pastDue: number;
  /** Subscriptions that ended since `since` and are still cancelled, counted on the tier they left. */
  cancelled: number;
  /** active + past due, at the tier's monthly price (yearly plans are priced per month too). */
  mrrCents: number;
}

/**
 * The console's Subscriptions summary: per tier, the live subscriptions by status and those cancelled since `since`.
 * A cancelled subscription has already fallen back to Free, so the tier it left is the one its cancellation entry in
 * the activity log names (written in the cancellation's transaction), else the tier of its last invoice.
 */
export async function summarizeSubscriptionsByTier(db: Db, since: Date): Promise<TierSubscriptionSummary[]> {
  const { rows } = (await db.raw(
    `with live as (
       select tier_id,
              count(*) filter (where status = 'active')::int as active,
              count(*) filter (where status = 'trial')::int as trialing,
              count(*) filter (where status = 'past_due')::int as past_due
       from subscription where status <> 'cancelled' group by tier_id
     ),
     churned as (
       select coalesce(named.id, billed.tier_id, s.period_tier_id) as tier_id, count(*)::int as cancelled
       from subscription s
       left join lateral (
         select al.before ->> 'tier' as tier_name from activity_log al
         where al.workspace_id = s.workspace_id and al.created_at >= :since and al.action = 'subscription.cancelled' and al.resource_id = s.id::text
         order by al.id desc limit 1
       ) cancellation on true
       left join subscription_tier named on named.name = cancellation.tier_name
       left join lateral (
         select i.tier_id from invoice i where i.workspace_id = s.workspace_id and i.subscription_id = s.id order by i.billing_period_start desc limit 1
       ) billed on true
       where s.status = 'cancelled' and s.cancelled_at >= :since
       group by 1
     )
     select t.id as "tierId", t.name as tier, t.display_name as "displayName", t.monthly_price_cents as "monthlyPriceCents", t.is_public as "isPublic",
            coalesce(l.active, 0) as active, coalesce(l.trialing, 0) as trialing, coalesce(l.past_due, 0) as "pastDue", coalesce(c.cancelled, 0) as cancelled,
            ((coalesce(l.active, 0) + coalesce(l.past_due, 0))::bigint * t.monthly_price_cents)::bigint as "mrrCents"
     from subscription_tier t left join live l on l.tier_id = t.id left join churned c on c.tier_id = t.id
     order by t.sort_order, t.monthly_price_cents, t.name`,
    { since },
  )) as { rows: (Omit<TierSubscriptionSummary, 'mrrCents'> & { mrrCents: string })[] };
  return rows.map((r) => ({ ...r, mrrCents: Number(r.mrrCents) }));
}

/** The outbox by status (the Settings page's mail section). */
export async function countOutboxByStatus(db: Db): Promise<{ pending: number; sent: number; failed: number; kept: number; oldestPendingAt: Date | null }> {
  const row = (await db('outbox_emails').first(
    db.raw(`count(*) filter (where status = 'pending')::int as pending`),
    db.raw(`count(*) filter (where status = 'sent')::int as sent`),
    db.raw(`count(*) filter (where status = 'failed')::int as failed`),
    db.raw(`count(*) filter (where status = 'kept')::int as kept`),
    db.raw(`min(created_at) filter (where status = 'pending') as oldest_pending_at`),
  )) as { pending: number; sent: number; failed: number; kept: number; oldestPendingAt: Date | null };
  return row;
}

/** How many people hold each staff role (active accounts). */
export async function countStaffByRole(db: Db): Promise<Record<string, number>> {
  const rows = (await db('staff_grants as g').join('users as u', 'u.id', 'g.userId').where('u.status', 'active').groupBy('g.role').select('g.role', db.raw('count(*)::int as n'))) as { role: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.role, r.n]));
}
