import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { AggregateAnalyticsInput, AggregateAnalyticsResult } from './contract';

const { rebuildRepositoryRollups, rebuildWorkspaceRollups } = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DAY_MS = 86_400_000;

/**
 * Rebuilds the analytics rollups of a range of days from the source tables (started by the hourly and daily
 * Schedules, or by hand): repositories first, then workspaces, a page at a time. Any page may run twice or
 * overlap with the incremental update of a finished run; both rebuild from the same sources.
 */
export async function aggregateAnalytics(input: AggregateAnalyticsInput = {}): Promise<AggregateAnalyticsResult> {
  const now = workflowInfo().startTime.getTime();
  const to = input.to ?? new Date(now).toISOString().slice(0, 10);
  const from = input.from ?? new Date(now - ((input.days ?? 2) - 1) * DAY_MS).toISOString().slice(0, 10);
  const limit = input.batchSize ?? 200;
  let repositoryRows = 0;
  let workspaceRows = 0;
  for (let afterId: string | null = null; ; ) {
    const page: Awaited<ReturnType<typeof rebuildRepositoryRollups>> = await rebuildRepositoryRollups({ from, to, afterId, limit });
    repositoryRows += page.rows;
    afterId = page.lastId;
    if (page.done) break;
  }
  for (let afterId: string | null = null; ; ) {
    const page: Awaited<ReturnType<typeof rebuildWorkspaceRollups>> = await rebuildWorkspaceRollups({ from, to, afterId, limit });
    workspaceRows += page.rows;
    afterId = page.lastId;
    if (page.done) break;
  }
  return { from, to, repositoryRows, workspaceRows };
}
