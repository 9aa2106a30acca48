import { Model } from 'objection';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { asList, fetchPage, likeContains, type Page, type PageRequest } from '../paging';

// Owner of the invoice aggregate: `invoice` (seed 004) and its `invoice_item`s. Exactly one invoice per subscription
// and period (unique(subscription_id, billing_period_start)); payment state only moves forward (a late "failed"
// event never reopens a paid invoice), so Stripe's events may arrive in any order.

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'failed' | 'refunded';
export type InvoiceItemType = 'subscription' | 'overage' | 'credit' | 'proration';

export interface InvoiceRow {
  id: string;
  number: string;
  subscriptionId: string;
  workspaceId: string;
  tierId: string;
  billingPeriodStart: Date;
  billingPeriodEnd: Date;
  currency: string;
  subtotalCents: number;
  taxCents: number;
  taxRateBps: number;
  taxCountry: string | null;
  totalCents: number;
  overageChargesCents: number;
  creditsAppliedCents: number;
  amountRefundedCents: number;
  status: InvoiceStatus;
  paidAt: Date | null;
  paymentAttempts: number;
  lastPaymentError: string | null;
  nextPaymentAttemptAt: Date | null;
  stripeInvoiceId: string | null;
  stripePaymentIntentId: string | null;
  announcedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface InvoiceItemRow {
  id: string;
  invoiceId: string | null;
  subscriptionId: string;
  itemType: InvoiceItemType;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  position: number;
  idempotencyKey: string | null;
  createdAt: Date;
}

export interface InvoiceModel extends InvoiceRow {}
export class InvoiceModel extends Model {
  static tableName = 'invoice';
  static relationMappings = () => ({
    items: { relation: Model.HasManyRelation, modelClass: InvoiceItemModel, join: { from: 'invoice.id', to: 'invoice_item.invoiceId' } },
  });
}

export interface InvoiceItemModel extends InvoiceItemRow {}
export class InvoiceItemModel extends Model {
  static tableName = 'invoice_item';
}

export type InvoiceWithItems = InvoiceRow & { items: InvoiceItemRow[] };

export interface NewInvoice {
  subscriptionId: string;
  workspaceId: string;
  tierId: string;
  billingPeriodStart: Date;
  billingPeriodEnd: Date;
  currency: string;
  subtotalCents: number;
  taxCents: number;
  taxRateBps: number;
  taxCountry: string | null;
  totalCents: number;
  overageChargesCents: number;
  creditsAppliedCents: number;
  status: 'sent' | 'paid';
}

export interface NewInvoiceLine {
  type: InvoiceItemType;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  /** Set for an item that was pending (a proration): it is attached instead of copied. */
  pendingItemId?: string;
}

/**
 * Creates the invoices of many periods with their lines, in three statements. A period that already has its invoice
 * keeps it (a repeated or overlapping run never creates a second): it is answered with `created: false`. Pending
 * items named by a line are attached rather than copied. Run it in the periods' transaction.
 */
export async function insertInvoicesWithItems(db: Db, entries: { invoice: NewInvoice; lines: NewInvoiceLine[] }[]): Promise<{ invoice: InvoiceRow; created: boolean }[]> {
  if (!entries.length) return [];
  const inserted = (await db('invoice')
    .insert(entries.map(({ invoice }) => ({ ...invoice, paidAt: invoice.status === 'paid' ? db.fn.now() : null })))
    .onConflict(['subscription_id', 'billing_period_start'])
    .ignore()
    .returning('*')) as InvoiceRow[];
  const bySubscription = new Map(inserted.map((row) => [row.subscriptionId, row]));
  const fresh: Record<string, unknown>[] = [];
  const attach: { id: string; invoiceId: string; subscriptionId: string; position: number }[] = [];
  const results: { invoice: InvoiceRow; created: boolean }[] = [];
  for (const { invoice, lines } of entries) {
    const row = bySubscription.get(invoice.subscriptionId);
    if (!row || row.billingPeriodStart.getTime() !== invoice.billingPeriodStart.getTime()) {
      results.push({ invoice: (await findInvoiceForPeriod(db, invoice.subscriptionId, invoice.billingPeriodStart))!, created: false });
      continue;
    }
    results.push({ invoice: row, created: true });
    lines.forEach((l, position) => {
      if (l.pendingItemId) attach.push({ id: l.pendingItemId, invoiceId: row.id, subscriptionId: invoice.subscriptionId, position });
      else fresh.push({ invoiceId: row.id, subscriptionId: invoice.subscriptionId, itemType: l.type, description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents, totalCents: l.totalCents, position });
    });
  }
  for (let i = 0; i < fresh.length; i += 2000) await db('invoice_item').insert(fresh.slice(i, i + 2000));
  if (attach.length) {
    await db.raw(
      `update invoice_item it set invoice_id = a.invoice_id, position = a.position
       from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[]) as a(id, invoice_id, subscription_id, position)
       where it.id = a.id and it.subscription_id = a.subscription_id and it.invoice_id is null`,
      [attach.map((a) => a.id), attach.map((a) => a.invoiceId), attach.map((a) => a.subscriptionId), attach.map((a) => a.position)],
    );
  }
  return results;
}

export async function insertInvoiceWithItems(db: Db, invoice: NewInvoice, lines: NewInvoiceLine[]): Promise<{ invoice: InvoiceRow; created: boolean }> {
  return (await insertInvoicesWithItems(db, [{ invoice, lines }]))[0]!;
}

export async function findInvoiceForPeriod(db: Db, subscriptionId: string, billingPeriodStart: Date): Promise<InvoiceRow | undefined> {
  return InvoiceModel.query(db).findOne({ subscriptionId, billingPeriodStart });
}

export async function findInvoiceById(db: Db, id: string): Promise<InvoiceRow | undefined> {
  return InvoiceModel.query(db).findById(id);
}

export async function findInvoiceWithItems(db: Db, id: string): Promise<InvoiceWithItems | undefined> {
  const invoice = await InvoiceModel.query(db).findById(id);
  if (!invoice) return undefined;
  const items = await InvoiceItemModel.query(db).where({ invoiceId: id }).orderBy([{ column: 'position' }, { column: 'createdAt' }]);
  return { ...invoice, items };
}

export async function findInvoiceByPaymentIntent(db: Db, paymentIntentId: string): Promise<InvoiceRow | undefined> {
  return InvoiceModel.query(db).findOne({ stripePaymentIntentId: paymentIntentId });
}

/** A workspace's invoices, newest period first. */
export async function listInvoicesOfWorkspace(db: Db, workspaceId: string, page: { page: number; pageSize: number }): Promise<{ rows: InvoiceRow[]; total: number }> {
  const base = InvoiceModel.query(db).where({ workspaceId });
  const [rows, total] = await Promise.all([
    base.clone().orderBy([{ column: 'billingPeriodStart', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
    base.clone().resultSize(),
  ]);
  return { rows, total };
}

/** Invoices still owed (sent, or failed at least once), oldest first. */
export async function listUnpaidInvoicesOfSubscription(db: Db, subscriptionId: string): Promise<InvoiceRow[]> {
  return InvoiceModel.query(db).where({ subscriptionId }).whereIn('status', ['sent', 'failed']).orderBy('billingPeriodStart');
}

// ----- pending items (prorations waiting for the invoice of their period) -----

export async function addPendingInvoiceItem(db: Db, item: { subscriptionId: string; type: InvoiceItemType; description: string; totalCents: number; idempotencyKey: string }): Promise<void> {
  await db('invoice_item')
    .insert({ subscriptionId: item.subscriptionId, itemType: item.type, description: item.description, quantity: 1, unitPriceCents: item.totalCents, totalCents: item.totalCents, idempotencyKey: item.idempotencyKey })
    .onConflict('idempotency_key')
    .ignore();
}

export async function listPendingInvoiceItems(db: Db, subscriptionId: string): Promise<InvoiceItemRow[]> {
  return listPendingInvoiceItemsOf(db, [subscriptionId]);
}

export async function listPendingInvoiceItemsOf(db: Db, subscriptionIds: string[]): Promise<InvoiceItemRow[]> {
  if (!subscriptionIds.length) return [];
  return InvoiceItemModel.query(db).whereIn('subscriptionId', subscriptionIds).whereNull('invoiceId').orderBy('createdAt');
}

// ----- payment state: forward only -----

const OPEN = ['draft', 'sent', 'failed'];

/** A failed attempt: only an invoice still owed records it (a late "failed" never reopens a paid invoice). */
export async function recordPaymentFailure(db: Db, id: string, failure: { attempt: number; error: string; paymentIntentId?: string | null; nextAttemptAt?: Date | null }): Promise<InvoiceRow | undefined> {
  const [row] = (await db('invoice')
    .where({ id })
    .whereIn('status', OPEN)
    .update({
      status: 'failed',
      paymentAttempts: db.raw('greatest(payment_attempts, ?)', [failure.attempt]),
      lastPaymentError: failure.error.slice(0, 500),
      nextPaymentAttemptAt: failure.nextAttemptAt ?? null,
      ...(failure.paymentIntentId ? { stripePaymentIntentId: failure.paymentIntentId } : {}),
      updatedAt: db.fn.now(),
    })
    .returning('*')) as InvoiceRow[];
  return row;
}

/** A charge was started and its outcome comes later (by webhook). */
export async function recordPaymentStarted(db: Db, id: string, attempt: { attempt: number; paymentIntentId: string }): Promise<void> {
  await db('invoice').where({ id }).whereIn('status', OPEN).update({ paymentAttempts: db.raw('greatest(payment_attempts, ?)', [attempt.attempt]), stripePaymentIntentId: attempt.paymentIntentId, updatedAt: db.fn.now() });
}

/** Paid, once: answers true only for the call that moved it to paid. */
export async function markInvoicePaid(db: Db, id: string, payment: { paymentIntentId?: string | null } = {}): Promise<boolean> {
  const rows = await db('invoice')
    .where({ id })
    .whereIn('status', OPEN)
    .update({ status: 'paid', paidAt: db.fn.now(), nextPaymentAttemptAt: null, lastPaymentError: null, ...(payment.paymentIntentId ? { stripePaymentIntentId: payment.paymentIntentId } : {}), updatedAt: db.fn.now() })
    .returning('id');
  return rows.length > 0;
}

/** Refunds only grow; a full refund marks the invoice refunded. */
export async function recordInvoiceRefund(db: Db, id: string, refundedCents: number): Promise<InvoiceRow | undefined> {
  const [row] = (await db('invoice')
    .where({ id })
    .whereIn('status', ['paid', 'refunded'])
    .update({
      amountRefundedCents: db.raw('least(total_cents, greatest(amount_refunded_cents, ?))', [refundedCents]),
      status: db.raw(`case when least(total_cents, greatest(amount_refunded_cents, ?)) >= total_cents then 'refunded' else status end`, [refundedCents]),
      updatedAt: db.fn.now(),
    })
    .returning('*')) as InvoiceRow[];
  return row;
}

// ----- announcements -----

/** Locks up to `limit` invoices nobody announced yet; other runs skip them. Run it in a transaction. */
export async function lockUnannouncedInvoices(db: Db, limit: number, ids?: string[]): Promise<InvoiceRow[]> {
  const query = InvoiceModel.query(db).whereNull('announcedAt').orderBy('createdAt').limit(limit).forUpdate().skipLocked();
  if (ids) query.whereIn('id', ids);
  return query;
}

export async function markInvoicesAnnounced(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db('invoice').whereIn('id', ids).update({ announcedAt: db.fn.now() });
}

/** How many invoices exist, and how many (subscription, period) pairs have more than one (always 0). */
export async function invoiceCounts(db: Db, filter: { createdSince?: Date } = {}): Promise<{ invoices: number; duplicatePeriods: number }> {
  const base = db('invoice');
  if (filter.createdSince) base.where('createdAt', '>=', filter.createdSince);
  const { n } = (await base.clone().count('* as n').first()) as { n: number };
  const dup = await db.raw(`select count(*)::int as n from (select 1 from invoice group by subscription_id, billing_period_start having count(*) > 1) d`);
  return { invoices: Number(n), duplicatePeriods: (dup as { rows: { n: number }[] }).rows[0]!.n };
}

// ----- the ops console's list -----

export interface AdminInvoiceFilter {
  id?: string | string[];
  status?: InvoiceStatus;
  workspaceId?: string;
  /** Contained in the invoice number or the workspace's name, case-insensitively. */
  q?: string;
}

export type AdminInvoiceRow = InvoiceRow & { workspaceName: string; tierName: string };

export const ADMIN_INVOICE_SORT = {
  id: 'i.id',
  number: 'i.number',
  createdAt: 'i.created_at',
  billingPeriodStart: 'i.billing_period_start',
  totalCents: 'i.total_cents',
  status: 'i.status',
} as const;

const selectAdminInvoice = (q: Knex.QueryBuilder) => q.select('i.*', 'w.name as workspaceName', 't.displayName as tierName');

export async function listInvoicesForAdmin(db: Db, filter: AdminInvoiceFilter, page: PageRequest): Promise<Page<AdminInvoiceRow>> {
  const query = db('invoice as i').join('workspaces as w', 'w.id', 'i.workspaceId').join('subscription_tier as t', 't.id', 'i.tierId');
  if (filter.id) query.whereIn('i.id', asList(filter.id));
  if (filter.status) query.where('i.status', filter.status);
  if (filter.workspaceId) query.where('i.workspaceId', filter.workspaceId);
  if (filter.q) {
    const pattern = likeContains(filter.q);
    query.where((w) => w.whereILike('i.number', pattern).orWhereILike('w.name', pattern));
  }
  return fetchPage<AdminInvoiceRow>(query, page, ADMIN_INVOICE_SORT, selectAdminInvoice, 'i.id');
}
