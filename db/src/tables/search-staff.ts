import type { Db } from '../knex';

// Staff search for the ops console: users, workspaces, subscriptions, invoices and tickets across all tenants.
// Only staff routes call this (they check the staff role per type). Substring or trigram similarity (typos);
// every table here is small enough per query that no stored index beyond the existing ones is needed.

export const STAFF_SEARCH_TYPES = ['user', 'workspace', 'subscription', 'invoice', 'ticket'] as const;
export type StaffSearchType = (typeof STAFF_SEARCH_TYPES)[number];

export interface StaffSearchRow {
  type: StaffSearchType;
  id: string;
  title: string;
  subtitle: string;
  createdAt: Date;
  score: number;
}

const SQL: Record<StaffSearchType, string> = {
  user: `select 'user' as type, u.id, u.name as title, u.email || ' · ' || u.status as subtitle, u.created_at,
      greatest(similarity(u.name, :q), similarity(u.email, :q), case when u.email ilike :like or u.name ilike :like then 1 else 0 end) as score
    from users u where u.email ilike :like or u.name ilike :like or u.id::text = :q or similarity(u.name, :q) > 0.3 or similarity(u.email, :q) > 0.3`,
  workspace: `select 'workspace' as type, w.id, w.name as title, w.slug || ' · ' || w.kind as subtitle, w.created_at,
      greatest(similarity(w.name, :q), case when w.name ilike :like or w.slug ilike :like then 1 else 0 end) as score
    from workspaces w where w.name ilike :like or w.slug ilike :like or w.id::text = :q or similarity(w.name, :q) > 0.3`,
  subscription: `select 'subscription' as type, s.id, w.name || ' · ' || t.display_name as title,
      s.status || coalesce(' · ' || s.billing_email, '') || coalesce(' · ' || s.stripe_customer_id, '') as subtitle, s.created_at,
      greatest(similarity(w.name, :q), case when w.name ilike :like or s.billing_email ilike :like or s.stripe_customer_id = :q or s.stripe_subscription_id = :q then 1 else 0 end) as score
    from subscription s join workspaces w on w.id = s.workspace_id join subscription_tier t on t.id = s.tier_id
    where w.name ilike :like or s.billing_email ilike :like or s.stripe_customer_id = :q or s.stripe_subscription_id = :q or s.id::text = :q or similarity(w.name, :q) > 0.3`,
  invoice: `select 'invoice' as type, i.id, i.number || ' · ' || w.name as title,
      i.status || ' · ' || to_char(i.total_cents / 100.0, 'FM999999990.00') || ' ' || upper(i.currency) as subtitle, i.created_at,
      case when i.number ilike :like or i.stripe_invoice_id = :q then 1 else similarity(w.name, :q) end as score
    from invoice i join workspaces w on w.id = i.workspace_id
    where i.number ilike :like or i.stripe_invoice_id = :q or i.id::text = :q or w.name ilike :like or similarity(w.name, :q) > 0.3`,
  ticket: `select 'ticket' as type, k.id, '#' || k.number || ' ' || k.subject as title, w.name || ' · ' || k.status || ' · ' || k.priority as subtitle, k.created_at,
      greatest(similarity(k.subject, :q), case when k.subject ilike :like or ('#' || k.number) = :q then 1 else 0 end) as score
    from support_ticket k join workspaces w on w.id = k.workspace_id
    where k.subject ilike :like or k.description ilike :like or ('#' || k.number) = :q or k.number::text = :q or k.id::text = :q or w.name ilike :like or similarity(k.subject, :q) > 0.3`,
};

export async function searchForStaff(db: Db, args: { q: string; types: readonly StaffSearchType[]; limit: number }): Promise<{ type: StaffSearchType; total: number; rows: StaffSearchRow[] }[]> {
  const q = args.q.trim();
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Promise.all(
    args.types.map(async (type) => {
      const { rows } = await db.raw(`select *, count(*) over () as total from (${SQL[type]}) hits order by score desc, created_at desc, id limit :limit`, { q, like, limit: args.limit });
      const list = rows as { type: StaffSearchType; id: string; title: string; subtitle: string; created_at: Date; score: number; total: number }[];
      return {
        type,
        total: list.length ? Number(list[0]!.total) : 0,
        rows: list.map((r) => ({ type, id: r.id, title: r.title, subtitle: r.subtitle, createdAt: new Date(r.created_at), score: Number(r.score) })),
      };
    }),
  );
}
