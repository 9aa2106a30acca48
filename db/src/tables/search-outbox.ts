import type { Db } from '../knex';
import type { IndexedType } from './search-documents';

// Owner of `search_outbox` and `search_index_state`. Triggers on repositories, runs, findings, fixes and triage
// (migration 20261201200400) write the outbox in the changing transaction; the indexing workflow drains it here.

export interface OutboxEntry {
  docType: IndexedType;
  docId: string;
  /** enqueued_at in microseconds: exact, where a Date would lose the microseconds and never compare equal. */
  version: number;
}

/** Turns the triggers on or off. Off (the Postgres backend), they return at once and the outbox stays empty. */
export async function setSearchOutboxEnabled(db: Db, enabled: boolean): Promise<void> {
  await db.raw('update search_index_state set outbox_enabled = ?', [enabled]);
}

export async function searchIndexState(db: Db): Promise<{ outboxEnabled: boolean; pending: number; lastReindexStartedAt: Date | null; lastReindexFinishedAt: Date | null; lastReindexDocuments: number | null }> {
  const { rows } = await db.raw(`select s.*, (select count(*) from search_outbox where indexed_at is null) as pending from search_index_state s`);
  const r = rows[0] as Record<string, unknown>;
  return {
    outboxEnabled: r.outbox_enabled as boolean,
    pending: Number(r.pending),
    lastReindexStartedAt: r.last_reindex_started_at ? new Date(r.last_reindex_started_at as string) : null,
    lastReindexFinishedAt: r.last_reindex_finished_at ? new Date(r.last_reindex_finished_at as string) : null,
    lastReindexDocuments: (r.last_reindex_documents as number | null) ?? null,
  };
}

/**
 * The oldest pending entries. SKIP LOCKED lets two drains run side by side without taking the same rows; the
 * lock lasts only while the caller's transaction is open, so callers read, index, then mark.
 */
export async function pendingOutboxEntries(db: Db, limit: number): Promise<OutboxEntry[]> {
  const { rows } = await db.raw(
    `select doc_type, doc_id, (extract(epoch from enqueued_at) * 1000000)::bigint as version from search_outbox
     where indexed_at is null order by enqueued_at limit ? for update skip locked`,
    [limit],
  );
  return (rows as { doc_type: IndexedType; doc_id: string; version: number }[]).map((r) => ({ docType: r.doc_type, docId: r.doc_id, version: Number(r.version) }));
}

/** Marks entries indexed, unless they changed again meanwhile (a newer enqueued_at stays pending). */
export async function markOutboxIndexed(db: Db, entries: OutboxEntry[]): Promise<void> {
  if (!entries.length) return;
  await db.raw(
    `update search_outbox o set indexed_at = clock_timestamp() from jsonb_to_recordset(?::jsonb) as e(doc_type text, doc_id uuid, version bigint)
     where o.doc_type = e.doc_type and o.doc_id = e.doc_id and (extract(epoch from o.enqueued_at) * 1000000)::bigint = e.version`,
    [JSON.stringify(entries.map((e) => ({ doc_type: e.docType, doc_id: e.docId, version: e.version })))],
  );
}

/** Forgets entries indexed longer ago than the replay window a reindex needs. */
export async function pruneIndexedOutbox(db: Db, olderThanHours = 24): Promise<number> {
  const result = await db.raw(`delete from search_outbox where indexed_at < now() - make_interval(hours => ?)`, [olderThanHours]);
  return result.rowCount as number;
}

export async function markReindexStarted(db: Db): Promise<Date> {
  const { rows } = await db.raw('update search_index_state set last_reindex_started_at = clock_timestamp() returning last_reindex_started_at');
  return new Date((rows[0] as { last_reindex_started_at: Date }).last_reindex_started_at);
}

/**
 * After the new collections went live: every change since the reindex began is pending again, because the drain
 * may have written it to the collections that were just replaced.
 */
export async function markReindexFinished(db: Db, startedAt: Date, documents: number): Promise<number> {
  await db.raw('update search_index_state set last_reindex_finished_at = clock_timestamp(), last_reindex_documents = ?', [documents]);
  const result = await db.raw('update search_outbox set indexed_at = null where enqueued_at >= ? and indexed_at is not null', [startedAt]);
  return result.rowCount as number;
}
