import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { scheduleIds } from '@argus/workflows/contract';

/**
 * With TYPESENSE_URL set, a Schedule drains the search outbox every few seconds (overlaps skipped: a long drain is
 * never doubled). Without it the Schedule is removed, so a worker that switched back to Postgres stops indexing.
 */
export async function ensureSearchSchedule(client: Client, opts: { taskQueue: string; enabled: boolean; every?: string }): Promise<'created' | 'kept' | 'removed' | 'absent'> {
  const scheduleId = scheduleIds.searchIndexing;
  if (!opts.enabled) {
    try {
      await client.schedule.getHandle(scheduleId).delete();
      return 'removed';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'absent';
      throw err;
    }
  }
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: opts.every ?? '10 seconds' }] },
      action: { type: 'startWorkflow', workflowType: 'indexSearchOutbox', workflowId: 'search-indexing', taskQueue: opts.taskQueue, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'kept';
    throw err;
  }
}
