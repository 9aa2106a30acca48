import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { ReindexSearchResult } from './contract';

const { beginSearchReindex, finishSearchReindex, ensureSearchCollections } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 5 } });
const { reindexSearchType } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '5 seconds', nonRetryableErrorTypes: ['SearchBackendOff'] },
});
const { drainSearchOutbox } = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '1 minute', retry: { maximumAttempts: 5 } });

// Not imported from @argus/db: workflow code stays free of it. The same list as INDEXED_TYPES in @argus/db.
const REINDEXED_TYPES = ['repository', 'run', 'finding', 'fix', 'team'] as const;

/**
 * Rebuilds every Typesense collection from Postgres, each into a fresh collection that replaces the live one only
 * when complete, then indexes again whatever changed while it ran.
 */
export async function reindexSearch(): Promise<ReindexSearchResult> {
  await ensureSearchCollections();
  const { startedAt } = await beginSearchReindex();
  const documents: Record<string, number> = {};
  for (const type of REINDEXED_TYPES) documents[type] = (await reindexSearchType({ type })).documents;
  const total = Object.values(documents).reduce((a, b) => a + b, 0);
  const { replayed } = await finishSearchReindex({ startedAt, documents: total });
  await drainSearchOutbox();
  return { documents, replayed };
}
