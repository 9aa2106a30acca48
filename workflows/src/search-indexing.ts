import { ParentClosePolicy, WorkflowIdReusePolicy, executeChild, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import { SEARCH_REINDEX_WORKFLOW_ID, type IndexSearchOutboxResult } from './contract';
import type { reindexSearch } from './search-reindex';

const { ensureSearchCollections } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 5 } });
// A Typesense outage makes the drain fail and retry with backoff; the outbox keeps every change meanwhile.
const { drainSearchOutbox } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds', nonRetryableErrorTypes: ['SearchBackendOff'] },
});

/**
 * Runs on a Temporal Schedule (overlaps skipped) while TYPESENSE_URL is set: indexes what the outbox holds. The
 * first run finds no collections and rebuilds them from Postgres first, since changes made before Typesense was
 * switched on never reached the outbox.
 */
export async function indexSearchOutbox(): Promise<IndexSearchOutboxResult> {
  const { created } = await ensureSearchCollections();
  if (created) {
    await executeChild<typeof reindexSearch>('reindexSearch', {
      workflowId: SEARCH_REINDEX_WORKFLOW_ID,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [],
    });
  }
  const drained = await drainSearchOutbox();
  return { ...drained, reindexed: created };
}
