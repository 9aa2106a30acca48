import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { Errors } from 'typesense';
import {
  INDEXED_TYPES,
  markOutboxIndexed,
  markReindexFinished,
  markReindexStarted,
  pendingOutboxEntries,
  pruneIndexedOutbox,
  searchDocumentsAfter,
  searchDocumentsByIds,
  type IndexedType,
  type Knex,
} from '@argus/db';
import { collectionAlias, collectionSchema, toTypesenseDocument, type TypesenseClient, type TypesenseDocument } from './typesense';

// Activities of the Typesense backend: drain the outbox into the collections, and rebuild a collection from
// Postgres. Both are idempotent: upserts and deletes by id may be repeated, and an entry is marked indexed only
// after Typesense accepted it, so a Typesense outage only delays indexing.

const OUTBOX_BATCH = 500;
const REINDEX_PAGE = 1000;

function requireClient(typesense: TypesenseClient | null): TypesenseClient {
  if (!typesense) throw ApplicationFailure.nonRetryable('TYPESENSE_URL is not set: the Typesense search backend is off.', 'SearchBackendOff');
  return typesense;
}

async function upsertDocuments(client: TypesenseClient, collection: string, docs: TypesenseDocument[]): Promise<void> {
  if (!docs.length) return;
  const results = await client.collections<TypesenseDocument>(collection).documents().import(docs, { action: 'upsert', throwOnFail: false });
  const failed = results.filter((r) => !r.success);
  if (failed.length) throw new Error(`Typesense refused ${failed.length} of ${docs.length} documents in ${collection}: ${failed[0]?.error ?? 'no reason given'}`);
}

async function deleteDocuments(client: TypesenseClient, collection: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await client.collections(collection).documents().delete({ filter_by: `id:[${ids.map((id) => `\`${id}\``).join(',')}]` });
}

async function aliasTarget(client: TypesenseClient, alias: string): Promise<string | null> {
  try {
    return (await client.aliases(alias).retrieve()).collection_name;
  } catch (err) {
    if (err instanceof Errors.ObjectNotFound) return null;
    throw err;
  }
}

export function createSearchIndexingActivities({ knex, typesense }: { knex: Knex; typesense: TypesenseClient | null }) {
  return {
    /**
     * Creates each type's collection and alias where missing. Answers true when any was created: those start
     * empty (the outbox only holds changes made since Typesense was switched on), so the caller reindexes.
     */
    async ensureSearchCollections(): Promise<{ created: boolean }> {
      const client = requireClient(typesense);
      let created = false;
      for (const type of INDEXED_TYPES) {
        const alias = collectionAlias(type);
        if (await aliasTarget(client, alias)) continue;
        const name = `${alias}_${Date.now()}`;
        await client.collections().create(collectionSchema(name));
        await client.aliases().upsert(alias, { collection_name: name });
        created = true;
      }
      return { created };
    },

    /** Indexes pending outbox entries batch by batch until none is left; answers how many documents changed. */
    async drainSearchOutbox(): Promise<{ upserted: number; deleted: number }> {
      const client = requireClient(typesense);
      let upserted = 0;
      let deleted = 0;
      for (;;) {
        const batch = await knex.transaction(async (trx) => {
          const entries = await pendingOutboxEntries(trx, OUTBOX_BATCH);
          for (const type of INDEXED_TYPES) {
            const ids = [...new Set(entries.filter((e) => e.docType === type).map((e) => e.docId))];
            if (!ids.length) continue;
            const docs = await searchDocumentsByIds(trx, type, ids);
            const present = new Set(docs.map((d) => d.id));
            const gone = ids.filter((id) => !present.has(id));
            await upsertDocuments(client, collectionAlias(type), docs.map(toTypesenseDocument));
            await deleteDocuments(client, collectionAlias(type), gone);
            upserted += docs.length;
            deleted += gone.length;
          }
          await markOutboxIndexed(trx, entries);
          return entries.length;
        });
        Context.current().heartbeat({ upserted, deleted });
        if (batch < OUTBOX_BATCH) break;
      }
      await pruneIndexedOutbox(knex);
      return { upserted, deleted };
    },

    async beginSearchReindex(): Promise<{ startedAt: string }> {
      return { startedAt: (await markReindexStarted(knex)).toISOString() };
    },

    /**
     * Builds a fresh collection for one type from Postgres, then points the alias at it and drops the old one, so
     * searches see the old index until the new one is complete. Heartbeats carry the position: a retry resumes.
     */
    async reindexSearchType({ type }: { type: IndexedType }): Promise<{ documents: number }> {
      const client = requireClient(typesense);
      const ctx = Context.current();
      const alias = collectionAlias(type);
      const resume = ctx.info.heartbeatDetails as { collection: string; afterId: string | null; documents: number } | undefined;
      const collection = resume?.collection ?? `${alias}_${Date.now()}`;
      if (!resume) await client.collections().create(collectionSchema(collection));
      let afterId = resume?.afterId ?? null;
      let documents = resume?.documents ?? 0;
      for (;;) {
        const page = await searchDocumentsAfter(knex, type, afterId, REINDEX_PAGE);
        await upsertDocuments(client, collection, page.map(toTypesenseDocument));
        documents += page.length;
        afterId = page[page.length - 1]?.id ?? afterId;
        ctx.heartbeat({ collection, afterId, documents });
        if (page.length < REINDEX_PAGE) break;
      }
      const previous = await aliasTarget(client, alias);
      await client.aliases().upsert(alias, { collection_name: collection });
      if (previous && previous !== collection) {
        await client
          .collections(previous)
          .delete()
          .catch((err: unknown) => {
            if (!(err instanceof Errors.ObjectNotFound)) throw err;
          });
      }
      return { documents };
    },

    /** Makes every change since the reindex began pending again (it may have gone to a replaced collection). */
    async finishSearchReindex({ startedAt, documents }: { startedAt: string; documents: number }): Promise<{ replayed: number }> {
      return { replayed: await markReindexFinished(knex, new Date(startedAt), documents) };
    },
  };
}
